import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkLedgerInvariants } from '../../functions/orders/ledger/check-ledger-invariants';
import { findEscrowBalance } from '../../functions/orders/ledger/ledger-repository';
import { findTradeAssuranceAccount } from '../../functions/orders/repositories/order-repository';
import { localResourceNames } from '../../infra/local/local-stack-config';
import { findOrder } from '../../functions/orders/repositories/order-repository';
import { findPartyRecord } from '../../functions/kernel/parties/repositories/party-repository';
import { callApi, eventually, readStackFile, signUp, type DevCredentials } from './support/api-client';
import { anaSouza, individualApplication, passportOf, utilityBillOf } from './support/kyc-documents';
import { createKycJourney } from './support/kyc-journey';
import { createOrderJourney } from './support/order-journey';
import { orderFixtures } from './support/order-fixtures';
import { createDataDir, startStack, stopAndRemoveStack, type StackProcess } from './support/stack-process';
import { connectStackTable } from './support/stack-table';
import { createSfnClient } from './support/sfn-client';
import { DescribeExecutionCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';

/*
 * Assured orders end to end on the local stack: the assured-order workflow driven by signed partner
 * webhooks, the buyer's and supplier's calls, reviewers' decisions and clock jumps. The tests move the
 * clock by days, so they run on a stack of their own, in this order.
 */

jest.setTimeout(240_000);

let stack: StackProcess;
let credentials: DevCredentials;
let journey: ReturnType<typeof createOrderJourney>;
let db: DynamoDBDocumentClient;
let touched: string[] = [];
let fixtures: ReturnType<typeof orderFixtures>;

beforeAll(async () => {
  stack = await startStack(createDataDir('assured-orders'));
  credentials = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json');
  journey = createOrderJourney(stack.apiUrl, credentials);
  const endpoints = readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json');
  db = connectStackTable(endpoints).db;
  fixtures = orderFixtures({ db, tableName: localResourceNames.tableName }, stack.apiUrl);
});

beforeEach(() => {
  touched = [];
});

afterEach(async () => {
  // every scenario leaves an exact ledger: entries sum to zero, balances match, closed orders hold nothing
  expect(await checkLedgerInvariants({ db, tableName: localResourceNames.tableName }, touched)).toEqual({
    ok: true,
    violations: [],
  });
});

afterAll(async () => {
  db?.destroy();
  if (stack) await stopAndRemoveStack(stack);
});

const day = 86_400_000;

/** An order of 100 × 50.00 USD (total 500,000 minor units) from the demo supplier. */
async function orderBody(change: Record<string, unknown> = {}) {
  const today = await journey.clockNow();
  return {
    supplierId: credentials.parties.supplier,
    items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: 100, unitPrice: 5_000 }],
    currency: 'USD',
    coverage: 'FULL',
    shipBy: new Date(today.getTime() + 20 * day).toISOString().slice(0, 10),
    destinationCountry: 'DE',
    qualitySpec: '100% cotton, 180 gsm, sizes S-XL as per the size chart',
    ...change,
  };
}

/** Places an order and, unless told otherwise, has its supplier confirm it: it then awaits payment. */
async function placeOrder(change: Record<string, unknown> = {}, buyerToken = buyer(), { confirm = true } = {}) {
  const orderId = await journey.placeOrder(buyerToken, await orderBody(change));
  touched.push(orderId);
  if (confirm) await journey.confirmOrder(supplierTokenOf(change.supplierId), orderId);
  return orderId;
}

/** The token of a client acting for the order's supplier: the demo supplier's, or a fixture supplier's. */
function supplierTokenOf(supplierId: unknown): string {
  return supplierId === undefined || supplierId === credentials.parties.supplier
    ? credentials.tokens.supplier
    : fixtures.supplierToken(String(supplierId));
}

const buyer = () => credentials.tokens.client;
/** Compliance records, review tasks and reviewers' reasons are in the staff view only. */
const staff = () => credentials.tokens.reviewer;

/** A second reviewer approves a four-eyes proposal. */
function approve(taskId: string, reason: string) {
  return callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/approval`, {
    token: credentials.tokens.reviewer2,
    body: { approve: true, reason },
  });
}
const supplier = () => credentials.tokens.supplier;

/**
 * The staff view of a held order once its COMPLIANCE_HOLD task is recorded on it (the order and its
 * timeline are two reads: wait for the task id itself).
 */
async function heldForReview(orderId: string) {
  const held = await eventually(
    () => journey.readOrder(staff(), orderId),
    (view) => typeof view.compliance?.review?.taskId === 'string',
    20_000,
  );
  if (!held.compliance?.review?.taskId) throw new Error(`order ${orderId} has no compliance review task`);
  return held;
}

/** An order of export-controlled goods (HS 930700, arms), held for a compliance officer; not confirmed. */
async function placeHeldOrder(supplierId: string) {
  const items = [{ description: 'Hunting rifle scopes', hsCode: '930700', quantity: 100, unitPrice: 5_000 }];
  const orderId = await placeOrder({ supplierId, items }, buyer(), { confirm: false });
  return { orderId, held: await heldForReview(orderId) };
}

function readOrder(orderId: string) {
  return journey.readOrder(buyer(), orderId);
}

function movementsOf(order: { movements: { kind: string; amount: number }[] }) {
  return order.movements.map((movement) => `${movement.kind} ${movement.amount}`);
}

async function coverageOf(supplierId = credentials.parties.supplier) {
  const account = await findTradeAssuranceAccount({ db, tableName: localResourceNames.tableName }, supplierId);
  return { available: account!.available!, reserved: account!.reserved };
}

/**
 * A supplier of the test's own, qualified by an admin's override. Claims count as disputes on the demo
 * supplier's record, and two of them would disqualify it, so only the scenarios where the supplier
 * itself answers use the demo supplier (whose token the stack issues).
 */
function ownSupplier() {
  return fixtures.createSupplier({ limit: 50_000_000 });
}

/** Pays, ships and delivers an order, and the buyer confirms receipt: the claim window is open. */
async function receivedOrder(change: Record<string, unknown> = {}, buyerToken = buyer()) {
  const orderId = await placeOrder(change, buyerToken);
  await journey.waitForMilestone(buyerToken, orderId, 'PAYMENT');
  expect((await journey.pay(orderId, 500_000)).status).toBe(200);
  await journey.waitForMilestone(buyerToken, orderId, 'SHIPMENT');
  const now = (await journey.clockNow()).toISOString();
  expect((await journey.reportShipment(orderId, 'SHIPPED', now)).status).toBe(200);
  await journey.waitForStatus(buyerToken, orderId, ['SHIPPED']);
  expect((await journey.reportShipment(orderId, 'DELIVERED', now)).status).toBe(200);
  await journey.waitForStatus(buyerToken, orderId, ['DELIVERED']);
  const receipt = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/receipt`, { token: buyerToken });
  expect(receipt.status).toBe(200);
  await journey.waitForMilestone(buyerToken, orderId, 'CLAIM');
  return orderId;
}

/**
 * A brand-new client, as a new user of the marketplace: local sign-up, then a KYC case of its own taken to
 * APPROVED from its documents. Nothing seeded stands in for any step.
 */
async function newlyApprovedBuyer() {
  const identity = await signUp(stack.apiUrl, 'client', 'ana.souza');
  const kyc = createKycJourney(stack.apiUrl);
  const today = await kyc.clockNow();
  const caseId = await kyc.openCase(identity.token, individualApplication(anaSouza));
  await kyc.uploadDocument(identity.token, caseId, 'PASSPORT', await passportOf(anaSouza, today));
  await kyc.uploadDocument(identity.token, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
  expect((await kyc.submit(identity.token, caseId)).status).toBe(202);
  const decided = await kyc.waitForStatus(identity.token, caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);
  expect(decided.status).toBe('APPROVED');
  return identity;
}

async function openClaim(orderId: string, requestedAmount: number, reason = 'QUALITY') {
  const response = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
    token: buyer(),
    body: { reason, description: 'Half the shirts are 150 gsm, not the 180 gsm of the quality spec', requestedAmount },
  });
  expect(response.status).toBe(201);
  await journey.waitForMilestone(buyer(), orderId, 'CLAIM_RESOLUTION');
  return response.body.claimId as string;
}

describe('assured orders on the local clock', () => {
  it('takes an order through payment, shipment, delivery and receipt to release after the claim window', async () => {
    // Prepare
    const coverageBefore = await coverageOf();
    const profileBefore = await callApi(stack.apiUrl, 'GET', `/suppliers/${credentials.parties.supplier}/profile`, {
      token: buyer(),
    });
    const orderId = await receivedOrder();
    const whileOpen = await coverageOf();

    // Act: the 30-day claim window passes without a claim
    await journey.advanceClock('P31D');
    const order = await journey.waitForStatus(buyer(), orderId, ['COMPLETED']);
    const profileAfter = await callApi(stack.apiUrl, 'GET', `/suppliers/${credentials.parties.supplier}/profile`, {
      token: buyer(),
    });

    // Assess
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'RELEASE 500000']);
    expect(order.settlement).toMatchObject({ outcome: 'NO_CLAIM', refunded: 0, released: 500_000 });
    expect(order.settlement.payouts).toEqual([
      expect.objectContaining({ beneficiary: 'SUPPLIER', amount: 500_000, status: 'PAID' }),
    ]);
    expect(order.reservation.releasedAt).toEqual(expect.any(String));
    expect(whileOpen.reserved).toBe(coverageBefore.reserved + 500_000);
    expect((await coverageOf()).reserved).toBe(coverageBefore.reserved);
    const types = order.timeline.map((entry: { type: string }) => entry.type);
    // the counterparty screening is on the staff view only
    expect(types).not.toContain('COUNTERPARTIES_SCREENED');
    expect((await journey.readOrder(staff(), orderId)).timeline.map((entry: { type: string }) => entry.type)).toContain(
      'COUNTERPARTIES_SCREENED',
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'ORDER_CREATED',
        'PAYMENT_RECEIVED',
        'SHIPPED',
        'DELIVERED',
        'RECEIPT_CONFIRMED',
        'ESCROW_SETTLED',
        'PAYOUT_CONFIRMED',
        'COVERAGE_RELEASED',
        'ORDER_CLOSED',
      ]),
    );
    expect(profileAfter.body.last12Months.transactions).toBe(profileBefore.body.last12Months.transactions + 1);
  });

  it('refunds the covered amount exactly once when the ship-by date passes, however often the clock moves', async () => {
    // Prepare: ship by the day after tomorrow, paid, never shipped
    const today = await journey.clockNow();
    const shipBy = new Date(today.getTime() + 2 * day).toISOString().slice(0, 10);
    const orderId = await placeOrder({ shipBy });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');

    // Act: past the deadline, and past it again
    await journey.advanceClock('P4D');
    const refunded = await journey.waitForStatus(buyer(), orderId, ['REFUNDED']);
    await journey.advanceClock('P4D');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const later = await readOrder(orderId);
    const lateShipment = await journey.reportShipment(orderId, 'SHIPPED', (await journey.clockNow()).toISOString());
    const afterLateShipment = await readOrder(orderId);

    // Assess
    expect(movementsOf(refunded)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(refunded.settlement).toMatchObject({ outcome: 'SHIP_BY_MISSED', refunded: 500_000, released: 0 });
    expect(movementsOf(later)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(later.status).toBe('REFUNDED');
    // a shipment reported after the refund is refused: it cannot undo the refund, nor touch the order
    expect(lateShipment.status).toBe(409);
    expect(lateShipment.body.code).toBe('ORDER_NOT_SHIPPABLE');
    expect(afterLateShipment.shipment).toBeUndefined();
    expect(movementsOf(afterLateShipment)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(afterLateShipment.status).toBe('REFUNDED');
  });

  it('refunds everything paid on a DEPOSIT order whose ship-by date passes: the supplier that never shipped gets nothing', async () => {
    // Prepare: 1,500.00 of the 5,000.00 covered, all 5,000.00 paid, never shipped
    const today = await journey.clockNow();
    const shipBy = new Date(today.getTime() + 2 * day).toISOString().slice(0, 10);
    // a supplier of its own: a second missed ship-by date would disqualify the demo supplier for the rest
    const supplierId = await ownSupplier();
    const orderId = await placeOrder({ supplierId, shipBy, coverage: 'DEPOSIT', depositAmount: 150_000 });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');

    // Act
    await journey.advanceClock('P4D');
    const refunded = await journey.waitForStatus(buyer(), orderId, ['REFUNDED']);

    // Assess
    expect(movementsOf(refunded)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(refunded.settlement).toMatchObject({ outcome: 'SHIP_BY_MISSED', refunded: 500_000, released: 0 });
    // the ledger invariants are checked after every scenario (afterEach)
  });

  it('settles claims by agreement: the supplier accepts one, and offers less on another, which the buyer takes', async () => {
    // Prepare: both orders are placed before the claims, which count against the demo supplier's record
    const accepted = await receivedOrder();
    const offered = await receivedOrder();
    const acceptedClaim = await openClaim(accepted, 120_000);
    const offeredClaim = await openClaim(offered, 200_000, 'NOT_AS_DESCRIBED');
    const respond = (orderId: string, claimId: string, body: Record<string, unknown>) =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/response`, { token: supplier(), body });

    // Act
    const acceptance = await respond(accepted, acceptedClaim, { accept: true, message: 'Agreed, the batch was light' });
    const offerTooHigh = await respond(offered, offeredClaim, { accept: false, offerAmount: 200_000 });
    const offer = await respond(offered, offeredClaim, {
      accept: false,
      offerAmount: 80_000,
      message: 'Half was fine',
    });
    const secondAnswer = await respond(offered, offeredClaim, { accept: true });
    const takeOffer = await callApi(stack.apiUrl, 'POST', `/orders/${offered}/claims/${offeredClaim}/acceptance`, {
      token: buyer(),
    });
    const acceptedOrder = await journey.waitForStatus(buyer(), accepted, ['COMPLETED']);
    const offeredOrder = await journey.waitForStatus(buyer(), offered, ['COMPLETED']);

    // Assess
    expect(acceptance.status).toBe(200);
    expect(acceptance.body).toMatchObject({ status: 'ACCEPTED', agreedAmount: 120_000, response: { accept: true } });
    expect(movementsOf(acceptedOrder)).toEqual(
      expect.arrayContaining(['PAYMENT 500000', 'REFUND 120000', 'RELEASE 380000']),
    );
    expect(acceptedOrder.movements).toHaveLength(3);
    expect(acceptedOrder.settlement).toMatchObject({ outcome: 'CLAIM_ACCEPTED', refunded: 120_000, released: 380_000 });
    expect(offerTooHigh.status).toBe(422);
    expect(offerTooHigh.body).toMatchObject({ code: 'OFFER_NOT_BELOW_REQUEST' });
    expect(offer.body).toMatchObject({ status: 'OFFERED', response: { accept: false, offerAmount: 80_000 } });
    expect(secondAnswer.status).toBe(409);
    expect(takeOffer.status).toBe(200);
    expect(takeOffer.body).toMatchObject({ status: 'ACCEPTED', agreedAmount: 80_000 });
    expect(movementsOf(offeredOrder)).toEqual(
      expect.arrayContaining(['PAYMENT 500000', 'REFUND 80000', 'RELEASE 420000']),
    );
    expect(offeredOrder.settlement).toMatchObject({ outcome: 'CLAIM_ACCEPTED', refunded: 80_000, released: 420_000 });
  });

  it('takes a NOT_RECEIVED claim before receipt, and a determination refunds it', async () => {
    // Prepare: shipped, the carrier says delivered, the buyer has nothing
    const orderId = await placeOrder({ supplierId: await ownSupplier() });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    const now = (await journey.clockNow()).toISOString();
    const qualityTooEarly = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
      token: buyer(),
      body: { reason: 'QUALITY', description: 'Not here yet', requestedAmount: 1_000 },
    });
    expect((await journey.reportShipment(orderId, 'SHIPPED', now)).status).toBe(200);
    expect((await journey.reportShipment(orderId, 'DELIVERED', now)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'RECEIPT');

    // Act
    const claimId = await openClaim(orderId, 500_000, 'NOT_RECEIVED');
    await journey.advanceClock('P8D');
    const escalated = await journey.waitForStatus(staff(), orderId, ['IN_DETERMINATION']);
    const proposed = await callApi(stack.apiUrl, 'POST', `/review/tasks/${escalated.determination.taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'REFUND', amount: 500_000, reason: 'The carrier cannot show a proof of delivery' },
    });
    const beforeApproval = await readOrder(orderId);
    // a refund of USD 5,000 or more needs four eyes: a second reviewer approves it
    const decided = await approve(escalated.determination.taskId, 'Proof of delivery missing; refund agreed');
    const order = await journey.waitForStatus(buyer(), orderId, ['COMPLETED']);

    // Assess
    expect(qualityTooEarly.status).toBe(409);
    expect(qualityTooEarly.body).toMatchObject({ code: 'NOT_CLAIMABLE' });
    expect(escalated.claim).toMatchObject({ claimId, reason: 'NOT_RECEIVED', status: 'ESCALATED' });
    expect(escalated.receipt).toBeUndefined();
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      status: 'PENDING_APPROVAL',
      proposal: { ruleIds: ['four-eyes/large-refund'] },
    });
    expect(beforeApproval.status).toBe('IN_DETERMINATION');
    expect(beforeApproval.movements).toHaveLength(1);
    expect(decided.status).toBe(200);
    expect(decided.body.decision).toMatchObject({
      decision: 'REFUND',
      amount: 500_000,
      approvedBy: expect.any(Object),
    });
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(order.settlement).toMatchObject({ outcome: 'DETERMINATION', refunded: 500_000, released: 0 });
  });

  it('escalates an ignored claim on day 8 to a determination, refunds what the reviewer decides and releases the rest', async () => {
    // Prepare
    const orderId = await receivedOrder({ supplierId: await ownSupplier() });
    const claimId = await openClaim(orderId, 300_000);
    const tooEarly = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/escalation`, {
      token: buyer(),
    });
    const wrongParty = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/response`, {
      token: buyer(),
      body: { accept: true, message: 'I accept my own claim' },
    });

    // Act: the supplier stays silent for a week
    await journey.advanceClock('P8D');
    const escalated = await journey.waitForStatus(staff(), orderId, ['IN_DETERMINATION']);
    const taskId = escalated.determination.taskId as string;
    const task = await callApi(stack.apiUrl, 'GET', `/review/tasks/${taskId}`, { token: credentials.tokens.reviewer });
    const overLimit = await callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'REFUND', amount: 600_000, reason: 'More than covered' },
    });
    const decided = await callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'REFUND', amount: 150_000, reason: 'Half the lot is under spec; refund half the claim' },
    });
    const order = await journey.waitForStatus(buyer(), orderId, ['COMPLETED']);

    // Assess
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ code: 'ESCALATION_TOO_EARLY' });
    expect(wrongParty.status).toBe(403);
    expect(escalated.claim).toMatchObject({ status: 'ESCALATED', escalation: { by: 'AUTOMATIC' } });
    expect(task.body).toMatchObject({ kind: 'DISPUTE_DETERMINATION', allowedDecisions: ['REFUND', 'RELEASE'] });
    expect(task.body.evidence.order.claim).toMatchObject({ claimId, requestedAmount: 300_000 });
    expect(overLimit.status).toBe(422);
    expect(decided.status).toBe(200);
    expect(movementsOf(order)).toEqual(expect.arrayContaining(['PAYMENT 500000', 'REFUND 150000', 'RELEASE 350000']));
    expect(order.movements).toHaveLength(3);
    expect(order.settlement).toMatchObject({ outcome: 'DETERMINATION', refunded: 150_000, released: 350_000 });
  });

  it('lets the buyer escalate an unanswered claim from day 4; a reviewer who releases pays the supplier in full', async () => {
    // Prepare
    const orderId = await receivedOrder({ supplierId: await ownSupplier() });
    const overCoverage = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
      token: buyer(),
      body: { reason: 'QUALITY', description: 'Everything is wrong', requestedAmount: 500_001 },
    });
    const claimId = await openClaim(orderId, 200_000);
    const secondClaim = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
      token: buyer(),
      body: { reason: 'QUALITY', description: 'And another thing', requestedAmount: 1_000 },
    });
    const noTask = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/escalation`, {
      token: supplier(),
    });

    // Act: the supplier (here a test party without a token) cannot answer; on day 4 the buyer escalates
    await journey.advanceClock('P3DT1H');
    const escalation = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimId}/escalation`, {
      token: buyer(),
    });
    const escalated = await journey.waitForStatus(staff(), orderId, ['IN_DETERMINATION']);
    const decided = await callApi(stack.apiUrl, 'POST', `/review/tasks/${escalated.determination.taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'RELEASE', reason: 'The lab report shows 180 gsm; the goods meet the spec' },
    });
    const order = await journey.waitForStatus(buyer(), orderId, ['COMPLETED']);

    // Assess
    expect(overCoverage.status).toBe(422);
    expect(overCoverage.body).toMatchObject({ code: 'CLAIM_EXCEEDS_COVERAGE', coveredAmount: 500_000 });
    expect(secondClaim.status).toBe(409);
    expect(secondClaim.body).toMatchObject({ code: 'CLAIM_EXISTS', claimId });
    expect(noTask.status).toBe(403);
    expect(escalation.status).toBe(200);
    expect(escalation.body).toMatchObject({ status: 'ESCALATED', escalation: { by: 'BUYER' } });
    expect(decided.status).toBe(200);
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'RELEASE 500000']);
    expect(order.settlement).toMatchObject({ outcome: 'DETERMINATION', refunded: 0, released: 500_000 });
  });

  it('cancels an order that is not paid within 7 days and gives its coverage back', async () => {
    // Prepare
    const supplierId = await ownSupplier();
    const before = await coverageOf(supplierId);
    const orderId = await placeOrder({ supplierId });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    const whileOpen = await coverageOf(supplierId);

    // Act
    await journey.advanceClock('P8D');
    // CANCELLED at once (no payment may enter any more), closed once the coverage is back
    await journey.waitForStatus(buyer(), orderId, ['CANCELLED']);
    const order = await journey.waitForTimelineEntry(buyer(), orderId, 'ORDER_CLOSED');
    const latePayment = await journey.pay(orderId, 500_000);

    // Assess
    expect(whileOpen.available).toBe(before.available - 500_000);
    expect(order.status).toBe('CANCELLED');
    expect(order.cancellation).toMatchObject({ reason: 'PAYMENT_TIMEOUT' });
    expect(order.reservation.releasedAt).toEqual(expect.any(String));
    expect(await coverageOf(supplierId)).toEqual(before);
    expect(latePayment.status).toBe(409);
    expect(latePayment.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    expect((await readOrder(orderId)).movements).toEqual([]);
  });

  it('reserves the coverage only when the supplier confirms; a payment before that is refused and moves nothing', async () => {
    // Prepare
    const supplierId = await ownSupplier();
    const supplierToken = fixtures.supplierToken(supplierId);
    const before = await coverageOf(supplierId);
    const orderId = await placeOrder({ supplierId }, buyer(), { confirm: false });
    const awaiting = await journey.waitForMilestone(buyer(), orderId, 'CONFIRMATION');
    const afterPlacing = await coverageOf(supplierId);

    // Act
    const earlyPayment = await journey.pay(orderId, 500_000);
    const byTheBuyer = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/confirmation`, {
      token: buyer(),
      body: { accept: true },
    });
    const confirmed = await journey.answerOrder(supplierToken, orderId);
    const afterConfirming = await coverageOf(supplierId);
    const again = await journey.answerOrder(supplierToken, orderId);
    const declinedAfter = await journey.answerOrder(supplierToken, orderId, {
      accept: false,
      reason: 'Changed my mind',
    });
    const asBuyer = await journey.waitForStatus(buyer(), orderId, ['AWAITING_PAYMENT']);
    const asSupplier = await journey.readOrder(supplierToken, orderId);

    // Assess
    expect(awaiting.status).toBe('AWAITING_SUPPLIER_CONFIRMATION');
    expect(Date.parse(awaiting.confirmBy) - Date.parse(awaiting.createdAt)).toBe(3 * day);
    expect(afterPlacing).toEqual(before);
    expect(earlyPayment.status).toBe(409);
    expect(earlyPayment.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    expect(byTheBuyer.status).toBe(403);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      orderId,
      status: 'AWAITING_PAYMENT',
      accepted: true,
      coveredAmount: 500_000,
    });
    expect(Date.parse(confirmed.body.payBy) - Date.parse(confirmed.body.at)).toBe(7 * day);
    expect(afterConfirming).toEqual({ available: before.available - 500_000, reserved: before.reserved + 500_000 });
    expect(again).toMatchObject({ status: 200, body: confirmed.body });
    expect(declinedAfter.status).toBe(409);
    expect(declinedAfter.body).toMatchObject({ code: 'ORDER_ALREADY_ANSWERED' });
    for (const view of [asBuyer, asSupplier]) {
      expect(view).toMatchObject({ confirmBy: awaiting.confirmBy, payBy: confirmed.body.payBy });
      expect(view.supplierConfirmation).toEqual({ accepted: true, at: confirmed.body.at });
      expect(view.movements).toEqual([]);
    }
    expect(asBuyer.timeline.map((entry: { type: string }) => entry.type)).toContain('SUPPLIER_CONFIRMED');
  });

  it('closes an order its supplier declines, with nothing reserved and the reason for the buyer', async () => {
    // Prepare
    const supplierId = await ownSupplier();
    const before = await coverageOf(supplierId);
    const orderId = await placeOrder({ supplierId }, buyer(), { confirm: false });

    // Act
    const declined = await journey.answerOrder(fixtures.supplierToken(supplierId), orderId, {
      accept: false,
      reason: 'We cannot make 180 gsm by that date',
    });
    const order = await journey.waitForTimelineEntry(buyer(), orderId, 'ORDER_CLOSED');
    const latePayment = await journey.pay(orderId, 500_000);

    // Assess
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'DECLINED',
      accepted: false,
      reason: 'We cannot make 180 gsm by that date',
    });
    expect(order.status).toBe('DECLINED');
    expect(order.supplierConfirmation).toMatchObject({
      accepted: false,
      reason: 'We cannot make 180 gsm by that date',
    });
    expect(order.supplierConfirmation).not.toHaveProperty('by');
    expect(order).not.toHaveProperty('reservation');
    expect(order.movements).toEqual([]);
    expect(latePayment.status).toBe(409);
    expect(await coverageOf(supplierId)).toEqual(before);
  });

  it('cancels an order its supplier did not answer by confirmBy, and refuses a late confirmation', async () => {
    // Prepare
    const supplierId = await ownSupplier();
    const before = await coverageOf(supplierId);
    const orderId = await placeOrder({ supplierId }, buyer(), { confirm: false });
    await journey.waitForMilestone(buyer(), orderId, 'CONFIRMATION');

    // Act
    await journey.advanceClock('P3DT1M');
    const order = await journey.waitForTimelineEntry(buyer(), orderId, 'ORDER_CLOSED');
    const late = await journey.answerOrder(fixtures.supplierToken(supplierId), orderId);

    // Assess
    expect(order.status).toBe('CANCELLED');
    expect(order.cancellation).toMatchObject({ reason: 'CONFIRMATION_TIMEOUT' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ORDER_NOT_CONFIRMABLE' });
    expect(order.movements).toEqual([]);
    expect(await coverageOf(supplierId)).toEqual(before);
  });

  it("holds an order of export-controlled goods for a compliance officer, who clears it for the supplier's confirmation", async () => {
    // Prepare: HS 930700 (arms) is export-controlled, which holds the order
    const supplierId = await ownSupplier();
    const { orderId, held } = await placeHeldOrder(supplierId);
    const taskId = held.compliance.review.taskId as string;
    const confirmedWhileHeld = await journey.answerOrder(fixtures.supplierToken(supplierId), orderId);

    // Act
    const proposed = await callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'APPROVE', reason: 'End-user statement on file; civilian use' },
    });
    const sameReviewer = await callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/approval`, {
      token: credentials.tokens.reviewer,
      body: { approve: true, reason: 'My own proposal' },
    });
    const decided = await approve(taskId, 'End-user statement checked');
    const cleared = await journey.waitForStatus(staff(), orderId, ['AWAITING_SUPPLIER_CONFIRMATION']);
    await journey.confirmOrder(fixtures.supplierToken(supplierId), orderId);
    const asBuyer = await journey.waitForStatus(buyer(), orderId, ['AWAITING_PAYMENT']);

    // Assess
    expect(held.status).toBe('COMPLIANCE_HOLD');
    // the supplier answers only once the hold is cleared, and learns no rule or evidence of why it was held
    expect(held).not.toHaveProperty('confirmBy');
    expect(confirmedWhileHeld.status).toBe(409);
    expect(confirmedWhileHeld.body).toMatchObject({ code: 'ORDER_NOT_CONFIRMABLE', orderStatus: 'COMPLIANCE_HOLD' });
    expect(JSON.stringify(confirmedWhileHeld.body)).not.toMatch(/export-control|arms|rule|930700/i);
    expect(Date.parse(cleared.confirmBy)).toBeGreaterThan(Date.parse(held.createdAt));
    expect(held.compliance.outcomes.map((o: { ruleId: string }) => o.ruleId)).toContain(
      'export-control/arms-and-ammunition',
    );
    // clearing a hold needs four eyes: the proposer cannot approve it alone
    expect(proposed.status).toBe(202);
    expect(sameReviewer).toMatchObject({ status: 403, body: { code: 'SAME_REVIEWER' } });
    expect(decided.status).toBe(200);
    expect(cleared.compliance.review).toMatchObject({ taskId, decision: 'APPROVE' });
    const task = await callApi(stack.apiUrl, 'GET', `/review/tasks/${taskId}`, { token: credentials.tokens.reviewer });
    expect(task.body.history.map((entry: { action: string }) => entry.action)).toEqual(['PROPOSED', 'APPROVED']);
    const staffTimeline = (await journey.readOrder(staff(), orderId)).timeline.map((e: { type: string }) => e.type);
    expect(staffTimeline).toEqual(expect.arrayContaining(['REVIEW_PROPOSED', 'REVIEW_APPROVED', 'REVIEW_DECIDED']));
    // the buyer saw a hold lifted: not the rule, the officer or the reason
    expect(asBuyer).not.toHaveProperty('compliance');
    expect(JSON.stringify(asBuyer)).not.toMatch(/export-control|End-user statement|REVIEW_/);
  });

  it('refuses a payment during a compliance hold, so an officer who rejects the order has no money to hand back', async () => {
    // Prepare: held for export control; the buyer's payment partner reports a payment while it waits
    const supplierId = await ownSupplier();
    const before = await coverageOf(supplierId);
    const { orderId, held } = await placeHeldOrder(supplierId);
    const paidWhileHeld = await journey.pay(orderId, 500_000);

    // Act
    const decided = await callApi(stack.apiUrl, 'POST', `/review/tasks/${held.compliance.review.taskId}/decision`, {
      token: credentials.tokens.reviewer,
      body: { decision: 'REJECT', reason: 'No export licence for the destination' },
    });
    const order = await journey.waitForTimelineEntry(buyer(), orderId, 'ORDER_CLOSED');

    // Assess
    expect(paidWhileHeld.status).toBe(409);
    expect(paidWhileHeld.body).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    expect(decided.status).toBe(200);
    expect(order.status).toBe('CANCELLED');
    // the buyer learns the order was not approved, not that compliance rejected it
    expect(order.cancellation).toMatchObject({ reason: 'NOT_APPROVED' });
    expect(movementsOf(order)).toEqual([]);
    expect(order.settlement).toMatchObject({ outcome: 'CANCELLED', refunded: 0, payouts: [] });
    // a held order never reserved the supplier's coverage
    expect(order).not.toHaveProperty('reservation');
    expect(await coverageOf(supplierId)).toEqual(before);
  });

  it('refuses an order to an embargoed destination with the rule that blocks it', async () => {
    // Act
    const response = await callApi(stack.apiUrl, 'POST', '/orders', {
      token: buyer(),
      body: await orderBody({ supplierId: await ownSupplier(), destinationCountry: 'KP' }),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'COMPLIANCE_BLOCKED' });
  });

  it('waits for a ship-by date the buyer agreed to move, and refunds only once the new one passes', async () => {
    // Prepare: a paid order of a supplier of its own, to ship in 3 days
    const supplierId = await ownSupplier();
    const supplierToken = fixtures.supplierToken(supplierId);
    const today = await journey.clockNow();
    const dateIn = (days: number) => new Date(today.getTime() + days * day).toISOString().slice(0, 10);
    const orderId = await placeOrder({ supplierId, shipBy: dateIn(3) });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    const extension = (body: unknown, token = supplierToken) =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/ship-by-extension`, { token, body });
    const answer = (accept: boolean) =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/ship-by-extension/acceptance`, {
        token: buyer(),
        body: { accept },
      });

    // Act
    const byTheBuyer = await extension({ newShipBy: dateIn(10), reason: 'Dye lot delayed' }, buyer());
    const tooLong = await extension({ newShipBy: dateIn(3 + 91), reason: 'Factory closed for the season' });
    const notLater = await extension({ newShipBy: dateIn(2), reason: 'Earlier' });
    const asked = await extension({ newShipBy: dateIn(10), reason: 'Dye lot delayed' });
    const second = await extension({ newShipBy: dateIn(12), reason: 'Or later still' });
    const accepted = await answer(true);
    await journey.advanceClock('P5D');
    const afterOldDate = await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    await journey.advanceClock('P6D');
    const refunded = await journey.waitForStatus(buyer(), orderId, ['REFUNDED']);
    const noMore = await extension({ newShipBy: dateIn(20), reason: 'Too late' });

    // Assess
    expect(byTheBuyer.status).toBe(403);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({ code: 'SHIP_BY_EXTENSION_TOO_LONG', latestShipBy: dateIn(3 + 90) });
    expect(notLater.body).toMatchObject({ status: 422, code: 'SHIP_BY_NOT_LATER' });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      shipBy: dateIn(3),
      firstShipBy: dateIn(3),
      requested: { newShipBy: dateIn(10), reason: 'Dye lot delayed' },
      history: [],
    });
    expect(asked.body.requested).not.toHaveProperty('by');
    expect(second.body).toMatchObject({ status: 409, code: 'EXTENSION_PENDING' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      shipBy: dateIn(10),
      history: [{ from: dateIn(3), to: dateIn(10), accepted: true }],
    });
    expect(accepted.body).not.toHaveProperty('requested');
    // five days on, past the first date, the order still waits for the shipment: nothing was refunded
    expect(afterOldDate).toMatchObject({ status: 'AWAITING_SHIPMENT', shipBy: dateIn(10) });
    expect(movementsOf(afterOldDate)).toEqual(['PAYMENT 500000']);
    expect(refunded.settlement).toMatchObject({ outcome: 'SHIP_BY_MISSED', refunded: 500_000 });
    expect(movementsOf(refunded)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
    expect(noMore.body).toMatchObject({ status: 409, code: 'NOT_EXTENDABLE' });
    expect(refunded.timeline.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining(['SHIP_BY_EXTENSION_REQUESTED', 'SHIP_BY_EXTENDED']),
    );
  });

  it('extends the receipt window by 15 days once per party, and confirms receipt automatically at its new end', async () => {
    // Prepare: a paid order, shipped and delivered by the carrier
    const supplierId = await ownSupplier();
    const orderId = await placeOrder({ supplierId });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    const now = (await journey.clockNow()).toISOString();
    expect((await journey.reportShipment(orderId, 'SHIPPED', now)).status).toBe(200);
    expect((await journey.reportShipment(orderId, 'DELIVERED', now)).status).toBe(200);
    const delivered = await journey.waitForMilestone(buyer(), orderId, 'RECEIPT');
    const extend = (token: string) =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/receipt-window-extension`, { token });

    // Act
    const byBuyer = await extend(buyer());
    const bySupplier = await extend(fixtures.supplierToken(supplierId));
    const buyerAgain = await extend(buyer());
    await journey.advanceClock('P15D');
    const afterFirstWindow = await readOrder(orderId);
    await journey.advanceClock('P30D');
    const received = await journey.waitForStatus(buyer(), orderId, ['RECEIVED']);

    // Assess
    const dueAt = Date.parse(delivered.receiptWindow.dueAt);
    expect(dueAt - Date.parse(delivered.waitingFor.since)).toBeLessThanOrEqual(14 * day + 1_000);
    expect(byBuyer.status).toBe(200);
    expect(Date.parse(byBuyer.body.dueAt)).toBe(dueAt + 15 * day);
    expect(bySupplier.body.extensions.map((e: { by: string }) => e.by)).toEqual(['BUYER', 'SUPPLIER']);
    expect(Date.parse(bySupplier.body.dueAt)).toBe(dueAt + 30 * day);
    expect(buyerAgain.body).toMatchObject({ status: 409, code: 'RECEIPT_WINDOW_ALREADY_EXTENDED' });
    // 15 days on, past the first end of the window, the buyer can still confirm receipt
    expect(afterFirstWindow.status).toBe('DELIVERED');
    expect(received.receipt).toMatchObject({ by: 'AUTOMATIC' });
  });

  it("counts a PRE_SHIPMENT order's shipment only after a passed inspection; quality is then settled", async () => {
    // Prepare: a paid PRE_SHIPMENT order, and a POST_DELIVERY one
    const supplierId = await ownSupplier();
    const orderId = await placeOrder({ supplierId, qualityProtection: 'PRE_SHIPMENT' });
    const postDelivery = await placeOrder({ supplierId });
    for (const id of [orderId, postDelivery]) {
      await journey.waitForMilestone(buyer(), id, 'PAYMENT');
      expect((await journey.pay(id, 500_000)).status).toBe(200);
      await journey.waitForMilestone(buyer(), id, 'SHIPMENT');
    }
    // agencies date their reports on the business clock, which this suite has moved far ahead
    const inspection = async (id: string, result: string, reportId: string, findings?: string) =>
      journey.postWebhook('inspections', {
        eventId: `evt_${reportId}`,
        type: 'inspection.completed',
        orderId: id,
        result,
        reportId,
        occurredAt: (await journey.clockNow()).toISOString(),
        ...(findings ? { findings } : {}),
      });
    const claim = (reason: string) =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
        token: buyer(),
        body: { reason, description: 'Checked against the quality spec', requestedAmount: 100_000 },
      });

    // Act
    const notPreShipment = await inspection(postDelivery, 'PASSED', `rep-${postDelivery}`);
    const failed = await inspection(orderId, 'FAILED', `rep-1-${orderId}`, '12% of the shirts are 150 gsm');
    const now = (await journey.clockNow()).toISOString();
    expect((await journey.reportShipment(orderId, 'SHIPPED', now)).status).toBe(200);
    await journey.waitForTimelineEntry(buyer(), orderId, 'SHIPPED');
    const shippedBeforePass = await readOrder(orderId);
    const passed = await inspection(orderId, 'PASSED', `rep-2-${orderId}`);
    const counted = await journey.waitForStatus(buyer(), orderId, ['SHIPPED']);
    const again = await inspection(orderId, 'FAILED', `rep-3-${orderId}`);
    const quality = await claim('QUALITY');
    const notAsDescribed = await claim('NOT_AS_DESCRIBED');
    const notReceived = await claim('NOT_RECEIVED');

    // Assess
    expect(notPreShipment.body).toMatchObject({ status: 409, code: 'NOT_PRE_SHIPMENT' });
    expect(failed.status).toBe(200);
    // the shipment is on file, but does not count before an inspection passed
    expect(shippedBeforePass).toMatchObject({ status: 'AWAITING_SHIPMENT', waitingFor: { milestone: 'SHIPMENT' } });
    expect(shippedBeforePass.shipment.shippedAt).toBe(now);
    expect(passed.status).toBe(200);
    expect(counted.inspections).toEqual([
      {
        result: 'FAILED',
        reportId: `rep-1-${orderId}`,
        occurredAt: expect.any(String),
        findings: '12% of the shirts are 150 gsm',
      },
      { result: 'PASSED', reportId: `rep-2-${orderId}`, occurredAt: expect.any(String) },
    ]);
    expect(again.body).toMatchObject({ status: 409, code: 'INSPECTION_ALREADY_PASSED' });
    expect(quality.body).toMatchObject({ status: 409, code: 'NOT_COVERED' });
    expect(notAsDescribed.body).toMatchObject({ status: 409, code: 'NOT_COVERED' });
    expect(notReceived.status).toBe(201);
    expect(counted.timeline.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining(['INSPECTION_FAILED', 'INSPECTION_PASSED']),
    );
    // the parties read the reports, not which agency sent them
    expect(JSON.stringify(counted)).not.toContain(credentials.webhooks.inspections.partnerId);
  });

  it('lets the buyer claim QUALITY before shipment after a failed inspection, through the claim steps', async () => {
    // Prepare
    const supplierId = await ownSupplier();
    const orderId = await placeOrder({ supplierId, qualityProtection: 'PRE_SHIPMENT' });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    const claim = () =>
      callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims`, {
        token: buyer(),
        body: { reason: 'QUALITY', description: 'The inspection found 150 gsm shirts', requestedAmount: 200_000 },
      });
    const beforeInspection = await claim();
    const failed = await journey.postWebhook('inspections', {
      eventId: `evt_fail_${orderId}`,
      type: 'inspection.completed',
      orderId,
      result: 'FAILED',
      reportId: `rep-${orderId}`,
      occurredAt: (await journey.clockNow()).toISOString(),
    });

    // Act
    const claimed = await claim();
    await journey.waitForMilestone(buyer(), orderId, 'CLAIM_RESOLUTION');
    const accepted = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/claims/${claimed.body.claimId}/response`, {
      token: fixtures.supplierToken(supplierId),
      body: { accept: true },
    });
    const order = await journey.waitForStatus(buyer(), orderId, ['COMPLETED']);

    // Assess
    expect(beforeInspection.body).toMatchObject({ status: 409, code: 'NOT_CLAIMABLE' });
    expect(failed.status).toBe(200);
    expect(claimed.status).toBe(201);
    expect(accepted.status).toBe(200);
    expect(order.settlement).toMatchObject({ outcome: 'CLAIM_ACCEPTED', refunded: 200_000, released: 300_000 });
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'REFUND 200000', 'RELEASE 300000']);
  });

  it('takes payout confirmations only from the payouts partner, matching the instruction and payout id exactly', async () => {
    // Prepare: an order refunded for a missed ship-by date, its refund paid out and confirmed by the provider
    const supplierId = await ownSupplier();
    const shipBy = new Date((await journey.clockNow()).getTime() + day).toISOString().slice(0, 10);
    const orderId = await placeOrder({ supplierId, shipBy });
    await journey.waitForMilestone(buyer(), orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyer(), orderId, 'SHIPMENT');
    await journey.advanceClock('P3D');
    const refunded = await journey.waitForStatus(staff(), orderId, ['REFUNDED']);
    const [payout] = refunded.settlement.payouts;
    const confirmation = (change: Record<string, unknown> = {}) => ({
      eventId: `evt_${Math.random().toString(36).slice(2)}`,
      type: 'payout.paid',
      orderId,
      payoutId: payout.providerPayoutId,
      idempotencyKey: payout.movementKey,
      amount: payout.amount,
      currency: payout.currency,
      occurredAt: new Date().toISOString(),
      ...change,
    });

    // Act
    const byPaymentsPartner = await journey.postWebhook(
      'payments',
      confirmation({ type: 'payout.failed', failureReason: 'forged' }),
    );
    const paymentsOnPayoutRoute = await journey.postWebhook('payouts', {
      eventId: 'evt_x',
      type: 'payment.succeeded',
      orderId,
      amount: 500_000,
      currency: 'USD',
    });
    const otherAmount = await journey.postWebhook('payouts', confirmation({ amount: payout.amount + 1 }));
    const otherPayout = await journey.postWebhook('payouts', confirmation({ payoutId: 'po_forged' }));
    const contrary = await journey.postWebhook('payouts', confirmation({ type: 'payout.failed', failureReason: 'x' }));
    const exact = await journey.postWebhook('payouts', confirmation());
    const after = await journey.readOrder(staff(), orderId);

    // Assess
    expect(payout).toMatchObject({ beneficiary: 'BUYER', amount: 500_000, status: 'PAID' });
    expect(byPaymentsPartner.status).toBe(403);
    expect(byPaymentsPartner.body).toMatchObject({ code: 'PAYOUT_CONFIRMATION_NOT_ALLOWED' });
    expect(paymentsOnPayoutRoute.status).toBe(400);
    expect(otherAmount.status).toBe(409);
    expect(otherAmount.body).toMatchObject({ code: 'PAYOUT_INSTRUCTION_MISMATCH' });
    expect(otherAmount.body.detail).toContain('instructed for USD 5,000.00, not USD 5,000.01');
    expect(otherPayout.body).toMatchObject({ status: 409, code: 'PAYOUT_ID_MISMATCH' });
    expect(contrary.body).toMatchObject({ status: 409, code: 'PAYOUT_ALREADY_CONFIRMED' });
    expect(exact.status).toBe(200);
    expect(exact.body.status).toBe('DUPLICATE');
    expect(after.settlement.payouts).toEqual([expect.objectContaining({ status: 'PAID' })]);
    expect(movementsOf(after)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
  });

  it('takes a brand-new client from local sign-up through KYC to a completed order, with no hold', async () => {
    // Prepare: nothing prepared but the supplier (one of the suite's own: the clock jumps before this one
    // have aged the demo supplier's seeded history)
    const identity = await newlyApprovedBuyer();
    const supplierId = await ownSupplier();
    const table = { db, tableName: localResourceNames.tableName };

    // Act
    const orderId = await receivedOrder({ supplierId }, identity.token);
    await journey.advanceClock('P31D');
    const order = await journey.waitForStatus(identity.token, orderId, ['COMPLETED']);

    // Assess: KYC approval recorded what trading needs, as for a seeded party
    const { profile } = await findPartyRecord(table, identity.partyId!, new Date(0).toISOString());
    expect(profile).toMatchObject({
      kycStatus: 'APPROVED',
      country: 'DE',
      displayName: 'Ana Souza',
      partyType: 'INDIVIDUAL',
    });
    // the order passed compliance on its own merits: no rule lacked a fact, nothing was held
    const stored = await findOrder(table, orderId);
    expect(stored!.compliance.decision).toBe('PASS');
    expect(stored!.compliance.outcomes.filter((outcome) => outcome.action !== 'PASS')).toEqual([]);
    expect(order.timeline.map((entry: { detail?: { to?: string } }) => entry.detail?.to)).not.toContain(
      'COMPLIANCE_HOLD',
    );
    expect(movementsOf(order)).toEqual(['PAYMENT 500000', 'RELEASE 500000']);
  });
});

describe('frozen money (DESIGN, "Held money is frozen, not returned")', () => {
  /** A received order between a buyer and a supplier of the test's own, whose claim window is open. */
  async function receivedOwnOrder() {
    const supplierId = await ownSupplier();
    const buyerParty = await fixtures.createBuyer();
    const orderId = await receivedOrder({ supplierId }, buyerParty.token);
    return { supplierId, buyerParty, orderId };
  }

  /** The staff view once the money froze and its FROZEN_FUNDS task is on the order. */
  async function frozenForReview(orderId: string) {
    const frozen = await eventually(
      () => journey.readOrder(staff(), orderId),
      (view) => typeof view.freeze?.taskId === 'string',
      20_000,
    );
    if (!frozen.freeze?.taskId) throw new Error(`order ${orderId} has no FROZEN_FUNDS task`);
    return frozen;
  }

  function decide(taskId: string, body: Record<string, unknown>) {
    return callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/decision`, { token: staff(), body });
  }

  it('freezes the payment of an order whose supplier was suspended; it is paid back to the buyer only with four eyes', async () => {
    // Prepare: paid, shipped and received; then a confirmed sanctions match suspends the supplier
    const { supplierId, buyerParty, orderId } = await receivedOwnOrder();
    await fixtures.setStanding(supplierId, 'SUSPENDED');

    // Act: the claim window ends, the settlement is due
    await journey.advanceClock('P31D');
    const frozen = await frozenForReview(orderId);
    const asBuyer = await journey.readOrder(buyerParty.token, orderId);
    const asSupplier = await journey.readOrder(fixtures.supplierToken(supplierId), orderId);
    const balance = await findEscrowBalance({ db, tableName: localResourceNames.tableName }, orderId);
    const release = await decide(frozen.freeze.taskId, { decision: 'RELEASE', reason: 'Goods were delivered' });
    const proposed = await decide(frozen.freeze.taskId, {
      decision: 'REFUND_BUYER',
      reason: 'Supplier suspended on a confirmed match; the buyer is approved and gets its money back',
    });
    const beforeApproval = await journey.readOrder(staff(), orderId);
    const approved = await approve(frozen.freeze.taskId, 'Checked the match and the buyer: refund agreed');
    const refunded = await journey.waitForStatus(buyerParty.token, orderId, ['REFUNDED']);

    // Assess: the money froze instead of being released to the suspended supplier
    expect(frozen.status).toBe('FROZEN');
    expect(frozen.freeze).toMatchObject({
      amount: 500_000,
      outcome: 'NO_CLAIM',
      flags: [{ role: 'SUPPLIER', partyId: supplierId, standing: 'SUSPENDED' }],
    });
    expect(balance).toMatchObject({ held: 500_000, frozen: { since: expect.any(String) } });
    expect(movementsOf(frozen)).toEqual(['PAYMENT 500000']);
    // no tipping-off: the parties read a compliance hold, nothing of the freeze or its reasons
    expect(frozen.waitingFor).toBeUndefined();
    for (const view of [asBuyer, asSupplier]) {
      expect(view.status).toBe('COMPLIANCE_HOLD');
      expect(view).not.toHaveProperty('freeze');
      expect(JSON.stringify(view)).not.toMatch(/FROZEN|SUSPENDED|ESCROW_FROZEN/);
    }
    // frozen money is never paid to a suspended party, whoever decides
    expect(release.status).toBe(409);
    expect(release.body).toMatchObject({ code: 'BENEFICIARY_SUSPENDED', suspended: ['SUPPLIER'] });
    expect(proposed.status).toBe(202);
    expect(proposed.body.proposal).toMatchObject({ ruleIds: ['four-eyes/frozen-funds-refund'] });
    expect(beforeApproval.status).toBe('FROZEN');
    expect(movementsOf(beforeApproval)).toEqual(['PAYMENT 500000']);
    expect(approved.status).toBe(200);
    // the whole payment goes back, beyond the cover too, and the supplier is paid nothing
    expect(refunded.settlement).toMatchObject({ outcome: 'COMPLIANCE_REFUND', refunded: 500_000, released: 0 });
    expect(movementsOf(refunded)).toEqual(['PAYMENT 500000', 'REFUND 500000']);
  });

  it('keeps the money of a suspended buyer frozen through a rejection, and files a compliance report', async () => {
    // Prepare
    const { buyerParty, orderId } = await receivedOwnOrder();
    await fixtures.setStanding(buyerParty.partyId, 'SUSPENDED');
    await journey.advanceClock('P31D');
    const frozen = await frozenForReview(orderId);

    // Act
    const refund = await decide(frozen.freeze.taskId, {
      decision: 'REFUND_BUYER',
      reason: 'Return the money to the buyer',
    });
    const kept = await decide(frozen.freeze.taskId, {
      decision: 'KEEP_FROZEN',
      reason: 'Buyer confirmed on the OFAC SDN list; funds blocked and reported',
    });
    const closed = await eventually(
      () => journey.readOrder(staff(), orderId),
      (view) => view.closedAt !== undefined,
      20_000,
    );
    const reports = await callApi(stack.apiUrl, 'GET', '/compliance/reports?limit=100', { token: staff() });
    const reportsAsBuyer = await callApi(stack.apiUrl, 'GET', '/compliance/reports', { token: buyerParty.token });
    const asBuyer = await journey.readOrder(buyerParty.token, orderId);
    const balance = await findEscrowBalance({ db, tableName: localResourceNames.tableName }, orderId);

    // Assess: never paid back to a sanctioned party
    expect(refund.status).toBe(409);
    expect(refund.body).toMatchObject({ code: 'BENEFICIARY_SUSPENDED', suspended: ['BUYER'] });
    // keeping the money frozen moves nothing: one reviewer decides it
    expect(kept.status).toBe(200);
    expect(closed.status).toBe('FROZEN');
    expect(closed.settlement).toBeUndefined();
    expect(movementsOf(closed)).toEqual(['PAYMENT 500000']);
    expect(balance).toMatchObject({
      paid: 500_000,
      held: 500_000,
      refunded: 0,
      released: 0,
      frozen: expect.any(Object),
    });
    expect(closed.freeze).toMatchObject({ decision: 'KEEP_FROZEN', reportId: expect.stringMatching(/^report_/) });
    expect(reports.status).toBe(200);
    expect(reports.body.reports.find((report: { subject: { id: string } }) => report.subject.id === orderId)).toEqual({
      reportId: closed.freeze.reportId,
      type: 'FROZEN_FUNDS_KEPT',
      status: 'OPEN',
      subject: { type: 'ORDER', id: orderId },
      parties: [
        { role: 'BUYER', partyId: buyerParty.partyId, standing: 'SUSPENDED' },
        { role: 'SUPPLIER', partyId: closed.supplierPartyId },
      ],
      frozenAmount: 500_000,
      currency: 'USD',
      reasons: [expect.stringContaining(`the buyer ${buyerParty.partyId} is SUSPENDED`)],
      taskId: closed.freeze.taskId,
      decisionReason: 'Buyer confirmed on the OFAC SDN list; funds blocked and reported',
      createdAt: expect.any(String),
    });
    expect(reportsAsBuyer.status).toBe(403);
    expect(asBuyer.status).toBe('COMPLIANCE_HOLD');
    expect(JSON.stringify(asBuyer)).not.toMatch(/FROZEN|SUSPENDED|report_/);
  });

  it('files a compliance report when an officer rejects an order held on a sanctions finding (a residual embargo)', async () => {
    // Prepare: Syria is a residual embargo, held for an officer rather than blocked
    const supplierId = await ownSupplier();
    const orderId = await placeOrder({ supplierId, destinationCountry: 'SY' }, buyer(), { confirm: false });
    const held = await heldForReview(orderId);

    // Act
    const decided = await callApi(stack.apiUrl, 'POST', `/review/tasks/${held.compliance.review.taskId}/decision`, {
      token: staff(),
      body: { decision: 'REJECT', reason: 'End user in Syria: no licence, reported' },
    });
    const cancelled = await journey.waitForTimelineEntry(staff(), orderId, 'ORDER_CLOSED');
    const asBuyer = await journey.readOrder(buyer(), orderId);
    const reports = await callApi(stack.apiUrl, 'GET', '/compliance/reports?limit=100', { token: staff() });

    // Assess
    expect(decided.status).toBe(200);
    expect(cancelled.status).toBe('CANCELLED');
    const cancellation = cancelled.timeline.find((entry: { type: string }) => entry.type === 'ORDER_CANCELLED');
    const report = reports.body.reports.find((entry: { subject: { id: string } }) => entry.subject.id === orderId);
    expect(report).toMatchObject({
      reportId: cancellation.detail.complianceReportId,
      type: 'ORDER_REJECTED_FOR_SANCTIONS',
      frozenAmount: 0,
      currency: 'USD',
      taskId: held.compliance.review.taskId,
      reasons: [expect.stringMatching(/^embargo/)],
    });
    // the buyer reads that the order was not approved, nothing of the report
    expect(asBuyer.cancellation).toMatchObject({ reason: 'NOT_APPROVED' });
    expect(JSON.stringify(asBuyer)).not.toMatch(/report_|embargo|complianceReportId/);
  });
});

describe('orders that outlast a Step Functions execution', () => {
  it('hands an order whose execution is 180 days old at delivery to a new execution, which completes it', async () => {
    // Prepare: a ship-by date 179 days ahead (the most is 180), shipped on its last days
    const supplierId = await ownSupplier();
    const buyerParty = await fixtures.createBuyer();
    // the seeded tokens live a year of business time, and this suite's clock has moved further: a fresh reviewer
    const reviewer = (await signUp(stack.apiUrl, 'reviewer')).token;
    const today = await journey.clockNow();
    const shipBy = new Date(today.getTime() + 179 * day).toISOString().slice(0, 10);
    const orderId = await placeOrder({ supplierId, shipBy }, buyerParty.token);
    await journey.waitForMilestone(buyerParty.token, orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(buyerParty.token, orderId, 'SHIPMENT');
    await journey.advanceClock('P178D');
    expect((await journey.reportShipment(orderId, 'SHIPPED', (await journey.clockNow()).toISOString())).status).toBe(
      200,
    );
    await journey.waitForMilestone(buyerParty.token, orderId, 'DELIVERY');
    await journey.advanceClock('P3D');

    // Act: the delivery reaches an execution 181 days old
    expect((await journey.reportShipment(orderId, 'DELIVERED', (await journey.clockNow()).toISOString())).status).toBe(
      200,
    );
    const continued = await eventually(
      () => journey.readOrder(reviewer, orderId),
      (view) => view.workflowContinuation !== undefined && view.waitingFor?.milestone === 'RECEIPT',
      20_000,
    );
    const sfn = createSfnClient(readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json').sfn!);
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    const machineArn = machines.stateMachines!.find((machine) => machine.name === 'assured-order')!.stateMachineArn!;
    const executionArn = (name: string) => `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const first = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(orderId) }));
    const second = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executionArn(continued.workflowContinuation.executionName) }),
    );
    const receipt = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/receipt`, { token: buyerParty.token });
    await journey.advanceClock('P31D');
    const completed = await journey.waitForStatus(buyerParty.token, orderId, ['COMPLETED']);
    sfn.destroy();

    // Assess: the first execution ended, the second took over at the receipt wait and completed the order
    expect(continued.workflowContinuation).toEqual({
      executionName: `${orderId}-after-delivery`,
      at: expect.any(String),
    });
    expect(first.status).toBe('SUCCEEDED');
    expect(second.status).toBe('RUNNING');
    expect(JSON.parse(second.input!)).toMatchObject({
      orderId,
      resumeAt: 'DELIVERED',
      delivery: { milestone: 'DELIVERY' },
    });
    expect(receipt.status).toBe(200);
    expect(movementsOf(completed)).toEqual(['PAYMENT 500000', 'RELEASE 500000']);
    // the parties read nothing of executions
    expect(completed).not.toHaveProperty('workflowContinuation');
    expect(JSON.stringify(completed)).not.toContain('WORKFLOW_CONTINUED');
  });
});
