import type { z } from 'zod';
import type { Principal } from '../../commons/http/principal';
import { notFound } from '../../commons/http/problem';
import { audienceOf, viewerOf, type Viewer } from '../../commons/views/view-policy';
import { assertCanReadCase } from './case-access';
import { caseDecisionMessages, caseTimelinePolicy, filterCaseTimelineForParty } from '../models/case-view-policy';
import type { CaseQuestion, caseViewSchema, KycCase, partyCaseViewSchema } from '../models/kyc-case';
import type { KycDocument } from '../models/document';
import { findCaseAggregate, type CaseAggregate, type CaseStore } from '../repositories/case-repository';

/** The case as staff (reviewers, admins) read it: everything but its keys and workflow tokens. */
export type CaseView = z.input<typeof caseViewSchema>;

/** The case as the applicant reads it (DESIGN, "Who may see what"). */
export type PartyCaseView = z.input<typeof partyCaseViewSchema>;

/**
 * Reads a case with its documents and timeline, if the caller may see it: the staff view for reviewers
 * and admins, the party view for the applicant, both from the same read.
 */
export async function getCase(
  deps: { cases: CaseStore },
  principal: Principal,
  caseId: string,
): Promise<CaseView | PartyCaseView> {
  const aggregate = await findCaseAggregate(deps.cases, caseId);
  if (!aggregate) throw notFound(`There is no KYC case ${caseId}`);
  assertCanReadCase(principal, aggregate.kycCase);
  return buildCaseView(aggregate, viewerOf(principal));
}

/** The case as this viewer may see it. */
export function buildCaseView(aggregate: CaseAggregate, viewer: Viewer): CaseView | PartyCaseView {
  return viewer.kind === 'STAFF' ? buildStaffCaseView(aggregate) : buildPartyCaseView(aggregate);
}

/**
 * The applicant's view: status, terms, documents with their status and rejection reason, what is asked of
 * them, the decision as `{status, decidedAt, message}`, and the timeline entries meant for them. Never
 * screening, checks, extraction, risk, the assessment, reviewers or internal errors.
 */
export function buildPartyCaseView({ kycCase, documents, timeline }: CaseAggregate): PartyCaseView {
  const decision = kycCase.decision;
  return {
    ...caseTerms(kycCase),
    documents: inUploadOrder(documents).map(summariseDocument),
    ...(kycCase.status === 'INFO_REQUESTED' && kycCase.requestedDocuments
      ? { requestedDocuments: kycCase.requestedDocuments }
      : {}),
    ...(kycCase.questions?.length ? { questions: kycCase.questions.map(toQuestionView) } : {}),
    ...(decision
      ? {
          decision: {
            status: decision.status,
            decidedAt: decision.decidedAt,
            message: decision.message ?? caseDecisionMessages[decision.status],
          },
        }
      : {}),
    timeline: filterCaseTimelineForParty(timeline),
    createdAt: kycCase.createdAt,
    updatedAt: kycCase.updatedAt,
  };
}

/** The staff view of a case: everything but its keys and workflow tokens. */
export function buildStaffCaseView({ kycCase, documents, timeline }: CaseAggregate): CaseView {
  const screening = kycCase.screening;
  return {
    ...caseTerms(kycCase),
    documents: inUploadOrder(documents).map((document) => ({
      ...summariseDocument(document),
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
    ...(kycCase.questions?.length ? { questions: kycCase.questions.map(toQuestionView) } : {}),
    ...(kycCase.reviewTaskId ? { reviewTaskId: kycCase.reviewTaskId } : {}),
    ...(kycCase.decision ? { decision: kycCase.decision } : {}),
    ...(kycCase.failure ? { failure: kycCase.failure } : {}),
    // sort keys already order the timeline by time
    timeline: timeline.map(({ at, type, actor, detail, audience }) => ({
      at,
      type,
      actor,
      detail,
      audience: audience ?? audienceOf(caseTimelinePolicy, type, detail),
    })),
    createdAt: kycCase.createdAt,
    updatedAt: kycCase.updatedAt,
  };
}

/** A question with its answer, as both views show it: who asked and who answered stay in the audit trail. */
function toQuestionView(question: CaseQuestion) {
  return {
    questionId: question.questionId,
    text: question.text,
    ...(question.answer ? { answer: question.answer.text } : {}),
  };
}

/** Documents oldest first, without touching the list read. */
function inUploadOrder(documents: readonly KycDocument[]): KycDocument[] {
  return [...documents].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** What both views show of a document: its intake, never its storage key. */
function summariseDocument(document: KycDocument) {
  return {
    documentId: document.documentId,
    type: document.type,
    status: document.status,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    rejectionReason: document.rejectionReason,
    createdAt: document.createdAt,
    uploadedAt: document.uploadedAt,
  };
}

/** What both views show of the case itself: its status and terms. */
function caseTerms(kycCase: KycCase) {
  return {
    caseId: kycCase.caseId,
    status: kycCase.status,
    partyType: kycCase.partyType,
    tier: kycCase.tier,
    partyId: kycCase.partyId,
    applicant: kycCase.applicant,
    requiredDocuments: kycCase.requiredDocuments,
    ...(kycCase.upgradeOf ? { upgradeOf: kycCase.upgradeOf } : {}),
    ...(kycCase.refreshOf ? { refreshOf: kycCase.refreshOf } : {}),
  };
}
