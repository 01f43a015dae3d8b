import type { ScreeningHit } from './screening-query';

/**
 * A monitored party's name that resembles a listed entity, found by ongoing monitoring (DESIGN, "Ongoing
 * monitoring"): the same hit, score and explanation `POST /screening/search` gives for that name.
 */
export interface MonitoringHit {
  partyId: string;
  /** Which name of the party: `applicant`, `representatives/0`… */
  partyRef: string;
  /** INDIVIDUAL, COMPANY, DIRECTOR, UBO. */
  role: string;
  /** The party's name as screened. */
  name: string;
  /** The listed entity's content hash in the list version that produced the hit. */
  entryHash: string;
  hit: ScreeningHit;
}

/** What produced a batch of monitoring hits. */
export interface MonitoringRun {
  listVersion: string;
  /** DELTA: a list refresh's added or changed entries; FULL: every monitored name against the whole lists. */
  source: 'DELTA' | 'FULL';
}

/** How a batch of hits turned into alerts. */
export interface RaisedAlerts {
  /** Alerts opened: one per party and listed entity. */
  opened: number;
  /** Pairs already alerted on, confirmed, or dismissed as a false positive for the same entry content. */
  suppressed: number;
}

/**
 * The parties area's service to monitoring: opens one SCREENING_ALERT review task per party and listed
 * entity among the hits, unless that pair is already open, confirmed, or a remembered false positive.
 */
export type RaiseScreeningAlerts = (run: MonitoringRun, hits: readonly MonitoringHit[]) => Promise<RaisedAlerts>;
