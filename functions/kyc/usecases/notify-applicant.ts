import type { PlainEmail } from '../../commons/mail-client';
import { describeApplicantNotice, noticeStatuses } from '../models/applicant-notice';
import { findCase, type CaseStore } from '../repositories/case-repository';

/** The case events an applicant hears of by email, and the status each announces. */
export const applicantNoticeEvents = {
  'kyc.case.info_requested': 'INFO_REQUESTED',
  'kyc.case.approved': 'APPROVED',
  'kyc.case.rejected': 'REJECTED',
} as const satisfies Record<string, (typeof noticeStatuses)[number]>;

/** What {@link notifyApplicant} did. */
export type NoticeOutcome = 'SENT' | 'NO_ADDRESS' | 'NO_CASE';

/**
 * Emails the applicant of a case the plain-language message of an event it must hear of (DESIGN, "The
 * applicant is notified"). Run by the event dispatcher as an internal subscriber, so it is retried on the
 * same schedule as a webhook; a send that fails throws.
 */
export async function notifyApplicant(
  deps: { cases: CaseStore; send: (email: PlainEmail) => Promise<string> },
  event: { type: keyof typeof applicantNoticeEvents; data: { caseId: string } },
): Promise<NoticeOutcome> {
  const kycCase = await findCase(deps.cases, event.data.caseId);
  if (!kycCase) return 'NO_CASE';
  const notice = describeApplicantNotice(kycCase, applicantNoticeEvents[event.type]);
  if (!notice) return 'NO_ADDRESS';
  await deps.send(notice);
  return 'SENT';
}
