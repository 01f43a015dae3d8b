import { isRefusal, type LedgerMovement } from '../ledger/ledger-model';
import { readOrderLedger, recordOverpaymentRefund } from '../ledger/ledger-repository';
import { overpaymentRefundKey } from '../ledger/overpayment-keys';
import type { Order, OrderPayout, OrderTimelineEvent } from '../models/order';
import { payOutMovements } from '../payouts/pay-out-movements';
import type { PayoutProvider } from '../payouts/payout-provider';
import { findOrder, orderTimelinePut, type OrderStore } from '../repositories/order-repository';
import { findPayoutInstruction } from '../repositories/payout-repository';

/** What {@link refundOverpayments} needs. */
export interface RefundOverpaymentsDeps {
  orders: OrderStore;
  provider: PayoutProvider;
  /** Business time. */
  now: () => Date;
}

/** What became of an order's overpayments. */
export interface OverpaymentRefunds {
  /** The payouts of the overpayments given back (this time or before), as the provider answered. */
  payouts: OrderPayout[];
  /** Overpayments left in escrow because it is frozen: they go back once a four-eyes decision lets the order settle. */
  keptFrozen: number;
}

const refundActor: OrderTimelineEvent['actor'] = { type: 'SYSTEM', id: 'overpayment-refunds' };

/**
 * Gives every overpayment of an order back to the buyer: for each OVERPAYMENT movement, an
 * OVERPAYMENT_REFUND under the key derived from it (with an OVERPAYMENT_REFUNDED timeline entry in the same
 * transaction), then a payout to the buyer through the provider under that key. Run by the
 * `internal:overpayment-refunds` subscriber on `order.overpaid`, and by the settlement as a backstop.
 *
 * Safe to run again and at the same time as itself: each movement is recorded once (a replay returns the
 * first), and the payout is idempotent on the key at TrustFlow and at the provider, so the buyer is paid
 * back exactly once. An escrow that is frozen keeps its overpayments (DESIGN, "Held money is frozen, not
 * returned": never paid back to a sanctioned party) until a four-eyes decision unfreezes it.
 * @throws the provider's errors (`PayoutProviderUnavailable`: the subscriber's delivery is retried)
 */
export async function refundOverpayments(deps: RefundOverpaymentsDeps, orderId: string): Promise<OverpaymentRefunds> {
  const order = await findOrder(deps.orders, orderId);
  if (!order) return { payouts: [], keptFrozen: 0 };
  const { movements, keptFrozen } = await recordOverpaymentRefunds(deps, order);
  const payouts = await payOutMovements(deps, order, movements);
  return { payouts, keptFrozen };
}

/**
 * Records the OVERPAYMENT_REFUND of every overpayment of the order that has none yet, unless the escrow is
 * frozen, and returns all of them (those recorded before too), ready to be paid out.
 */
export async function recordOverpaymentRefunds(
  deps: Pick<RefundOverpaymentsDeps, 'orders' | 'now'>,
  order: Pick<Order, 'orderId' | 'buyerPartyId'>,
): Promise<{ movements: LedgerMovement[]; keptFrozen: number }> {
  const ledger = await readOrderLedger(deps.orders, order.orderId);
  const byKey = new Map(ledger.movements.map((movement) => [movement.idempotencyKey, movement]));
  const movements: LedgerMovement[] = [];
  let keptFrozen = 0;
  for (const overpayment of ledger.movements.filter((movement) => movement.kind === 'OVERPAYMENT')) {
    const key = overpaymentRefundKey(overpayment.idempotencyKey);
    const recorded = byKey.get(key);
    if (recorded) {
      movements.push(recorded);
      continue;
    }
    const at = deps.now().toISOString();
    const entry: OrderTimelineEvent = {
      at,
      type: 'OVERPAYMENT_REFUNDED',
      actor: refundActor,
      detail: {
        movementKey: key,
        overpaymentKey: overpayment.idempotencyKey,
        amount: overpayment.amount,
        currency: overpayment.currency,
      },
    };
    const outcome = await recordOverpaymentRefund(
      deps.orders,
      {
        orderId: order.orderId,
        partyId: order.buyerPartyId,
        amount: overpayment.amount,
        currency: overpayment.currency,
        idempotencyKey: key,
        reason: `overpayment ${overpayment.idempotencyKey} given back to the buyer`,
        ...(overpayment.source ? { source: overpayment.source } : {}),
        at,
      },
      [orderTimelinePut(deps.orders, order.orderId, entry)],
    );
    if (isRefusal(outcome)) {
      if (outcome.refused !== 'ESCROW_FROZEN') {
        throw new Error(`The ledger refused to give back ${overpayment.idempotencyKey}: ${outcome.detail}`);
      }
      keptFrozen++;
      continue;
    }
    movements.push(outcome.movement);
  }
  return { movements, keptFrozen };
}

/**
 * For the settlement and the cancellation: records the refunds of the overpayments escrow still holds (a
 * freeze kept them) and returns those of the order's overpayment refunds that the provider has not yet
 * been asked for or has not yet answered, so that the settlement's payouts take them in and wait for them.
 * Refunds already paid out by the subscriber are left out: the settlement does not list them again.
 */
export async function overpaymentRefundsToPay(
  deps: Pick<RefundOverpaymentsDeps, 'orders' | 'now'>,
  order: Pick<Order, 'orderId' | 'buyerPartyId'>,
): Promise<LedgerMovement[]> {
  const { movements } = await recordOverpaymentRefunds(deps, order);
  const instructions = await Promise.all(
    movements.map((movement) => findPayoutInstruction(deps.orders, order.orderId, movement.idempotencyKey)),
  );
  return movements.filter((_, index) => {
    const status = instructions[index]?.status;
    return status === undefined || status === 'REQUESTED' || status === 'PENDING';
  });
}
