import { systemActor } from '../../commons/timeline-actor';
import { CaseStateError } from '../models/case-state-error';
import { findCaseAggregate, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/** What the workflow needs to run a round: the documents still to read. */
export interface CaseRound {
  round: number;
  documentIds: string[];
}

/**
 * Starts a round of automatic processing for a submitted case and lists the verified documents that
 * have not been read yet. `enteredAt` is when the workflow entered the step: a retried step finds its
 * round begun and returns the same answer.
 */
export async function beginCaseRound(
  deps: { cases: CaseStore; now: () => Date },
  input: { caseId: string; enteredAt: string },
): Promise<CaseRound> {
  const aggregate = await findCaseAggregate(deps.cases, input.caseId);
  if (!aggregate) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
  const { kycCase, documents } = aggregate;
  let round = kycCase.processingRound ?? 0;
  if (kycCase.roundStartedAt !== input.enteredAt) {
    if (kycCase.status !== 'PROCESSING') {
      throw new CaseStateError(`Case ${input.caseId} is ${kycCase.status}, not PROCESSING`);
    }
    round += 1;
    const at = deps.now().toISOString();
    const begun = await updateCaseWithEvents(
      deps.cases,
      input.caseId,
      {
        set: { processingRound: round, roundStartedAt: input.enteredAt, updatedAt: at },
        condition: '#status = :processing AND (attribute_not_exists(#roundStartedAt) OR #roundStartedAt <> :entered)',
        conditionValues: { ':processing': 'PROCESSING', ':entered': input.enteredAt },
      },
      [{ at, type: 'PROCESSING_STARTED', actor: systemActor, detail: { round } }],
      `round:${input.caseId}:${input.enteredAt}`,
    );
    if (!begun) return beginCaseRound(deps, input);
  }
  return {
    round,
    documentIds: documents.filter((d) => d.status === 'UPLOADED' && !d.extraction).map((d) => d.documentId),
  };
}
