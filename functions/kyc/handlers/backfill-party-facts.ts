import { logger } from '../../commons/logger';
import { backfillApprovedPartyFacts, type BackfillSummary } from '../usecases/backfill-party-facts';
import { resolveCaseStore } from './case-store-deps';

/**
 * One-off migration, run after each deploy (a CDK trigger) and at every local start: records the country,
 * display name and type of parties approved before approvals did. Idempotent.
 */
export async function handler(): Promise<BackfillSummary> {
  const store = resolveCaseStore();
  const summary = await backfillApprovedPartyFacts({ parties: store, cases: store });
  logger.info('party facts backfilled', { ...summary });
  return summary;
}
