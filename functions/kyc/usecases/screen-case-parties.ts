import type { PartyToScreen, ScreenParty } from '../../kernel/screening/screening-query';
import { systemActor } from '../../commons/timeline-actor';
import type { CaseScreening } from '../models/case-assessment';
import { listCaseParties } from '../models/case-parties';
import { CaseStateError } from '../models/case-state-error';
import type { TimelineEvent } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/**
 * KYC's service to the areas that screen a party again (an order's counterparties): the parties of its
 * approved case, with what the case knows of them. Undefined when the case is not on file.
 */
export async function listCasePartiesToScreen(cases: CaseStore, caseId: string): Promise<PartyToScreen[] | undefined> {
  const kycCase = await findCase(cases, caseId);
  return kycCase ? listCaseParties(kycCase) : undefined;
}

/**
 * KYC's service to ongoing monitoring: the party a case belongs to and the parties it screens (the applicant,
 * its directors and UBOs). Undefined when the case is not on file.
 */
export async function describeCasePartiesToMonitor(
  cases: CaseStore,
  caseId: string,
): Promise<{ partyId: string; parties: PartyToScreen[] } | undefined> {
  const kycCase = await findCase(cases, caseId);
  return kycCase ? { partyId: kycCase.partyId, parties: listCaseParties(kycCase) } : undefined;
}

/**
 * Screens every party of the case for the current round and stores the hits, with their explanations,
 * on the case; each hit also goes on the timeline. A retried step finds the round screened.
 */
export async function screenCaseParties(
  deps: { cases: CaseStore; screenParty: ScreenParty; now: () => Date },
  input: { caseId: string },
): Promise<{ hitCount: number }> {
  const kycCase = await findCase(deps.cases, input.caseId);
  if (!kycCase) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
  const round = kycCase.processingRound ?? 0;
  if (kycCase.screening?.round === round) return { hitCount: countHits(kycCase.screening) };

  const parties = listCaseParties(kycCase);
  const results = await Promise.all(parties.map((party) => deps.screenParty(party.query)));
  const at = deps.now().toISOString();
  const screening: CaseScreening & { round: number } = {
    round,
    listVersion: results[0]?.listVersion ?? 'none',
    threshold: results[0]?.threshold ?? 0,
    parties: parties.map((party, i) => ({
      partyRef: party.partyRef,
      role: party.role,
      name: party.query.name,
      hits: results[i]!.hits,
    })),
    screenedAt: at,
  };
  const events: TimelineEvent[] = [
    {
      at,
      type: 'SCREENING_COMPLETED',
      actor: systemActor,
      detail: {
        listVersion: screening.listVersion,
        threshold: screening.threshold,
        parties: screening.parties.length,
        hits: countHits(screening),
      },
    },
    // One entry per party with hits, not per hit: a transaction holds at most 100 items, and a company
    // may have 50 representatives.
    ...screening.parties
      .filter((party) => party.hits.length > 0)
      .map((party) => ({
        at,
        type: 'SCREENING_HIT',
        actor: systemActor,
        detail: {
          partyRef: party.partyRef,
          role: party.role,
          hits: party.hits.map((hit) => ({
            entityId: hit.entityId,
            matchedName: hit.matchedName,
            score: hit.score,
            lists: hit.lists,
            programs: hit.programs,
          })),
        },
      })),
  ];
  await updateCaseWithEvents(
    deps.cases,
    input.caseId,
    {
      set: { screening, updatedAt: at },
      condition: '#processingRound = :round AND (attribute_not_exists(#screening) OR #screening.#round <> :round)',
      conditionValues: { ':round': round },
    },
    events,
    `screening:${input.caseId}:${round}`,
  );
  return { hitCount: countHits(screening) };
}

function countHits(screening: CaseScreening): number {
  return screening.parties.reduce((sum, party) => sum + party.hits.length, 0);
}
