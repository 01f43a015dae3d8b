import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import type { DecideReviewTaskDeps } from '../usecases/decide-review-task';
import { getConfig } from '../../commons/config';
import { createKycReviewSubject } from '../../kyc/usecases/kyc-review-subject';
import { createOrderReviewSubject } from '../../orders/usecases/order-review-subject';
import type { ReviewTask } from '../models/review-task';
import type { ReviewTaskStore } from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from '../usecases/review-subjects';

/** The task store, wired from the environment. */
export function resolveReviewTaskStore(): ReviewTaskStore {
  return { db: documentClient, tableName: getConfig().tableName };
}

/** The adapter of a task's subject. */
export function resolveReviewSubject(task: Pick<ReviewTask, 'subject'>): ReviewSubjectAdapter {
  switch (task.subject.type) {
    case 'KYC_CASE':
      return createKycReviewSubject({ db: documentClient, tableName: getConfig().tableName });
    case 'ORDER':
      return createOrderReviewSubject({ db: documentClient, tableName: getConfig().tableName });
  }
}

/** What deciding and approving need, wired from the environment. */
export function resolveDecisionDeps(): DecideReviewTaskDeps {
  return {
    tasks: resolveReviewTaskStore(),
    subjects: resolveReviewSubject,
    resumeWorkflow: (token, output) => resumeWaitingWorkflow(sfnClient, token, output),
    now,
  };
}
