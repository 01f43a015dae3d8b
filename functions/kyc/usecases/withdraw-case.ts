import type { Principal } from '../../commons/http/principal';
import { conflict, notFound } from '../../commons/http/problem';
import { userActor } from '../../commons/timeline-actor';
import { closedCaseUpdate, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { CaseStatus, WithdrawCaseRequest } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';
import { assertCanChangeCase } from './case-access';

/** The answer of `POST /kyc/cases/{caseId}/withdrawal`. */
export interface WithdrawnCase {
  caseId: string;
  status: CaseStatus;
}

/**
 * The applicant withdraws a case it has not submitted (AWAITING_DOCUMENTS): the case becomes WITHDRAWN,
 * for good, and no longer counts against the party's open cases (at most 3), in one transaction. Once
 * submitted, a case belongs to its workflow and a reviewer's decision: it cannot be withdrawn (409). A
 * repeated withdrawal answers the same.
 * @throws ProblemError 404, 403 for another party, 409 CASE_NOT_WITHDRAWABLE once submitted or decided
 */
export async function withdrawCase(
  deps: { cases: CaseStore; parties: PartyStore; now: () => Date },
  principal: Principal,
  caseId: string,
  request: WithdrawCaseRequest,
): Promise<WithdrawnCase> {
  const kycCase = await findCase(deps.cases, caseId);
  if (!kycCase) throw notFound(`There is no KYC case ${caseId}`);
  assertCanChangeCase(principal, kycCase);
  if (kycCase.status === 'WITHDRAWN') return { caseId, status: 'WITHDRAWN' };
  if (kycCase.status !== 'AWAITING_DOCUMENTS') {
    throw conflict(
      `Case ${caseId} is ${kycCase.status}; only a case not yet submitted (AWAITING_DOCUMENTS) can be withdrawn`,
      { code: 'CASE_NOT_WITHDRAWABLE', caseStatus: kycCase.status },
    );
  }
  const at = deps.now().toISOString();
  const withdrawn = await updateCaseWithEvents(
    deps.cases,
    caseId,
    {
      set: { status: 'WITHDRAWN', updatedAt: at },
      condition: '#status = :awaiting',
      conditionValues: { ':awaiting': 'AWAITING_DOCUMENTS' },
    },
    [
      {
        at,
        type: 'STATUS_CHANGED',
        actor: userActor(principal),
        detail: {
          from: 'AWAITING_DOCUMENTS',
          to: 'WITHDRAWN',
          reason: request.reason ?? 'Withdrawn by the applicant',
        },
      },
    ],
    `withdraw:${caseId}`,
    [closedCaseUpdate(deps.parties, kycCase.partyId)],
  );
  // lost a race: a submission or another withdrawal came first; answer from what the case is now
  if (!withdrawn) return withdrawCase(deps, principal, caseId, request);
  return { caseId, status: 'WITHDRAWN' };
}
