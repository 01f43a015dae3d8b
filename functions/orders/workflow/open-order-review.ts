import { generateId } from '../../commons/ids';
import { reviewOutcome } from '../../kyc/usecases/open-case-review';
import { addBusinessDays } from '../../review/models/business-days';
import type { ReviewTask } from '../../review/models/review-task';
import {
  findReviewTask,
  replaceTaskToken,
  reviewTaskPut,
  type ReviewTaskStore,
} from '../../review/repositories/review-task-repository';
import type { Order } from '../models/order';
import { orderTimers } from '../models/order-lifecycle';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps, type ResumeWorkflow } from './order-workflow-deps';

/** Business days a reviewer has for an order's review. */
export const ORDER_REVIEW_BUSINESS_DAYS = 3;

/** The reviews an order can wait on. */
export type OrderReviewKind = 'COMPLIANCE_HOLD' | 'DISPUTE_DETERMINATION';

/** What opening an order's review needs. */
export interface OpenOrderReviewDeps extends OrderStepDeps {
  tasks: ReviewTaskStore;
  resume: ResumeWorkflow;
  scheduleEscalation: (taskId: string, dueAt: string) => Promise<void>;
}

function existingTaskId(order: Order, kind: OrderReviewKind): string | undefined {
  return kind === 'COMPLIANCE_HOLD' ? order.compliance.review?.taskId : order.determination?.taskId;
}

/** Why the order needs a person, for the reviewer's queue. */
export function describeOrderReview(order: Order, kind: OrderReviewKind): string[] {
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
          ? `The supplier offered ${claim.response.offerAmount} ${order.currency} instead`
          : 'The supplier rejected the claim';
    return [
      `${claim.reason} claim ${claim.claimId} for ${claim.requestedAmount} ${order.currency} ` +
        `(covered ${order.coveredAmount}): ${claim.description}`,
      claim.response?.message ? `${answer}: ${claim.response.message}` : answer,
    ];
  }
  return [`No delivery was reported within ${orderTimers.deliveryWindowDays} days of shipment`];
}

/**
 * Workflow step (`.waitForTaskToken`): opens a COMPLIANCE_HOLD or DISPUTE_DETERMINATION review task for
 * the order, with the workflow's token on the task; the reviewer's decision through the review API
 * resumes the workflow with the task id and decision. Waiting again on the same review (after the
 * wait's timeout) puts the new token on the open task; a decision made in between is sent at once.
 */
export async function openOrderReview(
  deps: OpenOrderReviewDeps,
  input: { orderId: string; kind: OrderReviewKind; taskToken: string },
): Promise<{ taskId: string }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);

  const existing = existingTaskId(order, input.kind);
  if (existing) {
    const task = await findReviewTask(deps.tasks, existing);
    if (!task) throw new OrderStateError(`Review task ${existing} of order ${input.orderId} is missing`);
    if (await replaceTaskToken(deps.tasks, task.taskId, input.taskToken)) {
      await deps.scheduleEscalation(task.taskId, task.dueAt);
      return { taskId: task.taskId };
    }
    const decided = await findReviewTask(deps.tasks, task.taskId);
    await deps.resume(input.taskToken, reviewOutcome(decided!));
    return { taskId: task.taskId };
  }

  const now = deps.now();
  const at = now.toISOString();
  const task: ReviewTask = {
    taskId: generateId('task'),
    kind: input.kind,
    status: 'OPEN',
    subject: {
      type: 'ORDER',
      id: order.orderId,
      partyId: order.buyerPartyId,
      counterpartyId: order.supplierPartyId,
      openedBy: order.createdBy,
    },
    reasons: describeOrderReview(order, input.kind),
    createdAt: at,
    dueAt: addBusinessDays(now, ORDER_REVIEW_BUSINESS_DAYS).toISOString(),
    escalated: false,
    taskToken: input.taskToken,
  };
  const status = input.kind === 'COMPLIANCE_HOLD' ? 'COMPLIANCE_HOLD' : 'IN_DETERMINATION';
  const opened = await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    input.kind === 'COMPLIANCE_HOLD'
      ? {
          set: { compliance: { ...order.compliance, review: { taskId: task.taskId } }, status, updatedAt: at },
          condition: 'attribute_not_exists(#compliance.#review)',
        }
      : {
          set: { determination: { taskId: task.taskId }, status, updatedAt: at },
          condition: 'attribute_not_exists(#determination)',
        },
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
    [reviewTaskPut(deps.tasks, task)],
  );
  if (!opened) return openOrderReview(deps, input);
  await deps.scheduleEscalation(task.taskId, task.dueAt);
  return { taskId: task.taskId };
}
