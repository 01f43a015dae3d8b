import { determinationMessages } from '../models/order-view-policy';
import { formatMinorUnits } from '../../commons/money';
import { fingerprint } from '../../commons/fingerprint';
import { ProblemError } from '../../commons/http/problem';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';
import { findEscrowBalance, listOrderMovements } from '../ledger/ledger-repository';
import { findOrderWithTimeline, orderKey, orderTimelinePut, type OrderStore } from '../repositories/order-repository';
import { findPartyProfile } from '../../kernel/parties/repositories/party-repository';
import type { RecordedDecision, ReviewTask } from '../../kernel/review/review-task';
import { unfreezeEscrowUpdate } from '../ledger/ledger-repository';
import type { Order } from '../models/order';
import { planSettlement } from '../workflow/settle-order';

/**
 * How review tasks about orders (COMPLIANCE_HOLD, DISPUTE_DETERMINATION) read their evidence and record
 * decisions and escalations on the order. A decision is accepted only while the order waits on that very
 * task; a REFUND may not exceed what can still be refunded (the covered amount, at most what was paid).
 */
export function createOrderReviewSubject(orders: OrderStore): ReviewSubjectAdapter {
  async function readStandings(order: Pick<Order, 'buyerPartyId' | 'supplierPartyId'>) {
    const [buyer, supplier] = await Promise.all([
      findPartyProfile(orders, order.buyerPartyId),
      findPartyProfile(orders, order.supplierPartyId),
    ]);
    return { BUYER: buyer?.kycStatus ?? null, SUPPLIER: supplier?.kycStatus ?? null };
  }

  /**
   * Frozen money is never paid to a SUSPENDED party: a decision whose settlement would pay one (read
   * fresh) is refused, whoever approves it. KEEP_FROZEN moves nothing and is always possible.
   */
  async function checkFrozenFundsDecision(orderId: string, decision: string) {
    if (decision === 'KEEP_FROZEN') return undefined;
    const found = await findOrderWithTimeline(orders, orderId);
    const order = found?.order;
    if (!order?.freeze) return undefined;
    const balance = await findEscrowBalance(orders, orderId);
    const plan =
      decision === 'REFUND_BUYER'
        ? { refund: balance?.paid ?? 0, release: 0 }
        : planSettlement(order, order.freeze.outcome, balance?.paid ?? 0);
    const standings = await readStandings(order);
    const paid = [
      ...(plan.refund > 0 ? (['BUYER'] as const) : []),
      ...(plan.release > 0 ? (['SUPPLIER'] as const) : []),
    ].filter((role) => standings[role] === 'SUSPENDED');
    if (paid.length === 0) return undefined;
    return new ProblemError(
      409,
      `${decision} would pay ${paid.map((role) => `the ${role.toLowerCase()}`).join(' and ')} of order ${orderId}, ` +
        `which is SUSPENDED: frozen money is never paid to a suspended party. KEEP_FROZEN keeps it and files a ` +
        `compliance report`,
      { code: 'BENEFICIARY_SUSPENDED', suspended: paid },
    );
  }

  return {
    async loadEvidence(task) {
      const found = await findOrderWithTimeline(orders, task.subject.id);
      if (!found) return { order: null };
      const { workflowWait: _wait, ...order } = found.order;
      const [movements, balance] = await Promise.all([
        listOrderMovements(orders, order.orderId),
        findEscrowBalance(orders, order.orderId),
      ]);
      return { order: { ...order, timeline: found.timeline, movements }, escrow: balance ?? null };
    },
    async describeFacts(task) {
      const found = await findOrderWithTimeline(orders, task.subject.id);
      return { currency: found?.order.currency ?? null };
    },
    async fingerprintEvidence(task) {
      const found = await findOrderWithTimeline(orders, task.subject.id);
      const order = found?.order;
      if (task.kind === 'FROZEN_FUNDS') {
        // what a decision on frozen money rests on: why it froze, and the parties' standings now
        return fingerprint(
          order ? { freeze: order.freeze?.flags ?? null, standings: await readStandings(order) } : null,
        );
      }
      // what a hold or a determination rests on: the compliance findings and the claim
      return fingerprint(
        order
          ? {
              outcomes: order.compliance.outcomes,
              counterparties: order.compliance.counterparties?.screenedAt ?? null,
              claim: order.claim ? { ...order.claim, escalation: undefined, status: undefined } : null,
              shipment: order.shipment ?? null,
            }
          : null,
      );
    },
    reviewHistoryItems(task, entry) {
      return [
        orderTimelinePut(orders, task.subject.id, {
          at: entry.at,
          type: `REVIEW_${entry.action}`,
          actor: 'kind' in entry.by ? { type: 'SYSTEM', id: 'review' } : { type: 'USER', id: entry.by.subject },
          detail: {
            taskId: task.taskId,
            kind: task.kind,
            proposalId: entry.proposalId,
            decision: entry.decision,
            ...(entry.reason ? { reason: entry.reason } : {}),
          },
          audience: 'STAFF',
        }),
      ];
    },
    async checkDecision(task, request) {
      if (task.kind === 'FROZEN_FUNDS') return checkFrozenFundsDecision(task.subject.id, request.decision);
      if (task.kind !== 'DISPUTE_DETERMINATION' || request.decision !== 'REFUND') return undefined;
      const found = await findOrderWithTimeline(orders, task.subject.id);
      const balance = await findEscrowBalance(orders, task.subject.id);
      const refundable = Math.min(found?.order.coveredAmount ?? 0, balance?.paid ?? 0);
      if ((request.amount ?? 0) <= refundable) return undefined;
      return new ProblemError(
        422,
        `A refund of ${formatMinorUnits(request.amount ?? 0, found?.order.currency ?? 'USD')} exceeds the ` +
          `${formatMinorUnits(refundable, found?.order.currency ?? 'USD')} refundable on order ${task.subject.id} ` +
          `(the covered amount, at most what was paid)`,
        { code: 'REFUND_EXCEEDS_LIMIT', refundable },
      );
    },
    decisionItems(task, decision) {
      if (task.kind === 'FROZEN_FUNDS') return frozenFundsDecisionItems(orders, task, decision);
      const dispute = task.kind === 'DISPUTE_DETERMINATION';
      return [
        {
          Update: {
            TableName: orders.tableName,
            Key: orderKey(task.subject.id),
            UpdateExpression: dispute
              ? 'SET determination = :determination, updatedAt = :at'
              : 'SET compliance.review = :review, updatedAt = :at',
            ConditionExpression: dispute
              ? 'determination.taskId = :taskId'
              : 'compliance.review.taskId = :taskId AND #status = :hold',
            ...(dispute ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
            ExpressionAttributeValues: {
              ':taskId': task.taskId,
              ':at': decision.decidedAt,
              ...(dispute
                ? {
                    ':determination': {
                      taskId: task.taskId,
                      decision: decision.decision,
                      ...(decision.amount !== undefined ? { amount: decision.amount } : {}),
                    },
                  }
                : { ':review': { taskId: task.taskId, decision: decision.decision }, ':hold': 'COMPLIANCE_HOLD' }),
            },
          },
        },
        orderTimelinePut(orders, task.subject.id, {
          at: decision.decidedAt,
          type: 'REVIEW_DECIDED',
          actor: { type: 'USER', id: decision.decidedBy.subject },
          detail: {
            taskId: task.taskId,
            kind: task.kind,
            decision: decision.decision,
            reason: decision.reason,
            ...(decision.amount !== undefined ? { amount: decision.amount } : {}),
            // what the parties read of a determination: never the internal reason
            ...(task.kind === 'DISPUTE_DETERMINATION'
              ? { message: decision.clientMessage ?? determinationMessages[decision.decision] }
              : {}),
          },
        }),
      ];
    },
    escalationItems(task, at) {
      return [
        orderTimelinePut(orders, task.subject.id, {
          at,
          type: 'REVIEW_TASK_ESCALATED',
          actor: { type: 'SYSTEM', id: 'review' },
          detail: { taskId: task.taskId, dueAt: task.dueAt, reason: 'The review was not decided by its due time' },
        }),
      ];
    },
  };
}

/**
 * The writes of a FROZEN_FUNDS decision, in the decision's transaction: the order records it (only while
 * it is FROZEN and waits on this very task, undecided), and a decision that moves the money takes the
 * frozen mark off the escrow balance, so that the settlement that follows can move it. KEEP_FROZEN
 * leaves the mark.
 */
function frozenFundsDecisionItems(orders: OrderStore, task: ReviewTask, decision: RecordedDecision) {
  const moves = decision.decision === 'RELEASE' || decision.decision === 'REFUND_BUYER';
  return [
    {
      Update: {
        TableName: orders.tableName,
        Key: orderKey(task.subject.id),
        UpdateExpression:
          'SET freeze.decision = :decision, freeze.decidedAt = :at, freeze.decisionReason = :reason, updatedAt = :at',
        ConditionExpression: 'freeze.taskId = :taskId AND #status = :frozen AND attribute_not_exists(freeze.decision)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':taskId': task.taskId,
          ':frozen': 'FROZEN',
          ':decision': decision.decision,
          ':reason': decision.reason,
          ':at': decision.decidedAt,
        },
      },
    },
    ...(moves ? [unfreezeEscrowUpdate(orders, task.subject.id)] : []),
    orderTimelinePut(orders, task.subject.id, {
      at: decision.decidedAt,
      type: 'REVIEW_DECIDED',
      actor: { type: 'USER', id: decision.decidedBy.subject },
      detail: { taskId: task.taskId, kind: task.kind, decision: decision.decision, reason: decision.reason },
    }),
    ...(moves
      ? [
          orderTimelinePut(
            orders,
            task.subject.id,
            {
              at: decision.decidedAt,
              type: 'ESCROW_UNFROZEN',
              actor: { type: 'USER', id: decision.decidedBy.subject },
              detail: {
                taskId: task.taskId,
                decision: decision.decision,
                ...(decision.approvedBy ? { approvedBy: decision.approvedBy.subject } : {}),
              },
            },
            1,
          ),
        ]
      : []),
  ];
}
