import { draftEvent, type EventDraft } from '../../kernel/events/outbox';
import { describeReviewTaskEvent, textOf as text } from '../../kernel/events/review-task-events';
import type { TimelineEvent } from './kyc-case';

/*
 * Which outbound events a KYC case's timeline entry emits (DESIGN, "Outbound events"). Every change of a
 * case writes its entries in the transaction that makes it, so deriving the events from the entries puts
 * each event in the same transaction as its change.
 */

/** The case status each status change announces; WITHDRAWN (by the applicant's own hand) announces nothing. */
const statusEvents = {
  PROCESSING: 'kyc.case.submitted',
  INFO_REQUESTED: 'kyc.case.info_requested',
  IN_REVIEW: 'kyc.case.in_review',
  APPROVED: 'kyc.case.approved',
  REJECTED: 'kyc.case.rejected',
  EXPIRED: 'kyc.case.expired',
} as const;

/**
 * The events one timeline entry of a case emits: its status changes, the party's new standing when a
 * decision sets it, and its review tasks. Ids and statuses only: never a reason, a name or a document.
 */
export function describeCaseEvents(caseId: string, entry: TimelineEvent): EventDraft[] {
  const { detail } = entry;
  switch (entry.type) {
    case 'STATUS_CHANGED': {
      const to = text(detail.to);
      // own keys only: a status named like an object's built-in (`constructor`) announces nothing
      const type = to && Object.hasOwn(statusEvents, to) ? statusEvents[to as keyof typeof statusEvents] : undefined;
      return type && to ? [draftEvent(type, { caseId, status: to })] : [];
    }
    case 'CASE_DECIDED': {
      const partyId = text(detail.partyId);
      const standing = text(detail.status);
      // an expired case leaves the standing as it was
      if (!partyId || (standing !== 'APPROVED' && standing !== 'REJECTED')) return [];
      return [draftEvent('party.kyc.changed', { partyId, standing, tier: text(detail.tier) ?? null })];
    }
    case 'STANDING_LAPSED': {
      // the periodic review's refresh case was not submitted in time
      const partyId = text(detail.partyId);
      return partyId ? [draftEvent('party.kyc.changed', { partyId, standing: 'PENDING', tier: null })] : [];
    }
    case 'REVIEW_TASK_OPENED':
    case 'REVIEW_DECIDED':
      return describeReviewTaskEvent({ type: 'KYC_CASE', id: caseId }, entry, 'KYC_REVIEW');
    default:
      return [];
  }
}
