import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { runPeriodicReviews, type PeriodicReviewReport } from '../usecases/run-periodic-reviews';
import { resolveCaseStore } from './case-store-deps';

/**
 * Scheduled daily (and locally on every business-day boundary): opens the refresh cases of approvals whose
 * periodic review fell due, and lapses to PENDING the parties that did not submit theirs in time.
 */
export async function handler(): Promise<PeriodicReviewReport> {
  const report = await runPeriodicReviews({ cases: resolveCaseStore(), now });
  logger.info('periodic reviews run', { ...report });
  return report;
}
