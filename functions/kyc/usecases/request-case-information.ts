import { systemActor } from '../../commons/timeline-actor';
import { CaseStateError } from '../models/case-state-error';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/**
 * Puts the case in INFO_REQUESTED and keeps the workflow's task token, which the applicant's next
 * submission completes. The documents asked for were stored by the assessment or the reviewer. A retry
 * (a new token for the same wait) only replaces the token.
 */
export async function requestCaseInformation(
  deps: { cases: CaseStore; now: () => Date },
  input: { caseId: string; taskToken: string },
): Promise<void> {
  const kycCase = await findCase(deps.cases, input.caseId);
  if (!kycCase) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
  const at = deps.now().toISOString();
  if (kycCase.status === 'INFO_REQUESTED') {
    const replaced = await updateCaseWithEvents(
      deps.cases,
      input.caseId,
      {
        set: { resubmissionToken: input.taskToken },
        condition: '#status = :status',
        conditionValues: { ':status': 'INFO_REQUESTED' },
      },
      [],
      `rfi-token:${input.caseId}:${at}`,
    );
    if (replaced) return;
    return requestCaseInformation(deps, input);
  }
  if (kycCase.status !== 'PROCESSING' && kycCase.status !== 'IN_REVIEW') {
    throw new CaseStateError(`Case ${input.caseId} is ${kycCase.status}; information cannot be requested`);
  }
  const requested = kycCase.requestedDocuments ?? [];
  const unanswered = (kycCase.questions ?? []).filter((question) => !question.answer);
  const changed = await updateCaseWithEvents(
    deps.cases,
    input.caseId,
    {
      set: { status: 'INFO_REQUESTED', resubmissionToken: input.taskToken, infoRequestedAt: at, updatedAt: at },
      remove: ['reviewTaskId'],
      condition: '#status = :from',
      conditionValues: { ':from': kycCase.status },
    },
    [
      {
        at,
        type: 'STATUS_CHANGED',
        actor: systemActor,
        detail: {
          from: kycCase.status,
          to: 'INFO_REQUESTED',
          reason: unanswered.length ? 'More documents or answers are needed' : 'More documents are needed',
          requestedDocuments: requested.map((r) => ({ requirement: r.requirement, reason: r.reason })),
          ...(unanswered.length
            ? { questions: unanswered.map((q) => ({ questionId: q.questionId, text: q.text })) }
            : {}),
        },
      },
    ],
    `rfi:${input.caseId}:${at}`,
  );
  if (!changed) return requestCaseInformation(deps, input);
}
