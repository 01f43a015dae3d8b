/*
 * Money leaving escrow (a refund to the buyer, a release to the supplier) is paid out by a payout
 * provider: a bank or payments company that moves real money. TrustFlow's ledger records the movement;
 * the provider carries it out and confirms, usually later, by a signed webhook.
 */

/** What TrustFlow asks a provider to pay. */
export interface PayoutRequest {
  /**
   * The ledger movement's idempotency key (`<orderId>:release:settlement`), sent as the provider's
   * Idempotency-Key: asking twice for one movement makes one payout.
   */
  idempotencyKey: string;
  orderId: string;
  beneficiary: { role: 'BUYER' | 'SUPPLIER'; partyId: string };
  /** Minor units. */
  amount: number;
  currency: string;
  /** Shown on the beneficiary's statement. */
  reference: string;
}

/** The provider's answer: its payout id and how far it got. */
export interface PayoutReceipt {
  provider: string;
  providerPayoutId: string;
  /** PENDING: the provider confirms later by webhook (`payout.paid` / `payout.failed`). */
  status: 'PENDING' | 'PAID' | 'FAILED';
  failureReason?: string;
}

/** A payout provider. Implementations must be idempotent on `idempotencyKey`. */
export interface PayoutProvider {
  readonly name: string;
  submitPayout(request: PayoutRequest): Promise<PayoutReceipt>;
}
