import type { Principal } from '../../commons/http/principal';
import { conflict, notFound } from '../../commons/http/problem';
import { documentsBucketSettings } from '../../commons/storage/bucket-settings';
import { assertCanChangeCase } from './case-access';
import { userActor } from '../../commons/timeline-actor';
import type { KycDocument } from '../models/document';
import type { CaseStatus, KycCase } from '../models/kyc-case';
import { findCaseAggregate, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';
import type { CaseWorkflowControl } from './case-workflow-control';

/** What submitting needs. */
export interface SubmitCaseDeps {
  cases: CaseStore;
  workflow: CaseWorkflowControl;
  now: () => Date;
}

/** The answer of `POST /kyc/cases/{caseId}/submit`. */
export interface SubmittedCase {
  caseId: string;
  status: CaseStatus;
}

const finalStatuses: readonly CaseStatus[] = ['APPROVED', 'REJECTED', 'EXPIRED', 'WITHDRAWN'];

/**
 * Hands the case to its workflow: the first submission starts it, a submission while INFO_REQUESTED
 * resumes the waiting execution. Submitting again while the case is being processed or reviewed
 * changes nothing (and makes sure the workflow runs), so the call is safe to retry.
 */
export async function submitCase(deps: SubmitCaseDeps, principal: Principal, caseId: string): Promise<SubmittedCase> {
  const aggregate = await findCaseAggregate(deps.cases, caseId);
  if (!aggregate) throw notFound(`There is no KYC case ${caseId}`);
  const { kycCase, documents } = aggregate;
  assertCanChangeCase(principal, kycCase);
  const at = deps.now();

  if (finalStatuses.includes(kycCase.status)) {
    throw conflict(`The case is already ${kycCase.status} and cannot be submitted again`, {
      caseStatus: kycCase.status,
    });
  }
  if (kycCase.status === 'PROCESSING') {
    await deps.workflow.start(caseId);
    return { caseId, status: kycCase.status };
  }
  if (kycCase.status === 'IN_REVIEW') return { caseId, status: kycCase.status };

  assertReadyToSubmit(kycCase, documents, at);
  const submission = (kycCase.submissionCount ?? 0) + 1;
  const events = [
    {
      at: at.toISOString(),
      type: 'CASE_SUBMITTED',
      actor: userActor(principal),
      detail: { submission, documentIds: documents.filter((d) => d.status === 'UPLOADED').map((d) => d.documentId) },
    },
    {
      at: at.toISOString(),
      type: 'STATUS_CHANGED',
      actor: userActor(principal),
      detail: { from: kycCase.status, to: 'PROCESSING', reason: 'Submitted by the applicant' },
    },
  ];

  if (kycCase.status === 'AWAITING_DOCUMENTS') {
    const changed = await updateCaseWithEvents(
      deps.cases,
      caseId,
      {
        set: { status: 'PROCESSING', submissionCount: submission, updatedAt: at.toISOString() },
        condition: '#status = :from',
        conditionValues: { ':from': 'AWAITING_DOCUMENTS' },
      },
      events,
      `submit:${caseId}:${submission}`,
    );
    // Lost a race with another submission: that one started the workflow, or this start joins it.
    if (!changed) return submitCase(deps, principal, caseId);
    await deps.workflow.start(caseId);
    return { caseId, status: 'PROCESSING' };
  }

  // INFO_REQUESTED: the execution waits on the token stored with the request.
  const token = kycCase.resubmissionToken;
  if (!token) throw conflict('The case is not waiting for documents yet; try again in a moment');
  const changed = await updateCaseWithEvents(
    deps.cases,
    caseId,
    {
      set: { status: 'PROCESSING', submissionCount: submission, updatedAt: at.toISOString() },
      remove: ['resubmissionToken', 'requestedDocuments'],
      condition: '#status = :from AND #resubmissionToken = :token',
      conditionValues: { ':from': 'INFO_REQUESTED', ':token': token },
    },
    events,
    `resubmit:${caseId}:${submission}`,
  );
  if (!changed) return submitCase(deps, principal, caseId);
  if ((await deps.workflow.resume(token, { resubmitted: true, submission })) === 'GONE') {
    throw conflict('The request for information expired before this submission');
  }
  return { caseId, status: 'PROCESSING' };
}

/**
 * A submission needs at least one verified document, and none still being uploaded: an upload whose
 * presigned form is still valid may land in a moment, and checking without it would ask for it again.
 */
function assertReadyToSubmit(kycCase: KycCase, documents: KycDocument[], at: Date): void {
  const uploadWindowMs = documentsBucketSettings.presignedPostExpirySeconds * 1000;
  const inFlight = documents.filter(
    (d) => d.status === 'PENDING_UPLOAD' && at.getTime() - Date.parse(d.createdAt) < uploadWindowMs,
  );
  if (inFlight.length > 0) {
    throw conflict(
      `Documents ${inFlight.map((d) => d.documentId).join(', ')} are still being uploaded or verified; submit once they are UPLOADED`,
      { pendingDocuments: inFlight.map((d) => d.documentId) },
    );
  }
  const requestedAt = kycCase.status === 'INFO_REQUESTED' ? kycCase.infoRequestedAt : undefined;
  const unanswered = requestedAt ? (kycCase.questions ?? []).filter((question) => !question.answer) : [];
  if (unanswered.length > 0) {
    throw conflict(
      `Answer every question before submitting again (POST /kyc/cases/${kycCase.caseId}/answers); unanswered: ` +
        unanswered.map((question) => question.questionId).join(', '),
      { code: 'QUESTIONS_UNANSWERED', unanswered: unanswered.map((q) => ({ questionId: q.questionId, text: q.text })) },
    );
  }
  // a request that asked only questions needs no new document
  const documentsAsked = !requestedAt || (kycCase.requestedDocuments ?? []).length > 0;
  const usable = documents.filter((d) => d.status === 'UPLOADED' && (!requestedAt || d.uploadedAt! > requestedAt));
  if (documentsAsked && usable.length === 0) {
    throw conflict(
      requestedAt
        ? 'Upload at least one of the requested documents before submitting again'
        : 'Upload at least one document before submitting',
      { requiredDocuments: kycCase.requestedDocuments ?? kycCase.requiredDocuments },
    );
  }
}
