/** A supplier's completed order, as the trust profile counts it. */
export interface CompletedTransaction {
  orderId: string;
  completedAt: string;
  /** What the buyer paid, in minor units. */
  amount: number;
  currency: string;
  shippedOnTime: boolean;
  disputed: boolean;
  /** Hours the supplier took to answer the buyer's claims and messages on this order, if any were sent. */
  responseHours?: number[];
}
