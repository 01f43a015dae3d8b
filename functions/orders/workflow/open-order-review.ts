import type { OpenReviewTask, ReviewOpening } from '../../kernel/review/review-opening';
import { formatMinorUnits } from '../../commons/money';
import type { Order } from '../models/order';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { findOrder } from '../repositories/order-repository';
import { describeFreeze } from './freeze-order-escrow';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/** The reviews an order can wait on. */
export type OrderReviewKind = 'COMPLIANCE_HOLD' | 'DISPUTE_DETERMINATION' | 'FROZEN_FUNDS';

/** The status an order shows while each review is open. */
const statusDuringReview: Record<OrderReviewKind, string> = {
  COMPLIANCE_HOLD: 'COMPLIANCE_HOLD',
  DISPUTE_DETERMINATION: 'IN_DETERMINATION',
  FROZEN_FUNDS: 'FROZEN',
};

/** What opening an order's review needs. */
export interface OpenOrderReviewDeps extends OrderStepDeps {
  /** Review's service: opens the task, or gives an open one the workflow's new token. */
  openReviewTask: OpenReviewTask;
}

function existingTaskId(order: Order, kind: OrderReviewKind): string | undefined {
  if (kind === 'FROZEN_FUNDS') return order.freeze?.taskId;
  return kind === 'COMPLIANCE_HOLD' ? order.compliance.review?.taskId : order.determination?.taskId;
}

/** Why the order needs a person, for the reviewer's queue. */
export function describeOrderReview(order: Order, kind: OrderReviewKind): string[] {
  if (kind === 'FROZEN_FUNDS') {
    const freeze = order.freeze;
    return [
      freeze
        ? `${formatMinorUnits(freeze.amount, order.currency)} froze in escrow when the order was due to settle ` +
          `(${freeze.outcome}): ${describeFreeze(freeze)}`
        : 'The money of the order is frozen',
      'RELEASE settles it as due, REFUND_BUYER pays everything back to the buyer (both need a second reviewer), ' +
        'KEEP_FROZEN keeps it frozen and files a compliance report',
    ];
  }
  if (kind === 'COMPLIANCE_HOLD') {
    const holds = [...order.compliance.outcomes, ...(order.compliance.counterparties?.outcomes ?? [])].filter(
      (outcome) => outcome.action === 'HOLD',
    );
    return holds.length > 0
      ? holds.map((outcome) => `${outcome.ruleId}: ${outcome.reason}`)
      : ['Compliance screening held the order'];
  }
  if (order.claim) {
    const { claim } = order;
    const answer = !claim.response
      ? 'The supplier did not answer'
      : claim.response.accept
        ? 'The supplier accepted'
        : claim.response.offerAmount !== undefined
          ? `The supplier offered ${formatMinorUnits(claim.response.offerAmount, order.currency)} instead`
          : 'The supplier rejected the claim';
    return [
      `${claim.reason} claim ${claim.claimId} for ${formatMinorUnits(claim.requestedAmount, order.currency)} ` +
        `(covered ${formatMinorUnits(order.coveredAmount, order.currency)}): ${claim.description}`,
      claim.response?.message ? `${answer}: ${claim.response.message}` : answer,
    ];
  }
  return [`No delivery was reported within ${loadTradeAssurancePolicy().periods.deliveryWaitDays} days of shipment`];
}

/**
 * Workflow step (`.waitForTaskToken`): opens a COMPLIANCE_HOLD or DISPUTE_DETERMINATION review task for
 * the order, with the workflow's token on the task; the reviewer's decision through the review API
 * resumes the workflow with the task id and decision (review's `openReviewTask` does the waiting again
 * and the escalation). The order records the task and its new status in one transaction with it.
 */
export async function openOrderReview(
  deps: OpenOrderReviewDeps,
  input: { orderId: string; kind: OrderReviewKind; taskToken: string },
): Promise<{ taskId: string }> {
  return deps.openReviewTask(input, async (): Promise<ReviewOpening> => {
    const order = await findOrder(deps.orders, input.orderId);
    if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
    const status = statusDuringReview[input.kind];
    const existing = existingTaskId(order, input.kind);
    return {
      kind: input.kind,
      subject: {
        type: 'ORDER',
        id: order.orderId,
        partyId: order.buyerPartyId,
        counterpartyId: order.supplierPartyId,
        openedBy: order.createdBy,
      },
      reasons: describeOrderReview(order, input.kind),
      ...(existing ? { existingTaskId: existing } : {}),
      stateError: (message) => new OrderStateError(message),
      record: (task, taskPut) => {
        const at = task.createdAt;
        return updateOrderWithEvents(
          deps.orders,
          order.orderId,
          reviewRecord(order, input.kind, task.taskId, status, at),
          [
            ...(order.status !== status
              ? [{ at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: status } }]
              : []),
            {
              at,
              type: 'REVIEW_TASK_OPENED',
              actor: workflowActor,
              detail: { taskId: task.taskId, kind: task.kind, dueAt: task.dueAt },
            },
          ],
          `open-review:${task.taskId}`,
          [taskPut],
        );
      },
    };
  });
}

/** How the order records the task it waits on, guarded so that a retried step records it once. */
function reviewRecord(order: Order, kind: OrderReviewKind, taskId: string, status: string, at: string) {
  switch (kind) {
    case 'COMPLIANCE_HOLD':
      return {
        set: { compliance: { ...order.compliance, review: { taskId } }, status, updatedAt: at },
        condition: 'attribute_not_exists(#compliance.#review)',
      };
    case 'DISPUTE_DETERMINATION':
      return {
        set: { determination: { taskId }, status, updatedAt: at },
        condition: 'attribute_not_exists(#determination)',
      };
    case 'FROZEN_FUNDS':
      if (!order.freeze) throw new OrderStateError(`Order ${order.orderId} has no frozen money to review`);
      return {
        set: { freeze: { ...order.freeze, taskId }, status, updatedAt: at },
        condition: 'attribute_exists(#freeze) AND attribute_not_exists(#freeze.#taskId)',
      };
  }
}
