import type { Principal } from '../../commons/http/principal';
import { conflict, notFound } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { isConditionFailure } from '../../commons/storage/transact-write';
import { loadKycStandingRules } from '../../kernel/parties/models/kyc-standing';
import { openCaseUpdate } from '../../kernel/parties/repositories/party-repository';
import { assertCanChangeCase } from './case-access';
import { userActor } from '../../commons/timeline-actor';
import type { KycDocument } from '../models/document';
import type { KycCase, RequiredDocument } from '../models/kyc-case';
import { documentKey } from '../repositories/case-keys';
import { findCaseAggregate, insertCase, listOpenCases, type CaseStore } from '../repositories/case-repository';
import { tooManyOpenCases, type CreatedCase } from './create-case';

/** What the upgrade case asks for: the documents a HIGH_VALUE tier adds to an approved STANDARD one. */
const upgradeRequirements: RequiredDocument[] = [
  {
    requirement: 'FINANCIAL_STATEMENT',
    acceptedTypes: ['FINANCIAL_STATEMENT'],
    description: 'The most recent annual financial statements',
  },
];

/**
 * `POST /kyc/cases/{caseId}/upgrade` (DESIGN, "Step-up for high-value trade"): from an APPROVED STANDARD case
 * of the caller's party, a new HIGH_VALUE case with the same applicant, which asks only for the financial
 * statements. The identity and business documents carry over, read already, so the new case is assessed on
 * all of them (a proof of address that has grown stale is asked again). Its approval sets the tier HIGH_VALUE.
 * It counts among the party's open cases like any other.
 * @throws ProblemError 404, 403 for another party, 409 for a case that is not APPROVED STANDARD, an upgrade
 *   already open, or a fourth open case
 */
export async function upgradeCase(
  deps: { cases: CaseStore; now: () => Date },
  principal: Principal,
  caseId: string,
): Promise<CreatedCase> {
  const aggregate = await findCaseAggregate(deps.cases, caseId);
  if (!aggregate) throw notFound(`There is no KYC case ${caseId}`);
  const { kycCase: original, documents } = aggregate;
  assertCanChangeCase(principal, original);
  if (original.status !== 'APPROVED') {
    throw conflict(`Only an APPROVED case can be upgraded; case ${caseId} is ${original.status}`, {
      code: 'CASE_NOT_UPGRADABLE',
      caseStatus: original.status,
    });
  }
  if (original.tier !== 'STANDARD') {
    throw conflict(`Case ${caseId} is at tier ${original.tier} already`, {
      code: 'CASE_NOT_UPGRADABLE',
      tier: original.tier,
    });
  }
  const open = await listOpenCases(deps.cases, original.partyId);
  const pending = open.find((c) => c.upgradeOf === caseId);
  if (pending) {
    throw conflict(`Case ${caseId} is being upgraded already, by case ${pending.caseId}`, {
      code: 'UPGRADE_ALREADY_OPEN',
      upgradeCaseId: pending.caseId,
    });
  }

  const at = deps.now().toISOString();
  const upgrade: KycCase = {
    caseId: generateId('kyc'),
    partyId: original.partyId,
    createdBy: principal.subject,
    partyType: original.partyType,
    tier: 'HIGH_VALUE',
    applicant: original.applicant,
    status: 'AWAITING_DOCUMENTS',
    requiredDocuments: upgradeRequirements,
    upgradeOf: caseId,
    documentCount: 0,
    createdAt: at,
    updatedAt: at,
  };
  // the documents that made the approval, as read then: never read or uploaded again
  const carried: KycDocument[] = documents
    .filter((document) => document.status === 'UPLOADED' && document.extraction?.readable)
    .map((document) => ({ ...document, caseId: upgrade.caseId, carriedOverFrom: caseId }));
  upgrade.documentCount = carried.length;
  const { maxOpenCases } = loadKycStandingRules();
  try {
    await insertCase(
      deps.cases,
      upgrade,
      {
        at,
        type: 'CASE_CREATED',
        actor: userActor(principal),
        detail: {
          status: upgrade.status,
          partyType: upgrade.partyType,
          tier: upgrade.tier,
          upgradeOf: caseId,
          carriedOverDocumentIds: carried.map((d) => d.documentId),
        },
      },
      [
        openCaseUpdate(deps.cases, original.partyId, maxOpenCases),
        ...carried.map((document) => ({
          Put: {
            TableName: deps.cases.tableName,
            Item: { ...documentKey(upgrade.caseId, document.documentId), entity: 'DOCUMENT', ...document },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
      ],
    );
  } catch (error) {
    if (!isConditionFailure(error, 0)) throw error;
    throw tooManyOpenCases(open, maxOpenCases);
  }
  return { caseId: upgrade.caseId, status: 'AWAITING_DOCUMENTS', requiredDocuments: upgrade.requiredDocuments };
}
