import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import type { DecideReviewTaskDeps } from '../usecases/decide-review-task';
import { getConfig } from '../../commons/config';
import type { ReviewTask } from '../models/review-task';
import type { ReviewTaskStore } from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from '../usecases/review-subjects';

/** The task store, wired from the environment. */
export function resolveReviewTaskStore(): ReviewTaskStore {
  return { db: documentClient, tableName: getConfig().tableName };
}

/**
 * Finds the adapter of a task's subject. Review knows no subject: the composition root
 * (`functions/app/review/`) gives the handlers one that knows them all.
 */
export type ResolveReviewSubject = (task: Pick<ReviewTask, 'subject'>) => ReviewSubjectAdapter;

/** What deciding and approving need, wired from the environment. */
export function resolveDecisionDeps(subjects: ResolveReviewSubject): DecideReviewTaskDeps {
  return {
    tasks: resolveReviewTaskStore(),
    subjects,
    resumeWorkflow: (token, output) => resumeWaitingWorkflow(sfnClient, token, output),
    now,
  };
}
