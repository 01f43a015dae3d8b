import type { Order } from '../models/order';
import { complianceReportPut, reportIdOf, type ComplianceReport } from '../repositories/compliance-report-repository';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { describeFreeze } from './freeze-order-escrow';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/**
 * Workflow step after a KEEP_FROZEN decision: the money stays frozen in escrow (the balance keeps its
 * mark; nothing is refunded to anyone, least of all a sanctioned party) and a `compliance.report` item is
 * filed for the staff in the same transaction as the order records it. The order then closes FROZEN.
 */
export async function keepEscrowFrozen(
  deps: OrderStepDeps,
  input: { orderId: string },
): Promise<{ reportId: string; frozenAmount: number }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const { freeze } = order;
  if (!freeze?.taskId || freeze.decision !== 'KEEP_FROZEN') {
    throw new OrderStateError(`Order ${input.orderId} has no decision to keep its money frozen`);
  }
  if (freeze.reportId) return { reportId: freeze.reportId, frozenAmount: freeze.amount };
  const at = deps.now().toISOString();
  const report = frozenFundsReport(order, freeze.taskId, at);
  const recorded = await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { freeze: { ...freeze, reportId: report.reportId }, updatedAt: at },
      condition: 'attribute_not_exists(#freeze.#reportId)',
    },
    [
      {
        at,
        type: 'COMPLIANCE_REPORT_FILED',
        actor: workflowActor,
        detail: { reportId: report.reportId, type: report.type, frozenAmount: freeze.amount, currency: order.currency },
      },
    ],
    `keep-frozen:${order.orderId}`,
    [complianceReportPut(deps.orders, report)],
  );
  if (!recorded) return keepEscrowFrozen(deps, input);
  return { reportId: report.reportId, frozenAmount: freeze.amount };
}

function frozenFundsReport(order: Order, taskId: string, at: string): ComplianceReport {
  const freeze = order.freeze!;
  const standing = (partyId: string) => freeze.flags.find((flag) => flag.partyId === partyId)?.standing;
  return {
    reportId: reportIdOf(taskId),
    type: 'FROZEN_FUNDS_KEPT',
    status: 'OPEN',
    subject: { type: 'ORDER', id: order.orderId },
    parties: (
      [
        ['BUYER', order.buyerPartyId],
        ['SUPPLIER', order.supplierPartyId],
      ] as const
    ).map(([role, partyId]) => ({ role, partyId, ...(standing(partyId) ? { standing: standing(partyId) } : {}) })),
    frozenAmount: freeze.amount,
    currency: order.currency,
    reasons: [`The money froze when it was due to settle (${freeze.outcome}): ${describeFreeze(freeze)}`],
    taskId,
    ...(freeze.decisionReason ? { decisionReason: freeze.decisionReason } : {}),
    createdAt: at,
  };
}
