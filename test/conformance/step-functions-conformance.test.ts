import { aslEvaluators } from '../../infra/local/step-functions/engine/asl-evaluators';
import {
  checkKnownFailures,
  loadKnownFailures,
  type KnownFailureCheck,
} from '../../infra/local/step-functions/conformance/known-failures';
import { loadConformanceRuns } from '../../infra/local/step-functions/conformance/conformance-corpus';
import { runRecordedRun, type RunVerdict } from '../../infra/local/step-functions/conformance/run-conformance';

/*
 * Every recorded run of ../shared/conformance/step-functions on the local engine. A run passes, or it
 * is listed in known-failures.json with its reason and the text its verdict reason must contain
 * ("expect"); a listed run that starts passing must leave the list, and one that fails for another
 * reason is a regression, so the list stays a true account of what is missing.
 */
let verdicts: RunVerdict[];
let check: KnownFailureCheck;

beforeAll(async () => {
  verdicts = [];
  for (const run of loadConformanceRuns()) verdicts.push(await runRecordedRun(run, aslEvaluators));
  check = checkKnownFailures(verdicts, loadKnownFailures());
  const failed = verdicts.filter((verdict) => !verdict.passed).length;
  console.log(`${verdicts.length - failed} passed, ${failed} failed`);
}, 120_000);

describe('Step Functions conformance with real AWS', () => {
  it('runs every recorded run of the corpus', () => {
    expect(verdicts.length).toBe(808);
  });

  it('passes every run that is not a known failure', () => {
    expect(check.unlisted).toEqual([]);
  });

  it('lists no run as a known failure that now passes', () => {
    expect(check.nowPassing).toEqual([]);
  });

  it('fails every known failure for its listed reason', () => {
    expect(check.otherReason).toEqual([]);
  });

  it('lists only runs of the corpus', () => {
    expect(check.missing).toEqual([]);
  });
});
