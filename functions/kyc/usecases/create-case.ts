import type { Principal } from '../../commons/http/principal';
import { forbidden } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { userActor } from '../models/case-access';
import { listRequiredDocuments, type CreateCaseRequest, type KycCase, type RequiredDocument } from '../models/kyc-case';
import { insertCase, type CaseStore } from '../repositories/case-repository';

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

/** Opens a KYC/KYB case for the caller's party, awaiting its documents. */
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
  await insertCase(deps.cases, kycCase, {
    at,
    type: 'CASE_CREATED',
    actor: userActor(principal),
    detail: { status: kycCase.status, partyType: kycCase.partyType, tier: kycCase.tier },
  });
  return { caseId: kycCase.caseId, status: 'AWAITING_DOCUMENTS', requiredDocuments: kycCase.requiredDocuments };
}
