import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { defaultCorpusDir } from '../../../infra/local/step-functions/conformance/conformance-corpus';
import { join } from 'node:path';
import { JSONPath } from 'jsonpath-plus';
import { evaluateIntrinsic, isIntrinsicCall } from '../../../infra/local/step-functions/asl/intrinsic-functions';
import { StatesError, type EvaluationScope } from '../../../infra/local/step-functions/asl/states-error';

/*
 * Part 1 replays every recorded AWS run whose first state is a Pass (Parameters) or Fail (ErrorPath/CausePath)
 * state driven by intrinsic functions. Part 2 pins behaviour the corpus does not record: parsing, escapes,
 * limits and error causes.
 */

// ../shared sits beside the project in every checkout, CI's included
const CORPUS = process.env.SFN_CONFORMANCE_DIR ?? defaultCorpusDir;
const CASES_DIR = join(CORPUS, 'cases');
// Intrinsics drive these runs from the first state; map_legacy_reentrant and mockcfg_map_state_lambda also
// call intrinsics, but their outputs depend on Map and Lambda, so part 2 covers their calls instead.
const EXTRA_CASES = ['fail_state_error_cause_intrinsic'];
const ENGINE_PREFIX = /^An error occurred while executing the state '.*?' \(entered at the event id #\d+\)\. /;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface StateDefinition {
  Type: string;
  Parameters?: Json;
  ResultPath?: string;
  OutputPath?: string;
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

interface Definition {
  StartAt: string;
  States: Record<string, StateDefinition>;
}

interface Expected {
  status: string;
  output?: Json;
  error?: string;
  cause?: string;
  placeholders?: string[];
}

interface RecordedRun {
  name: string;
  definition: Definition;
  input: Json;
  expected: Expected;
}

interface Outcome {
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
}

function readJson<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(join(CASES_DIR, ...segments), 'utf8')) as T;
}

function loadRuns(caseId: string): RecordedRun[] {
  const definition = readJson<Definition>(caseId, 'definition.json');
  if (!existsSync(join(CASES_DIR, caseId, 'runs.json'))) {
    const [input, expected] = [readJson<Json>(caseId, 'input.json'), readJson<Expected>(caseId, 'expected.json')];
    return [{ name: `${caseId} run 0`, definition, input, expected }];
  }
  const runs = readJson<{ run: number; input: Json; expected: Expected; definition?: Definition }[]>(
    caseId,
    'runs.json',
  );
  return runs.map((run) => ({ ...run, name: `${caseId} run ${run.run}`, definition: run.definition ?? definition }));
}

function loadIntrinsicRuns(): RecordedRun[] {
  const caseIds = readdirSync(CASES_DIR).filter((id) => id.startsWith('intrinsic_') || EXTRA_CASES.includes(id));
  return caseIds.sort().flatMap(loadRuns);
}

/**
 * The context object with the snapshot's own placeholder tokens as names and ARNs, so that output built
 * from them reads exactly like the normalised expected value (README, normalisation item 3).
 */
function contextFor(run: RecordedRun): Json {
  const stateMachineArn = 'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>';
  return {
    Execution: {
      Id: 'arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>',
      Input: run.input,
      Name: '<ExecArnPart_0idx>',
      RoleArn: 'snf_role_arn',
      StartTime: 'date',
    },
    StateMachine: { Id: stateMachineArn, Name: '<ArnPart_0idx>' },
    State: { EnteredTime: 'date', Name: run.definition.StartAt, RetryCount: 0 },
  };
}

function resolveField(value: string, scope: EvaluationScope): unknown {
  if (isIntrinsicCall(value)) {
    return evaluateIntrinsic(value, scope);
  }
  const [root, path] = value.startsWith('$$') ? [scope.context, value.slice(1)] : [scope.input, value];
  return JSONPath({ path, json: root as Json, wrap: false }) as unknown;
}

/** A payload template as the engine renders it: `.$` fields are evaluated, everything else is copied. */
function renderTemplate(template: Json, scope: EvaluationScope): unknown {
  if (Array.isArray(template)) {
    return template.map((item) => renderTemplate(item, scope));
  }
  if (template === null || typeof template !== 'object') {
    return template;
  }
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) =>
      key.endsWith('.$') && typeof value === 'string'
        ? [key.slice(0, -2), resolveField(value, scope)]
        : [key, renderTemplate(value, scope)],
    ),
  );
}

/** Only the `$.a.b` ResultPath shape the corpus uses; the engine owns the general case. */
function placeResult(input: Json, resultPath: string, result: unknown): unknown {
  const keys = resultPath.split('.').slice(1);
  const output = structuredClone(input) as Record<string, unknown>;
  let target = output;
  keys.slice(0, -1).forEach((key) => {
    target = (target[key] ??= {}) as Record<string, unknown>;
  });
  target[keys.at(-1) ?? ''] = result;
  return output;
}

function runPass(state: StateDefinition, input: Json, scope: EvaluationScope): Outcome {
  const result = state.Parameters === undefined ? input : renderTemplate(state.Parameters, scope);
  const placed = state.ResultPath === undefined ? result : placeResult(input, state.ResultPath, result);
  const output =
    state.OutputPath === undefined ? placed : JSONPath({ path: state.OutputPath, json: placed as Json, wrap: false });
  return { status: 'SUCCEEDED', output };
}

function runFail(state: StateDefinition, scope: EvaluationScope): Outcome {
  const error = state.ErrorPath === undefined ? state.Error : resolveField(state.ErrorPath, scope);
  const cause = state.CausePath === undefined ? state.Cause : resolveField(state.CausePath, scope);
  return { status: 'FAILED', error: String(error), cause: String(cause) };
}

function runFirstState(run: RecordedRun): Outcome {
  const state = run.definition.States[run.definition.StartAt];
  const scope = { input: run.input, context: contextFor(run) };
  try {
    if (state?.Type === 'Pass') return runPass(state, run.input, scope);
    if (state?.Type === 'Fail') return runFail(state, scope);
    throw new Error(`${run.name} starts with a ${state?.Type} state, which this test cannot run in isolation`);
  } catch (error) {
    if (error instanceof StatesError) return { status: 'FAILED', error: error.error, cause: error.cause };
    throw error;
  }
}

/** Checks values the snapshot masked (random numbers, UUIDs) for shape, then puts the mask back for comparison. */
function maskGenerated(output: unknown, run: RecordedRun): unknown {
  const expected = run.expected.output;
  if (!isRecord(output) || !isRecord(expected)) return output;
  return Object.fromEntries(
    Object.entries(output).map(([key, value]) => {
      if (expected[key] === 'generated-uuid') {
        expect(value).toMatch(UUID_V4);
      } else if (expected[key] === 'RandomNumberGenerated') {
        const { fst, snd } = (run.input as { FunctionInput: { fst: number; snd: number } }).FunctionInput;
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(Math.trunc(fst));
        expect(value).toBeLessThan(Math.trunc(snd));
      } else {
        return [key, value];
      }
      return [key, expected[key]];
    }),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('intrinsic functions against the runs recorded on AWS', () => {
  if (!existsSync(CASES_DIR)) {
    // never skip silently: without the corpus these checks cannot run, and that must show
    it('finds the conformance corpus', () => {
      throw new Error(`no conformance corpus at ${CASES_DIR}; ../shared must sit beside the project`);
    });
    return;
  }
  const runs = loadIntrinsicRuns();

  it('finds every intrinsic case of the corpus', () => {
    expect(new Set(runs.map((run) => run.name.split(' ')[0])).size).toBeGreaterThanOrEqual(22);
  });

  it.each(runs.map((run) => [run.name, run] as const))('%s', (_name, run) => {
    // Act
    const actual = runFirstState(run);

    // Assess
    expect(actual.status).toBe(run.expected.status);
    if (run.expected.status === 'SUCCEEDED') {
      expect(maskGenerated(actual.output, run)).toEqual(run.expected.output);
    } else {
      expect(actual.error).toBe(run.expected.error);
      expect(actual.cause).toBe(run.expected.cause?.replace(ENGINE_PREFIX, ''));
    }
  });
});

const scope = (input: unknown = {}, context: unknown = {}): EvaluationScope => ({ input, context });

function failureOf(expression: string, input: unknown = {}): StatesError {
  try {
    evaluateIntrinsic(expression, scope(input));
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`${expression} did not fail`);
}

describe('evaluateIntrinsic parsing', () => {
  it.each<[string, string, unknown, unknown]>([
    [
      'whitespace around the call and its arguments',
      "  States.Array( $.a ,$.b  ,  'c' )  ",
      { a: 1, b: 2 },
      [1, 2, 'c'],
    ],
    ['no arguments', 'States.Array()', {}, []],
    [
      'every literal kind',
      "States.Array('x', -1.5e2, 0, 2.25, true, false, null)",
      {},
      ['x', -150, 0, 2.25, true, false, null],
    ],
    ['escaped quote, braces and backslash', "States.Format('It\\'s \\{\\} {} \\\\', $.a)", { a: 1 }, "It's {} 1 \\"],
    ['commas and parentheses inside a literal', "States.Format('a, (b) {}', 'c')", {}, 'a, (b) c'],
    ['unescaped braces outside Format', 'States.StringToJson(\'{"a": [1]}\')', {}, { a: [1] }],
    ['a real newline inside a literal', "States.StringSplit('Hello\nWorld', '\n')", {}, ['Hello', 'World']],
    [
      'nested calls as arguments',
      "States.ArrayGetItem(States.StringSplit('a-b-c', '-'), States.MathAdd(1, 1))",
      {},
      'c',
    ],
    ['the whole input as $', 'States.JsonToString($)', { a: [1, 'x'] }, '{"a":[1,"x"]}'],
    ['a bracketed index path', 'States.Array($.list[1], $.list[0])', { list: ['p', 'q'] }, ['q', 'p']],
    [
      'a filter path with commas and parentheses',
      'States.ArrayLength($.items[?(@.ok == true)])',
      { items: [{ ok: true }, { ok: false }, { ok: true }] },
      2,
    ],
    [
      'a wildcard path as the list it selects',
      'States.Array($.items[*].id)',
      { items: [{ id: 1 }, { id: 2 }] },
      [[1, 2]],
    ],
  ])('accepts %s', (_label, expression, input, expected) => {
    expect(evaluateIntrinsic(expression, scope(input))).toEqual(expected);
  });

  it('reads $$ paths from the context object and $ paths from the input', () => {
    // Prepare
    const context = { Execution: { Name: 'exec-1', Input: { n: 7 } } };

    // Act
    const result = evaluateIntrinsic(
      "States.Format('{}:{}:{}', $$.Execution.Name, $$.Execution.Input.n, $.n)",
      scope({ n: 8 }, context),
    );

    // Assess
    expect(result).toBe('exec-1:7:8');
  });

  it.each([
    'States.Array(',
    'States.Array($.a) trailing',
    'States.Array([1,2])',
    'States.Array(1.)',
    'States.Array(.5)',
    'States.Array(01)',
    'States.Array(tru)',
    'States.Array(1 2)',
    'States.Array($.a,)',
    'States.Array(,)',
    'States.Array($.a[0)',
    'States.Array($x)',
    "States.Format('unterminated)",
    "States.Format('a \\n escape')",
    'States.Array (1)',
    'Foo.Bar()',
    '$.a',
  ])('rejects %p as malformed', (expression) => {
    // Act
    const failure = failureOf(expression, { a: 1 });

    // Assess
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toMatch(/is not a valid intrinsic function call: .+ \(at character \d+\)\.$/);
  });

  it.each<[string, boolean]>([
    ["States.Format('{}', $.a)", true],
    ['  States.UUID()', true],
    ['$.a', false],
    ['States.Format', false],
    ['$$.Execution.Id', false],
  ])('isIntrinsicCall(%p) is %p', (value, expected) => {
    expect(isIntrinsicCall(value)).toBe(expected);
  });
});

describe('evaluateIntrinsic functions beyond the recorded runs', () => {
  it.each<[string, unknown, unknown]>([
    // map_legacy_reentrant's StartState and BeforeIteration (their outputs pass through a Map state).
    ['States.ArrayRange(0, 3, 1)', {}, [0, 1, 2, 3]],
    ['States.MathAdd($.Iterations, -1)', { Iterations: 3 }, 2],
    // AWS truncates fractional bounds, steps, sizes and indexes (third-party AWS observations).
    ['States.ArrayRange(5, 1, -2)', {}, [5, 3, 1]],
    ['States.ArrayRange(1.6, 1.4, 1)', {}, [1]],
    ['States.ArrayRange(5.4, -0.6, -2.4)', {}, [5, 3, 1]],
    ['States.ArrayRange(1, 5, -1)', {}, []],
    ['States.ArrayPartition($.a, 2.6)', { a: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]]],
    ['States.ArrayGetItem($.a, 1.2)', { a: [10, 20, 30] }, 20],
    ['States.ArrayGetItem($.a, 999)', { a: [] }, null],
    ['States.ArrayUnique($.a)', { a: [1, { x: [1] }, 1, { x: [1] }, '1', null, null] }, [1, { x: [1] }, '1', null]],
    ['States.ArrayContains($.a, $.v)', { a: [{ b: 1, c: [2] }], v: { c: [2], b: 1 } }, true],
    ['States.MathAdd(2147483646, 1)', {}, 2147483647],
    ['States.MathAdd(-0.4, 0)', {}, 0],
    ['States.MathRandom(-5, 5, 42)', {}, -5],
    ['States.MathRandom(1, 100, 42)', {}, 63],
    ["States.StringSplit($.s, ',')", { s: ',a,,b,' }, ['a', 'b']],
    ["States.StringSplit($.s, ',')", { s: '' }, []],
    ["States.StringSplit($.s, '')", { s: 'abc' }, ['abc']],
    ['States.StringToJson($.s)', { s: ' {"a":1} ' }, { a: 1 }],
    ["States.JsonMerge($.a, $.b, 'false')", { a: { x: 1 }, b: { y: 2 } }, { x: 1, y: 2 }],
    ["States.Hash('✓', 'SHA-256')", {}, '1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604'],
    ["States.Base64Encode('🚀')", {}, '8J+agA=='],
    ["States.Base64Decode(' YWJjZA== ')", {}, 'abcd'],
    [
      "States.Format('{}|{}|{}', $.o, $.l, $.b)",
      { o: { k: [1, 'x', null] }, l: [[]], b: false },
      '{k=[1, x, null]}|[[]]|false',
    ],
    ['States.Format($.t, $.v)', { t: 'Hello {}', v: 'Ada' }, 'Hello Ada'],
  ])('%s with %j gives %j', (expression, input, expected) => {
    expect(evaluateIntrinsic(expression, scope(input))).toEqual(expected);
  });

  it('generates a fresh version 4 UUID on every call', () => {
    // Act
    const [first, second] = [evaluateIntrinsic('States.UUID()', scope()), evaluateIntrinsic('States.UUID()', scope())];

    // Assess
    expect(first).toMatch(UUID_V4);
    expect(second).not.toBe(first);
  });

  it('draws unseeded random integers from the half-open range', () => {
    // Act
    const draws = Array.from({ length: 200 }, () => evaluateIntrinsic('States.MathRandom(1, 4)', scope()));

    // Assess
    expect(new Set(draws)).toEqual(new Set([1, 2, 3]));
  });

  it('does not let the result alias the input', () => {
    // Prepare
    const input = { o: { n: 1 } };

    // Act
    const [copy] = evaluateIntrinsic('States.Array($.o)', scope(input)) as [{ n: number }];
    copy.n = 2;

    // Assess
    expect(input.o.n).toBe(1);
  });
});

describe('evaluateIntrinsic errors', () => {
  const call = (expression: string) => `There was an error while evaluating the intrinsic function: ${expression}.`;

  it.each<[string, unknown, string]>([
    ['States.ArrayGetItem($.a, 3)', { a: [1, 2, 3] }, 'Invalid arguments in States.ArrayGetItem'],
    ['States.ArrayGetItem($.a, -1)', { a: [1] }, 'Invalid arguments in States.ArrayGetItem'],
    ["States.ArrayLength('x')", {}, 'Invalid arguments in States.ArrayLength'],
    ['States.ArrayPartition($.a, 0.49)', { a: [1] }, 'Invalid arguments in States.ArrayPartition'],
    ['States.ArrayRange(1, 10, 0)', {}, 'Invalid arguments in States.ArrayRange'],
    ['States.ArrayRange(1, 1001, 1)', {}, 'Invalid arguments in States.ArrayRange'],
    ["States.ArrayRange('a', 5, 1)", {}, 'Invalid arguments in States.ArrayRange'],
    ['States.MathAdd(2147483647, 1)', {}, 'Invalid arguments in States.MathAdd'],
    ["States.MathAdd('1', 2)", {}, 'Invalid arguments in States.MathAdd'],
    ['States.MathAdd(1)', {}, 'Invalid arguments in States.MathAdd'],
    ['States.MathRandom(1.4, 1.6)', {}, 'Invalid arguments in States.MathRandom'],
    ['States.MathRandom(10, 5)', {}, 'Invalid arguments in States.MathRandom'],
    ['States.MathRandom(1, 10, null)', {}, 'Invalid arguments in States.MathRandom'],
    ['States.JsonMerge($.a, $.b, true)', { a: {}, b: {} }, 'Invalid arguments in States.JsonMerge'],
    ['States.JsonMerge($.a, $.b, false)', { a: [], b: {} }, 'Invalid arguments in States.JsonMerge'],
    ["States.Hash('data', 'sha-256')", {}, 'Invalid arguments in States.Hash'],
    ["States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) }, 'Invalid arguments in States.Hash'],
    ['States.Base64Encode($.s)', { s: 42 }, 'Invalid arguments in States.Base64Encode'],
    ['States.StringToJson($.s)', { s: '{bad json}' }, 'Invalid arguments in States.StringToJson'],
    ["States.StringSplit($.s, ',')", { s: null }, 'Invalid arguments in States.StringSplit'],
    ['States.UUID(1)', {}, 'Invalid arguments in States.UUID'],
    [
      "States.Format('{} {}', 'x')",
      {},
      'Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.',
    ],
    ["States.Format('Hello {', 'x')", {}, "Invalid template in States.Format: matching '}' not found for '{'."],
    ["States.Format('Hello {{}}', 'x')", {}, "Invalid template in States.Format: matching '}' not found for '{'."],
    ['States.Format($.t)', { t: 7 }, 'Invalid arguments in States.Format'],
  ])('%s fails with %p', (expression, input, detail) => {
    // Act
    const failure = failureOf(expression, input);

    // Assess
    expect(failure.error).toBe('States.Runtime');
    expect(failure.cause).toBe(`${call(expression)} ${detail}`);
  });

  it('names the missing path and echoes the state input', () => {
    // Act
    const failure = failureOf("States.Hash($.missing, 'SHA-256')", { present: true });

    // Assess
    expect(failure.cause).toBe(
      `${call("States.Hash($.missing, 'SHA-256')")} The JsonPath argument for the field '$.missing' could not be found in the input '{"present":true}'`,
    );
  });

  it('reports the innermost call that failed, as written', () => {
    // Act
    const failure = failureOf("States.Format('{}', States.ArrayGetItem( $.a ,9 ))", { a: [1] });

    // Assess
    expect(failure.cause).toBe(`${call('States.ArrayGetItem( $.a ,9 )')} Invalid arguments in States.ArrayGetItem`);
  });

  it('refuses a function that does not exist', () => {
    expect(failureOf('States.Nope(1)').cause).toBe(
      "The intrinsic function 'States.Nope' is not supported: States.Nope(1)",
    );
  });
});
