import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { logger } from '../../commons/logger';
import { loadTradeAssuranceRules } from '../models/trade-assurance-rules';
import { recomputeAllTradeAssurance, type RecomputeAllSummary } from '../usecases/recompute-all-trade-assurance';

/**
 * Scheduled daily (EventBridge Scheduler on AWS, the local clock's day boundaries on one machine):
 * recomputes every supplier's Trade Assurance qualification and amount, so amounts follow the rolling
 * six-month window even for suppliers without new orders.
 */
export async function handler(): Promise<RecomputeAllSummary> {
  const summary = await recomputeAllTradeAssurance({
    parties: { db: documentClient, tableName: getConfig().tableName },
    rules: loadTradeAssuranceRules(),
    now,
  });
  if (summary.failed > 0) {
    logger.error('trade assurance recompute finished with failures', { ...summary });
    // Failing the invocation is the signal (Errors alarm, scheduler retries); a recompute is idempotent,
    // so a retry that redoes the suppliers already stored only costs time.
    throw new Error(`${summary.failed} of ${summary.suppliers} suppliers could not be recomputed`);
  }
  logger.info('trade assurance recomputed', { ...summary });
  return summary;
}
