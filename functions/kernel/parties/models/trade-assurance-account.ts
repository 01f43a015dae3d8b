/**
 * A supplier's Trade Assurance account. `limit`, `qualified`, `computedAt` and `rulesVersion` are written
 * by `recomputeTradeAssurance`; `reserved` and `available` (always `limit - reserved`, stored because
 * DynamoDB conditions cannot add attributes) move with each order's reservation and release.
 */
export interface TradeAssuranceAccount {
  reserved: number;
  currency: string;
  limit?: number;
  available?: number;
  qualified?: boolean;
  computedAt?: string;
  rulesVersion?: string;
  reasons?: string[];
  override?: { limit: number; reason: string };
  /** Whether the supplier takes part: only an enrolled supplier's amount covers new orders. */
  enrolled?: boolean;
  enrolledAt?: string;
  leftAt?: string;
}
