/**
 * `npm run conformance`: runs every recorded run of ../shared/conformance/step-functions on the local
 * engine and ends with `N passed, M failed`, counted over runs. Failing runs are listed with reasons.
 */
import { aslEvaluators } from '../engine/asl-evaluators';
import { loadConformanceRuns } from './conformance-corpus';
import { runRecordedRun, type RunVerdict } from './run-conformance';

async function main(): Promise<void> {
  const runs = loadConformanceRuns(process.env.CONFORMANCE_DIR);
  const verdicts: RunVerdict[] = [];
  for (const run of runs) verdicts.push(await runRecordedRun(run, aslEvaluators));
  const failed = verdicts.filter((verdict) => !verdict.passed);
  const byCase = new Map<string, RunVerdict[]>();
  for (const verdict of failed) byCase.set(verdict.caseId, [...(byCase.get(verdict.caseId) ?? []), verdict]);
  for (const [caseId, caseFailures] of byCase) {
    console.log(
      `FAIL ${caseId} (${caseFailures.length} run${caseFailures.length > 1 ? 's' : ''}): ${caseFailures[0]!.reason}`,
    );
  }
  console.log(`${verdicts.length - failed.length} passed, ${failed.length} failed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
