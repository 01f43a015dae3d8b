import { listTradeAssuranceSupplierIds } from '../repositories/trade-assurance-index';
import { recomputeTradeAssurance, type RecomputeTradeAssuranceDeps } from './recompute-trade-assurance';

/** How many suppliers are recomputed at once: each is a Query and an Update, kept well inside capacity. */
export const RECOMPUTE_CONCURRENCY = 8;

/** What one scheduled run did. */
export interface RecomputeAllSummary {
  /** Suppliers with a Trade Assurance account, as listed by the index. */
  suppliers: number;
  recomputed: number;
  failed: number;
  /** Party id and message of each failure, so one bad supplier does not hide behind a count. */
  failures: { supplierId: string; error: string }[];
}

/**
 * Recomputes the Trade Assurance qualification and amount of every supplier that has an account, listed
 * through the sparse gsi1 index (never a Scan), `concurrency` at a time. A supplier that fails is counted
 * and the others go on: the next run, or the supplier's next completed order, tries it again.
 */
export async function recomputeAllTradeAssurance(
  deps: RecomputeTradeAssuranceDeps & { concurrency?: number },
): Promise<RecomputeAllSummary> {
  const supplierIds = await listTradeAssuranceSupplierIds(deps.parties);
  const summary: RecomputeAllSummary = { suppliers: supplierIds.length, recomputed: 0, failed: 0, failures: [] };
  let next = 0;
  // a small pool of workers taking the next id, rather than batches that wait for their slowest member
  const worker = async () => {
    while (next < supplierIds.length) {
      const supplierId = supplierIds[next++]!;
      try {
        await recomputeTradeAssurance(deps, supplierId);
        summary.recomputed++;
      } catch (error) {
        summary.failed++;
        summary.failures.push({ supplierId, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? RECOMPUTE_CONCURRENCY) }, worker));
  return summary;
}
