import { appendWebhookTimelineEntry } from '../repositories/webhook-repository';
import { orderTimelineKey } from '../repositories/order-repository';
import { workflowActor, type OrderStepDeps } from './order-workflow-deps';

/**
 * Workflow step: a step failed after its retries. The error goes on the order's timeline, so an
 * operator sees why the order stopped; the execution then fails for the alarm.
 */
export async function recordOrderFailure(
  deps: OrderStepDeps,
  input: { orderId: string; error: string; cause: string },
): Promise<void> {
  const at = deps.now().toISOString();
  await appendWebhookTimelineEntry(deps.orders, input.orderId, orderTimelineKey(input.orderId, at), {
    at,
    type: 'WORKFLOW_FAILED',
    actor: workflowActor,
    detail: { error: input.error.slice(0, 200), cause: input.cause.slice(0, 1000) },
  });
}
