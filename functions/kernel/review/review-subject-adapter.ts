import type { TransactItem } from '../../commons/storage/transact-write';
import type { ProblemError } from '../../commons/http/problem';
import type { RecordedDecision, ReviewDecisionRequest, ReviewHistoryEntry, ReviewTask } from './review-task';

/** An item of a DynamoDB write transaction. */
export type TransactionItem = TransactItem;

/**
 * What the review module needs from the area a task is about (a KYC case, an order): its evidence for
 * the reviewer, and the writes that record a decision or an escalation on its own timeline.
 */
export interface ReviewSubjectAdapter {
  /** Everything the reviewer needs to decide, read fresh. */
  loadEvidence(task: ReviewTask): Promise<Record<string, unknown>>;
  /** Writes joining the decision's transaction (timeline entry, requested documents...). */
  decisionItems(task: ReviewTask, decision: RecordedDecision): TransactionItem[];
  /** Runs once the decision is stored (idempotent): what cannot join its transaction, e.g. a recomputation. */
  afterDecision?(task: ReviewTask, decision: RecordedDecision): Promise<void>;
  /** A problem when the subject cannot take this decision (a refund over the limit), read fresh. */
  checkDecision?(task: ReviewTask, request: ReviewDecisionRequest): Promise<ProblemError | undefined>;
  /** Writes recording the escalation on the subject's timeline. */
  escalationItems(task: ReviewTask, at: string): TransactionItem[];
  /**
   * The subject's facts the four-eyes rules read (`data/rules/four-eyes.json`): a screening hit, the risk
   * level, the previous standing, the currency… read fresh.
   */
  describeFacts(task: ReviewTask): Promise<Record<string, unknown>>;
  /**
   * A fingerprint of the evidence a decision rests on (documents, screening, claim): a second reviewer may
   * approve a proposal only while it is unchanged.
   */
  fingerprintEvidence(task: ReviewTask): Promise<string>;
  /** Writes recording a step of four eyes (proposed, approved, rejected, withdrawn) on the subject's staff timeline. */
  reviewHistoryItems(task: ReviewTask, entry: ReviewHistoryEntry): TransactionItem[];
}
