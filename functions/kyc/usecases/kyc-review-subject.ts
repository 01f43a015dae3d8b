import { fingerprint } from '../../commons/fingerprint';
import { badRequest } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { readStanding } from '../../kernel/parties/models/kyc-standing';
import { findPartyProfile } from '../../kernel/parties/repositories/party-repository';
import { documentTypes } from '../models/document';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';
import { userActor } from '../../commons/timeline-actor';
import type { DocumentRequest } from '../models/case-assessment';
import type { CaseQuestion } from '../models/kyc-case';
import { caseKey } from '../repositories/case-keys';
import { findCaseAggregate, timelinePut, type CaseStore } from '../repositories/case-repository';
import { buildStaffCaseView } from './get-case';

/**
 * How review tasks about KYC cases read their evidence and record decisions and escalations on the
 * case. A decision is only accepted while the case waits on that very task.
 */
export function createKycReviewSubject(cases: CaseStore): ReviewSubjectAdapter {
  return {
    async loadEvidence(task) {
      const aggregate = await findCaseAggregate(cases, task.subject.id);
      return aggregate ? { case: buildStaffCaseView(aggregate) } : { case: null };
    },
    async checkDecision(_task, request) {
      const unknown = (request.requestedDocuments ?? []).flatMap((requested, index) =>
        (documentTypes as readonly string[]).includes(requested.type)
          ? []
          : [{ pointer: `/requestedDocuments/${index}/type`, detail: `must be one of ${documentTypes.join(', ')}` }],
      );
      if (!unknown.length) return undefined;
      return badRequest(
        `requestedDocuments: ${unknown.map((error) => `${error.pointer}: ${error.detail}`).join('; ')}`,
        unknown,
      );
    },
    decisionItems(task, decision) {
      const requestInfo = decision.decision === 'REQUEST_INFO';
      const requested: DocumentRequest[] = (decision.requestedDocuments ?? []).map((request) => ({
        requirement: request.type,
        acceptedTypes: [request.type as (typeof documentTypes)[number]],
        reason: request.reason,
      }));
      const questions: CaseQuestion[] = (decision.questions ?? []).map((question) => ({
        questionId: generateId('q'),
        text: question.text,
        askedAt: decision.decidedAt,
        taskId: task.taskId,
      }));
      const actor = userActor({
        subject: decision.decidedBy.subject,
        roles: [decision.decidedBy.role as 'reviewer'],
      });
      return [
        {
          Update: {
            TableName: cases.tableName,
            Key: caseKey(task.subject.id),
            // a request for information replaces what an earlier one asked for; questions add to the case's
            UpdateExpression: requestInfo
              ? 'SET requestedDocuments = :requested, questions = list_append(if_not_exists(questions, :none), :questions), updatedAt = :at'
              : 'SET updatedAt = :at',
            ConditionExpression: '#status = :inReview AND reviewTaskId = :taskId',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':inReview': 'IN_REVIEW',
              ':taskId': task.taskId,
              ':at': decision.decidedAt,
              ...(requestInfo ? { ':requested': requested, ':questions': questions, ':none': [] } : {}),
            },
          },
        },
        timelinePut(cases, task.subject.id, {
          at: decision.decidedAt,
          type: 'REVIEW_DECIDED',
          actor,
          detail: {
            taskId: task.taskId,
            kind: task.kind,
            decision: decision.decision,
            reason: decision.reason,
            ...(decision.requestedDocuments ? { requestedDocuments: decision.requestedDocuments } : {}),
            ...(decision.questions ? { questions: decision.questions } : {}),
          },
        }),
      ];
    },
    async describeFacts(task) {
      const aggregate = await findCaseAggregate(cases, task.subject.id);
      const kycCase = aggregate?.kycCase;
      const screening = kycCase?.screening;
      return {
        screeningHit: Boolean(
          screening?.parties.some((party) => party.hits.some((hit) => hit.score >= screening.threshold)),
        ),
        riskLevel: kycCase?.assessment?.risk.level ?? null,
        priorStanding: readStanding(kycCase ? await findPartyProfile(cases, kycCase.partyId) : undefined),
      };
    },
    async fingerprintEvidence(task) {
      const aggregate = await findCaseAggregate(cases, task.subject.id);
      if (!aggregate) return fingerprint(null);
      const { kycCase, documents } = aggregate;
      // what a decision rests on: the documents, the screening and the assessment, not the timeline around them
      return fingerprint({
        documents: documents.map((d) => [d.documentId, d.status, d.sha256 ?? null]).sort(),
        screening: kycCase.screening
          ? { listVersion: kycCase.screening.listVersion, screenedAt: kycCase.screening.screenedAt }
          : null,
        assessment: kycCase.assessment ? { round: kycCase.assessment.round, at: kycCase.assessment.assessedAt } : null,
        submissions: kycCase.submissionCount ?? 0,
      });
    },
    reviewHistoryItems(task, entry) {
      return [
        timelinePut(cases, task.subject.id, {
          at: entry.at,
          type: `REVIEW_${entry.action}`,
          actor:
            'kind' in entry.by ? { kind: 'SYSTEM' } : { kind: 'USER', subject: entry.by.subject, role: entry.by.role },
          detail: {
            taskId: task.taskId,
            proposalId: entry.proposalId,
            decision: entry.decision,
            ...(entry.reason ? { reason: entry.reason } : {}),
          },
        }),
      ];
    },
    escalationItems(task, at) {
      return [
        timelinePut(cases, task.subject.id, {
          at,
          type: 'REVIEW_TASK_ESCALATED',
          actor: { kind: 'SYSTEM' },
          detail: { taskId: task.taskId, dueAt: task.dueAt, reason: 'The review was not decided by its due time' },
        }),
      ];
    },
  };
}
