import type { ScreeningHit } from '../../kernel/screening/screening-query';

/** The document checks run on every case. */
export const kycCheckIds = [
  'REQUIRED_DOCUMENTS_PRESENT',
  'MRZ_CHECK_DIGITS',
  'DOCUMENT_NOT_EXPIRED',
  'NAME_MATCHES',
  'DATE_OF_BIRTH_MATCHES',
  'REGISTRATION_NUMBER_MATCHES',
  'TAX_ID_MATCHES',
  'PROOF_OF_ADDRESS_RECENT',
  'ADDRESS_MATCHES',
  'FINANCIAL_STATEMENTS_PRESENT',
] as const;

/** One of {@link kycCheckIds}. */
export type KycCheckId = (typeof kycCheckIds)[number];

/**
 * PASS and FAIL are verdicts on what the documents say. INCOMPLETE means the check could not be made
 * because a document is missing or unreadable: such cases go back to the applicant. NOT_APPLICABLE
 * checks do not apply to this party type, tier or set of documents.
 */
export type CheckOutcome = 'PASS' | 'FAIL' | 'INCOMPLETE' | 'NOT_APPLICABLE';

/** A document the applicant is asked for, with the reason shown to them. */
export interface DocumentRequest {
  /** A requirement id of the case (e.g. IDENTITY_DOCUMENT) or a document type. */
  requirement: string;
  acceptedTypes: string[];
  reason: string;
}

/** The outcome of one check, with a reason a reviewer or applicant can read. */
export interface CheckResult {
  checkId: KycCheckId;
  outcome: CheckOutcome;
  reason: string;
  /** Documents the check looked at. */
  documentIds: string[];
  /** Values compared, e.g. `{expected: '1974-08-12', found: '1974-08-12'}`. */
  evidence?: Record<string, string | number | boolean | null>;
  /** For INCOMPLETE outcomes: what the applicant should upload. */
  requests?: DocumentRequest[];
}

/** A party screened on a case: the individual, or the company and each director and UBO. */
export interface ScreenedParty {
  /** `applicant`, or `representatives/<index>`. */
  partyRef: string;
  role: 'INDIVIDUAL' | 'COMPANY' | 'DIRECTOR' | 'UBO';
  name: string;
  hits: ScreeningHit[];
}

/** The screening of a case's parties against one list version. */
export interface CaseScreening {
  listVersion: string;
  threshold: number;
  parties: ScreenedParty[];
  screenedAt: string;
}

/** LOW, MEDIUM or HIGH. */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** One contribution to the risk score. */
export interface RiskFactor {
  factorId: string;
  points: number;
  detail: string;
}

/** A case's risk: the score, its level and what contributed. */
export interface RiskAssessment {
  score: number;
  level: RiskLevel;
  factors: RiskFactor[];
  /** Version of the scoring configuration used. */
  modelVersion: string;
}
