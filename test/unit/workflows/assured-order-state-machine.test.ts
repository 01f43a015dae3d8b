import type { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { toWorkflowPolicyInput } from '../../../functions/orders/models/trade-assurance-policy';
import {
  createStubbedWorkflowEngine,
  ok,
  settle,
  type RecordedCall,
  type StubbedWorkflowEngine,
  type StubScript,
} from './support/stubbed-workflow-engine';

/*
 * The assured-order state machine on the local engine, with every task stubbed: each branch of
 * state-machines/assured-order.asl.json (screening, the supplier's confirmation, payment, ship-by and its
 * extension, delivery, receipt and its extension, claim window, claim resolution, determination, payouts),
 * its timers, retries and catches, independent of the real steps. The fixed waits come from the execution
 * input's policy (data/rules/trade-assurance-policy.json), the deadlines from the SECONDS_UNTIL step.
 */

const second = 1000;
const day = 24 * 60 * 60 * second;
/** What the stubbed SHIP_BY deadline answers: an odd number, so that the shipment wait can only have read it. */
const shipBySeconds = 123_457;
/** The policy the executions start with, as the order's workflow starter passes it. */
const policy = toWorkflowPolicyInput();
/** What the stubbed SECONDS_UNTIL answers per deadline; a test may change one. */
let deadlineSeconds: Record<string, number>;
/** The steps from the start to the payment wait, for an order whose screening passed and supplier confirmed. */
const confirmedSteps = [
  'screenOrderCounterparties',
  'SECONDS_UNTIL CONFIRM_BY',
  'AWAIT CONFIRMATION',
  'SECONDS_UNTIL PAY_BY',
];
let engine: StubbedWorkflowEngine;
let service: StepFunctionsService;
let calls: RecordedCall[];
/** Per function (and action), what the stub answers; a function may throw with `{ errorType }`. */
let script: StubScript;

const startExecution = () => engine.startExecution('assured-order', 'ord_1', { orderId: 'ord_1', policy });

/** Starts an order whose screening passes and whose supplier confirms it: the workflow then awaits payment. */
async function startOrder(): Promise<string> {
  const executionArn = await startExecution();
  await resume('AWAIT CONFIRMATION', { milestone: 'CONFIRMATION', accepted: true });
  return executionArn;
}
const statusOf = (executionArn: string) => engine.statusOf(executionArn);
const advance = (ms: number) => engine.advance(ms);

/** What the SETTLE step answers (`SettleOrderResult`): settled as asked unless `change` says otherwise. */
function settleResult(payload: Record<string, unknown>, change: Record<string, unknown> = {}) {
  return ok({
    outcome: payload.outcome,
    settled: true,
    extended: false,
    frozen: false,
    refunded: 0,
    released: 100,
    pendingPayouts: 1,
    ...change,
  });
}

/** Each call as `action detail` (the milestone, review kind, reason or outcome), or the function's name. */
function steps(): string[] {
  return calls.map(({ fn, payload }) => {
    if (typeof payload.action !== 'string') return fn;
    const detail = payload.milestone ?? payload.kind ?? payload.reason ?? payload.outcome ?? payload.deadline;
    return detail === undefined ? payload.action : `${payload.action} ${String(detail)}`;
  });
}

/** The token of the last wait on `step` (e.g. `AWAIT PAYMENT`, `OPEN_REVIEW COMPLIANCE_HOLD`). */
function lastToken(step: string): string {
  const all = steps();
  const index = all.lastIndexOf(step);
  if (index < 0) throw new Error(`no ${step} among ${all.join(', ')}`);
  return calls[index]!.payload.taskToken as string;
}

/** Resumes the last wait on `step` with `output`, as the step function does once the fact is recorded. */
async function resume(step: string, output: Record<string, unknown>) {
  await service.sendTaskSuccess({ taskToken: lastToken(step), output: JSON.stringify(output) });
  await settle();
}

/** From a passed screening to the claim wait, the buyer confirming receipt. */
async function reachClaimWindow(): Promise<string> {
  const executionArn = await startOrder();
  await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
  await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });
  await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'BUYER' });
  return executionArn;
}

/** From a passed screening to the wait for the claim's resolution. */
async function reachClaim(): Promise<string> {
  const executionArn = await reachClaimWindow();
  await resume('AWAIT CLAIM', { milestone: 'CLAIM', claimId: 'clm_1' });
  return executionArn;
}

beforeEach(() => {
  deadlineSeconds = { CONFIRM_BY: 3 * 86_400, PAY_BY: 7 * 86_400, SHIP_BY: shipBySeconds, RECEIPT_DUE: 14 * 86_400 };
  engine = createStubbedWorkflowEngine({
    screenOrderCounterparties: () => ok({ decision: 'PASS' }),
    'assuredOrderStep:AWAIT': (payload) => ok({ waiting: payload.milestone, resumed: false }),
    'assuredOrderStep:SECONDS_UNTIL': (payload) => ok({ seconds: deadlineSeconds[String(payload.deadline)] }),
    'assuredOrderStep:OPEN_REVIEW': () => ok({ taskId: 'task_1' }),
    'assuredOrderStep:CANCEL': () => ok({ cancelled: true, refunded: 0, pendingPayouts: 0 }),
    'assuredOrderStep:SETTLE': (payload) => settleResult(payload),
    'assuredOrderStep:CONTINUE_AS_NEW': () => ok({ continued: false }),
    'assuredOrderStep:CONFIRM_RECEIPT': () => ok({ by: 'AUTOMATIC', extended: false }),
    'assuredOrderStep:ESCALATE_CLAIM': () => ok({ outcome: 'ESCALATED' }),
    'assuredOrderStep:CLOSE': () => ok({ status: 'COMPLETED' }),
    'assuredOrderStep:RECORD_FAILURE': () => ok(null),
  });
  ({ service, calls, script } = engine);
});

afterEach(() => engine.close());

describe('assured-order state machine', () => {
  describe('the happy path', () => {
    it('screens, awaits payment, shipment, delivery, receipt and the claim window, settles, pays out and closes', async () => {
      // Prepare
      const executionArn = await startOrder();

      // Act
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });
      await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'CARRIER' });
      await resume('AWAIT RECEIPT', { milestone: 'RECEIPT' });
      await advance(30 * day - second);
      const beforeClaimWindowEnds = steps().at(-1);
      await advance(2 * second);
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(beforeClaimWindowEnds).toBe('AWAIT CLAIM');
      expect(steps()).toEqual([
        ...confirmedSteps,
        'AWAIT PAYMENT',
        'SECONDS_UNTIL SHIP_BY',
        'AWAIT SHIPMENT',
        'AWAIT DELIVERY',
        'CONTINUE_AS_NEW',
        'SECONDS_UNTIL RECEIPT_DUE',
        'AWAIT RECEIPT',
        'AWAIT CLAIM',
        'SETTLE NO_CLAIM',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(calls[0]).toEqual({ fn: 'screenOrderCounterparties', payload: { orderId: 'ord_1' } });
      expect(calls[1]!.payload).toEqual({ action: 'SECONDS_UNTIL', deadline: 'CONFIRM_BY', orderId: 'ord_1' });
      expect(calls[2]!.payload).toEqual({
        action: 'AWAIT',
        milestone: 'CONFIRMATION',
        orderId: 'ord_1',
        taskToken: expect.any(String),
      });
      expect(calls[4]!.payload).toEqual({
        action: 'AWAIT',
        milestone: 'PAYMENT',
        orderId: 'ord_1',
        taskToken: expect.any(String),
      });
      expect(calls.find((c) => c.payload.action === 'SETTLE')!.payload).toEqual({
        action: 'SETTLE',
        outcome: 'NO_CLAIM',
        orderId: 'ord_1',
      });
      expect(calls.at(-1)!.payload).toEqual({ action: 'CLOSE', orderId: 'ord_1' });
      const described = await service.describeExecution({ executionArn });
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!)).toMatchObject({ orderId: 'ord_1', closed: { status: 'COMPLETED' } });
    });

    it('gives each wait its own task token', async () => {
      // Act
      await reachClaimWindow();

      // Assess
      const tokens = calls.filter((c) => c.payload.action === 'AWAIT').map((c) => c.payload.taskToken);
      expect(tokens).toHaveLength(5);
      expect(new Set(tokens).size).toBe(5);
    });
  });

  describe('screening', () => {
    it('cancels a blocked order, awaits the payouts of the cancellation and closes it', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();

      // Act
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps()).toEqual(['screenOrderCounterparties', 'CANCEL COMPLIANCE_BLOCKED', 'AWAIT PAYOUTS', 'CLOSE']);
      expect(calls[1]!.payload).toEqual({ action: 'CANCEL', reason: 'COMPLIANCE_BLOCKED', orderId: 'ord_1' });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('stops an order whose payout failed, recorded on the order, instead of closing it', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();

      // Act
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS', failed: 1 });

      // Assess
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'CANCEL COMPLIANCE_BLOCKED',
        'AWAIT PAYOUTS',
        'RECORD_FAILURE',
      ]);
      expect(calls.at(-1)!.payload).toMatchObject({
        action: 'RECORD_FAILURE',
        orderId: 'ord_1',
        error: 'PayoutFailed',
      });
      const described = await service.describeExecution({ executionArn });
      expect(described.status).toBe('FAILED');
      expect(described.error).toBe('PayoutFailed');
    });

    it('closes an order once its payouts are confirmed with none failed', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();

      // Act
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS', failed: 0 });

      // Assess
      expect(steps()).toEqual(['screenOrderCounterparties', 'CANCEL COMPLIANCE_BLOCKED', 'AWAIT PAYOUTS', 'CLOSE']);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it("holds an order for a compliance officer, whose APPROVE sends it to the supplier's confirmation", async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'HOLD' });
      const executionArn = await startExecution();
      const held = steps();

      // Act
      await resume('OPEN_REVIEW COMPLIANCE_HOLD', { taskId: 'task_1', decision: 'APPROVE' });

      // Assess
      expect(held).toEqual(['screenOrderCounterparties', 'OPEN_REVIEW COMPLIANCE_HOLD']);
      expect(calls[1]!.payload).toEqual({
        action: 'OPEN_REVIEW',
        kind: 'COMPLIANCE_HOLD',
        orderId: 'ord_1',
        taskToken: expect.any(String),
      });
      expect(steps().slice(2)).toEqual(['SECONDS_UNTIL CONFIRM_BY', 'AWAIT CONFIRMATION']);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it("cancels the order on the compliance officer's REJECT", async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'HOLD' });
      const executionArn = await startExecution();

      // Act
      await resume('OPEN_REVIEW COMPLIANCE_HOLD', { taskId: 'task_1', decision: 'REJECT' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'OPEN_REVIEW COMPLIANCE_HOLD',
        'CANCEL COMPLIANCE_REJECTED',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(calls[2]!.payload).toEqual({ action: 'CANCEL', reason: 'COMPLIANCE_REJECTED', orderId: 'ord_1' });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('waits on the same compliance review again, with a new token, when no officer decides within 30 days', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'HOLD' });
      const executionArn = await startExecution();
      const firstToken = lastToken('OPEN_REVIEW COMPLIANCE_HOLD');

      // Act
      await advance(30 * day - second);
      const beforeTimeout = steps().length;
      await advance(2 * second);

      // Assess
      expect(beforeTimeout).toBe(2);
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'OPEN_REVIEW COMPLIANCE_HOLD',
        'OPEN_REVIEW COMPLIANCE_HOLD',
      ]);
      expect(lastToken('OPEN_REVIEW COMPLIANCE_HOLD')).not.toBe(firstToken);
      expect(await statusOf(executionArn)).toBe('RUNNING');

      // Act: the decision arrives on the new token
      await resume('OPEN_REVIEW COMPLIANCE_HOLD', { taskId: 'task_1', decision: 'APPROVE' });

      // Assess
      expect(steps().at(-1)).toBe('AWAIT CONFIRMATION');
    });
  });

  describe("supplier's confirmation", () => {
    it('awaits the confirmation for exactly the seconds until confirmBy, then cancels the unconfirmed order and closes it', async () => {
      // Prepare
      deadlineSeconds.CONFIRM_BY = 259_211;
      const executionArn = await startExecution();

      // Act
      await advance(259_211 * second - 1);
      const beforeDeadline = steps();
      await advance(1);
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(beforeDeadline).toEqual(['screenOrderCounterparties', 'SECONDS_UNTIL CONFIRM_BY', 'AWAIT CONFIRMATION']);
      expect(steps().slice(3)).toEqual(['CANCEL CONFIRMATION_TIMEOUT', 'AWAIT PAYOUTS', 'CLOSE']);
      expect(calls[3]!.payload).toEqual({ action: 'CANCEL', reason: 'CONFIRMATION_TIMEOUT', orderId: 'ord_1' });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('closes a declined order at once: nothing was reserved or paid', async () => {
      // Prepare
      const executionArn = await startExecution();

      // Act
      await resume('AWAIT CONFIRMATION', { milestone: 'CONFIRMATION', accepted: false });

      // Assess
      expect(steps()).toEqual(['screenOrderCounterparties', 'SECONDS_UNTIL CONFIRM_BY', 'AWAIT CONFIRMATION', 'CLOSE']);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('waits again when a late confirmation won the race with the cancellation, and resumes on it', async () => {
      // Prepare
      script['assuredOrderStep:CANCEL'] = () => ok({ cancelled: false, refunded: 0, pendingPayouts: 0 });
      await startExecution();

      // Act
      await advance(3 * day + second);
      await resume('AWAIT CONFIRMATION', { milestone: 'CONFIRMATION', accepted: true });

      // Assess
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'SECONDS_UNTIL CONFIRM_BY',
        'AWAIT CONFIRMATION',
        'CANCEL CONFIRMATION_TIMEOUT',
        'SECONDS_UNTIL CONFIRM_BY',
        'AWAIT CONFIRMATION',
        'SECONDS_UNTIL PAY_BY',
        'AWAIT PAYMENT',
      ]);
    });

    it('awaits the payment for exactly the seconds until payBy', async () => {
      // Prepare
      deadlineSeconds.PAY_BY = 604_813;
      await startOrder();

      // Act
      await advance(604_813 * second - 1);
      const beforeDeadline = steps().at(-1);
      await advance(1);

      // Assess
      expect(beforeDeadline).toBe('AWAIT PAYMENT');
      expect(steps().slice(5)).toEqual(['CANCEL PAYMENT_TIMEOUT', 'AWAIT PAYOUTS']);
      expect(calls[3]!.payload).toEqual({ action: 'SECONDS_UNTIL', deadline: 'PAY_BY', orderId: 'ord_1' });
    });
  });

  describe('payment', () => {
    it('cancels an order unpaid after 7 days, and not before', async () => {
      // Prepare
      const executionArn = await startOrder();

      // Act
      await advance(7 * day - second);
      const beforeDeadline = steps();
      await advance(2 * second);
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(beforeDeadline).toEqual([...confirmedSteps, 'AWAIT PAYMENT']);
      expect(steps()).toEqual([...confirmedSteps, 'AWAIT PAYMENT', 'CANCEL PAYMENT_TIMEOUT', 'AWAIT PAYOUTS', 'CLOSE']);
      expect(calls[5]!.payload).toEqual({ action: 'CANCEL', reason: 'PAYMENT_TIMEOUT', orderId: 'ord_1' });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('goes on to the ship-by timer when a late payment won the race with the cancellation', async () => {
      // Prepare
      script['assuredOrderStep:CANCEL'] = () => ok({ cancelled: false, refunded: 0, pendingPayouts: 0 });
      const executionArn = await startOrder();

      // Act
      await advance(7 * day + second);

      // Assess
      expect(steps()).toEqual([
        ...confirmedSteps,
        'AWAIT PAYMENT',
        'CANCEL PAYMENT_TIMEOUT',
        'SECONDS_UNTIL SHIP_BY',
        'AWAIT SHIPMENT',
      ]);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });
  });

  describe('ship-by date', () => {
    it.each([shipBySeconds, 1])(
      'times the shipment wait out exactly %d seconds after SECONDS_UNTIL SHIP_BY, and settles the missed ship-by',
      async (seconds) => {
        // Prepare
        deadlineSeconds.SHIP_BY = seconds;
        const executionArn = await startOrder();
        await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });

        // Act
        await advance(seconds * second - 1);
        const beforeDeadline = steps().at(-1);
        await advance(1);
        await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

        // Assess
        expect(beforeDeadline).toBe('AWAIT SHIPMENT');
        expect(steps()).toEqual([
          ...confirmedSteps,
          'AWAIT PAYMENT',
          'SECONDS_UNTIL SHIP_BY',
          'AWAIT SHIPMENT',
          'SETTLE SHIP_BY_MISSED',
          'AWAIT PAYOUTS',
          'CLOSE',
        ]);
        expect(calls[5]!.payload).toEqual({ action: 'SECONDS_UNTIL', deadline: 'SHIP_BY', orderId: 'ord_1' });
        expect(calls[7]!.payload).toEqual({ action: 'SETTLE', outcome: 'SHIP_BY_MISSED', orderId: 'ord_1' });
        expect(await statusOf(executionArn)).toBe('SUCCEEDED');
      },
    );

    it('awaits delivery when the missed ship-by is not settled: the supplier shipped in time after all', async () => {
      // Prepare
      script['assuredOrderStep:SETTLE'] = (payload) =>
        settleResult(payload, { settled: false, shipped: true, released: 0, pendingPayouts: 0 });
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });

      // Act
      await advance(shipBySeconds * second);

      // Assess
      expect(steps().slice(6)).toEqual(['AWAIT SHIPMENT', 'SETTLE SHIP_BY_MISSED', 'AWAIT DELIVERY']);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('waits for the new ship-by date when the buyer accepted an extension before the old one passed', async () => {
      // Prepare
      let settles = 0;
      script['assuredOrderStep:SETTLE'] = (payload) =>
        settles++ === 0
          ? settleResult(payload, { settled: false, extended: true, released: 0, pendingPayouts: 0 })
          : settleResult(payload, { refunded: 100, released: 0 });
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      // the extension: the timer step now reads the new date, 86,413 s after the old one
      deadlineSeconds.SHIP_BY = 86_413;

      // Act
      await advance(shipBySeconds * second);
      await advance(86_413 * second - 1);
      const beforeNewDeadline = steps().slice(6);
      await advance(1);

      // Assess
      expect(beforeNewDeadline).toEqual([
        'AWAIT SHIPMENT',
        'SETTLE SHIP_BY_MISSED',
        'SECONDS_UNTIL SHIP_BY',
        'AWAIT SHIPMENT',
      ]);
      expect(steps().slice(10)).toEqual(['SETTLE SHIP_BY_MISSED', 'AWAIT PAYOUTS']);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('fails the execution on a non-positive ship-by timeout rather than waiting forever', async () => {
      // Prepare
      deadlineSeconds.SHIP_BY = 0;
      const executionArn = await startOrder();

      // Act
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });

      // Assess
      // (States.Runtime is not caught: the order is not marked failed, hence the step answering at least 1)
      expect(steps()).toEqual([...confirmedSteps, 'AWAIT PAYMENT', 'SECONDS_UNTIL SHIP_BY']);
      expect(await service.describeExecution({ executionArn })).toMatchObject({
        status: 'FAILED',
        error: 'States.Runtime',
      });
    });
  });

  describe('delivery and receipt', () => {
    it('skips the receipt wait when the buyer confirmed delivery', async () => {
      // Act
      const executionArn = await reachClaimWindow();

      // Assess
      expect(steps().slice(7)).toEqual(['AWAIT DELIVERY', 'CONTINUE_AS_NEW', 'AWAIT CLAIM']);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('confirms receipt automatically 14 days after a carrier delivery, and not before, then opens the claim window', async () => {
      // Prepare
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });
      await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'CARRIER' });

      // Act
      await advance(14 * day - second);
      const beforeDeadline = steps().at(-1);
      await advance(2 * second);

      // Assess
      expect(beforeDeadline).toBe('AWAIT RECEIPT');
      expect(steps().slice(7)).toEqual([
        'AWAIT DELIVERY',
        'CONTINUE_AS_NEW',
        'SECONDS_UNTIL RECEIPT_DUE',
        'AWAIT RECEIPT',
        'CONFIRM_RECEIPT',
        'AWAIT CLAIM',
      ]);
      expect(calls.find((c) => c.payload.action === 'CONFIRM_RECEIPT')!.payload).toEqual({
        action: 'CONFIRM_RECEIPT',
        orderId: 'ord_1',
      });
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('waits for the end of an extended receipt window before confirming receipt automatically', async () => {
      // Prepare
      let confirmations = 0;
      script['assuredOrderStep:CONFIRM_RECEIPT'] = () =>
        confirmations++ === 0 ? ok({ extended: true }) : ok({ by: 'AUTOMATIC', extended: false });
      await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });
      await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'CARRIER' });
      // an extension by 15 days: the timer step now reads the new end of the window
      deadlineSeconds.RECEIPT_DUE = 15 * 86_400;

      // Act
      await advance(14 * day + second);
      await advance(15 * day - 2 * second);
      const beforeExtendedDeadline = steps().at(-1);
      await advance(2 * second);

      // Assess
      expect(beforeExtendedDeadline).toBe('AWAIT RECEIPT');
      expect(steps().slice(9)).toEqual([
        'SECONDS_UNTIL RECEIPT_DUE',
        'AWAIT RECEIPT',
        'CONFIRM_RECEIPT',
        'SECONDS_UNTIL RECEIPT_DUE',
        'AWAIT RECEIPT',
        'CONFIRM_RECEIPT',
        'AWAIT CLAIM',
      ]);
    });

    it('hands an order with no delivery reported within 60 days to a platform determination', async () => {
      // Prepare
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });

      // Act
      await advance(60 * day - second);
      const beforeDeadline = steps().at(-1);
      await advance(2 * second);
      await resume('OPEN_REVIEW DISPUTE_DETERMINATION', { taskId: 'task_2', decision: 'REFUND' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(beforeDeadline).toBe('AWAIT DELIVERY');
      expect(steps().slice(7)).toEqual([
        'AWAIT DELIVERY',
        'OPEN_REVIEW DISPUTE_DETERMINATION',
        'SETTLE DETERMINATION',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });
  });

  describe('claims', () => {
    it('settles a claim the supplier accepted', async () => {
      // Prepare
      const executionArn = await reachClaim();

      // Act
      await resume('AWAIT CLAIM_RESOLUTION', { milestone: 'CLAIM_RESOLUTION', outcome: 'ACCEPTED' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps().slice(9)).toEqual([
        'AWAIT CLAIM',
        'AWAIT CLAIM_RESOLUTION',
        'SETTLE CLAIM_ACCEPTED',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(calls.find((c) => c.payload.action === 'SETTLE')!.payload).toEqual({
        action: 'SETTLE',
        outcome: 'CLAIM_ACCEPTED',
        orderId: 'ord_1',
      });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('hands an escalated claim to a platform determination, whose decision settles it', async () => {
      // Prepare
      const executionArn = await reachClaim();

      // Act
      await resume('AWAIT CLAIM_RESOLUTION', { milestone: 'CLAIM_RESOLUTION', outcome: 'ESCALATED' });
      await resume('OPEN_REVIEW DISPUTE_DETERMINATION', { taskId: 'task_2', decision: 'PARTIAL_REFUND' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps().slice(9)).toEqual([
        'AWAIT CLAIM',
        'AWAIT CLAIM_RESOLUTION',
        'OPEN_REVIEW DISPUTE_DETERMINATION',
        'SETTLE DETERMINATION',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(calls.find((c) => c.payload.kind === 'DISPUTE_DETERMINATION')!.payload).toEqual({
        action: 'OPEN_REVIEW',
        kind: 'DISPUTE_DETERMINATION',
        orderId: 'ord_1',
        taskToken: expect.any(String),
      });
      expect(calls.find((c) => c.payload.action === 'SETTLE')!.payload).toEqual({
        action: 'SETTLE',
        outcome: 'DETERMINATION',
        orderId: 'ord_1',
      });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it.each([
      ['ESCALATED', 'OPEN_REVIEW DISPUTE_DETERMINATION'],
      ['ACCEPTED', 'SETTLE CLAIM_ACCEPTED'],
    ])(
      'escalates a claim unresolved after 7 days, and not before; ESCALATE_CLAIM answering %s leads to %s',
      async (outcome, next) => {
        // Prepare
        script['assuredOrderStep:ESCALATE_CLAIM'] = () => ok({ outcome });
        const executionArn = await reachClaim();

        // Act
        await advance(7 * day - second);
        const beforeDeadline = steps().at(-1);
        await advance(2 * second);

        // Assess
        expect(beforeDeadline).toBe('AWAIT CLAIM_RESOLUTION');
        expect(steps().slice(10)).toEqual([
          'AWAIT CLAIM_RESOLUTION',
          'ESCALATE_CLAIM',
          next,
          ...(outcome === 'ACCEPTED' ? ['AWAIT PAYOUTS'] : []),
        ]);
        expect(calls.find((c) => c.payload.action === 'ESCALATE_CLAIM')!.payload).toEqual({
          action: 'ESCALATE_CLAIM',
          orderId: 'ord_1',
        });
        expect(await statusOf(executionArn)).toBe('RUNNING');
      },
    );

    it('settles the determination that follows an automatic escalation', async () => {
      // Prepare
      const executionArn = await reachClaim();
      await advance(7 * day + second);

      // Act
      await resume('OPEN_REVIEW DISPUTE_DETERMINATION', { taskId: 'task_2', decision: 'REFUND' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps().slice(11)).toEqual([
        'ESCALATE_CLAIM',
        'OPEN_REVIEW DISPUTE_DETERMINATION',
        'SETTLE DETERMINATION',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('waits on the same determination again, with a new token, when no one decides within 30 days', async () => {
      // Prepare
      await reachClaim();
      await resume('AWAIT CLAIM_RESOLUTION', { milestone: 'CLAIM_RESOLUTION', outcome: 'ESCALATED' });
      const firstToken = lastToken('OPEN_REVIEW DISPUTE_DETERMINATION');

      // Act
      await advance(30 * day + second);

      // Assess
      expect(steps().slice(-2)).toEqual(['OPEN_REVIEW DISPUTE_DETERMINATION', 'OPEN_REVIEW DISPUTE_DETERMINATION']);
      expect(lastToken('OPEN_REVIEW DISPUTE_DETERMINATION')).not.toBe(firstToken);
    });
  });

  describe('frozen money', () => {
    /** SETTLE freezes the money the first time it is asked, then settles what the review allowed. */
    function freezeOnFirstSettle() {
      let settles = 0;
      script['assuredOrderStep:SETTLE'] = (payload) =>
        settles++ === 0
          ? settleResult(payload, { settled: false, frozen: true, released: 0, pendingPayouts: 0 })
          : settleResult(payload);
    }

    it.each(['RELEASE', 'REFUND_BUYER'])(
      'opens a FROZEN_FUNDS review instead of paying out, and settles the same outcome after a %s decision',
      async (decision) => {
        // Prepare
        freezeOnFirstSettle();
        const executionArn = await reachClaimWindow();

        // Act
        await advance(31 * day);
        const beforeDecision = steps().slice(10);
        await resume('OPEN_REVIEW FROZEN_FUNDS', { taskId: 'task_3', decision });
        await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

        // Assess
        expect(beforeDecision).toEqual(['SETTLE NO_CLAIM', 'OPEN_REVIEW FROZEN_FUNDS']);
        expect(steps().slice(12)).toEqual(['SETTLE NO_CLAIM', 'AWAIT PAYOUTS', 'CLOSE']);
        expect(calls.filter((c) => c.payload.action === 'SETTLE').at(-1)!.payload).toEqual({
          action: 'SETTLE',
          outcome: 'NO_CLAIM',
          orderId: 'ord_1',
        });
        expect(await statusOf(executionArn)).toBe('SUCCEEDED');
      },
    );

    it('keeps the money frozen on KEEP_FROZEN: files the report and closes, with no settlement and no payout', async () => {
      // Prepare
      freezeOnFirstSettle();
      script['assuredOrderStep:KEEP_FROZEN'] = () => ok({ reportId: 'report_1', frozenAmount: 500 });
      script['assuredOrderStep:CLOSE'] = () => ok({ status: 'FROZEN' });
      const executionArn = await reachClaim();

      // Act
      await resume('AWAIT CLAIM_RESOLUTION', { milestone: 'CLAIM_RESOLUTION', outcome: 'ACCEPTED' });
      await resume('OPEN_REVIEW FROZEN_FUNDS', { taskId: 'task_3', decision: 'KEEP_FROZEN' });

      // Assess
      expect(steps().slice(10)).toEqual([
        'AWAIT CLAIM_RESOLUTION',
        'SETTLE CLAIM_ACCEPTED',
        'OPEN_REVIEW FROZEN_FUNDS',
        'KEEP_FROZEN',
        'CLOSE',
      ]);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('freezes a missed ship-by refund too, and settles it as SHIP_BY_MISSED once released', async () => {
      // Prepare
      freezeOnFirstSettle();
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });

      // Act
      await advance(shipBySeconds * second);
      await resume('OPEN_REVIEW FROZEN_FUNDS', { taskId: 'task_3', decision: 'REFUND_BUYER' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps().slice(6)).toEqual([
        'AWAIT SHIPMENT',
        'SETTLE SHIP_BY_MISSED',
        'OPEN_REVIEW FROZEN_FUNDS',
        'SETTLE SHIP_BY_MISSED',
        'AWAIT PAYOUTS',
        'CLOSE',
      ]);
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it('opens the review again for a new token when it is not decided by the recheck time', async () => {
      // Prepare
      freezeOnFirstSettle();
      await reachClaimWindow();
      await advance(31 * day);

      // Act
      await advance(policy.reviewRecheckSeconds * second + second);

      // Assess
      expect(steps().slice(10)).toEqual(['SETTLE NO_CLAIM', 'OPEN_REVIEW FROZEN_FUNDS', 'OPEN_REVIEW FROZEN_FUNDS']);
    });
  });

  describe('continuation', () => {
    it('hands an order to a new execution after the delivery when the step says the execution is old', async () => {
      // Prepare
      script['assuredOrderStep:CONTINUE_AS_NEW'] = () => ok({ continued: true });
      const executionArn = await startOrder();
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });

      // Act
      await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'CARRIER' });

      // Assess
      expect(steps().slice(-2)).toEqual(['AWAIT DELIVERY', 'CONTINUE_AS_NEW']);
      expect(calls.at(-1)!.payload).toEqual({
        action: 'CONTINUE_AS_NEW',
        orderId: 'ord_1',
        executionStartedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        policy,
        delivery: { milestone: 'DELIVERY', by: 'CARRIER' },
      });
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });

    it.each([
      ['CARRIER', ['SECONDS_UNTIL RECEIPT_DUE', 'AWAIT RECEIPT']],
      ['BUYER', ['AWAIT CLAIM']],
    ])('starts a continued execution where its predecessor left off (delivery by the %s)', async (by, expected) => {
      // Act
      const executionArn = await engine.startExecution('assured-order', 'ord_1-after-delivery', {
        orderId: 'ord_1',
        policy,
        resumeAt: 'DELIVERED',
        delivery: { milestone: 'DELIVERY', by },
      });

      // Assess: no screening, confirmation, payment or shipment again
      expect(steps()).toEqual(expected);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });
  });

  describe('payouts', () => {
    it('keeps waiting for the payouts, with a new token, after 7 days without them', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();
      const firstToken = lastToken('AWAIT PAYOUTS');

      // Act
      await advance(7 * day + second);
      const afterTimeout = steps();
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(afterTimeout.slice(-2)).toEqual(['AWAIT PAYOUTS', 'AWAIT PAYOUTS']);
      expect(lastToken('AWAIT PAYOUTS')).not.toBe(firstToken);
      expect(steps().at(-1)).toBe('CLOSE');
      expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    });
  });

  describe('policy', () => {
    it("times the fixed waits from the execution input's policy, not from constants", async () => {
      // Prepare: a delivery wait of an odd number of seconds
      const executionArn = await engine.startExecution('assured-order', 'ord_1', {
        orderId: 'ord_1',
        policy: { ...policy, deliveryWaitSeconds: 777_777 },
      });
      await resume('AWAIT CONFIRMATION', { milestone: 'CONFIRMATION', accepted: true });
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });
      await resume('AWAIT SHIPMENT', { milestone: 'SHIPMENT' });

      // Act
      await advance(777_777 * second - 1);
      const beforeDeadline = steps().at(-1);
      await advance(1);

      // Assess
      expect(beforeDeadline).toBe('AWAIT DELIVERY');
      expect(steps().at(-1)).toBe('OPEN_REVIEW DISPUTE_DETERMINATION');
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('starts with the periods of data/rules/trade-assurance-policy.json in seconds', () => {
      // Assess
      expect(policy).toMatchObject({
        deliveryWaitSeconds: 60 * 86_400,
        claimWindowSeconds: 30 * 86_400,
        automaticEscalationSeconds: 7 * 86_400,
        reviewRecheckSeconds: 30 * 86_400,
        payoutsRecheckSeconds: 7 * 86_400,
      });
    });
  });

  describe('failures', () => {
    it('records a step failing with a non-retryable error on the order and fails the execution', async () => {
      // Prepare
      script['assuredOrderStep:SECONDS_UNTIL'] = (payload) =>
        payload.deadline === 'SHIP_BY'
          ? { errorType: 'OrderStateError', errorMessage: 'There is no order ord_1' }
          : ok({ seconds: deadlineSeconds[String(payload.deadline)] });
      const executionArn = await startOrder();

      // Act
      await resume('AWAIT PAYMENT', { milestone: 'PAYMENT' });

      // Assess
      expect(steps()).toEqual([...confirmedSteps, 'AWAIT PAYMENT', 'SECONDS_UNTIL SHIP_BY', 'RECORD_FAILURE']);
      const failure = calls.at(-1)!.payload;
      expect(failure).toMatchObject({ action: 'RECORD_FAILURE', orderId: 'ord_1', error: 'OrderStateError' });
      expect(String(failure.cause)).toContain('There is no order ord_1');
      const described = await service.describeExecution({ executionArn });
      expect(described.status).toBe('FAILED');
      expect(described.error).toBe('AssuredOrderFailed');
    });

    it('records a failed screening', async () => {
      // Prepare
      script.screenOrderCounterparties = () => ({ errorType: 'ScreeningError', errorMessage: 'No parties' });

      // Act
      const executionArn = await startExecution();

      // Assess
      expect(steps()).toEqual(['screenOrderCounterparties', 'RECORD_FAILURE']);
      expect(calls[1]!.payload).toMatchObject({ error: 'ScreeningError' });
      expect((await service.describeExecution({ executionArn })).error).toBe('AssuredOrderFailed');
    });

    it('records a wait that was failed through its token', async () => {
      // Prepare
      const executionArn = await startOrder();

      // Act
      await service.sendTaskFailure({
        taskToken: lastToken('AWAIT PAYMENT'),
        error: 'OrderStateError',
        cause: 'Order ord_1 is CLOSED',
      });
      await settle();

      // Assess
      expect(steps()).toEqual([...confirmedSteps, 'AWAIT PAYMENT', 'RECORD_FAILURE']);
      expect(calls.at(-1)!.payload).toEqual({
        action: 'RECORD_FAILURE',
        orderId: 'ord_1',
        error: 'OrderStateError',
        cause: 'Order ord_1 is CLOSED',
      });
      expect((await service.describeExecution({ executionArn })).error).toBe('AssuredOrderFailed');
    });

    it('fails the execution as AssuredOrderFailed even when the failure cannot be recorded', async () => {
      // Prepare
      script['assuredOrderStep:CLOSE'] = () => ({ errorType: 'OrderStateError', errorMessage: 'Order ord_1 is gone' });
      script['assuredOrderStep:RECORD_FAILURE'] = () => ({ errorType: 'OrderStateError', errorMessage: 'gone' });
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();

      // Act
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps().slice(-2)).toEqual(['CLOSE', 'RECORD_FAILURE']);
      const described = await service.describeExecution({ executionArn });
      expect(described.status).toBe('FAILED');
      expect(described.error).toBe('AssuredOrderFailed');
    });

    it('retries a throttled step and carries on', async () => {
      // Prepare
      let attempts = 0;
      script.screenOrderCounterparties = () =>
        attempts++ === 0
          ? { errorType: 'Lambda.TooManyRequestsException', errorMessage: 'Rate exceeded' }
          : ok({ decision: 'PASS' });
      const executionArn = await startExecution();

      // Act
      await advance(120_000);

      // Assess
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'screenOrderCounterparties',
        'SECONDS_UNTIL CONFIRM_BY',
        'AWAIT CONFIRMATION',
      ]);
      expect(await statusOf(executionArn)).toBe('RUNNING');
    });

    it('retries a step that pays out while the provider is unavailable, then stops at that step, FAILED, for a redrive', async () => {
      // Prepare
      script['assuredOrderStep:CANCEL'] = () => ({
        errorType: 'PayoutProviderUnavailable',
        errorMessage: 'Provider down',
      });
      script.screenOrderCounterparties = () => ok({ decision: 'BLOCK' });
      const executionArn = await startExecution();

      // Act
      for (let i = 0; i < 6; i++) await advance(61 * second);

      // Assess: no RECORD_FAILURE (the step records its attempts itself), no Fail state: the error is the step's
      expect(steps()).toEqual(['screenOrderCounterparties', ...Array<string>(6).fill('CANCEL COMPLIANCE_BLOCKED')]);
      const described = await service.describeExecution({ executionArn });
      expect(described).toMatchObject({
        status: 'FAILED',
        error: 'PayoutProviderUnavailable',
        redriveStatus: 'REDRIVABLE',
      });
      const { events } = await service.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 3 });
      expect(events.map((event) => event.type)).toEqual(['ExecutionFailed', 'TaskFailed', 'TaskStarted']);
    });

    it.each([
      ['SettleNoClaim', 'NO_CLAIM'],
      ['SettleClaimAccepted', 'CLAIM_ACCEPTED'],
    ])(
      'runs %s again on a redrive once the payout provider is back, and goes on to the payouts and the close',
      async (state, outcome) => {
        // Prepare: the settling step fails until its retries run out
        let providerUp = false;
        script['assuredOrderStep:SETTLE'] = (payload) =>
          providerUp
            ? settleResult(payload)
            : { errorType: 'PayoutProviderUnavailable', errorMessage: 'payout provider answered 503' };
        const executionArn = await reachClaimWindow();
        if (outcome === 'NO_CLAIM') await advance(31 * day);
        else {
          await resume('AWAIT CLAIM', { milestone: 'CLAIM', claimId: 'clm_1' });
          await resume('AWAIT CLAIM_RESOLUTION', { milestone: 'CLAIM_RESOLUTION', outcome: 'ACCEPTED' });
        }
        for (let i = 0; i < 6; i++) await advance(61 * second);
        const failed = await service.describeExecution({ executionArn });
        const attempts = steps().filter((step) => step === `SETTLE ${outcome}`).length;

        // Act
        providerUp = true;
        await service.redriveExecution({ executionArn });
        await settle();
        await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS', failed: 0 });

        // Assess
        expect(failed).toMatchObject({ status: 'FAILED', error: 'PayoutProviderUnavailable', redriveCount: 0 });
        expect(attempts).toBe(6);
        expect(steps().slice(-3)).toEqual([`SETTLE ${outcome}`, 'AWAIT PAYOUTS', 'CLOSE']);
        expect(steps()).not.toContain('RECORD_FAILURE');
        expect(await service.describeExecution({ executionArn })).toMatchObject({
          status: 'SUCCEEDED',
          redriveCount: 1,
        });
        const { events } = await service.getExecutionHistory({ executionArn });
        const redriven = events.findIndex((event) => event.type === 'ExecutionRedriven');
        expect(events[redriven + 1]).toMatchObject({
          type: 'TaskStateEntered',
          stateEnteredEventDetails: { name: state },
        });
      },
    );
  });

  describe('personal data', () => {
    const allowed = new Set([
      'action',
      'orderId',
      'milestone',
      'kind',
      'reason',
      'outcome',
      'taskToken',
      'deadline',
      'error',
      'cause',
      // the continuation: its execution's start, the policy's periods, the delivery milestone's answer
      'executionStartedAt',
      'policy',
      'delivery',
    ]);

    it('passes only ids, actions, milestones, kinds, reasons, outcomes, deadlines, periods and tokens to its tasks', async () => {
      // Prepare: a route through most states, the resumes carrying ids only
      script.screenOrderCounterparties = () => ok({ decision: 'HOLD' });
      script['assuredOrderStep:CANCEL'] = () => ok({ cancelled: false, refunded: 0, pendingPayouts: 0 });
      script['assuredOrderStep:SETTLE'] = (payload) =>
        settleResult(payload, { settled: payload.outcome !== 'SHIP_BY_MISSED', released: 0, pendingPayouts: 0 });
      await startExecution();

      // Act
      await resume('OPEN_REVIEW COMPLIANCE_HOLD', { taskId: 'task_1', decision: 'APPROVE' });
      await advance(3 * day + second);
      await resume('AWAIT CONFIRMATION', { milestone: 'CONFIRMATION', accepted: true });
      await advance(7 * day + second);
      await advance(shipBySeconds * second);
      await resume('AWAIT DELIVERY', { milestone: 'DELIVERY', by: 'CARRIER' });
      await advance(14 * day + second);
      await resume('AWAIT CLAIM', { milestone: 'CLAIM', claimId: 'clm_1' });
      await advance(7 * day + second);
      await resume('OPEN_REVIEW DISPUTE_DETERMINATION', { taskId: 'task_2', decision: 'REFUND' });
      script['assuredOrderStep:CLOSE'] = () => ({ errorType: 'OrderStateError', errorMessage: 'Order ord_1 is gone' });
      await resume('AWAIT PAYOUTS', { milestone: 'PAYOUTS' });

      // Assess
      expect(steps()).toEqual([
        'screenOrderCounterparties',
        'OPEN_REVIEW COMPLIANCE_HOLD',
        'SECONDS_UNTIL CONFIRM_BY',
        'AWAIT CONFIRMATION',
        'CANCEL CONFIRMATION_TIMEOUT',
        'SECONDS_UNTIL CONFIRM_BY',
        'AWAIT CONFIRMATION',
        'SECONDS_UNTIL PAY_BY',
        'AWAIT PAYMENT',
        'CANCEL PAYMENT_TIMEOUT',
        'SECONDS_UNTIL SHIP_BY',
        'AWAIT SHIPMENT',
        'SETTLE SHIP_BY_MISSED',
        'AWAIT DELIVERY',
        'CONTINUE_AS_NEW',
        'SECONDS_UNTIL RECEIPT_DUE',
        'AWAIT RECEIPT',
        'CONFIRM_RECEIPT',
        'AWAIT CLAIM',
        'AWAIT CLAIM_RESOLUTION',
        'ESCALATE_CLAIM',
        'OPEN_REVIEW DISPUTE_DETERMINATION',
        'SETTLE DETERMINATION',
        'AWAIT PAYOUTS',
        'CLOSE',
        'RECORD_FAILURE',
      ]);
      for (const call of calls) expect(Object.keys(call.payload).filter((key) => !allowed.has(key))).toEqual([]);
    });
  });
});
