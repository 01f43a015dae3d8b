import type { MonitoringRun, RaiseScreeningAlerts } from '../../kernel/screening/monitoring-hit';
import { buildMonitoredNameIndex, screenEntitiesAgainstMonitoredNames } from '../matching/screen-list-changes';
import { buildScreeningIndex } from '../matching/screening-index';
import { describeMatcherVersion } from '../matching/screening-settings';
import { decodeIndexArtifact } from '../models/index-artifact';
import { computeListDelta } from '../models/list-delta';
import type { IndexArtifactStore } from '../repositories/index-artifact-store';
import { listMonitoredParties, type MonitoredPartyStore } from '../repositories/monitored-party-repository';
import type { MonitoringStateStore } from '../repositories/monitoring-state-store';

/** What screening a list refresh needs. */
export interface ScreenListChangesDeps {
  artifacts: IndexArtifactStore;
  state: MonitoringStateStore;
  monitored: MonitoredPartyStore;
  raiseAlerts: RaiseScreeningAlerts;
  /** Starts a full re-screen of every monitored name (the Distributed Map); it records the state when done. */
  startFullRescreen: (reason: string) => Promise<{ executionArn: string }>;
  threshold: number;
  now: () => Date;
}

/**
 * Monitored names scored per listed name, as a search scores 40 listed names per query; names tied with the
 * 40th (the same full name held by many parties) are all kept (`keepTies`).
 */
export const REVERSE_CANDIDATE_LIMIT = 40;

/**
 * Keys shared by more monitored names than this are not walked, so a delta's cost stays bounded as the
 * customer base grows; whole names are still found by their joined words (measured in `npm run bench:monitoring`).
 */
export const REVERSE_MAX_POSTINGS = 1000;

/** What a refresh's monitoring did. */
export type ListChangesOutcome =
  | { action: 'BASELINE' | 'UP_TO_DATE'; listVersion: string }
  | { action: 'FULL_RESCREEN_STARTED'; listVersion: string; reason: string; executionArn: string }
  | {
      action: 'DELTA';
      listVersion: string;
      previousListVersion: string;
      added: number;
      changed: number;
      removed: number;
      monitoredParties: number;
      monitoredNames: number;
      hits: number;
      alertsOpened: number;
      alertsSuppressed: number;
      /** Milliseconds: loading both list versions and the monitored parties, building the indexes, screening. */
      timings: { loadMs: number; indexMs: number; screenMs: number };
    };

/**
 * Ongoing monitoring's part of a list refresh (DESIGN, "A list refresh screens the delta, not the world"):
 * - the entities added or changed since the version last screened, by content hash, are screened against
 *   the monitored-name index, and every hit opens an alert (one per party and entity);
 * - when the matcher or the threshold changed since, every monitored name is re-screened instead (a full
 *   re-screen, which records the state when it ends);
 * - the first run only records the version in service: every party was screened against it when onboarded.
 * The state moves only after the alerts are raised, so a run that fails is done again whole by the next one
 * (alerts are opened once per party and entity, whatever the number of runs).
 */
export async function screenListChanges(deps: ScreenListChangesDeps): Promise<ListChangesOutcome> {
  const current = await deps.artifacts.readCurrentManifest();
  if (!current) throw new Error('no screening index has been published yet; run the list refresh function');
  const state = await deps.state.read();
  const matcherVersion = describeMatcherVersion(deps.threshold);
  const record = () =>
    deps.state.write({
      screenedArtifactKey: current.key,
      listVersion: current.listVersion,
      matcherVersion,
      screenedAt: deps.now().toISOString(),
    });
  if (!state) {
    await record();
    return { action: 'BASELINE', listVersion: current.listVersion };
  }
  if (state.matcherVersion !== matcherVersion) {
    const reason = `the matcher or threshold changed (${state.matcherVersion} → ${matcherVersion})`;
    const { executionArn } = await deps.startFullRescreen(reason);
    return { action: 'FULL_RESCREEN_STARTED', listVersion: current.listVersion, reason, executionArn };
  }
  if (state.screenedArtifactKey === current.key) return { action: 'UP_TO_DATE', listVersion: current.listVersion };

  const loadStarted = Date.now();
  const [previousBody, currentBody, parties] = await Promise.all([
    deps.artifacts.readArtifact(state.screenedArtifactKey),
    deps.artifacts.readArtifact(current.key),
    listMonitoredParties(deps.monitored),
  ]);
  const previous = decodeIndexArtifact(previousBody).snapshot;
  const lists = decodeIndexArtifact(currentBody).snapshot;
  const delta = computeListDelta(previous.entities, lists.entities);
  const indexStarted = Date.now();
  // the whole lists' index: a hit must weigh words by their rarity among all listed names, as a search does
  const listIndex = buildScreeningIndex(lists.entities, lists.listVersion);
  const monitoredIndex = buildMonitoredNameIndex(parties);
  const screenStarted = Date.now();
  const hits = screenEntitiesAgainstMonitoredNames(listIndex, monitoredIndex, delta.changed, {
    threshold: deps.threshold,
    candidateLimit: REVERSE_CANDIDATE_LIMIT,
    maxPostings: REVERSE_MAX_POSTINGS,
  });
  const run: MonitoringRun = { listVersion: lists.listVersion, source: 'DELTA' };
  const raised = await deps.raiseAlerts(run, hits);
  const finished = Date.now();
  await record();
  return {
    action: 'DELTA',
    listVersion: lists.listVersion,
    previousListVersion: previous.listVersion,
    added: delta.added,
    changed: delta.modified,
    removed: delta.removed,
    monitoredParties: parties.length,
    monitoredNames: monitoredIndex.names.length,
    hits: hits.length,
    alertsOpened: raised.opened,
    alertsSuppressed: raised.suppressed,
    timings: {
      loadMs: indexStarted - loadStarted,
      indexMs: screenStarted - indexStarted,
      screenMs: finished - screenStarted,
    },
  };
}
