import * as z from 'zod';
import { nowIso } from '../../commons/clock';
import { countryCodeSchema, isoDateSchema, textSchema } from '../../commons/validation';
import type { CaseScreening, CheckResult, DocumentRequest, RiskAssessment } from './case-assessment';
import { documentStatuses, documentTypes, type DocumentType } from './document';

/** Statuses a KYC case moves through. */
export const caseStatuses = [
  'AWAITING_DOCUMENTS',
  'PROCESSING',
  'IN_REVIEW',
  'INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
  'EXPIRED',
  /** The applicant withdrew the case before submitting it. */
  'WITHDRAWN',
] as const;

/** One of {@link caseStatuses}. */
export type CaseStatus = (typeof caseStatuses)[number];

/** Statuses in which the applicant may add documents. */
export const documentAcceptingStatuses: readonly CaseStatus[] = ['AWAITING_DOCUMENTS', 'INFO_REQUESTED'];

const pastDateSchema = isoDateSchema.refine((value) => value >= '1900-01-01' && value < nowIso().slice(0, 10), {
  message: 'must be a date between 1900-01-01 and yesterday',
});

const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, { message: 'must be an E.164 phone number, such as +4930123456' });

/** A postal address. */
export const addressSchema = z
  .object({
    line1: textSchema(200),
    line2: textSchema(200).optional(),
    city: textSchema(100),
    postalCode: textSchema(20).optional(),
    country: countryCodeSchema,
  })
  .strict()
  .meta({ id: 'Address' });

/** A natural person applying for themselves. */
export const individualApplicantSchema = z
  .object({
    fullName: textSchema(200),
    dateOfBirth: pastDateSchema,
    nationality: countryCodeSchema,
    countryOfResidence: countryCodeSchema,
    email: z.email({ message: 'must be an email address' }),
    phone: phoneSchema,
    residentialAddress: addressSchema
      .optional()
      .meta({ description: 'Where the applicant lives: the proof of address must show its street and postcode' }),
  })
  .strict()
  .superRefine((applicant, ctx) => {
    if (applicant.residentialAddress && applicant.residentialAddress.country !== applicant.countryOfResidence) {
      ctx.addIssue({
        code: 'custom',
        path: ['residentialAddress', 'country'],
        message: `must be the countryOfResidence, ${applicant.countryOfResidence}`,
      });
    }
  })
  .meta({ id: 'IndividualApplicant' });

/** A director or ultimate beneficial owner of a business applicant. */
export const representativeSchema = z
  .object({
    fullName: textSchema(200),
    dateOfBirth: pastDateSchema,
    nationality: countryCodeSchema,
    role: z.enum(['DIRECTOR', 'UBO']),
    ownershipPercent: z
      .number()
      .min(0, { message: 'must be between 0 and 100' })
      .max(100, { message: 'must be between 0 and 100' }),
  })
  .strict()
  .meta({ id: 'Representative' });

/** A company applying for itself, with its directors and UBOs. */
export const businessApplicantSchema = z
  .object({
    legalName: textSchema(300),
    registrationNumber: textSchema(64),
    countryOfIncorporation: countryCodeSchema,
    taxId: textSchema(64),
    address: addressSchema,
    contactEmail: z
      .email({ message: 'must be an email address' })
      .optional()
      .meta({ description: 'Where the business hears of its case: information requested, approved, rejected' }),
    representatives: z
      .array(representativeSchema)
      .min(1, { message: 'must list at least one director or UBO' })
      .max(50, { message: 'must list at most 50 representatives' }),
  })
  .strict()
  .superRefine((applicant, ctx) => {
    if (!applicant.representatives.some((person) => person.role === 'DIRECTOR')) {
      ctx.addIssue({ code: 'custom', path: ['representatives'], message: 'must include at least one DIRECTOR' });
    }
    const owned = applicant.representatives.reduce((sum, person) => sum + person.ownershipPercent, 0);
    if (owned > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['representatives'],
        message: `ownershipPercent adds up to ${owned}, more than 100`,
      });
    }
  })
  .meta({ id: 'BusinessApplicant' });

const tierSchema = z.enum(['STANDARD', 'HIGH_VALUE']);

/** Body of `POST /kyc/cases`: the applicant's shape follows `partyType`. */
export const createCaseRequestSchema = z
  .discriminatedUnion(
    'partyType',
    [
      z.object({ partyType: z.literal('INDIVIDUAL'), tier: tierSchema, applicant: individualApplicantSchema }).strict(),
      z.object({ partyType: z.literal('BUSINESS'), tier: tierSchema, applicant: businessApplicantSchema }).strict(),
    ],
    { message: 'partyType must be INDIVIDUAL or BUSINESS' },
  )
  .meta({ id: 'CreateKycCase' });

/** Parsed body of `POST /kyc/cases`. */
export type CreateCaseRequest = z.output<typeof createCaseRequestSchema>;

/** INDIVIDUAL or BUSINESS. */
export type PartyType = CreateCaseRequest['partyType'];

/** STANDARD or HIGH_VALUE. */
export type Tier = CreateCaseRequest['tier'];

/** A document the case still needs, satisfied by any one of the accepted types. */
export const requiredDocumentSchema = z
  .object({
    requirement: z.string(),
    acceptedTypes: z.array(z.enum(documentTypes)),
    description: z.string(),
  })
  .meta({ id: 'RequiredDocument' });

/** One of the case's requirements. */
export type RequiredDocument = z.output<typeof requiredDocumentSchema>;

/** Response of `POST /kyc/cases`. */
export const createCaseResponseSchema = z
  .object({
    caseId: z.string(),
    status: z.literal('AWAITING_DOCUMENTS'),
    requiredDocuments: z.array(requiredDocumentSchema),
  })
  .meta({ id: 'KycCaseCreated' });

/** An entry of a case's timeline; never changed once written. */
export const timelineEventSchema = z
  .object({
    at: z.iso.datetime(),
    type: z.string(),
    actor: z.object({ kind: z.enum(['USER', 'SYSTEM']), subject: z.string().optional(), role: z.string().optional() }),
    detail: z.record(z.string(), z.unknown()),
    audience: z
      .enum(['PARTIES', 'STAFF'])
      .optional()
      .meta({ description: 'PARTIES: the applicant sees the entry too (without staff detail); STAFF: staff only' }),
  })
  .meta({ id: 'TimelineEvent' });

/** A timeline entry. */
export type TimelineEvent = z.output<typeof timelineEventSchema>;

const extractedFieldSchema = z.object({ value: z.string(), confidence: z.number() });

const checkResultSchema = z
  .object({
    checkId: z.string(),
    outcome: z.enum(['PASS', 'FAIL', 'INCOMPLETE', 'NOT_APPLICABLE']),
    reason: z.string(),
    documentIds: z.array(z.string()),
    evidence: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  })
  .meta({ id: 'KycCheckResult' });

const documentRequestSchema = z
  .object({ requirement: z.string(), acceptedTypes: z.array(z.string()), reason: z.string() })
  .meta({ id: 'DocumentRequest' });

const screeningHitViewSchema = z.object({
  entityId: z.string(),
  name: z.string(),
  matchedName: z.string(),
  score: z.number(),
  lists: z.array(z.string()),
  programs: z.array(z.string()),
  explanation: z.array(z.object({ feature: z.string(), effect: z.number(), detail: z.string() })),
});

const actorSchema = z.object({
  kind: z.enum(['USER', 'SYSTEM']),
  subject: z.string().optional(),
  role: z.string().optional(),
});

/** A question as the case shows it, to the applicant and to staff. */
export const caseQuestionViewSchema = z
  .object({ questionId: z.string(), text: z.string(), answer: z.string().optional() })
  .meta({ id: 'KycQuestion' });

/** What both views show of a document. */
const documentSummarySchema = z.object({
  documentId: z.string(),
  type: z.enum(documentTypes),
  status: z.enum(documentStatuses),
  contentType: z.string(),
  sizeBytes: z.number().int().optional(),
  sha256: z.string().optional(),
  rejectionReason: z.string().optional(),
  createdAt: z.iso.datetime(),
  uploadedAt: z.iso.datetime().optional(),
});

/** Response of `GET /kyc/cases/{caseId}`. */
export const caseViewSchema = z
  .object({
    caseId: z.string(),
    status: z.enum(caseStatuses),
    partyType: z.enum(['INDIVIDUAL', 'BUSINESS']),
    tier: tierSchema,
    partyId: z.string(),
    applicant: z.union([individualApplicantSchema, businessApplicantSchema]),
    requiredDocuments: z.array(requiredDocumentSchema),
    upgradeOf: z.string().optional().meta({ description: 'The approved case this one upgrades to HIGH_VALUE' }),
    refreshOf: z
      .string()
      .optional()
      .meta({ description: 'The approved case whose periodic review opened this one: submit it to stay approved' }),
    documents: z.array(
      documentSummarySchema.extend({
        extraction: z
          .object({
            readable: z.boolean(),
            unreadableReason: z.string().optional(),
            fields: z.record(z.string(), extractedFieldSchema),
            pageCount: z.number().int(),
            extractedAt: z.iso.datetime(),
          })
          .optional(),
      }),
    ),
    checks: z.array(checkResultSchema).meta({ description: 'Checks of the latest assessment' }),
    screening: z
      .object({
        listVersion: z.string(),
        threshold: z.number(),
        screenedAt: z.iso.datetime(),
        parties: z.array(
          z.object({ partyRef: z.string(), role: z.string(), name: z.string(), hits: z.array(screeningHitViewSchema) }),
        ),
      })
      .optional(),
    risk: z
      .object({
        score: z.number(),
        level: z.enum(['LOW', 'MEDIUM', 'HIGH']),
        modelVersion: z.string(),
        factors: z.array(z.object({ factorId: z.string(), points: z.number(), detail: z.string() })),
      })
      .optional(),
    requestedDocuments: z.array(documentRequestSchema).optional(),
    questions: z.array(caseQuestionViewSchema).optional(),
    reviewTaskId: z.string().optional(),
    decision: z
      .object({
        status: z.enum(['APPROVED', 'REJECTED', 'EXPIRED']),
        reasons: z.array(z.string()),
        message: z.string().optional(),
        decidedBy: actorSchema,
        decidedAt: z.iso.datetime(),
        taskId: z.string().optional(),
      })
      .optional(),
    failure: z
      .object({ error: z.string(), cause: z.string(), at: z.iso.datetime() })
      .optional()
      .meta({ description: 'The latest failure of automatic processing, for staff' }),
    timeline: z.array(timelineEventSchema),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    id: 'KycCase',
    description: 'The staff view (reviewers, admins); the applicant reads KycCasePartyView',
  });

/** A timeline entry as a party reads it: staff appear as `{"kind":"STAFF"}`. */
export const partyTimelineEntrySchema = z
  .object({
    at: z.iso.datetime(),
    type: z.string(),
    actor: z.object({ kind: z.enum(['PARTY', 'STAFF', 'SYSTEM']) }),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PartyTimelineEntry' });

/**
 * Response of `GET /kyc/cases/{caseId}` for the applicant: no screening, checks, extraction, risk,
 * assessment, reviewers or internal errors (DESIGN, "Who may see what").
 */
export const partyCaseViewSchema = caseViewSchema
  .pick({
    caseId: true,
    status: true,
    partyType: true,
    tier: true,
    partyId: true,
    applicant: true,
    requiredDocuments: true,
    upgradeOf: true,
    refreshOf: true,
    requestedDocuments: true,
    questions: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    documents: z.array(documentSummarySchema),
    decision: z
      .object({
        status: z.enum(['APPROVED', 'REJECTED', 'EXPIRED']),
        decidedAt: z.iso.datetime(),
        message: z.string().meta({ description: "The reviewer's clientMessage, or a fixed sentence per outcome" }),
      })
      .optional(),
    timeline: z.array(partyTimelineEntrySchema),
  })
  .strict()
  .meta({ id: 'KycCasePartyView' });

/** Response of `POST /kyc/cases/{caseId}/submit`. */
export const submitCaseResponseSchema = z
  .object({ caseId: z.string(), status: z.enum(caseStatuses) })
  .meta({ id: 'KycCaseSubmitted' });

/** A KYC case as stored. */
export interface KycCase {
  caseId: string;
  partyId: string;
  /** `sub` of the user who opened it. */
  createdBy: string;
  partyType: PartyType;
  tier: Tier;
  applicant: CreateCaseRequest['applicant'];
  status: CaseStatus;
  requiredDocuments: RequiredDocument[];
  documentCount: number;
  createdAt: string;
  updatedAt: string;
  /** How often the applicant has submitted (first submission and each answer to a request for information). */
  submissionCount?: number;
  /** Round of automatic processing; each submission starts one. */
  processingRound?: number;
  /** When the current round started, as the workflow state entered it: a retried step finds its round begun. */
  roundStartedAt?: string;
  /** The latest screening of the case's parties. */
  screening?: CaseScreening & { round: number };
  /** The latest automatic assessment. */
  assessment?: CaseAssessment;
  /** When the current request for information was made. */
  infoRequestedAt?: string;
  /** What the applicant is asked to upload while INFO_REQUESTED. */
  requestedDocuments?: DocumentRequest[];
  /** Questions reviewers asked, with the applicant's answers. */
  questions?: CaseQuestion[];
  /** The APPROVED STANDARD case this HIGH_VALUE case upgrades; its documents carried over. */
  upgradeOf?: string;
  /** The approved case whose periodic review opened this refresh case (DESIGN, "Periodic review"). */
  refreshOf?: string;
  /** The review task of the current review, if any. */
  reviewTaskId?: string;
  /** The final decision (APPROVED, REJECTED or EXPIRED) with its reasons. */
  decision?: CaseDecision;
  /** The latest failure of automatic processing, which handed the case to a reviewer. */
  failure?: { error: string; cause: string; at: string };
  /** Task token of the workflow waiting for a resubmission; never leaves the back end. */
  resubmissionToken?: string;
}

/** The automatic assessment of one processing round. */
export interface CaseAssessment {
  round: number;
  checks: CheckResult[];
  risk: RiskAssessment;
  outcome: CaseOutcome;
  reasons: string[];
  assessedAt: string;
  /** The earliest expiry (YYYY-MM-DD) of the identity documents: an approval's periodic review is due by then. */
  identityValidUntil?: string;
}

/** What the automatic assessment concluded. */
export type CaseOutcome = 'APPROVE' | 'REQUEST_INFO' | 'REVIEW';

/** A reviewer's question to the applicant, and the answer once given. */
export interface CaseQuestion {
  questionId: string;
  text: string;
  askedAt: string;
  /** The review task whose REQUEST_INFO asked it. */
  taskId: string;
  answer?: { text: string; answeredAt: string; answeredBy: string };
}

/** Body of `POST /kyc/cases/{caseId}/answers`. */
export const answerQuestionsRequestSchema = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: z.string().regex(/^q_[A-Za-z0-9]{1,64}$/, { message: 'must be a questionId of this case' }),
            text: textSchema(4000),
          })
          .strict(),
      )
      .min(1, { message: 'must answer at least one question' })
      .max(20, { message: 'must answer at most 20 questions' })
      .superRefine((answers, ctx) => {
        const seen = new Set<string>();
        answers.forEach((answer, index) => {
          if (seen.has(answer.questionId)) {
            ctx.addIssue({ code: 'custom', path: [index, 'questionId'], message: 'answers the same question twice' });
          }
          seen.add(answer.questionId);
        });
      }),
  })
  .strict()
  .meta({ id: 'AnswerQuestions' });

/** Parsed body of `POST /kyc/cases/{caseId}/answers`. */
export type AnswerQuestionsRequest = z.output<typeof answerQuestionsRequestSchema>;

/** A final decision on a case. */
export interface CaseDecision {
  status: 'APPROVED' | 'REJECTED' | 'EXPIRED';
  /** Internal: why, for staff and the audit trail. */
  reasons: string[];
  /** What the applicant reads: the reviewer's `clientMessage`, if any; else the outcome's fixed sentence. */
  message?: string;
  decidedBy: TimelineEvent['actor'];
  decidedAt: string;
  /** The review task, when a reviewer decided. */
  taskId?: string;
}

const identityTypes: DocumentType[] = ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'];

/** Which document types make sense on a case of this party type. */
export function listAllowedDocumentTypes(partyType: PartyType): readonly DocumentType[] {
  return partyType === 'INDIVIDUAL' ? [...identityTypes, 'PROOF_OF_ADDRESS', 'FINANCIAL_STATEMENT'] : documentTypes;
}

/**
 * The documents a case needs before it can be decided. Business cases also accept identity documents
 * of their representatives, but only the company's own records are required up front.
 */
export function listRequiredDocuments(partyType: PartyType, tier: Tier): RequiredDocument[] {
  const required: RequiredDocument[] =
    partyType === 'INDIVIDUAL'
      ? [
          {
            requirement: 'IDENTITY_DOCUMENT',
            acceptedTypes: identityTypes,
            description: 'A valid passport, national identity card or driving licence of the applicant',
          },
          {
            requirement: 'PROOF_OF_ADDRESS',
            acceptedTypes: ['PROOF_OF_ADDRESS'],
            description: 'A utility bill or bank statement at the residential address, at most 3 months old',
          },
        ]
      : [
          {
            requirement: 'COMPANY_REGISTRATION',
            acceptedTypes: ['COMPANY_REGISTRATION'],
            description: 'Certificate of incorporation or a recent extract from the company register',
          },
          {
            requirement: 'BUSINESS_LICENSE',
            acceptedTypes: ['BUSINESS_LICENSE'],
            description: 'The licence under which the company trades',
          },
          {
            requirement: 'TAX_REGISTRATION',
            acceptedTypes: ['TAX_REGISTRATION'],
            description: 'The tax registration certificate showing the tax id',
          },
          {
            requirement: 'PROOF_OF_ADDRESS',
            acceptedTypes: ['PROOF_OF_ADDRESS'],
            description: 'A utility bill or bank statement at the registered address, at most 3 months old',
          },
        ];
  if (tier === 'HIGH_VALUE') {
    required.push({
      requirement: 'FINANCIAL_STATEMENT',
      acceptedTypes: ['FINANCIAL_STATEMENT'],
      description: 'The most recent annual financial statements',
    });
  }
  return required;
}

/** Body of `POST /kyc/cases/{caseId}/withdrawal`: why, optionally. */
export const withdrawCaseRequestSchema = z
  .object({ reason: textSchema(1000).optional().meta({ description: "The applicant's own words, kept on the case" }) })
  .strict()
  .meta({ id: 'WithdrawCase' });

/** Parsed body of a withdrawal. */
export type WithdrawCaseRequest = z.output<typeof withdrawCaseRequestSchema>;
