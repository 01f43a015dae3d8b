import { readStanding } from '../../kernel/parties/models/kyc-standing';
import { findPartyProfile, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { PartyToScreen } from '../../kernel/screening/screening-query';
import { monitoringReasonsOf, type MonitoredName } from '../models/monitored-party';
import {
  deleteMonitoredParty,
  putMonitoredParty,
  type MonitoredPartyStore,
} from '../repositories/monitored-party-repository';

/** What keeping a party's monitored names current needs. */
export interface SyncMonitoredPartyDeps {
  monitored: MonitoredPartyStore;
  parties: PartyStore;
  /** KYC's service: the party of a case and the names it screens (applicant, directors, UBOs). */
  describeCaseParties: (caseId: string) => Promise<{ partyId: string; parties: PartyToScreen[] } | undefined>;
  /** The orders area's service: how many of the party's orders are open. */
  countOpenOrders: (partyId: string) => Promise<number>;
  now: () => Date;
}

/** What the sync did to the party's entry in the monitored-name index. */
export type SyncOutcome = 'MONITORED' | 'NOT_MONITORED' | 'NO_NAMES';

/**
 * Brings one party's entry of the monitored-name index up to date with its standing, its case and its open
 * orders (DESIGN, "Monitored names"). It reads the current state rather than trusting the event that asked
 * for it, so events arriving twice or out of order leave the right entry.
 * - Monitored: APPROVED or PENDING, or a counterparty of an open order.
 * - Its names: those its approved case screened (the applicant, every director and UBO); for a first case
 *   still pending, that case's (`caseId`, from the event); for a party on file without a case (a seeded
 *   one), the name it trades under.
 */
export async function syncMonitoredParty(
  deps: SyncMonitoredPartyDeps,
  partyId: string,
  pendingCaseId?: string,
): Promise<SyncOutcome> {
  const [profile, openOrders] = await Promise.all([
    findPartyProfile(deps.parties, partyId),
    deps.countOpenOrders(partyId),
  ]);
  const reasons = monitoringReasonsOf(readStanding(profile), openOrders);
  if (reasons.length === 0) {
    await deleteMonitoredParty(deps.monitored, partyId);
    return 'NOT_MONITORED';
  }
  const caseId = profile?.kycCaseId?.startsWith('kyc_') ? profile.kycCaseId : pendingCaseId;
  const fromCase = caseId ? await deps.describeCaseParties(caseId) : undefined;
  let names: MonitoredName[] = [];
  if (fromCase && fromCase.partyId === partyId) {
    names = fromCase.parties.map(({ partyRef, role, query }) => ({ partyRef, role, query }));
  } else if (profile?.displayName) {
    const person = profile.partyType === 'INDIVIDUAL';
    names = [
      {
        partyRef: 'applicant',
        role: person ? 'INDIVIDUAL' : 'COMPANY',
        query: {
          name: profile.displayName,
          type: person ? 'PERSON' : 'ORGANIZATION',
          ...(profile.country ? { country: profile.country } : {}),
        },
      },
    ];
  }
  if (names.length === 0) {
    await deleteMonitoredParty(deps.monitored, partyId);
    return 'NO_NAMES';
  }
  await putMonitoredParty(deps.monitored, {
    partyId,
    names,
    reasons,
    ...(fromCase ? { caseId } : {}),
    updatedAt: deps.now().toISOString(),
  });
  return 'MONITORED';
}

/** What the backfill did. */
export interface MonitoredNamesBackfill {
  parties: number;
  monitored: number;
  notMonitored: number;
  withoutNames: number;
}

/**
 * One-off migration: every party on file is synced into the monitored-name index, so parties approved before
 * ongoing monitoring (or seeded without a case) are watched too. Idempotent: it writes what the state says.
 * @param listPartyIds pages of party ids (a Scan: migrations only)
 */
export async function backfillMonitoredNames(
  deps: SyncMonitoredPartyDeps,
  listPartyIds: (
    startKey?: Record<string, unknown>,
  ) => Promise<{ partyIds: string[]; nextKey?: Record<string, unknown> }>,
): Promise<MonitoredNamesBackfill> {
  const summary: MonitoredNamesBackfill = { parties: 0, monitored: 0, notMonitored: 0, withoutNames: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listPartyIds(startKey);
    for (const partyId of page.partyIds) {
      summary.parties += 1;
      const outcome = await syncMonitoredParty(deps, partyId);
      if (outcome === 'MONITORED') summary.monitored += 1;
      else if (outcome === 'NOT_MONITORED') summary.notMonitored += 1;
      else summary.withoutNames += 1;
    }
    startKey = page.nextKey;
  } while (startKey);
  return summary;
}
