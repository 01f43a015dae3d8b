import type { LambdaInvocationResult } from '../engine/lambda-integration';

/** A deterministic local function standing in for one the corpus recorded on AWS. */
export interface LambdaStandIn {
  /** Business-clock delay before it returns (the 60 s sleeper that triggers TimeoutSeconds). */
  delayMs: number;
  run(payload: unknown): LambdaInvocationResult;
}

const raiseGeneric: LambdaStandIn = {
  delayMs: 0,
  run: () => ({
    errorType: 'Exception',
    errorMessage: 'Some exception was raised.',
    stackTrace: [
      '  File "/var/task/handler.py", line 2, in handler\n    raise Exception("Some exception was raised.")\n',
    ],
  }),
};

/** The behaviours the notes describe, matched on their wording. */
const behaviours: [RegExp, LambdaStandIn][] = [
  [/^identity/, { delayMs: 0, run: (payload) => ({ payload }) }],
  [/^raises a generic Python Exception/, raiseGeneric],
  [
    /^raises a custom exception class CustomException/,
    { delayMs: 0, run: () => ({ errorType: 'CustomException', errorMessage: '' }) },
  ],
  [/^sleeps 60 s then returns its input/, { delayMs: 60_000, run: (payload) => ({ payload }) }],
  [/^returns \{"Return": "HelloWorld"\}/, { delayMs: 0, run: () => ({ payload: { Return: 'HelloWorld' } }) }],
  [/^returns the bytes b'"HelloWorld!"'/, { delayMs: 0, run: () => ({ payload: 'HelloWorld!' }) }],
  [/^returns a 257 KiB string/, { delayMs: 0, run: () => ({ payload: 'a'.repeat(257 * 1024) }) }],
];

/**
 * Reads the "## Lambda functions" section of a case's note.md ("- `name`: what it does") into
 * stand-ins. A description no behaviour matches is an error, so nothing is quietly faked.
 */
export function parseLambdaStandIns(note: string): Map<string, LambdaStandIn> {
  const standIns = new Map<string, LambdaStandIn>();
  const section = /## Lambda functions[^\n]*\n([\s\S]*?)(\n## |$)/.exec(note)?.[1] ?? '';
  for (const line of section.split('\n')) {
    const match = /^- `([^`]+)`: (.*)$/.exec(line.trim());
    if (!match) continue;
    const behaviour = behaviours.find(([pattern]) => pattern.test(match[2]!));
    if (!behaviour) throw new Error(`no stand-in for Lambda behaviour "${match[2]}"`);
    standIns.set(match[1]!, behaviour[1]);
  }
  return standIns;
}
