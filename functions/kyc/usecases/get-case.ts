import type { z } from 'zod';
import type { Principal } from '../../commons/http/principal';
import { notFound } from '../../commons/http/problem';
import { assertCanReadCase } from '../models/case-access';
import type { caseViewSchema } from '../models/kyc-case';
import { findCaseAggregate, type CaseAggregate, type CaseStore } from '../repositories/case-repository';

/** The case as `GET /kyc/cases/{caseId}` shows it. */
export type CaseView = z.input<typeof caseViewSchema>;

/** Reads a case with its documents, assessment and timeline, if the caller may see it. */
export async function getCase(deps: { cases: CaseStore }, principal: Principal, caseId: string): Promise<CaseView> {
  const aggregate = await findCaseAggregate(deps.cases, caseId);
  if (!aggregate) throw notFound(`There is no KYC case ${caseId}`);
  assertCanReadCase(principal, aggregate.kycCase);
  return buildCaseView(aggregate);
}

/** The public view of a case: everything but its keys and workflow tokens. */
export function buildCaseView({ kycCase, documents, timeline }: CaseAggregate): CaseView {
  const screening = kycCase.screening;
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
        ...(document.extraction
          ? {
              extraction: {
                readable: document.extraction.readable,
                unreadableReason: document.extraction.unreadableReason,
                fields: document.extraction.fields as Record<string, { value: string; confidence: number }>,
                pageCount: document.extraction.pageCount,
                extractedAt: document.extraction.extractedAt,
              },
            }
          : {}),
      })),
    checks: kycCase.assessment?.checks ?? [],
    ...(screening
      ? {
          screening: {
            listVersion: screening.listVersion,
            threshold: screening.threshold,
            screenedAt: screening.screenedAt,
            parties: screening.parties,
          },
        }
      : {}),
    ...(kycCase.assessment ? { risk: kycCase.assessment.risk } : {}),
    ...(kycCase.requestedDocuments ? { requestedDocuments: kycCase.requestedDocuments } : {}),
    ...(kycCase.reviewTaskId ? { reviewTaskId: kycCase.reviewTaskId } : {}),
    ...(kycCase.decision ? { decision: kycCase.decision } : {}),
    // sort keys already order the timeline by time
    timeline: timeline.map(({ at, type, actor, detail }) => ({ at, type, actor, detail })),
    createdAt: kycCase.createdAt,
    updatedAt: kycCase.updatedAt,
  };
}
