import type { LedgerMovement, MovementKind } from '../ledger/ledger-model';
import type { Order, OrderPayout } from '../models/order';
import type { PayoutRequest } from './payout-provider';
import { submitPayout, type SubmitPayoutDeps } from './submit-payout';

/** What the beneficiary's statement says for each kind of money leaving escrow. */
const statementWords: Partial<Record<MovementKind, string>> = {
  REFUND: 'refund',
  RELEASE: 'release',
  OVERPAYMENT_REFUND: 'overpayment refund',
};

/**
 * Asks the payout provider to pay each money-out movement, under the movement's key: the settlement's
 * refund and release, a cancellation's refund, an overpayment given back. Each payout is idempotent
 * (`submitPayout`), so paying the same movements again pays nothing twice.
 */
export async function payOutMovements(
  deps: SubmitPayoutDeps,
  order: Pick<Order, 'orderId' | 'buyerPartyId' | 'supplierPartyId'>,
  movements: readonly LedgerMovement[],
): Promise<OrderPayout[]> {
  const payouts: OrderPayout[] = [];
  for (const movement of movements) {
    const role = movement.kind === 'RELEASE' ? 'SUPPLIER' : 'BUYER';
    const request: PayoutRequest = {
      idempotencyKey: movement.idempotencyKey,
      orderId: order.orderId,
      beneficiary: { role, partyId: role === 'SUPPLIER' ? order.supplierPartyId : order.buyerPartyId },
      amount: movement.amount,
      currency: movement.currency,
      reference: `TrustFlow ${statementWords[movement.kind] ?? movement.kind.toLowerCase()} ${order.orderId}`,
    };
    payouts.push(await submitPayout(deps, request));
  }
  return payouts;
}
