import type { TransactItem } from '../../commons/storage/transact-write';
import type { ReviewSubject, ReviewTask, ReviewTaskKind } from './review-task';

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
