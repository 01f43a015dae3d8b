import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import type { DecideReviewTaskDeps } from '../usecases/decide-review-task';
import { getConfig } from '../../commons/config';
import type { ReviewTask } from '../../kernel/review/review-task';
import { findReviewTask, type ReviewTaskStore } from '../repositories/review-task-repository';
import { createEscalationScheduler } from '../repositories/escalation-scheduler';
import { openReviewTask } from '../usecases/open-review-task';
import { readWorkflowArn } from '../../commons/workflows';
import type {
  FileReviewTask,
  FindReviewTask,
  OpenReviewTask,
  RequestReviewDecision,
} from '../../kernel/review/review-opening';
import { fileReviewTask } from '../usecases/file-review-task';
import { requestReviewDecision } from '../usecases/request-review-decision';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';

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

/**
 * Review's services to its subjects' workflows, wired from the environment: opening a task for a waiting
 * workflow (with its escalation timer) and reading a decided task. The composition root hands them to
 * the subjects, which know only their types (`kernel/review/review-opening.ts`).
 */
export function resolveReviewServices(): { openReviewTask: OpenReviewTask; findReviewTask: FindReviewTask } {
  const tasks = resolveReviewTaskStore();
  const deps = {
    tasks,
    // the token identifies the execution; no state machine ARN needed (and none could be: the caller is in it)
    resume: (token: string, output: Record<string, unknown>) => resumeWaitingWorkflow(sfnClient, token, output),
    scheduleEscalation: createEscalationScheduler(sfnClient, readWorkflowArn('reviewTaskEscalation')),
    now,
  };
  return {
    openReviewTask: (input, readOpening) => openReviewTask(deps, input, readOpening),
    findReviewTask: (taskId) => findReviewTask(tasks, taskId),
  };
}

/**
 * Review's service to a subject's own API, wired from the environment: opens a task and takes the
 * caller's decision on it under the four-eyes rules (an admin's Trade Assurance override).
 */
export function resolveRequestReviewDecision(subjects: ResolveReviewSubject): RequestReviewDecision {
  const deps = {
    ...resolveDecisionDeps(subjects),
    scheduleEscalation: createEscalationScheduler(sfnClient, readWorkflowArn('reviewTaskEscalation')),
  };
  return (principal, request, decision) => requestReviewDecision(deps, principal, request, decision);
}

/**
 * Review's service to a subject that asks for a review on its own (ongoing monitoring), wired from the
 * environment: an OPEN task with its escalation timer, recorded on the subject.
 */
export function resolveFileReviewTask(): FileReviewTask {
  const deps = {
    tasks: resolveReviewTaskStore(),
    scheduleEscalation: createEscalationScheduler(sfnClient, readWorkflowArn('reviewTaskEscalation')),
    now,
  };
  return (opening) => fileReviewTask(deps, opening);
}
