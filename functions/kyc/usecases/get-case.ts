import type { z } from 'zod';
import type { Principal } from '../../commons/http/principal';
import { notFound } from '../../commons/http/problem';
import { assertCanReadCase } from '../models/case-access';
import type { caseViewSchema } from '../models/kyc-case';
import { findCaseAggregate, type CaseStore } from '../repositories/case-repository';

/** The case as `GET /kyc/cases/{caseId}` shows it. */
export type CaseView = z.input<typeof caseViewSchema>;

/** Reads a case with its documents and timeline, if the caller may see it. */
export async function getCase(deps: { cases: CaseStore }, principal: Principal, caseId: string): Promise<CaseView> {
  const aggregate = await findCaseAggregate(deps.cases, caseId);
  if (!aggregate) throw notFound(`There is no KYC case ${caseId}`);
  const { kycCase, documents, timeline } = aggregate;
  assertCanReadCase(principal, kycCase);
  return {
    caseId: kycCase.caseId,
    status: kycCase.status,
    partyType: kycCase.partyType,
    tier: kycCase.tier,
    partyId: kycCase.partyId,
    applicant: kycCase.applicant,
    requiredDocuments: kycCase.requiredDocuments,
    documents: documents
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((document) => ({
        documentId: document.documentId,
        type: document.type,
        status: document.status,
        contentType: document.contentType,
        sizeBytes: document.sizeBytes,
        sha256: document.sha256,
        rejectionReason: document.rejectionReason,
        createdAt: document.createdAt,
        uploadedAt: document.uploadedAt,
      })),
    // sort keys already order the timeline by time
    timeline: timeline.map(({ at, type, actor, detail }) => ({ at, type, actor, detail })),
    createdAt: kycCase.createdAt,
    updatedAt: kycCase.updatedAt,
  };
}
