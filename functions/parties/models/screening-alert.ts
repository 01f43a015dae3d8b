import type { MonitoringHit, MonitoringRun } from '../../kernel/screening/monitoring-hit';

/** OPEN while a reviewer decides; then the decision, which the alert keeps as the pair's memory. */
export type ScreeningAlertStatus = 'OPEN' | 'FALSE_POSITIVE' | 'CONFIRMED_MATCH';

/**
 * Ongoing monitoring's alert on one party and one listed entity (DESIGN, "Ongoing monitoring"): the names of
 * the party that resemble the entry, with their explanations, and the review task that decides it. One per
 * party and entity: it is also the memory of a FALSE_POSITIVE, kept with the entry's content hash, so the
 * same entry never alerts again for that party until it changes.
 */
export interface ScreeningAlert {
  partyId: string;
  entityId: string;
  /** The entry's content hash when the alert opened. */
  entryHash: string;
  status: ScreeningAlertStatus;
  taskId: string;
  listVersion: string;
  source: MonitoringRun['source'];
  openedAt: string;
  /** The party's names that resemble the entry, best first. */
  matches: Omit<MonitoringHit, 'partyId' | 'entryHash'>[];
  decidedAt?: string;
}

/** Why no alert opens for a hit: the pair is being decided, was confirmed, or is a remembered false positive. */
export type AlertSuppression = 'ALREADY_OPEN' | 'CONFIRMED' | 'FALSE_POSITIVE_UNCHANGED';

/**
 * Whether a hit on an entry with `entryHash` opens an alert, given the pair's alert on file. A false positive
 * is remembered for the entry's content: a changed entry (a new alias, a new date of birth) alerts again.
 */
export function assessAlertOpening(
  existing: Pick<ScreeningAlert, 'status' | 'entryHash'> | undefined,
  entryHash: string,
): { open: true } | { open: false; why: AlertSuppression } {
  if (!existing) return { open: true };
  if (existing.status === 'OPEN') return { open: false, why: 'ALREADY_OPEN' };
  if (existing.status === 'CONFIRMED_MATCH') return { open: false, why: 'CONFIRMED' };
  return existing.entryHash === entryHash ? { open: false, why: 'FALSE_POSITIVE_UNCHANGED' } : { open: true };
}

/** Groups hits into one alert draft per party and listed entity, each with its names best first. */
export function groupHitsByPartyAndEntity(hits: readonly MonitoringHit[]): MonitoringHit[][] {
  const groups = new Map<string, MonitoringHit[]>();
  for (const hit of hits) {
    const key = `${hit.partyId}\u0000${hit.hit.entityId}`;
    const group = groups.get(key) ?? [];
    // the same name screened twice (a delta and a full re-screen in one batch) counts once
    if (!group.some((other) => other.partyRef === hit.partyRef)) group.push(hit);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => b.hit.score - a.hit.score));
}
