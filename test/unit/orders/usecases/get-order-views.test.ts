import type { LedgerMovement } from '../../../../functions/orders/ledger/ledger-model';
import type { OrderTimelineEvent } from '../../../../functions/orders/models/order';
import { buildPartyOrderView, buildStaffOrderView } from '../../../../functions/orders/usecases/get-order';
import { buildOrder } from '../../../support/orders/order-fixture';

/*
 * The order's party and staff views (DESIGN, "Who may see what"). Every stored value that is for staff
 * only carries a marker, so a test can prove that none of it reaches the buyer or the supplier.
 */

const staffOnly = {
  amlEvidence: 'AML-EVIDENCE-order_other_supplier',
  matchedName: 'ROTENBERG, Arkady',
  exportReason: 'EXPORT-CONTROL-REASON',
  reviewerReason: 'REVIEWER-INTERNAL-REASON',
  reviewerSubject: 'reviewer-sub-0001',
  buyerUser: 'buyer-user-sub-0001',
  supplierUser: 'supplier-user-sub-0001',
  stackTrace: 'at Object.handler (/var/task/index.js:1:2)',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:assured-order',
  providerPayoutId: 'po_provider_0001',
  taskId: 'task_secret_0001',
  taskToken: 'TOKEN-SECRET',
  partnerEventId: 'evt_partner_secret_0001',
  ledgerKey: 'order_1:overpayment:0123456789abcdef01234567',
};

const order = buildOrder({
  createdBy: staffOnly.buyerUser,
  status: 'COMPLETED',
  compliance: {
    decision: 'HOLD',
    outcomes: [
      {
        ruleId: 'aml/velocity',
        ruleSetVersion: '1',
        action: 'HOLD',
        reason: staffOnly.exportReason,
        evidence: { orders: [staffOnly.amlEvidence] },
      },
    ],
    screenedAt: '2026-06-01T00:00:00.000Z',
    counterparties: {
      decision: 'HOLD',
      outcomes: [
        {
          ruleId: 'counterparty/sanctions-hit',
          ruleSetVersion: 'ofac',
          action: 'HOLD',
          reason: 'match',
          evidence: { matchedName: staffOnly.matchedName },
        },
      ],
      screenedAt: '2026-06-01T00:00:01.000Z',
      listVersion: 'v1',
    },
    review: { taskId: staffOnly.taskId, decision: 'APPROVE' },
  },
  payment: {
    amount: 50_000,
    currency: 'USD',
    receivedAt: '2026-06-02T00:00:00.000Z',
    partnerId: 'payments-partner',
    eventId: 'evt_partner_1',
    movementKey: 'order_1:payment',
  },
  claim: {
    claimId: 'claim_1',
    reason: 'QUALITY',
    description: 'Thin fabric',
    requestedAmount: 10_000,
    openedAt: '2026-06-10T00:00:00.000Z',
    openedBy: staffOnly.buyerUser,
    status: 'ESCALATED',
    respondBy: '2026-06-13T00:00:00.000Z',
    escalatesAt: '2026-06-18T00:00:00.000Z',
    response: { accept: false, at: '2026-06-11T00:00:00.000Z', by: staffOnly.supplierUser },
    escalation: { by: 'AUTOMATIC', at: '2026-06-18T00:00:00.000Z' },
  },
  determination: { taskId: staffOnly.taskId, decision: 'REFUND', amount: 5_000 },
  settlement: {
    outcome: 'DETERMINATION',
    refunded: 5_000,
    released: 45_000,
    settledAt: '2026-06-20T00:00:00.000Z',
    payouts: [
      {
        movementKey: 'order_1:refund',
        beneficiary: 'BUYER',
        partyId: 'party_buyer',
        amount: 5_000,
        currency: 'USD',
        provider: 'local',
        providerPayoutId: staffOnly.providerPayoutId,
        status: 'FAILED',
        requestedAt: '2026-06-20T00:00:00.000Z',
        failureReason: staffOnly.stackTrace,
      },
    ],
  },
  workflowWait: {
    milestone: 'PAYOUTS',
    since: '2026-06-20T00:00:00.000Z',
    taskToken: staffOnly.taskToken,
  } as never,
});

const user = (id: string) => ({ type: 'USER' as const, id });
const system = { type: 'SYSTEM' as const, id: 'assured-order' };
const timeline: OrderTimelineEvent[] = [
  {
    at: '1',
    type: 'ORDER_CREATED',
    actor: user(staffOnly.buyerUser),
    detail: {
      status: 'COMPLIANCE_HOLD',
      coveredAmount: 50_000,
      currency: 'USD',
      complianceDecision: 'HOLD',
      heldBy: ['aml/velocity'],
    },
  },
  { at: '2', type: 'COUNTERPARTIES_SCREENED', actor: system, detail: { decision: 'HOLD', listVersion: 'v1' } },
  { at: '3', type: 'REVIEW_TASK_OPENED', actor: system, detail: { taskId: staffOnly.taskId, kind: 'COMPLIANCE_HOLD' } },
  {
    at: '4',
    type: 'REVIEW_DECIDED',
    actor: user(staffOnly.reviewerSubject),
    detail: {
      taskId: staffOnly.taskId,
      kind: 'COMPLIANCE_HOLD',
      decision: 'APPROVE',
      reason: staffOnly.reviewerReason,
    },
  },
  {
    at: '5',
    type: 'WORKFLOW_FAILED',
    actor: system,
    detail: { error: 'Lambda.Unknown', cause: `${staffOnly.stackTrace} ${staffOnly.stateMachineArn}` },
  },
  {
    at: '6',
    type: 'CLAIM_ANSWERED',
    actor: user(staffOnly.supplierUser),
    detail: { claimId: 'claim_1', accept: false, withinResponseTime: true },
  },
  {
    at: '7',
    type: 'REVIEW_DECIDED',
    actor: user(staffOnly.reviewerSubject),
    detail: {
      taskId: staffOnly.taskId,
      kind: 'DISPUTE_DETERMINATION',
      decision: 'REFUND',
      amount: 5_000,
      reason: staffOnly.reviewerReason,
      message: 'We refund half.',
    },
  },
  {
    at: '8',
    type: 'PAYOUT_FAILED',
    actor: system,
    detail: {
      beneficiary: 'BUYER',
      amount: 5_000,
      currency: 'USD',
      providerPayoutId: staffOnly.providerPayoutId,
      reason: staffOnly.stackTrace,
    },
  },
  { at: '9', type: 'SOMETHING_NEW', actor: system, detail: { secret: staffOnly.amlEvidence } },
  { at: '10', type: 'STATUS_CHANGED', actor: system, detail: { from: 'SETTLING', to: 'COMPLETED' }, audience: 'STAFF' },
];
const movements: LedgerMovement[] = [
  {
    orderId: 'order_1',
    kind: 'OVERPAYMENT',
    amount: 50_000,
    currency: 'USD',
    idempotencyKey: staffOnly.ledgerKey,
    reason: `payment.succeeded ${staffOnly.partnerEventId} from payments-partner-1`,
    source: `payments-partner-1/${staffOnly.partnerEventId}`,
    at: '2026-06-02T00:05:00.000Z',
    from: 'BUYER:party_buyer',
    to: 'ESCROW:order_1',
  },
];

describe('the party view of an order', () => {
  const view = buildPartyOrderView(order, timeline, movements);
  const shown = JSON.stringify(view);

  it.each(Object.entries(staffOnly))('never shows %s', (_name, marker) => {
    // Assess
    expect(shown).not.toContain(marker);
  });

  it("shows the escrow's movements without the partner's ids or the ledger's keys", () => {
    // Assess
    expect(view.movements).toEqual([
      {
        kind: 'OVERPAYMENT',
        amount: 50_000,
        currency: 'USD',
        at: '2026-06-02T00:05:00.000Z',
        from: 'BUYER:party_buyer',
        to: 'ESCROW:order_1',
      },
    ]);
    expect(shown).not.toContain('payments-partner-1');
  });

  it('has no compliance record and names no user of either party', () => {
    // Assess
    expect(view).not.toHaveProperty('compliance');
    expect(view).not.toHaveProperty('createdBy');
    expect(view.claim).not.toHaveProperty('openedBy');
    expect(view.claim!.response).toEqual({ accept: false, at: '2026-06-11T00:00:00.000Z' });
  });

  it('shows the terms, the determination, the money and what the order waits for', () => {
    // Assess
    expect(view).toMatchObject({
      orderId: 'order_1',
      status: 'COMPLETED',
      coveredAmount: 50_000,
      payment: { amount: 50_000, currency: 'USD', receivedAt: '2026-06-02T00:00:00.000Z' },
      determination: { decision: 'REFUND', amount: 5_000 },
      settlement: { refunded: 5_000, payouts: [{ beneficiary: 'BUYER', amount: 5_000, status: 'FAILED' }] },
      waitingFor: { milestone: 'PAYOUTS', since: '2026-06-20T00:00:00.000Z' },
    });
  });

  it('keeps only the timeline entries meant for the parties, staff shown as STAFF, failures in plain words', () => {
    // Assess
    expect(view.timeline).toEqual([
      {
        at: '1',
        type: 'ORDER_CREATED',
        actor: { kind: 'PARTY' },
        detail: { status: 'COMPLIANCE_HOLD', coveredAmount: 50_000, currency: 'USD' },
      },
      {
        at: '5',
        type: 'WORKFLOW_FAILED',
        actor: { kind: 'SYSTEM' },
        detail: { message: expect.stringMatching(/retried .* or looked at/) },
      },
      {
        at: '6',
        type: 'CLAIM_ANSWERED',
        actor: { kind: 'PARTY' },
        detail: { claimId: 'claim_1', accept: false, withinResponseTime: true },
      },
      {
        at: '7',
        type: 'REVIEW_DECIDED',
        actor: { kind: 'STAFF' },
        detail: { decision: 'REFUND', amount: 5_000, message: 'We refund half.' },
      },
      {
        at: '8',
        type: 'PAYOUT_FAILED',
        actor: { kind: 'SYSTEM' },
        detail: { beneficiary: 'BUYER', amount: 5_000, currency: 'USD' },
      },
    ]);
  });
});

describe('the staff view of an order', () => {
  it('shows everything but the task token, with each entry labelled by its audience', () => {
    // Act
    const view = buildStaffOrderView(order, timeline, movements);
    const shown = JSON.stringify(view);

    // Assess
    for (const [name, marker] of Object.entries(staffOnly)) {
      if (name !== 'taskToken') expect(shown).toContain(marker);
    }
    expect(shown).not.toContain(staffOnly.taskToken);
    expect(view.timeline.map((entry) => `${entry.type} ${entry.audience}`)).toEqual([
      'ORDER_CREATED PARTIES',
      'COUNTERPARTIES_SCREENED STAFF',
      'REVIEW_TASK_OPENED STAFF',
      'REVIEW_DECIDED STAFF',
      'WORKFLOW_FAILED PARTIES',
      'CLAIM_ANSWERED PARTIES',
      'REVIEW_DECIDED PARTIES',
      'PAYOUT_FAILED PARTIES',
      'SOMETHING_NEW STAFF',
      'STATUS_CHANGED STAFF',
    ]);
  });
});
