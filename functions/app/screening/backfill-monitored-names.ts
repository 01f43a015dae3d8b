import { logger } from '../../commons/logger';
import { listPartyIdsForMigration } from '../../kernel/parties/repositories/party-repository';
import { backfillMonitoredNames, type MonitoredNamesBackfill } from '../../screening/usecases/sync-monitored-party';
import { resolveSyncMonitoredPartyDeps } from './monitoring-deps';

/**
 * One-off migration, run after each deploy (a CDK trigger) and at every local start: every party on file
 * gets its entry in the monitored-name index (or loses it). Idempotent.
 */
export async function handler(): Promise<MonitoredNamesBackfill> {
  const deps = resolveSyncMonitoredPartyDeps();
  const summary = await backfillMonitoredNames(deps, (startKey) => listPartyIdsForMigration(deps.parties, startKey));
  logger.info('monitored names backfilled', { ...summary });
  return summary;
}
