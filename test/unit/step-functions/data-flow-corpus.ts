/**
 * Test support: reads AWS's recorded runs from the shared conformance corpus and compares values
 * with its placeholders (`<region>`, `date`, `<json-input:1>`...) treated as wildcards.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const corpusDir =
  process.env.CONFORMANCE_DIR ??
  path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'step-functions');

export type StateDefinition = Record<string, unknown> & { Type: string };
export interface MachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

export interface RecordedResult {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  placeholders?: string[];
}

export interface HistoryEvent {
  type: string;
  stateEnteredEventDetails?: { name: string };
}

export interface RecordedRun {
  caseId: string;
  run: number;
  needs: string[];
  features: string[];
  definition: MachineDefinition;
  input: unknown;
  expected: RecordedResult;
  history?: HistoryEvent[];
}

interface ManifestCase {
  id: string;
  dir: string;
  needs: string[];
  features: string[];
}

interface RunsEntry {
  run: number;
  input: unknown;
  expected: RecordedResult;
  definition?: MachineDefinition;
  history_file?: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every recorded run of the cases `select` accepts, in manifest order. */
export function loadRecordedRuns(select: (entry: ManifestCase) => boolean): RecordedRun[] {
  const manifest = readJson<{ cases: ManifestCase[] }>(path.join(corpusDir, 'manifest.json'));
  return manifest.cases.filter(select).flatMap((entry) => {
    const dir = path.join(corpusDir, entry.dir);
    const definition = readJson<MachineDefinition>(path.join(dir, 'definition.json'));
    const runsFile = path.join(dir, 'runs.json');
    const runs: RunsEntry[] = existsSync(runsFile)
      ? readJson<RunsEntry[]>(runsFile)
      : [
          {
            run: 0,
            input: readJson(path.join(dir, 'input.json')),
            expected: readJson(path.join(dir, 'expected.json')),
          },
        ];
    return runs.map((run) => {
      const historyFile = path.join(dir, run.history_file ?? 'history.json');
      return {
        caseId: entry.id,
        run: run.run,
        needs: entry.needs,
        features: entry.features,
        definition: run.definition ?? definition,
        input: run.input,
        expected: run.expected,
        history: existsSync(historyFile) ? readJson<HistoryEvent[]>(historyFile) : undefined,
      };
    });
  });
}

/** The name of the state AWS entered right after `stateName`, read from the recorded history. */
export function stateEnteredAfter(history: readonly HistoryEvent[], stateName: string): string | undefined {
  const entered = history.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
  const index = entered.indexOf(stateName);
  return index < 0 ? undefined : entered[index + 1];
}

/** Splits AWS's runtime-error cause into the engine's prefix and the evaluator's detail. */
export function causeDetail(cause: string): string {
  return cause.replace(/^An error occurred while executing the state '.*?' \(entered at the event id #\d+\)\. /s, '');
}

/** `expected` with every string holding a placeholder replaced by a matcher that accepts any text there. */
export function withPlaceholders(expected: unknown, placeholders: readonly string[]): unknown {
  if (placeholders.length === 0) return expected;
  if (typeof expected === 'string') return placeholderMatcher(expected, placeholders);
  if (Array.isArray(expected)) return expected.map((item) => withPlaceholders(item, placeholders));
  if (typeof expected === 'object' && expected !== null) {
    return Object.fromEntries(
      Object.entries(expected).map(([key, value]) => [key, withPlaceholders(value, placeholders)]),
    );
  }
  return expected;
}

function placeholderMatcher(text: string, placeholders: readonly string[]): unknown {
  const tokens = [...placeholders].sort((a, b) => b.length - a.length);
  if (!tokens.some((token) => text.includes(token))) return text;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = tokens.reduce(
    (source, token) => source.split(token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*'),
    escaped,
  );
  return expect.stringMatching(new RegExp(`^${pattern}$`));
}
