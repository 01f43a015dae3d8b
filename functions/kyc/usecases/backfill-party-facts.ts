import {
  backfillPartyFacts,
  listApprovedPartiesWithoutFacts,
  type PartyStore,
} from '../../kernel/parties/repositories/party-repository';
import { describeCaseParty } from '../models/case-party-facts';
import { findCase, type CaseStore } from '../repositories/case-repository';

/** What the migration did. */
export interface BackfillSummary {
  /** Approved parties found without a country. */
  found: number;
  /** Of those, parties whose facts were recorded from their approving case. */
  backfilled: number;
  /** Parties with no approved case on file to read the facts from (the local demo seed has none). */
  withoutCase: number;
}

/**
 * One-off migration: parties approved before approvals recorded their country, display name and type
 * get them from the case that approved them, so their orders are screened like any new party's. Safe to
 * run again: a party that has its facts, or was decided anew meanwhile, is left alone.
 */
export async function backfillApprovedPartyFacts(deps: {
  parties: PartyStore;
  cases: CaseStore;
}): Promise<BackfillSummary> {
  const summary: BackfillSummary = { found: 0, backfilled: 0, withoutCase: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listApprovedPartiesWithoutFacts(deps.parties, startKey);
    for (const party of page.parties) {
      summary.found += 1;
      const kycCase = party.kycCaseId ? await findCase(deps.cases, party.kycCaseId) : undefined;
      if (!kycCase || kycCase.status !== 'APPROVED' || kycCase.partyId !== party.partyId) {
        summary.withoutCase += 1;
        continue;
      }
      if (await backfillPartyFacts(deps.parties, party.partyId, kycCase.caseId, describeCaseParty(kycCase))) {
        summary.backfilled += 1;
      }
    }
    startKey = page.nextKey;
  } while (startKey);
  return summary;
}
