import { logger } from '../../commons/logger';
import { screenListChanges, type ListChangesOutcome } from '../../screening/usecases/screen-list-changes';
import { resolveScreenListChangesDeps, startMonitoringRescreen } from './monitoring-deps';

/**
 * Scheduled hourly, and run locally by `POST /_local/lists`: screens what the lists in service changed
 * since monitoring last screened them (nothing when the daily refresh published nothing new), or starts a
 * full re-screen when the matcher or threshold changed. A failure fails the invocation, which raises the
 * alarm; the next run screens the same change again.
 */
export async function handler(): Promise<ListChangesOutcome> {
  const outcome = await screenListChanges(resolveScreenListChangesDeps(startMonitoringRescreen));
  logger.info('monitoring: list changes screened', { ...outcome });
  return outcome;
}
