/**
 * `npm run conformance`: runs every recorded run of ../shared/conformance/step-functions on the local
 * engine and ends with `N passed, M failed`, counted over runs. Failing runs are listed with reasons,
 * marked `known` when known-failures.json lists them and their reason matches its `expect`; runs that
 * disagree with that list (new failures, listed runs that pass or fail for another reason) follow.
 * `npm run conformance -- <caseId>...` runs only those cases.
 */
import { aslEvaluators } from '../engine/asl-evaluators';
import { loadConformanceRuns } from './conformance-corpus';
import { checkKnownFailures, loadKnownFailures, runKey, type KnownFailures } from './known-failures';
import { runRecordedRun, type RunVerdict } from './run-conformance';

async function main(): Promise<void> {
  const caseIds = new Set(process.argv.slice(2));
  const runs = loadConformanceRuns(process.env.CONFORMANCE_DIR).filter(
    (run) => caseIds.size === 0 || caseIds.has(run.caseId),
  );
  const unknownCases = [...caseIds].filter((caseId) => !runs.some((run) => run.caseId === caseId));
  if (unknownCases.length) throw new Error(`no such case in the corpus: ${unknownCases.join(', ')}`);

  const verdicts: RunVerdict[] = [];
  for (const run of runs) verdicts.push(await runRecordedRun(run, aslEvaluators));

  // with a case filter, only the list's entries for those cases are checked
  const known: KnownFailures = Object.fromEntries(
    Object.entries(loadKnownFailures()).filter(([key]) => caseIds.size === 0 || caseIds.has(key.split('#')[0]!)),
  );
  const failed = verdicts.filter((verdict) => !verdict.passed);
  const byCase = new Map<string, RunVerdict[]>();
  for (const verdict of failed) byCase.set(verdict.caseId, [...(byCase.get(verdict.caseId) ?? []), verdict]);
  for (const [caseId, caseFailures] of byCase) {
    const first = caseFailures[0]!;
    const expected = known[runKey(first)]?.expect;
    const isKnown = expected !== undefined && (first.reason ?? '').includes(expected);
    console.log(
      `FAIL ${caseId} (${caseFailures.length} run${caseFailures.length > 1 ? 's' : ''}${isKnown ? ', known' : ''}): ${first.reason}`,
    );
  }
  const check = checkKnownFailures(verdicts, known);
  for (const line of check.unlisted) console.log(`NOT IN known-failures.json: ${line}`);
  for (const key of check.nowPassing) console.log(`PASSES, remove from known-failures.json: ${key}`);
  for (const line of check.otherReason) console.log(`FAILS FOR ANOTHER REASON: ${line}`);
  for (const key of check.missing) console.log(`NO SUCH RUN, listed in known-failures.json: ${key}`);
  console.log(`${verdicts.length - failed.length} passed, ${failed.length} failed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
