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

/** The workflow steps that pay money out of escrow. */
export type PayingStep = 'SETTLE' | 'CANCEL';

/**
 * Runs a step that pays money out of escrow (settling, cancelling) and, when it throws, records the failed
 * attempt on the order's timeline (`SETTLEMENT_ATTEMPT_FAILED`, staff only) before the error goes back to the
 * workflow. These steps have no Catch in the state machine: the workflow retries them, and once the retries
 * are spent the execution stops FAILED at the step itself, so that an operator can fix the cause (the payout
 * provider down, its API key wrong) and redrive the execution, which runs the step again; a Catch would end
 * the execution in a Fail state, where a redrive only fails again. The step cannot tell whether the workflow
 * will retry it, so every failed attempt is recorded; the last one names the error the execution stopped with.
 * A failure to record never hides the step's own error (the execution's history has it in any case).
 */
export async function recordingFailedAttempts<T>(
  deps: OrderStepDeps,
  attempt: { orderId: string; step: PayingStep },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const at = deps.now().toISOString();
    const failure = error instanceof Error ? error : new Error(String(error));
    await appendWebhookTimelineEntry(deps.orders, attempt.orderId, orderTimelineKey(attempt.orderId, at), {
      at,
      type: 'SETTLEMENT_ATTEMPT_FAILED',
      actor: workflowActor,
      detail: { step: attempt.step, error: failure.name.slice(0, 200), cause: failure.message.slice(0, 1000) },
    }).catch(() => undefined);
    throw error;
  }
}
