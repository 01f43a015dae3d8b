import {
  evaluatePath,
  isReferencePath,
  lookupPath,
  NULL_INPUT_DETAIL,
  writeResultPath,
} from '../../../infra/local/step-functions/asl/paths';
import { thrownBy } from './thrown-by';
import { causeDetail, loadRecordedRuns } from './data-flow-corpus';

const input = {
  a: { b: null, c: [10, 20, 30] },
  items: [{ x: 1 }, { x: 2 }, { x: 3 }],
  'input-value': 7,
  text: 'hello',
};
const context = { Execution: { Input: { z: 1 } }, State: { Name: 'S' } };
const scope = { input, context };

describe('evaluatePath on reference paths', () => {
  it.each([
    ['$', input],
    ['$.a.b', null],
    ['$.a.c[1]', 20],
    ['$.a.c[-1]', 30],
    ['$.items[0].x', 1],
    ["$['input-value']", 7],
    ['$.input-value', 7],
    ['$$', context],
    ['$$.Execution.Input.z', 1],
  ])('%s', (path, expected) => {
    expect(evaluatePath(path, scope)).toEqual(expected);
  });

  it.each([
    ['$.missing', "No results for path: $['missing']"],
    ['$.a.missing', "No results for path: $['a']['missing']"],
    ['$.no.such.result.path', "Missing property in path $['no']"],
    ['$.a.nope.deeper', "Missing property in path $['a']['nope']"],
    ['$.a.c[5]', "No results for path: $['a']['c'][5]"],
    ['$.items[9].x', "No results for path: $['items'][9]['x']"],
    ['$$.Execution.Input.nope', "No results for path: $['Execution']['Input']['nope']"],
  ])('reports a missing %s like Jayway', (path, reason) => {
    // Act
    const error = thrownBy(() => evaluatePath(path, scope));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(`Invalid path '${path}' : ${reason}`);
  });

  it('reports a property read on a non-object', () => {
    expect(thrownBy(() => evaluatePath('$.text.length', scope)).cause).toMatch(
      /^Invalid path '\$\.text\.length' : Expected to find an object with property \['length'\] in path \$\['text'\] but found 'java.lang.String'/,
    );
  });

  it('refuses any $ path on a null input, but not $$ paths', () => {
    // Prepare
    const nullInput = { input: null, context };

    // Act / Assess
    expect(thrownBy(() => evaluatePath('$', nullInput)).cause).toBe(NULL_INPUT_DETAIL);
    expect(thrownBy(() => evaluatePath('$.a', nullInput)).cause).toBe(NULL_INPUT_DETAIL);
    expect(evaluatePath('$$.State.Name', nullInput)).toBe('S');
  });
});

describe('evaluatePath on indefinite paths', () => {
  it.each([
    ['$.items[*].x', [1, 2, 3]],
    ['$.items[1:].x', [2, 3]],
    ['$.items[:1]', [{ x: 1 }]],
    ['$.items[?(@.x > 1)].x', [2, 3]],
    ['$..x', [1, 2, 3]],
    ['$.missing[*]', []],
    ['$.a.missing[1:5].x', []],
  ])('%s', (path, expected) => {
    expect(evaluatePath(path, scope)).toEqual(expected);
  });

  it('always returns an array, even over a primitive', () => {
    expect(evaluatePath('$[*]', { input: 5, context })).toEqual([]);
  });
});

describe('recorded JSONPath selections', () => {
  const runs = loadRecordedRuns(
    (entry) => entry.id.startsWith('jsonpath_') || entry.id === 'moto_jsonpath_filter_equals',
  );

  it.each(runs.map((run) => [`${run.caseId}#${run.run}`, run] as const))('%s', (_, run) => {
    // Prepare
    const state = Object.values(run.definition.States)[0];
    const [[key, path]] = Object.entries(state?.Parameters as Record<string, string>) as [[string, string]];
    const expected = run.expected.output as Record<string, unknown>;
    const recorded = state?.ResultPath === undefined ? expected : expected[String(state.ResultPath).slice(2)];

    // Act
    const value = evaluatePath(path, { input: run.input, context: {} });

    // Assess
    expect(value).toEqual((recorded as Record<string, unknown>)[key.slice(0, -2)]);
  });

  it.each([6, 7])(
    'invalid_jsonpath_runtime_errors#%i (a Task timeout path) fails with the recorded detail',
    (runNumber) => {
      // Prepare
      const run = loadRecordedRuns((entry) => entry.id === 'invalid_jsonpath_runtime_errors').find(
        (r) => r.run === runNumber,
      );
      const state = run?.definition.States.task;
      const path = String(state?.TimeoutSecondsPath ?? state?.HeartbeatSecondsPath);

      // Act
      const error = thrownBy(() => evaluatePath(path, { input: run?.input, context: {} }));

      // Assess
      expect(error.error).toBe(run?.expected.error);
      expect(error.cause).toBe(causeDetail(run?.expected.cause ?? ''));
    },
  );
});

describe('lookupPath and isReferencePath', () => {
  it('tells a present null from a missing field', () => {
    expect(lookupPath('$.a.b', scope)).toEqual({ found: true, value: null });
    expect(lookupPath('$.a.z', scope)).toEqual({ found: false, reason: "No results for path: $['a']['z']" });
  });

  it.each([
    ['$', true],
    ['$.a.b[0]', true],
    ["$['a b']", true],
    ['$.a[*]', false],
    ['$.a[1:2]', false],
    ['$..a', false],
    ['$.a[?(@.x)]', false],
    ['$.a[0,1]', false],
  ])('%s is a reference path: %s', (path, expected) => {
    expect(isReferencePath(path)).toBe(expected);
  });
});

describe('writeResultPath', () => {
  it.each([
    ['null keeps the input', null, { a: 1, b: { c: 2 } }],
    ['absent replaces the input', undefined, 'R'],
    ['$ replaces the input', '$', 'R'],
    ['$.a overwrites in place', '$.a', { a: 'R', b: { c: 2 } }],
    ['$.b.d adds to a nested object', '$.b.d', { a: 1, b: { c: 2, d: 'R' } }],
    ['$.x.y creates the missing objects', '$.x.y', { a: 1, b: { c: 2 }, x: { y: 'R' } }],
  ])('%s', (_, resultPath, expected) => {
    // Prepare
    const original = { a: 1, b: { c: 2 } };
    const snapshot = structuredClone(original);

    // Act
    const written = writeResultPath(original, resultPath, 'R');

    // Assess
    expect(written).toEqual(expected);
    expect(original).toEqual(snapshot);
  });

  it('keeps key order when overwriting', () => {
    expect(Object.keys(writeResultPath({ a: 1, b: 2, c: 3 }, '$.b', 0) as object)).toEqual(['a', 'b', 'c']);
  });

  it('writes into an existing array element', () => {
    expect(writeResultPath({ list: [{ v: 1 }, { v: 2 }] }, '$.list[1].v', 9)).toEqual({ list: [{ v: 1 }, { v: 9 }] });
  });

  it('stores a field named __proto__ as data', () => {
    // Act
    const written = writeResultPath({}, '$.__proto__', { polluted: true }) as Record<string, unknown>;

    // Assess
    expect(Object.hasOwn(written, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a string', 'input1', '$.someTaskResult', 'Unable to apply ReferencePath $.someTaskResult to input "input1"'],
    ['an array', [1], '$.a', 'Unable to apply ReferencePath $.a to input [1]'],
    ['null', null, '$.a', 'Unable to apply ReferencePath $.a to input null'],
    ['a number on the way', { a: 5 }, '$.a.b', 'Unable to apply step "a" to input {"a":5}'],
  ])('refuses %s with States.ReferencePathConflict', (_, original, resultPath, cause) => {
    // Act
    const error = thrownBy(() => writeResultPath(original, resultPath, 'R'));

    // Assess
    expect(error.error).toBe('States.ReferencePathConflict');
    expect(error.cause).toBe(cause);
  });

  it('refuses paths that are not reference paths', () => {
    expect(thrownBy(() => writeResultPath({}, '$.a[*]', 1)).error).toBe('States.Runtime');
    expect(thrownBy(() => writeResultPath({}, '$$.a', 1)).error).toBe('States.Runtime');
  });
});
