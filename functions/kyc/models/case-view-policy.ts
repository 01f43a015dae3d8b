import { filterTimelineForParty, processingFailedMessage, type TimelinePolicy } from '../../commons/views/view-policy';
import type { CaseDecision, TimelineEvent } from './kyc-case';

/**
 * Which entries of a case's timeline the applicant sees, and with which detail. Screening, checks, risk,
 * the assessment, review tasks and reviewers' reasons are for staff: an applicant who matched a list sees
 * `IN_REVIEW` and nothing more (no tipping-off). Types not named here are for staff only.
 */
export const caseTimelinePolicy: TimelinePolicy = {
  CASE_CREATED: { audience: 'PARTIES', partyDetail: ['status', 'partyType', 'tier', 'refreshOf'] },
  // the party's own standing: it must know its orders are refused until it submits the refresh case
  STANDING_LAPSED: { audience: 'PARTIES', partyDetail: ['standing', 'reason'] },
  DOCUMENT_REQUESTED: { audience: 'PARTIES', partyDetail: ['documentId', 'documentType', 'contentType', 'sizeBytes'] },
  DOCUMENT_UPLOADED: { audience: 'PARTIES', partyDetail: ['documentId', 'documentType', 'sizeBytes', 'sha256'] },
  DOCUMENT_REJECTED: { audience: 'PARTIES', partyDetail: ['documentId', 'documentType', 'reason'] },
  DOCUMENT_REPLACEMENT_DISCARDED: { audience: 'PARTIES', partyDetail: ['documentId', 'reason'] },
  CASE_SUBMITTED: { audience: 'PARTIES', partyDetail: ['submission', 'documentIds'] },
  // the reason of a status change may name a risk factor or a hit: parties see the move only
  STATUS_CHANGED: { audience: 'PARTIES', partyDetail: ['from', 'to', 'requestedDocuments', 'questions'] },
  ANSWERS_SUBMITTED: { audience: 'PARTIES', partyDetail: ['questionIds'] },
  CASE_DECIDED: { audience: 'PARTIES', partyDetail: ['status', 'message'] },
  PROCESSING_FAILED: { audience: 'PARTIES', partyReplacement: { message: processingFailedMessage } },
  PROCESSING_STARTED: { audience: 'STAFF' },
  DOCUMENT_EXTRACTED: { audience: 'STAFF' },
  SCREENING_COMPLETED: { audience: 'STAFF' },
  SCREENING_HIT: { audience: 'STAFF' },
  CHECK_COMPLETED: { audience: 'STAFF' },
  RISK_SCORED: { audience: 'STAFF' },
  ASSESSMENT_COMPLETED: { audience: 'STAFF' },
  REVIEW_TASK_OPENED: { audience: 'STAFF' },
  REVIEW_DECIDED: { audience: 'STAFF' },
  REVIEW_TASK_ESCALATED: { audience: 'STAFF' },
};

/** The plain-language sentence an applicant reads for an outcome, unless the reviewer wrote one. */
export const caseDecisionMessages: Record<CaseDecision['status'], string> = {
  APPROVED: 'Your verification is complete. You can now trade on the marketplace.',
  REJECTED: 'We could not complete your verification, so we cannot approve this application.',
  EXPIRED: 'We did not receive what we asked for in time, so this case has closed. You may open a new case.',
};

/** How an actor of the case's timeline looks to the applicant: staff, the platform, or a user of the party. */
function actorKindOf(entry: TimelineEvent): 'STAFF' | 'SYSTEM' | 'PARTY' {
  if (entry.actor.kind === 'SYSTEM') return 'SYSTEM';
  return entry.actor.role === 'reviewer' || entry.actor.role === 'admin' ? 'STAFF' : 'PARTY';
}

/** The case's timeline as the applicant reads it. */
export function filterCaseTimelineForParty(timeline: readonly TimelineEvent[]) {
  return filterTimelineForParty(timeline, caseTimelinePolicy, actorKindOf);
}
