import type { Principal } from '../../commons/http/principal';
import { conflict, forbidden } from '../../commons/http/problem';
import { isConditionFailure } from '../../commons/storage/transact-write';
import { loadKycStandingRules } from '../../kernel/parties/models/kyc-standing';
import { openCaseUpdate } from '../../kernel/parties/repositories/party-repository';
import { generateId } from '../../commons/ids';
import { userActor } from '../../commons/timeline-actor';
import { listRequiredDocuments, type CreateCaseRequest, type KycCase, type RequiredDocument } from '../models/kyc-case';
import { insertCase, listOpenCases, type CaseStore } from '../repositories/case-repository';

/** What opening a case needs. */
export interface CreateCaseDeps {
  cases: CaseStore;
  now: () => Date;
}

/** The newly opened case, as the API returns it. */
export interface CreatedCase {
  caseId: string;
  status: 'AWAITING_DOCUMENTS';
  requiredDocuments: RequiredDocument[];
}

/**
 * Opens a KYC/KYB case for the caller's party, awaiting its documents, and counts it among the party's open
 * cases in the same transaction: the party may have at most `maxOpenCases` (data/rules/kyc-standing.json).
 * A party whose standing is REJECTED or SUSPENDED may open one too; its assessment then ends in review.
 * @throws ProblemError 409 TOO_MANY_OPEN_CASES, with the open cases' ids
 */
export async function createCase(
  deps: CreateCaseDeps,
  principal: Principal,
  request: CreateCaseRequest,
): Promise<CreatedCase> {
  if (!principal.partyId) throw forbidden('Only a client acting for a party can open a case');
  const at = deps.now().toISOString();
  const kycCase: KycCase = {
    caseId: generateId('kyc'),
    partyId: principal.partyId,
    createdBy: principal.subject,
    partyType: request.partyType,
    tier: request.tier,
    applicant: request.applicant,
    status: 'AWAITING_DOCUMENTS',
    requiredDocuments: listRequiredDocuments(request.partyType, request.tier),
    documentCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  const { maxOpenCases } = loadKycStandingRules();
  try {
    await insertCase(
      deps.cases,
      kycCase,
      {
        at,
        type: 'CASE_CREATED',
        actor: userActor(principal),
        detail: { status: kycCase.status, partyType: kycCase.partyType, tier: kycCase.tier },
      },
      [openCaseUpdate(deps.cases, principal.partyId, maxOpenCases)],
    );
  } catch (error) {
    if (!isConditionFailure(error, 0)) throw error;
    throw tooManyOpenCases(await listOpenCases(deps.cases, principal.partyId), maxOpenCases);
  }
  return { caseId: kycCase.caseId, status: 'AWAITING_DOCUMENTS', requiredDocuments: kycCase.requiredDocuments };
}

/** 409 TOO_MANY_OPEN_CASES, naming the open cases so the applicant can carry on with one. */
export function tooManyOpenCases(open: readonly Pick<KycCase, 'caseId'>[], maxOpenCases: number) {
  return conflict(
    `The party already has ${open.length || maxOpenCases} open KYC cases, the most allowed at once; ` +
      'continue one of them, or wait until one is decided',
    { code: 'TOO_MANY_OPEN_CASES', maxOpenCases, openCaseIds: open.map((c) => c.caseId) },
  );
}
