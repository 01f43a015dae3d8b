import { toPartyCancellationReason } from '../models/order-view-policy';
import { isRefusal, movementKey } from '../ledger/ledger-model';
import { escrowBalanceKey, findEscrowBalance, recordRefund } from '../ledger/ledger-repository';
import type { Order, OrderSettlement } from '../models/order';
import { generateId } from '../../commons/ids';
import { complianceReportPut, reportIdOf, type ComplianceReport } from '../repositories/compliance-report-repository';
import { counterpartyRules } from './screen-order-counterparties';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor } from './order-workflow-deps';
import { payOutMovements } from '../payouts/pay-out-movements';
import { overpaymentRefundsToPay } from '../usecases/refund-overpayments';
import type { SettleOrderDeps } from './settle-order';
import { recordingFailedAttempts } from './record-order-failure';

/** Why the workflow cancels an order. */
export type CancellationReason =
  'COMPLIANCE_BLOCKED' | 'COMPLIANCE_REJECTED' | 'CONFIRMATION_TIMEOUT' | 'PAYMENT_TIMEOUT';

const reasons: Record<CancellationReason, string> = {
  COMPLIANCE_BLOCKED: 'Compliance screening blocked the order',
  COMPLIANCE_REJECTED: 'A compliance officer rejected the order',
  CONFIRMATION_TIMEOUT: 'The supplier did not confirm the order in time',
  PAYMENT_TIMEOUT: 'The buyer did not pay within the payment window',
};

/**
 * The condition under which each reason cancels: a timeout only while nothing has happened since (no
 * payment, no supplier's answer), so a late answer or payment wins over it; compliance before the
 * supplier's confirmation (no payment can have been taken then).
 */
const cancellable: Record<CancellationReason, { condition: string; values: Record<string, string> }> = {
  COMPLIANCE_BLOCKED: {
    condition: '#status IN (:awaitingSupplier, :hold)',
    values: { ':awaitingSupplier': 'AWAITING_SUPPLIER_CONFIRMATION', ':hold': 'COMPLIANCE_HOLD' },
  },
  COMPLIANCE_REJECTED: {
    condition: '#status IN (:awaitingSupplier, :hold)',
    values: { ':awaitingSupplier': 'AWAITING_SUPPLIER_CONFIRMATION', ':hold': 'COMPLIANCE_HOLD' },
  },
  CONFIRMATION_TIMEOUT: {
    condition: '#status = :awaitingSupplier AND attribute_not_exists(#supplierConfirmation)',
    values: { ':awaitingSupplier': 'AWAITING_SUPPLIER_CONFIRMATION' },
  },
  PAYMENT_TIMEOUT: {
    condition: '#status = :awaiting AND attribute_not_exists(#payment)',
    values: { ':awaiting': 'AWAITING_PAYMENT' },
  },
};

/** Rule ids whose HOLD is a sanctions finding: a list hit on a party, or an embargo. */
const sanctionsRules = [counterpartyRules.sanctions, 'embargo'];

/**
 * The compliance report of an order rejected on a sanctions finding (DESIGN, "Held money is frozen, not
 * returned"), for the cancellation's transaction: the staff report what the officer rejected. Nothing
 * was paid (a held order cannot be paid), so nothing is frozen.
 */
function sanctionsReport(order: Order, reason: CancellationReason, at: string): ComplianceReport | undefined {
  if (reason !== 'COMPLIANCE_REJECTED') return undefined;
  const findings = [...order.compliance.outcomes, ...(order.compliance.counterparties?.outcomes ?? [])].filter(
    (outcome) => outcome.action !== 'PASS' && sanctionsRules.some((rule) => outcome.ruleId.startsWith(rule)),
  );
  if (findings.length === 0) return undefined;
  const taskId = order.compliance.review?.taskId;
  return {
    reportId: taskId ? reportIdOf(taskId) : generateId('report'),
    type: 'ORDER_REJECTED_FOR_SANCTIONS',
    status: 'OPEN',
    subject: { type: 'ORDER', id: order.orderId },
    parties: [
      { role: 'BUYER', partyId: order.buyerPartyId },
      { role: 'SUPPLIER', partyId: order.supplierPartyId },
    ],
    frozenAmount: 0,
    currency: order.currency,
    reasons: findings.map((outcome) => `${outcome.ruleId}: ${outcome.reason}`),
    ...(taskId ? { taskId } : {}),
    createdAt: at,
  };
}

/**
 * Workflow step: cancels the order. The status becomes CANCELLED in a transaction that, for a payment
 * timeout, also requires that no payment reached escrow; the payment webhook's movement requires the
 * order to await payment. So exactly one of a late payment and the cancellation wins: when the payment
 * won, nothing is cancelled (`cancelled: false`) and the order goes on.
 * Whatever escrow holds (a payment made before a compliance rejection) is refunded in full and paid
 * out. The coverage reservation is released by the closing step. A failed attempt is recorded on the
 * order and thrown back to the workflow, which stops at this step for a redrive (see `settleOrder`).
 */
export function cancelOrder(
  deps: SettleOrderDeps,
  input: { orderId: string; reason: CancellationReason },
): Promise<CancelOrderResult> {
  return recordingFailedAttempts(deps, { orderId: input.orderId, step: 'CANCEL' }, () => cancel(deps, input));
}

/** What the cancelling step tells the workflow. */
export interface CancelOrderResult {
  cancelled: boolean;
  refunded: number;
  pendingPayouts: number;
}

async function cancel(
  deps: SettleOrderDeps,
  input: { orderId: string; reason: CancellationReason },
): Promise<CancelOrderResult> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  if (order.settlement) {
    return {
      cancelled: order.status === 'CANCELLED',
      refunded: order.settlement.refunded,
      pendingPayouts: order.settlement.payouts.filter((payout) => payout.status === 'PENDING').length,
    };
  }
  const at = deps.now().toISOString();
  if (order.status !== 'CANCELLED') {
    const unpaidOnly = input.reason === 'PAYMENT_TIMEOUT';
    // a timeout loses to whatever came first (the supplier's answer, the payment): the order goes on
    const timeout = unpaidOnly || input.reason === 'CONFIRMATION_TIMEOUT';
    const report = sanctionsReport(order, input.reason, at);
    const cancelled = await updateOrderWithEvents(
      deps.orders,
      order.orderId,
      {
        set: { status: 'CANCELLED', cancellation: { reason: input.reason, at }, updatedAt: at },
        condition: cancellable[input.reason].condition,
        conditionValues: cancellable[input.reason].values,
      },
      [
        { at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: 'CANCELLED' } },
        {
          at,
          type: 'ORDER_CANCELLED',
          actor: workflowActor,
          detail: {
            reason: input.reason,
            why: reasons[input.reason],
            partyReason: toPartyCancellationReason(input.reason),
            ...(report ? { complianceReportId: report.reportId } : {}),
          },
        },
      ],
      `cancel:${order.orderId}`,
      // a payment already in escrow (its order item mark may still be on its way) wins over the timeout
      [
        ...(report ? [complianceReportPut(deps.orders, report)] : []),
        ...(unpaidOnly
          ? [
              {
                ConditionCheck: {
                  TableName: deps.orders.tableName,
                  Key: escrowBalanceKey(order.orderId),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : []),
      ],
    );
    if (!cancelled) {
      const current = await findOrder(deps.orders, order.orderId);
      if (current?.status === 'CANCELLED') return cancel(deps, input);
      if (timeout) return { cancelled: false, refunded: 0, pendingPayouts: 0 };
      throw new OrderStateError(`Order ${order.orderId} is ${current?.status}; it cannot be cancelled`);
    }
  }

  const balance = await findEscrowBalance(deps.orders, order.orderId);
  const movements = [];
  if (balance && balance.paid > 0) {
    const outcome = await recordRefund(
      deps.orders,
      {
        orderId: order.orderId,
        partyId: order.buyerPartyId,
        amount: balance.paid,
        currency: order.currency,
        idempotencyKey: movementKey(order.orderId, 'refund:cancelled'),
        reason: `cancelled: ${input.reason}`,
        at,
      },
      // a cancelled order refunds everything paid, not only the covered part
      balance.paid,
    );
    if (isRefusal(outcome)) throw new OrderStateError(`The ledger refused the cancellation refund: ${outcome.detail}`);
    movements.push(outcome.movement);
  }
  // overpayments go back with the cancellation's refund (a freeze may have kept them until now)
  if ((balance?.overpaid ?? 0) > 0) movements.push(...(await overpaymentRefundsToPay(deps, order)));
  const payouts = await payOutMovements(
    { orders: deps.orders, provider: deps.payouts, now: deps.now },
    order,
    movements,
  );
  const settlement: OrderSettlement = {
    outcome: 'CANCELLED',
    refunded: balance?.paid ?? 0,
    released: 0,
    settledAt: at,
    payouts,
  };
  await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    { set: { settlement, updatedAt: at }, condition: 'attribute_not_exists(#settlement)' },
    settlement.refunded > 0
      ? [
          {
            at,
            type: 'ESCROW_SETTLED',
            actor: workflowActor,
            detail: { outcome: 'CANCELLED', refunded: settlement.refunded, released: 0, currency: order.currency },
          },
        ]
      : [],
    `cancel-settle:${order.orderId}`,
  );
  return {
    cancelled: true,
    refunded: settlement.refunded,
    pendingPayouts: payouts.filter((payout) => payout.status === 'PENDING').length,
  };
}
