import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { LocalPayout } from '../../infra/local/payout-provider/payout-provider-server';
import { callApi, eventually, readStackFile, type DevCredentials } from './support/api-client';
import { createOrderJourney } from './support/order-journey';
import { createSfnClient } from './support/sfn-client';
import { createDataDir, startStack, stopAndRemoveStack, type StackProcess } from './support/stack-process';

/*
 * The operator's runbook of functions/orders/README.md ("Runbook: an order stopped at a payout") on a stack
 * of this suite's own: the payout provider goes down in the middle of a settlement, the settling step gives
 * up after its retries and the execution stops FAILED at it; the provider comes back, RedriveExecution
 * (through @aws-sdk/client-sfn, as `aws stepfunctions redrive-execution` would) runs the step again, and
 * the order completes with each beneficiary paid exactly once.
 */

jest.setTimeout(240_000);

/** dev-credentials.json, with the local payout provider the stack started. */
type Credentials = DevCredentials & { payoutProvider: { url: string; apiKey: string } };

let stack: StackProcess;
let credentials: Credentials;
let journey: ReturnType<typeof createOrderJourney>;
let sfn: SFNClient;

beforeAll(async () => {
  stack = await startStack(createDataDir('order-redrive'));
  credentials = readStackFile<Credentials>(stack.dataDir, 'dev-credentials.json');
  journey = createOrderJourney(stack.apiUrl, credentials);
  sfn = createSfnClient(readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json').sfn!);
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  if (stack) await stopAndRemoveStack(stack);
});

const buyer = () => credentials.tokens.client;
const supplier = () => credentials.tokens.supplier;
const staff = () => credentials.tokens.reviewer;
const day = 86_400_000;

/** Starts (POST), ends (DELETE) or reads (GET) the local payout provider's simulated outage. */
async function outage(method: 'POST' | 'DELETE' | 'GET', body?: Record<string, unknown>) {
  const response = await fetch(`${credentials.payoutProvider.url}/_local/outage`, {
    method,
    headers: { Authorization: `Bearer ${credentials.payoutProvider.apiKey}`, 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as { active: boolean; refused: number } };
}

/** Every payout the provider holds for the order (its data file, `payout-provider.json`). */
function providerPayoutsOf(orderId: string): LocalPayout[] {
  const { payouts } = readStackFile<{ payouts: LocalPayout[] }>(stack.dataDir, 'payout-provider.json');
  return payouts.filter((payout) => payout.request.metadata.orderId === orderId);
}

/** The ARN of an order's execution: the assured-order machine's, named after the order. */
async function executionArnOf(orderId: string): Promise<string> {
  const machines = await sfn.send(new ListStateMachinesCommand({}));
  const machineArn = machines.stateMachines!.find((machine) => machine.name === 'assured-order')!.stateMachineArn!;
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
}

const describeExecution = (executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));

async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
}

/** The state an execution failed in: the last state entered before ExecutionFailed. */
function failedStateOf(events: HistoryEvent[]): { state?: string; error?: string } {
  const failedAt = events.findLastIndex((event) => event.type === 'ExecutionFailed');
  const entered = events.slice(0, failedAt).findLast((event) => event.type?.endsWith('StateEntered'));
  return { state: entered?.stateEnteredEventDetails?.name, error: events[failedAt - 1]?.taskFailedEventDetails?.error };
}

/** Pays, ships and delivers an order of 500,000 USD cents, and the buyer confirms receipt and claims 200,000. */
async function claimedOrder(): Promise<{ orderId: string; claimId: string }> {
  const today = await journey.clockNow();
  const orderId = await journey.placeOrder(buyer(), {
    supplierId: credentials.parties.supplier,
    items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: 100, unitPrice: 5_000 }],
    currency: 'USD',
    coverage: 'FULL',
    shipBy: new Date(today.getTime() + 20 * day).toISOString().slice(0, 10),
    destinationCountry: 'DE',
    qualitySpec: '100% cotton, 180 gsm',
  });
  await journey.confirmOrder(supplier(), orderId);
  await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
  expect((await journey.pay(orderId, 500_000)).status).toBe(200);
  await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
  const now = (await journey.clockNow()).toISOString();
  expect((await journey.reportShipment(orderId, 'SHIPPED', now)).status).toBe(200);
  await journey.waitForStatus(buyer(), orderId, ['SHIPPED']);
  expect((await journey.reportShipment(orderId, 'DELIVERED', now)).status).toBe(200);
  await journey.waitForStatus(buyer(), orderId, ['DELIVERED']);
  expect((await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/receipt`, { token: buyer() })).status).toBe(200);
  await journey.waitForMilestone(buyer(), orderId, 'CLAIM');
  const claim = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
    token: buyer(),
    body: { reason: 'QUALITY', description: 'Half the shirts are 150 gsm, not 180 gsm', requestedAmount: 200_000 },
  });
  expect(claim.status).toBe(201);
  await journey.waitForMilestone(buyer(), orderId, 'CLAIM_RESOLUTION');
  return { orderId, claimId: claim.body.claimId as string };
}

/** An order view's ledger movements as `KIND amount`, sorted. */
const movementsOf = (view: { movements: { kind: string; amount: number }[] }) =>
  view.movements.map((movement) => `${movement.kind} ${movement.amount}`).sort();

type TimelineEntry = { type: string; detail?: Record<string, unknown> };
const attemptsOf = (view: { timeline: TimelineEntry[] }) =>
  view.timeline.filter((entry) => entry.type === 'SETTLEMENT_ATTEMPT_FAILED');

describe('redriving an order stopped at a payout (functions/orders/README.md, runbook)', () => {
  it('completes the order with one payout per beneficiary once the provider is back and the execution redriven', async () => {
    // Prepare: the provider pays the refund, then goes down before the release
    const { orderId, claimId } = await claimedOrder();
    const executionArn = await executionArnOf(orderId);
    expect((await outage('POST', { startsAfterCalls: 1 })).status).toBe(200);
    const accepted = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/response`, {
      token: supplier(),
      body: { accept: true },
    });
    expect(accepted.status).toBe(200);
    await journey.waitForTimelineEntry(staff(), orderId, 'SETTLEMENT_ATTEMPT_FAILED');
    // the refund paid before the outage is confirmed (so no retry asks for it again), then the retries run out
    await eventually(
      async () => providerPayoutsOf(orderId),
      (payouts) => payouts.length === 1 && payouts[0]!.webhook.deliveredAt !== undefined,
    );
    for (let retry = 0; retry < 10 && (await describeExecution(executionArn)).status === 'RUNNING'; retry++) {
      expect((await journey.advanceClock('PT2M')).status).toBe(200);
    }
    const stopped = await eventually(
      () => describeExecution(executionArn),
      (described) => described.status !== 'RUNNING',
    );
    const failedState = failedStateOf(await historyOf(executionArn));
    const staffView = await journey.readOrder(staff(), orderId);
    const buyerView = await journey.readOrder(buyer(), orderId);
    // the operator's fix: the provider is back
    const ended = await outage('DELETE');

    // Act
    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const order = await journey.waitForStatus(staff(), orderId, ['COMPLETED'], 30_000);
    const described = await eventually(
      () => describeExecution(executionArn),
      (execution) => execution.status !== 'RUNNING',
    );
    const history = await historyOf(executionArn);
    const invariants = await callApi(stack.apiUrl, 'GET', `/admin/ledger/invariants?orderId=${orderId}`, {
      token: credentials.tokens.admin,
    });

    // Assess: it stopped FAILED at the settling step, redrivable, the failed attempts on the staff timeline
    expect(stopped).toMatchObject({
      status: 'FAILED',
      error: 'PayoutProviderUnavailable',
      redriveCount: 0,
      redriveStatus: 'REDRIVABLE',
    });
    expect(stopped.cause).toContain('503');
    expect(failedState).toEqual({ state: 'SettleClaimAccepted', error: 'PayoutProviderUnavailable' });
    expect(staffView.settlement).toBeUndefined();
    // the ledger booked the refund and the release at the first attempt: the redrive must not book them again
    expect(movementsOf(staffView)).toEqual(['PAYMENT 500000', 'REFUND 200000', 'RELEASE 300000']);
    expect(attemptsOf(staffView)).toHaveLength(6); // the first attempt and its 5 retries
    expect(attemptsOf(staffView)[0]!.detail).toMatchObject({ step: 'SETTLE', error: 'PayoutProviderUnavailable' });
    expect(attemptsOf(buyerView)).toEqual([]);
    expect(ended.body).toMatchObject({ active: false, refused: 6 });
    // the redrive ran the settling step again, and the workflow went on to close the order
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(history.filter((event) => event.type === 'ExecutionRedriven')).toHaveLength(1);
    expect(history[history.findIndex((event) => event.type === 'ExecutionRedriven') + 1]).toMatchObject({
      type: 'TaskStateEntered',
      stateEnteredEventDetails: { name: 'SettleClaimAccepted' },
    });
    expect(order.settlement).toMatchObject({ outcome: 'CLAIM_ACCEPTED', refunded: 200_000, released: 300_000 });
    // one payout per beneficiary: on the order, in its ledger and at the provider
    const onOrder = (order.settlement.payouts as { beneficiary: string; amount: number; status: string }[])
      .map((payout) => `${payout.beneficiary} ${payout.amount} ${payout.status}`)
      .sort();
    expect(onOrder).toEqual(['BUYER 200000 PAID', 'SUPPLIER 300000 PAID']);
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'REFUND 200000', 'RELEASE 300000']);
    const atProvider = providerPayoutsOf(orderId);
    expect(
      atProvider.map((payout) => `${payout.request.beneficiary.role} ${payout.request.amount} ${payout.status}`).sort(),
    ).toEqual(['BUYER 200000 paid', 'SUPPLIER 300000 paid']);
    expect(atProvider.map((payout) => payout.id).sort()).toEqual(
      (order.settlement.payouts as { providerPayoutId: string }[]).map((payout) => payout.providerPayoutId).sort(),
    );
    expect(invariants.status).toBe(200);
    expect(invariants.body).toMatchObject({ ok: true, violations: [], orderIds: [orderId], unknownOrderIds: [] });
  });
});
