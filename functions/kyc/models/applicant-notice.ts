import { caseDecisionMessages } from './case-view-policy';
import type { KycCase } from './kyc-case';

/** The email an applicant gets when their case asks something of them or is decided. */
export interface ApplicantNotice {
  to: string;
  subject: string;
  text: string;
}

/** The case statuses an applicant hears of by email (DESIGN, "The applicant is notified"). */
export const noticeStatuses = ['INFO_REQUESTED', 'APPROVED', 'REJECTED'] as const;

/** A requirement or document type as words: `PROOF_OF_ADDRESS` → "Proof of address". */
function labelOf(requirement: string): string {
  const words = requirement.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Where the applicant reads email: an individual's own address, or a business's contact address. */
export function applicantAddressOf(kycCase: Pick<KycCase, 'applicant'>): string | undefined {
  const applicant = kycCase.applicant as { email?: string; contactEmail?: string };
  return applicant.email ?? applicant.contactEmail;
}

/**
 * The notice for a case in one of {@link noticeStatuses}: the plain-language message the applicant also reads
 * in the API, and nothing else (no screening, checks, risk, reviewers or internal reasons). For information
 * requested, the documents and questions asked, as the applicant's view lists them.
 */
export function describeApplicantNotice(
  kycCase: Pick<KycCase, 'caseId' | 'applicant' | 'decision' | 'requestedDocuments' | 'questions'>,
  status: (typeof noticeStatuses)[number],
): ApplicantNotice | undefined {
  const to = applicantAddressOf(kycCase);
  if (!to) return undefined;
  const reference = `Reference: ${kycCase.caseId}`;
  if (status === 'INFO_REQUESTED') {
    const documents = (kycCase.requestedDocuments ?? []).map(
      (request) => `- ${labelOf(request.requirement)}: ${request.reason}`,
    );
    const questions = (kycCase.questions ?? []).filter((q) => !q.answer).map((question) => `- ${question.text}`);
    return {
      to,
      subject: 'We need a little more to complete your verification',
      text: [
        'To complete your verification we need the following from you:',
        ...documents,
        ...questions,
        '',
        'Please respond promptly in the marketplace: your case closes if nothing arrives in 14 days.',
        reference,
      ].join('\n'),
    };
  }
  return {
    to,
    subject: status === 'APPROVED' ? 'Your verification is complete' : 'Your verification could not be completed',
    text: [kycCase.decision?.message ?? caseDecisionMessages[status], '', reference].join('\n'),
  };
}
