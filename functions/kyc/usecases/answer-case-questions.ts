import type { Principal } from '../../commons/http/principal';
import { badRequest, conflict, notFound } from '../../commons/http/problem';
import { assertCanChangeCase } from './case-access';
import { userActor } from '../../commons/timeline-actor';
import type { AnswerQuestionsRequest, CaseQuestion } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/** The answer of `POST /kyc/cases/{caseId}/answers`: every question of the case and what is still open. */
export interface AnsweredQuestions {
  caseId: string;
  questions: { questionId: string; text: string; answer?: string }[];
  /** Questions still without an answer; the case can be submitted once there are none (and documents asked for are in). */
  unanswered: string[];
}

/**
 * The applicant answers questions a reviewer asked (DESIGN, "Questions"), while the case is INFO_REQUESTED.
 * Answers are kept with the question, once: an answered question cannot be answered again (409), an unknown
 * one is refused (400). `submit` then resumes the case, which always goes back to a reviewer: a human asked,
 * a human reads.
 * @throws ProblemError 404, 403 for another party, 409 when the case asks nothing now or a question is answered
 */
export async function answerCaseQuestions(
  deps: { cases: CaseStore; now: () => Date },
  principal: Principal,
  caseId: string,
  request: AnswerQuestionsRequest,
): Promise<AnsweredQuestions> {
  const kycCase = await findCase(deps.cases, caseId);
  if (!kycCase) throw notFound(`There is no KYC case ${caseId}`);
  assertCanChangeCase(principal, kycCase);
  if (kycCase.status !== 'INFO_REQUESTED') {
    throw conflict(`Case ${caseId} is ${kycCase.status}; questions are answered while it is INFO_REQUESTED`, {
      caseStatus: kycCase.status,
    });
  }
  const questions = kycCase.questions ?? [];
  const byId = new Map(questions.map((question) => [question.questionId, question]));
  const unknown = request.answers.flatMap((answer, index) =>
    byId.has(answer.questionId)
      ? []
      : [{ pointer: `/answers/${index}/questionId`, detail: `no question ${answer.questionId} on this case` }],
  );
  if (unknown.length) {
    throw badRequest(
      `answers: ${unknown.map((error) => error.detail).join('; ')}; the case asks ${questions.map((q) => q.questionId).join(', ') || 'no questions'}`,
      unknown,
    );
  }
  const answeredAlready = request.answers.filter((answer) => byId.get(answer.questionId)!.answer);
  if (answeredAlready.length) {
    throw conflict(`Questions ${answeredAlready.map((a) => a.questionId).join(', ')} have been answered already`, {
      code: 'QUESTION_ALREADY_ANSWERED',
      questionIds: answeredAlready.map((a) => a.questionId),
    });
  }

  const at = deps.now().toISOString();
  const answers = new Map(request.answers.map((answer) => [answer.questionId, answer.text]));
  const updated: CaseQuestion[] = questions.map((question) =>
    answers.has(question.questionId)
      ? {
          ...question,
          answer: { text: answers.get(question.questionId)!, answeredAt: at, answeredBy: principal.subject },
        }
      : question,
  );
  const saved = await updateCaseWithEvents(
    deps.cases,
    caseId,
    {
      set: { questions: updated, updatedAt: at },
      // the list is rewritten whole: only over the version read, so two answers at once cannot overwrite each other
      condition: '#status = :info AND #updatedAt = :seen',
      conditionValues: { ':info': 'INFO_REQUESTED', ':seen': kycCase.updatedAt },
    },
    [{ at, type: 'ANSWERS_SUBMITTED', actor: userActor(principal), detail: { questionIds: [...answers.keys()] } }],
    `answers:${caseId}:${[...answers.keys()].sort().join(',')}`,
  );
  if (!saved) return answerCaseQuestions(deps, principal, caseId, request);
  return {
    caseId,
    questions: updated.map((q) => ({
      questionId: q.questionId,
      text: q.text,
      ...(q.answer ? { answer: q.answer.text } : {}),
    })),
    unanswered: updated.filter((q) => !q.answer).map((q) => q.questionId),
  };
}
