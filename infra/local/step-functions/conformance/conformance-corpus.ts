import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What AWS recorded for one run. */
export interface ExpectedResult {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'CREATE_FAILED' | 'NOT_TERMINATED';
  output?: unknown;
  error?: string;
  cause?: unknown;
  cause_is_json_text?: boolean;
  message?: string;
  placeholders?: string[];
}

/** One event of a recorded history. */
export interface RecordedEvent {
  type: string;
  /** AWS's event id; absent when the corpus's re-sorting replaced it (stored as [0]). */
  id?: number;
  /**
   * Put in a content-sorted block by the corpus's re-sorting of Parallel branches (see
   * resorted-history.ts). Always false outside "re-sorted" cases.
   */
  sorted: boolean;
}

/** One recorded run of a case. */
export interface ConformanceRun {
  caseId: string;
  run: number;
  /** The parametrisation of the recorded test, e.g. `[24855]`. */
  variant?: string;
  needs: string[];
  definition: Record<string, unknown>;
  input: unknown;
  expected: ExpectedResult;
  /** Recorded events, when the case has a history for this run. */
  history?: RecordedEvent[];
  /** The case's note.md: Lambda stand-ins and callback actors. */
  note: string;
  /** The case's folder (child_definition.json and the like). */
  caseDir: string;
}

interface ManifestCase {
  id: string;
  dir: string;
  runs: number;
  needs: string[];
}

/** Where the corpus lives beside the project (CI and local clones both have ../shared). */
export const defaultCorpusDir = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'conformance',
  'step-functions',
);

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function readHistory(file: string): RecordedEvent[] | undefined {
  if (!existsSync(file)) return undefined;
  return readJson<{ type: string; id: unknown }[]>(file).map((event) =>
    typeof event.id === 'number'
      ? { type: event.type, id: event.id, sorted: false }
      : { type: event.type, sorted: true },
  );
}

/** Every run of every case, in manifest order. */
export function loadConformanceRuns(corpusDir: string = defaultCorpusDir): ConformanceRun[] {
  const manifest = readJson<{ cases: ManifestCase[] }>(path.join(corpusDir, 'manifest.json'));
  const runs: ConformanceRun[] = [];
  for (const entry of manifest.cases) {
    const dir = path.join(corpusDir, entry.dir);
    const definition = readJson<Record<string, unknown>>(path.join(dir, 'definition.json'));
    const note = existsSync(path.join(dir, 'note.md')) ? readFileSync(path.join(dir, 'note.md'), 'utf8') : '';
    const runsFile = path.join(dir, 'runs.json');
    if (existsSync(runsFile)) {
      const recorded = readJson<
        {
          run: number;
          variant?: string;
          input: unknown;
          expected: ExpectedResult;
          definition?: Record<string, unknown>;
          history_file?: string;
        }[]
      >(runsFile);
      for (const run of recorded) {
        runs.push({
          caseId: entry.id,
          run: run.run,
          variant: run.variant,
          needs: entry.needs,
          definition: run.definition ?? definition,
          input: typeof run.input === 'string' ? parseInput(run.input) : run.input,
          expected: run.expected,
          history: run.history_file ? readHistory(path.join(dir, run.history_file)) : undefined,
          note,
          caseDir: dir,
        });
      }
    } else {
      runs.push({
        caseId: entry.id,
        run: 0,
        needs: entry.needs,
        definition,
        input: parseInput(readFileSync(path.join(dir, 'input.json'), 'utf8')),
        expected: readJson<ExpectedResult>(path.join(dir, 'expected.json')),
        history: readHistory(path.join(dir, 'history.json')),
        note,
        caseDir: dir,
      });
    }
  }
  return runs;
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
