import type { TransactItem } from '../../commons/storage/transact-write';
import type { Principal } from '../../commons/http/principal';
import type {
  RecordedDecision,
  ReviewDecisionRequest,
  ReviewProposal,
  ReviewSubject,
  ReviewTask,
  ReviewTaskKind,
} from './review-task';

/** A subject's side of opening its review, read fresh by the subject each time. */
export interface ReviewOpening {
  kind: ReviewTaskKind;
  subject: ReviewSubject;
  /** Why the subject needs a person, for the queue. */
  reasons: string[];
  /** The task of this review already on the subject, when its workflow waits on it again. */
  existingTaskId?: string;
  /**
   * Records the task on the subject, in one transaction with `taskPut` (the task itself). False when the
   * subject changed meanwhile: the opening is then read again and retried.
   */
  record(task: ReviewTask, taskPut: TransactItem): Promise<boolean>;
  /** The error of the subject's workflow for a state that cannot be (a task gone missing). */
  stateError(message: string): Error;
}

/**
 * Review's service to a subject's workflow step (`.waitForTaskToken`): opens a task for the waiting
 * workflow, or gives an open one the new token. Review implements it; the composition root
 * (`functions/app/`) hands it to the subject.
 */
export type OpenReviewTask = (
  input: { taskToken: string },
  readOpening: () => Promise<ReviewOpening>,
) => Promise<{ taskId: string }>;

/** Review's service to a subject that acts on a decision: reads the decided task. */
export type FindReviewTask = (taskId: string) => Promise<ReviewTask | undefined>;

/** The answer to a decision: DECIDED when it took effect, PENDING_APPROVAL when a second person must approve. */
export type DecisionOutcome =
  | { taskId: string; status: 'DECIDED'; decision: RecordedDecision }
  | { taskId: string; status: 'PENDING_APPROVAL'; proposal: Omit<ReviewProposal, 'evidenceFingerprint'> };

/** What a subject's own API asks review to decide: the task it opens. */
export interface ReviewRequest {
  kind: ReviewTaskKind;
  subject: ReviewSubject;
  /** What is asked, for the queue. */
  reasons: string[];
}

/**
 * Review's service to a subject's own API (an admin's Trade Assurance override): opens a task and takes
 * the caller's decision on it at once, under the four-eyes rules like any other decision.
 */
export type RequestReviewDecision = (
  principal: Principal,
  request: ReviewRequest,
  decision: ReviewDecisionRequest,
) => Promise<DecisionOutcome>;

/** A subject's side of a review no workflow waits on (a screening alert): what is asked, and its record. */
export interface StandaloneReviewOpening {
  kind: ReviewTaskKind;
  subject: ReviewSubject;
  /** Why the subject needs a person, for the queue. */
  reasons: string[];
  /**
   * Records the task on the subject, in one transaction with `taskPut`. False when the subject refuses it
   * (the same review is already open, a retried call): no task is opened then.
   */
  record(task: ReviewTask, taskPut: TransactItem): Promise<boolean>;
}

/**
 * Review's service to a subject that asks for a review on its own (ongoing monitoring's alerts): opens an
 * OPEN task with its escalation timer, recorded on the subject in the same transaction. Undefined when the
 * subject's record refused it.
 */
export type FileReviewTask = (opening: StandaloneReviewOpening) => Promise<{ taskId: string } | undefined>;
