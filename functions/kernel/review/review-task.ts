import * as z from 'zod';
import { textSchema } from '../../commons/validation';

/** Kinds of task a reviewer works on. */
export const reviewTaskKinds = [
  'KYC_REVIEW',
  'DISPUTE_DETERMINATION',
  'COMPLIANCE_HOLD',
  'FROZEN_FUNDS',
  'TRADE_ASSURANCE_OVERRIDE',
  'SCREENING_ALERT',
] as const;

/** One of {@link reviewTaskKinds}. */
export type ReviewTaskKind = (typeof reviewTaskKinds)[number];

/**
 * OPEN until decided; PENDING_APPROVAL while a decision that needs four eyes waits for a second reviewer;
 * a decided task never changes again.
 */
export const reviewTaskStatuses = ['OPEN', 'PENDING_APPROVAL', 'DECIDED'] as const;

/** One of {@link reviewTaskStatuses}. */
export type ReviewTaskStatus = (typeof reviewTaskStatuses)[number];

/** Decisions per kind of task. */
export const reviewDecisions = {
  KYC_REVIEW: ['APPROVE', 'REJECT', 'REQUEST_INFO'],
  DISPUTE_DETERMINATION: ['REFUND', 'RELEASE'],
  COMPLIANCE_HOLD: ['APPROVE', 'REJECT'],
  /**
   * Money frozen when an order was due to settle: RELEASE settles it as due, REFUND_BUYER pays everything
   * back to the buyer, KEEP_FROZEN keeps it and files a compliance report.
   */
  FROZEN_FUNDS: ['RELEASE', 'REFUND_BUYER', 'KEEP_FROZEN'],
  /** SET `amount` fixes a supplier's amount, REMOVE goes back to the rules, DISMISS changes nothing. */
  TRADE_ASSURANCE_OVERRIDE: ['SET', 'REMOVE', 'DISMISS'],
  /**
   * A list entry that resembles a monitored party: FALSE_POSITIVE remembers the entry (by its content hash)
   * so it does not alert again until it changes; CONFIRMED_MATCH suspends the party.
   */
  SCREENING_ALERT: ['FALSE_POSITIVE', 'CONFIRMED_MATCH'],
} as const satisfies Record<ReviewTaskKind, readonly string[]>;

/**
 * The role that decides and approves each kind of task: reviewers judge parties, orders and claims; an
 * override of a supplier's Trade Assurance amount is an admin's (and a second admin's) call.
 */
export const reviewTaskDeciders = {
  KYC_REVIEW: 'reviewer',
  DISPUTE_DETERMINATION: 'reviewer',
  COMPLIANCE_HOLD: 'reviewer',
  FROZEN_FUNDS: 'reviewer',
  TRADE_ASSURANCE_OVERRIDE: 'admin',
  SCREENING_ALERT: 'reviewer',
} as const satisfies Record<ReviewTaskKind, 'reviewer' | 'admin'>;

/** What a task is about. */
export interface ReviewSubject {
  type: 'KYC_CASE' | 'ORDER' | 'SUPPLIER' | 'PARTY';
  id: string;
  /** The party the subject belongs to: a reviewer of that party may not decide. */
  partyId: string;
  /** The other party of an order (its supplier): a reviewer of that party may not decide either. */
  counterpartyId?: string;
  /** `sub` of the user who opened the subject (the applicant or buyer); a supplier's own party id. */
  openedBy: string;
  /** The part of the subject the task is about, when it has several: a party's alert names its listed entity. */
  itemId?: string;
}

/** A decision as recorded on a task. */
export interface RecordedDecision {
  decision: string;
  /** Internal: for staff and the audit trail, never shown to a party. */
  reason: string;
  /** What the party reads about the decision; without it, the party reads a fixed sentence per outcome. */
  clientMessage?: string;
  requestedDocuments?: { type: string; reason: string }[];
  /** Questions for the applicant, with a REQUEST_INFO. */
  questions?: { text: string }[];
  amount?: number;
  decidedBy: { subject: string; role: string };
  decidedAt: string;
  /** The second reviewer, when the decision needed four eyes. */
  approvedBy?: { subject: string; role: string };
  approvedAt?: string;
}

/** A decision proposed by one reviewer that a second must approve (DESIGN, "Four eyes"). */
export interface ReviewProposal {
  proposalId: string;
  /** The decision as it will take effect once approved. */
  decision: Omit<RecordedDecision, 'decidedBy' | 'decidedAt' | 'approvedBy' | 'approvedAt'>;
  proposedBy: { subject: string; role: string };
  proposedAt: string;
  /** The four-eyes rules that asked for a second reviewer. */
  ruleIds: string[];
  /** The subject's evidence when proposed: an approval on changed evidence is refused. */
  evidenceFingerprint: string;
}

/** One step of a task's history: proposals, their approval or rejection, and who did each. */
export interface ReviewHistoryEntry {
  action: 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN_EVIDENCE_CHANGED';
  at: string;
  by: { subject: string; role: string } | { kind: 'SYSTEM' };
  proposalId: string;
  decision: string;
  reason?: string;
}

/** A review task as stored. */
export interface ReviewTask {
  taskId: string;
  kind: ReviewTaskKind;
  status: ReviewTaskStatus;
  subject: ReviewSubject;
  /** Why the task was opened, for the queue. */
  reasons: string[];
  createdAt: string;
  /** Three business days after creation. */
  dueAt: string;
  escalated: boolean;
  escalatedAt?: string;
  decision?: RecordedDecision;
  /** While PENDING_APPROVAL: the decision waiting for a second reviewer. */
  proposal?: ReviewProposal;
  /** Every proposal, approval and rejection, oldest first. */
  history?: ReviewHistoryEntry[];
  /**
   * Task token of the waiting workflow; never leaves the back end. None when the task was opened by a
   * subject's own API (an admin's override) and no workflow waits on it.
   */
  taskToken?: string;
}

const requestedDocumentSchema = z
  .object({
    // which types exist is the subject's business: the KYC subject refuses one it does not know
    type: z.string().regex(/^[A-Z][A-Z_]{1,39}$/, { message: 'must be a document type, such as PASSPORT' }),
    reason: textSchema(500),
  })
  .strict();

/** Body of `POST /review/tasks/{taskId}/decision`; which decisions apply depends on the task's kind. */
export const reviewDecisionRequestSchema = z
  .object({
    decision: z.enum([
      'APPROVE',
      'REJECT',
      'REQUEST_INFO',
      'REFUND',
      'RELEASE',
      'REFUND_BUYER',
      'KEEP_FROZEN',
      'SET',
      'REMOVE',
      'DISMISS',
      'FALSE_POSITIVE',
      'CONFIRMED_MATCH',
    ]),
    reason: textSchema(2000).meta({ description: 'Internal: staff and the audit trail read it, parties never do' }),
    clientMessage: textSchema(1000)
      .optional()
      .meta({ description: 'Shown to the party instead of the fixed sentence for the outcome; never the reason' }),
    requestedDocuments: z
      .array(requestedDocumentSchema)
      .min(1, { message: 'must name at least one document' })
      .max(20, { message: 'must name at most 20 documents' })
      .optional(),
    questions: z
      .array(z.object({ text: textSchema(1000) }).strict())
      .min(1, { message: 'must ask at least one question' })
      .max(20, { message: 'must ask at most 20 questions' })
      .optional()
      .meta({
        description: 'With REQUEST_INFO: questions the applicant answers with POST /kyc/cases/{caseId}/answers',
      }),
    amount: z
      .number()
      .int({ message: 'must be an integer amount in minor units' })
      .min(0, { message: 'must not be negative' })
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .meta({ description: 'Minor units: the refund of a REFUND, the new Trade Assurance amount of a SET' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'REQUEST_INFO' && !body.requestedDocuments && !body.questions) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestedDocuments'],
        message:
          'is required for REQUEST_INFO, unless questions are asked (give requestedDocuments, questions or both)',
      });
    }
    if (body.decision !== 'REQUEST_INFO' && body.requestedDocuments) {
      ctx.addIssue({ code: 'custom', path: ['requestedDocuments'], message: 'is only allowed with REQUEST_INFO' });
    }
    if (body.decision !== 'REQUEST_INFO' && body.questions) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'is only allowed with REQUEST_INFO' });
    }
    if (body.decision === 'REFUND' && body.amount === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'is required for REFUND' });
    }
    if (body.decision === 'REFUND' && body.amount === 0) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be more than 0 for REFUND' });
    }
  })
  .meta({ id: 'ReviewDecision' });

/** Parsed body of a decision. */
export type ReviewDecisionRequest = z.output<typeof reviewDecisionRequestSchema>;

/** Body of `POST /review/tasks/{taskId}/approval`: a second reviewer's answer to a proposal. */
export const reviewApprovalRequestSchema = z
  .object({
    approve: z.boolean({ message: 'must be true (the decision takes effect) or false (the task opens again)' }),
    reason: textSchema(2000).meta({ description: 'Internal, like a decision reason' }),
  })
  .strict()
  .meta({ id: 'ReviewApproval' });

/** Parsed body of an approval. */
export type ReviewApprovalRequest = z.output<typeof reviewApprovalRequestSchema>;

/** Query of `GET /review/tasks`. */
export const reviewQueueQuerySchema = z
  .object({
    status: z.enum(reviewTaskStatuses).default('OPEN'),
    kind: z.enum(reviewTaskKinds).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** Parsed query of the queue. */
export type ReviewQueueQuery = z.output<typeof reviewQueueQuerySchema>;

/** A task in the queue. */
export const reviewTaskSummarySchema = z
  .object({
    taskId: z.string(),
    kind: z.enum(reviewTaskKinds),
    status: z.enum(reviewTaskStatuses),
    subject: z.object({ type: z.enum(['KYC_CASE', 'ORDER', 'SUPPLIER', 'PARTY']), id: z.string() }),
    reasons: z.array(z.string()),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    overdue: z.boolean(),
    escalated: z.boolean(),
    escalatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'ReviewTaskSummary' });

/** Response of `GET /review/tasks`. */
export const reviewQueueSchema = z
  .object({ tasks: z.array(reviewTaskSummarySchema), nextCursor: z.string().optional() })
  .meta({ id: 'ReviewQueue' });

/** Response of `GET /review/tasks/{taskId}`: the task with the evidence behind it. */
export const reviewTaskViewSchema = reviewTaskSummarySchema
  .extend({
    allowedDecisions: z.array(z.string()),
    decision: z
      .object({
        decision: z.string(),
        reason: z.string(),
        clientMessage: z.string().optional(),
        requestedDocuments: z.array(z.object({ type: z.string(), reason: z.string() })).optional(),
        questions: z.array(z.object({ text: z.string() })).optional(),
        amount: z.number().int().optional(),
        decidedBy: z.object({ subject: z.string(), role: z.string() }),
        decidedAt: z.iso.datetime(),
        approvedBy: z.object({ subject: z.string(), role: z.string() }).optional(),
        approvedAt: z.iso.datetime().optional(),
      })
      .optional(),
    proposal: z
      .object({
        proposalId: z.string(),
        decision: z.record(z.string(), z.unknown()),
        proposedBy: z.object({ subject: z.string(), role: z.string() }),
        proposedAt: z.iso.datetime(),
        ruleIds: z.array(z.string()),
      })
      .optional()
      .meta({ description: 'While PENDING_APPROVAL: the decision waiting for a second reviewer' }),
    history: z
      .array(
        z.object({
          action: z.enum(['PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN_EVIDENCE_CHANGED']),
          at: z.iso.datetime(),
          by: z.record(z.string(), z.unknown()),
          proposalId: z.string(),
          decision: z.string(),
          reason: z.string().optional(),
        }),
      )
      .optional(),
    evidence: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ReviewTask' });
