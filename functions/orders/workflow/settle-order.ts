import { isRefusal, movementKey, totalHeld, type LedgerMovement, type MovementOutcome } from '../ledger/ledger-model';
import { findEscrowBalance, recordRefund, recordRelease } from '../ledger/ledger-repository';
import type { Order, OrderPayout, OrderSettlement } from '../models/order';
import { shipByDeadline, shippedInTime } from '../models/order-lifecycle';
import type { PayoutProvider } from '../payouts/payout-provider';
import { payOutMovements } from '../payouts/pay-out-movements';
import { overpaymentRefundsToPay } from '../usecases/refund-overpayments';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import type { PartyStore } from '../../kernel/parties/repositories/party-repository';
import { findFreezeFlags, freezeOrderEscrow } from './freeze-order-escrow';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';
import { recordingFailedAttempts } from './record-order-failure';

/** Why the escrow is being settled; each has its own refund. */
export type SettlementOutcome = Exclude<OrderSettlement['outcome'], 'CANCELLED' | 'COMPLIANCE_REFUND'>;

/** What settling needs. */
export interface SettleOrderDeps extends OrderStepDeps {
  payouts: PayoutProvider;
  /** Where the parties' standings are read: a SUSPENDED or REJECTED party freezes the money. */
  parties: PartyStore;
}

/** The refund and release of a settlement, in minor units. */
export interface SettlementPlan {
  refund: number;
  release: number;
}

/**
 * What to refund and release. A missed ship-by date refunds everything paid, the part beyond the cover
 * too: a supplier that never shipped is paid nothing. Otherwise the buyer's refund is what the outcome
 * asks for (nothing when no claim was made; the claim's amount when the supplier accepted it; the
 * reviewer's amount on a determination), never more than the covered amount nor what was paid, and the
 * rest of what was paid goes to the supplier. Computed from what was paid, not from what escrow
 * holds now, so a retried step plans the same movements.
 */
export function planSettlement(
  order: Pick<Order, 'coveredAmount' | 'claim' | 'determination'>,
  outcome: SettlementOutcome,
  paid: number,
): SettlementPlan {
  // a supplier that never shipped is paid nothing: everything paid goes back, beyond the cover too
  if (outcome === 'SHIP_BY_MISSED') return { refund: paid, release: 0 };
  const requested = {
    NO_CLAIM: 0,
    CLAIM_ACCEPTED: order.claim?.agreedAmount ?? 0,
    DETERMINATION: order.determination?.decision === 'REFUND' ? (order.determination.amount ?? 0) : 0,
  }[outcome];
  const refund = Math.max(0, Math.min(requested, order.coveredAmount, paid));
  return { refund, release: paid - refund };
}

const refundSteps: Record<Exclude<OrderSettlement['outcome'], 'CANCELLED'>, string> = {
  COMPLIANCE_REFUND: 'refund:compliance',
  NO_CLAIM: 'refund:no-claim',
  SHIP_BY_MISSED: 'refund:ship-by-missed',
  CLAIM_ACCEPTED: 'refund:claim-accepted',
  DETERMINATION: 'refund:determination',
};

function movedOrThrow(outcome: MovementOutcome): LedgerMovement {
  if (isRefusal(outcome)) throw new OrderStateError(`The ledger refused a settlement movement: ${outcome.detail}`);
  return outcome.movement;
}

/** What the settling step tells the workflow. */
export interface SettleOrderResult {
  /** The outcome asked for, so that a settlement resumed after a freeze asks for the same one. */
  outcome: SettlementOutcome;
  settled: boolean;
  shipped?: boolean;
  extended: boolean;
  /** The money froze instead (a party's standing): a FROZEN_FUNDS review decides; `kept` once it kept it frozen. */
  frozen: boolean;
  kept?: boolean;
  refunded: number;
  released: number;
  pendingPayouts: number;
}

/**
 * Workflow step: settles the escrow of an order. Refund (escrow → buyer) then release (escrow →
 * supplier), each one ledger movement under a key derived from the order and the outcome, then a
 * payout for each through the provider under the same key. Overpayments still in escrow (a freeze kept
 * them) are given back with it, under the keys their own refunds use, and their payouts join the
 * settlement's. The settlement with the payouts goes on the order once. Every part is idempotent, so a retried step moves no money twice.
 * A missed ship-by date is settled only if no shipment before the deadline was reported in the meantime
 * (`shipped: true`, and the workflow goes on to await delivery), and if the buyer did not accept a later
 * ship-by date meanwhile (`extended: true`, and the workflow waits for the new one).
 * Before any money moves, both parties' standings are read: when either is SUSPENDED or REJECTED, the
 * money freezes instead (`frozen: true`) and waits for a four-eyes decision on a FROZEN_FUNDS task. Once
 * that decision is RELEASE the settlement runs as it was due; REFUND_BUYER pays everything back to the
 * buyer (COMPLIANCE_REFUND); KEEP_FROZEN leaves it frozen (`kept: true`).
 * A failed attempt (the payout provider down or refusing) is recorded on the order before it is thrown
 * back to the workflow, which has no Catch here: once its retries are spent the execution stops FAILED at
 * this step, and a redrive runs it again, moving and paying nothing twice (see `recordingFailedAttempts`).
 */
export function settleOrder(
  deps: SettleOrderDeps,
  input: { orderId: string; outcome: SettlementOutcome },
): Promise<SettleOrderResult> {
  return recordingFailedAttempts(deps, { orderId: input.orderId, step: 'SETTLE' }, () => settle(deps, input));
}

async function settle(
  deps: SettleOrderDeps,
  input: { orderId: string; outcome: SettlementOutcome },
): Promise<SettleOrderResult> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const nothing = {
    outcome: input.outcome,
    settled: false,
    extended: false,
    frozen: false,
    refunded: 0,
    released: 0,
    pendingPayouts: 0,
  };
  if (order.settlement) return summarise(input.outcome, order.settlement);
  if (order.freeze && order.freeze.decision !== 'RELEASE' && order.freeze.decision !== 'REFUND_BUYER') {
    return { ...nothing, outcome: order.freeze.outcome, frozen: true, kept: order.freeze.decision === 'KEEP_FROZEN' };
  }
  if (!order.freeze && input.outcome === 'SHIP_BY_MISSED' && shippedInTime(order)) {
    return { ...nothing, shipped: true };
  }
  if (!order.freeze && input.outcome === 'SHIP_BY_MISSED' && deps.now().getTime() < shipByDeadline(order).getTime()) {
    return { ...nothing, extended: true };
  }

  const balance = await findEscrowBalance(deps.orders, order.orderId);
  if (!order.freeze && totalHeld(balance) > 0) {
    const flags = await findFreezeFlags(deps.parties, order);
    // money a suspension froze moves only by a four-eyes decision, even if the suspension was lifted since
    if (flags.length === 0 && order.hold?.escrowFrozen) {
      flags.push({ role: order.hold.role, partyId: order.hold.partyId, standing: 'SUSPENDED' });
    }
    if (flags.length > 0) {
      await freezeOrderEscrow(deps, order, { outcome: input.outcome, flags, held: totalHeld(balance) });
      return settle(deps, input);
    }
  }
  // a four-eyes REFUND_BUYER pays back everything paid, beyond the cover too, like a missed ship-by date
  const outcome =
    order.freeze?.decision === 'REFUND_BUYER' ? 'COMPLIANCE_REFUND' : (order.freeze?.outcome ?? input.outcome);
  const plan =
    outcome === 'COMPLIANCE_REFUND'
      ? { refund: balance?.paid ?? 0, release: 0 }
      : planSettlement(order, outcome, balance?.paid ?? 0);
  const at = deps.now().toISOString();
  const movements: LedgerMovement[] = [];
  if (plan.refund > 0) {
    movements.push(
      movedOrThrow(
        await recordRefund(
          deps.orders,
          {
            orderId: order.orderId,
            partyId: order.buyerPartyId,
            amount: plan.refund,
            currency: order.currency,
            idempotencyKey: movementKey(order.orderId, refundSteps[outcome]),
            reason: `settlement ${outcome}`,
            at,
          },
          // the ledger's refund limit: the cover, or all that was paid when the supplier is paid nothing
          outcome === 'SHIP_BY_MISSED' || outcome === 'COMPLIANCE_REFUND' ? plan.refund : order.coveredAmount,
        ),
      ),
    );
  }
  if (plan.release > 0) {
    movements.push(
      movedOrThrow(
        await recordRelease(deps.orders, {
          orderId: order.orderId,
          partyId: order.supplierPartyId,
          amount: plan.release,
          currency: order.currency,
          idempotencyKey: movementKey(order.orderId, 'release:settlement'),
          reason: `settlement ${outcome}`,
          at,
        }),
      ),
    );
  }
  // overpayments a freeze kept, or whose refund was never asked of the provider, go back with the settlement
  if ((balance?.overpaid ?? 0) > 0) movements.push(...(await overpaymentRefundsToPay(deps, order)));
  const payouts = await payOutMovements(
    { orders: deps.orders, provider: deps.payouts, now: deps.now },
    order,
    movements,
  );
  const settlement: OrderSettlement = {
    outcome,
    refunded: plan.refund,
    released: plan.release,
    settledAt: at,
    payouts,
  };
  const recorded = await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { settlement, status: 'SETTLING', updatedAt: at },
      condition: 'attribute_not_exists(#settlement)',
    },
    [
      {
        at,
        type: 'ESCROW_SETTLED',
        actor: workflowActor,
        detail: {
          outcome,
          refunded: plan.refund,
          released: plan.release,
          currency: order.currency,
          ...(order.claim ? { claimId: order.claim.claimId } : {}),
          payouts: payouts.map((payout) => ({ movementKey: payout.movementKey, status: payout.status })),
        },
      },
      ...(order.status !== 'SETTLING'
        ? [{ at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: 'SETTLING' } }]
        : []),
    ],
    `settle:${order.orderId}`,
  );
  if (!recorded) return settle(deps, input);
  return summarise(input.outcome, settlement);
}

function summarise(outcome: SettlementOutcome, settlement: OrderSettlement): SettleOrderResult {
  return {
    outcome,
    settled: true,
    extended: false,
    frozen: false,
    refunded: settlement.refunded,
    released: settlement.released,
    pendingPayouts: settlement.payouts.filter((payout) => payout.status === 'PENDING').length,
  };
}
