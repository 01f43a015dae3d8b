import { aslEvaluators } from '../../infra/local/step-functions/engine/asl-evaluators';
import knownFailures from '../../infra/local/step-functions/conformance/known-failures.json';
import { loadConformanceRuns } from '../../infra/local/step-functions/conformance/conformance-corpus';
import { runRecordedRun, type RunVerdict } from '../../infra/local/step-functions/conformance/run-conformance';

/*
 * Every recorded run of ../shared/conformance/step-functions on the local engine. A run passes, or it
 * is listed in known-failures.json with the reason; a listed run that starts passing must leave the
 * list, so the list stays a true account of what is missing.
 */
const known = knownFailures as Record<string, string>;
let verdicts: RunVerdict[];

beforeAll(async () => {
  verdicts = [];
  for (const run of loadConformanceRuns()) verdicts.push(await runRecordedRun(run, aslEvaluators));
  const failed = verdicts.filter((verdict) => !verdict.passed).length;
  console.log(`${verdicts.length - failed} passed, ${failed} failed`);
}, 120_000);

describe('Step Functions conformance with real AWS', () => {
  it('runs every recorded run of the corpus', () => {
    expect(verdicts.length).toBe(808);
  });

  it('passes every run that is not a known failure', () => {
    const regressions = verdicts
      .filter((verdict) => !verdict.passed && !known[`${verdict.caseId}#${verdict.run}`])
      .map((verdict) => `${verdict.caseId}#${verdict.run}: ${verdict.reason}`);
    expect(regressions).toEqual([]);
  });

  it('lists no run as a known failure that now passes', () => {
    const passing = new Set(
      verdicts.filter((verdict) => verdict.passed).map((verdict) => `${verdict.caseId}#${verdict.run}`),
    );
    expect(Object.keys(known).filter((key) => passing.has(key))).toEqual([]);
  });
});
