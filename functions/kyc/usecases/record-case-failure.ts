import { systemActor } from '../../commons/timeline-actor';
import type { CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/** Longest cause kept: enough to diagnose, bounded so an item never grows past DynamoDB's limit. */
const maxCauseLength = 1000;

/**
 * Records on the case why automatic processing failed, so the case is handed to a reviewer with the
 * reason instead of staying in PROCESSING.
 */
export async function recordCaseFailure(
  deps: { cases: CaseStore; now: () => Date },
  input: { caseId: string; error: string; cause: string },
): Promise<void> {
  const at = deps.now().toISOString();
  const failure = { error: input.error, cause: input.cause.slice(0, maxCauseLength), at };
  await updateCaseWithEvents(
    deps.cases,
    input.caseId,
    { set: { failure, updatedAt: at }, condition: 'attribute_exists(pk)' },
    [{ at, type: 'PROCESSING_FAILED', actor: systemActor, detail: failure }],
    `failure:${input.caseId}:${at}`,
  );
}
