import { loadTradeAssurancePolicy, type WorkflowPolicyInput } from '../models/trade-assurance-policy';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/** Where a continued execution starts: the routing after the delivery wait. */
export const continuationPoint = 'DELIVERED';

/** What continuing needs. */
export interface ContinueOrderWorkflowDeps extends OrderStepDeps {
  /** Starts an execution of the assured-order workflow; EXISTS when one of that name was started already. */
  startExecution: (name: string, input: Record<string, unknown>) => Promise<'STARTED' | 'EXISTS'>;
}

/** The execution that carries an order on after its delivery. */
export function continuationName(orderId: string): string {
  return `${orderId}-after-delivery`;
}

const dayMs = 86_400_000;

/**
 * Workflow step after the delivery wait: a Standard execution lasts at most a year, and an order whose
 * ship-by date was extended to the limit can still need months of receipt window, claim window and
 * determination. An execution older than `continueWorkflowAfterDays` therefore starts a new execution of
 * the same workflow at the same point (`resumeAt: DELIVERED`, with the delivery and the policy) and ends
 * (`continued: true`); a younger one goes on (`continued: false`). Idempotent: the new execution has a
 * name derived from the order, and the order records it once.
 */
export async function continueOrderWorkflow(
  deps: ContinueOrderWorkflowDeps,
  input: { orderId: string; executionStartedAt: string; policy: WorkflowPolicyInput; delivery: unknown },
): Promise<{ continued: boolean; executionName?: string }> {
  const ageDays = (deps.now().getTime() - Date.parse(input.executionStartedAt)) / dayMs;
  if (!(ageDays >= loadTradeAssurancePolicy().periods.continueWorkflowAfterDays)) return { continued: false };
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const executionName = continuationName(order.orderId);
  await deps.startExecution(executionName, {
    orderId: order.orderId,
    policy: input.policy,
    resumeAt: continuationPoint,
    delivery: input.delivery,
  });
  const at = deps.now().toISOString();
  await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { workflowContinuation: { executionName, at }, updatedAt: at },
      condition: 'attribute_not_exists(#workflowContinuation)',
    },
    [
      {
        at,
        type: 'WORKFLOW_CONTINUED',
        actor: workflowActor,
        detail: { executionName, afterDays: Math.floor(ageDays), resumeAt: continuationPoint },
      },
    ],
    `continue:${order.orderId}`,
  );
  return { continued: true, executionName };
}
