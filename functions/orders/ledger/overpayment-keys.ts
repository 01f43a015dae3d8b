import { createHash } from 'node:crypto';
import { movementKey } from './ledger-model';

/*
 * Keys of an overpayment and of its refund. Both derive from the partner's payment event, so a replayed
 * webhook, a retried refund and the settlement's backstop all land on the same two movements and the same
 * payout (the refund's key is the payout provider's Idempotency-Key). The event id is hashed because a
 * partner's ids may be long; the movement keeps it readable in `source`.
 */

const overpaymentStep = 'overpayment';
const refundStep = 'overpayment-refund';

/** The source of a payment movement: the partner and its event id. */
export function paymentSource(partnerId: string, eventId: string): string {
  return `${partnerId}/${eventId}`;
}

/** The key of the OVERPAYMENT movement a partner's event makes on an order. */
export function overpaymentKey(orderId: string, source: string): string {
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 24);
  return movementKey(orderId, `${overpaymentStep}:${digest}`);
}

/** The key of the OVERPAYMENT_REFUND that gives back the overpayment recorded under `key`. */
export function overpaymentRefundKey(key: string): string {
  const marker = `:${overpaymentStep}:`;
  const at = key.lastIndexOf(marker);
  if (at < 0) throw new Error(`${key} is not the key of an overpayment`);
  return `${key.slice(0, at)}:${refundStep}:${key.slice(at + marker.length)}`;
}

/** The key of the overpayment an OVERPAYMENT_REFUND key gives back; undefined for any other key. */
export function overpaymentKeyOfRefund(refundKey: string): string | undefined {
  const marker = `:${refundStep}:`;
  const at = refundKey.lastIndexOf(marker);
  return at < 0 ? undefined : `${refundKey.slice(0, at)}:${overpaymentStep}:${refundKey.slice(at + marker.length)}`;
}
