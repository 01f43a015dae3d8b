import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import {
  advanceStatus,
  isFinalStatus,
  readMilestone,
  statusWhileAwaiting,
  type OrderMilestone,
} from '../models/order-lifecycle';
import type { OrderTimelineEvent } from '../models/order';
import { findOrder } from '../repositories/order-repository';
import { syncConfirmedPayouts } from '../repositories/payout-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps, type ResumeWorkflow } from './order-workflow-deps';

/** What waiting and resuming need. */
export interface AwaitMilestoneDeps extends OrderStepDeps {
  resume: ResumeWorkflow;
}

/** Outcome of {@link resumeOrderWorkflow}. */
export type ResumeOutcome = 'RESUMED' | 'GONE' | 'NOT_WAITING' | 'NOT_REACHED';

/**
 * Workflow step (`.waitForTaskToken`): keeps the task token on the order as what the workflow waits
 * for, moves the status to the one shown while waiting, then resumes at once if the milestone was
 * already reached (a webhook that came early). Facts recorded later resume it through
 * {@link resumeOrderWorkflow}. Either order of the two is safe: each writes, then reads the other's fact.
 */
export async function awaitOrderMilestone(
  deps: AwaitMilestoneDeps,
  input: { orderId: string; milestone: OrderMilestone; taskToken: string },
): Promise<{ waiting: OrderMilestone; resumed: boolean }> {
  const tokenRef = createHash('sha256').update(input.taskToken).digest('hex').slice(0, 16);
  for (let round = 1; ; round++) {
    const order = await findOrder(deps.orders, input.orderId);
    if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
    // a cancelled order still waits for its refund's payout before it closes
    if (isFinalStatus(order.status) && input.milestone !== 'PAYOUTS') {
      throw new OrderStateError(`Order ${input.orderId} is ${order.status}; it cannot wait for ${input.milestone}`);
    }
    const at = deps.now().toISOString();
    const status = advanceStatus(order.status, statusWhileAwaiting[input.milestone]);
    const events: OrderTimelineEvent[] =
      status === order.status
        ? []
        : [{ at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: status } }];
    const stored = await updateOrderWithEvents(
      deps.orders,
      input.orderId,
      {
        set: {
          workflowWait: { milestone: input.milestone, taskToken: input.taskToken, since: at },
          status,
          updatedAt: at,
        },
        condition: '#updatedAt = :previous',
        conditionValues: { ':previous': order.updatedAt },
      },
      events,
      `await:${input.orderId}:${input.milestone}:${tokenRef}:${round}`,
    );
    if (stored) break;
    if (round >= 8) throw new OrderStateError(`Order ${input.orderId} kept changing while the workflow began to wait`);
  }
  // a payout confirmed before the settlement stored it is on its instruction only: copy it over first
  if (input.milestone === 'PAYOUTS') await syncConfirmedPayouts(deps.orders, input.orderId);
  const outcome = await resumeOrderWorkflow(deps, input.orderId);
  return { waiting: input.milestone, resumed: outcome === 'RESUMED' };
}

/**
 * Resumes the order's workflow if the milestone it waits for has been reached, with what it should
 * learn (ids and outcomes only). Called after every fact is recorded: a payment, a logistics event, a
 * receipt, a claim, a supplier's answer, an escalation, a payout confirmation. Sending the same token
 * twice is harmless: the second answers GONE.
 */
export async function resumeOrderWorkflow(
  deps: Pick<AwaitMilestoneDeps, 'orders' | 'resume' | 'now'>,
  orderId: string,
): Promise<ResumeOutcome> {
  const order = await findOrder(deps.orders, orderId);
  const wait = order?.workflowWait;
  if (!order || !wait) return 'NOT_WAITING';
  const output = readMilestone(order, wait.milestone);
  if (!output) return 'NOT_REACHED';
  const outcome = await deps.resume(wait.taskToken, output);
  // the workflow may already wait for the next milestone with a new token: clear only this one. Best
  // effort: a token left behind only costs a second SendTaskSuccess, which answers GONE, so a busy
  // order item must not fail the webhook or the call that recorded the fact
  await updateOrderWithEvents(
    deps.orders,
    orderId,
    {
      set: { updatedAt: deps.now().toISOString() },
      remove: ['workflowWait'],
      condition: '#workflowWait.taskToken = :token',
      conditionValues: { ':token': wait.taskToken },
    },
    [],
    `resumed:${orderId}:${createHash('sha256').update(wait.taskToken).digest('hex').slice(0, 16)}`,
  ).catch((error: unknown) => {
    if (!(error instanceof TransactionCanceledException)) throw error;
  });
  return outcome;
}
