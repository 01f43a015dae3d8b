import type { ScreeningQuery } from '../../kernel/screening/screening-query';

/** One name ongoing monitoring watches: a party itself, a director or a UBO. */
export interface MonitoredName {
  /** Which name of the party: `applicant`, `representatives/0`… */
  partyRef: string;
  /** INDIVIDUAL, COMPANY, DIRECTOR, UBO. */
  role: string;
  /** What is known about the name, as the KYC case screened it. */
  query: ScreeningQuery;
}

/** Why a party is monitored (DESIGN, "Monitored names"). */
export type MonitoringReason = 'APPROVED' | 'PENDING' | 'OPEN_ORDERS';

/** A monitored party with its names, as the monitored-name index stores it. */
export interface MonitoredParty {
  partyId: string;
  names: MonitoredName[];
  reasons: MonitoringReason[];
  /** The case whose parties the names come from, when the party has one on file. */
  caseId?: string;
  updatedAt: string;
}

/**
 * Why a party with this standing and these open orders is monitored; empty when it is not: every party
 * APPROVED or PENDING, and every counterparty of an open order (a party suspended or lapsed with orders still
 * open stays watched).
 */
export function monitoringReasonsOf(standing: string, openOrders: number): MonitoringReason[] {
  const reasons: MonitoringReason[] = [];
  if (standing === 'APPROVED') reasons.push('APPROVED');
  if (standing === 'PENDING') reasons.push('PENDING');
  if (openOrders > 0) reasons.push('OPEN_ORDERS');
  return reasons;
}

/** One line of a monitored-name shard file (JSON Lines): what a full re-screen screens. */
export interface MonitoredNameLine {
  partyId: string;
  partyRef: string;
  role: string;
  query: ScreeningQuery;
}

/** Every name of the parties, one line each. */
export function flattenMonitoredNames(parties: readonly MonitoredParty[]): MonitoredNameLine[] {
  return parties.flatMap((party) =>
    party.names.map((name) => ({
      partyId: party.partyId,
      partyRef: name.partyRef,
      role: name.role,
      query: name.query,
    })),
  );
}
