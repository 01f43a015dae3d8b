import { evaluateIntrinsic } from '../../../infra/local/step-functions/asl/intrinsic-functions';
import { evaluatePayloadTemplate } from '../../../infra/local/step-functions/asl/payload-template';
import { NULL_INPUT_DETAIL } from '../../../infra/local/step-functions/asl/paths';
import { thrownBy } from './thrown-by';
import { causeDetail, loadRecordedRuns, withPlaceholders } from './data-flow-corpus';

// Intrinsics belong to another module: a stand-in shows what the template hands over.
jest.mock('../../../infra/local/step-functions/asl/intrinsic-functions', () => ({
  isIntrinsicCall: (value: string) => value.startsWith('States.'),
  evaluateIntrinsic: jest.fn((expression: string) => `evaluated ${expression}`),
}));

const input = { name: 'Ada', list: [1, 2, 3], nested: { deep: true } };
const context = { Execution: { Input: { original: 1 } }, State: { Name: 'Transform' } };
const scope = { input, context };

describe('evaluatePayloadTemplate', () => {
  it('replaces .$ fields by the values their paths select and keeps literals', () => {
    // Prepare
    const template = {
      'who.$': '$.name',
      'whole.$': '$',
      'state.$': '$$.State.Name',
      literal: '$.name',
      number: 1,
      nothing: null,
    };

    // Act
    const payload = evaluatePayloadTemplate(template, scope);

    // Assess
    expect(payload).toEqual({
      who: 'Ada',
      whole: input,
      state: 'Transform',
      literal: '$.name',
      number: 1,
      nothing: null,
    });
  });

  it('processes nested objects and objects inside arrays', () => {
    // Prepare
    const template = { outer: { 'inner.$': '$.nested.deep' }, rows: [{ 'first.$': '$.list[0]' }, 'plain', ['x']] };

    // Act
    const payload = evaluatePayloadTemplate(template, scope);

    // Assess
    expect(payload).toEqual({ outer: { inner: true }, rows: [{ first: 1 }, 'plain', ['x']] });
  });

  it('keeps the template key order', () => {
    expect(Object.keys(evaluatePayloadTemplate({ z: 1, 'a.$': '$.name', m: 2 }, scope) as object)).toEqual([
      'z',
      'a',
      'm',
    ]);
  });

  it('returns arrays for indefinite paths, empty when nothing matches', () => {
    expect(evaluatePayloadTemplate({ 'all.$': '$.list[*]', 'none.$': '$.nope[*]' }, scope)).toEqual({
      all: [1, 2, 3],
      none: [],
    });
  });

  it('hands intrinsic calls to the intrinsic evaluator with the scope', () => {
    // Act
    const payload = evaluatePayloadTemplate({ 'greeting.$': "States.Format('Hi {}', $.name)" }, scope);

    // Assess
    expect(payload).toEqual({ greeting: "evaluated States.Format('Hi {}', $.name)" });
    expect(evaluateIntrinsic).toHaveBeenCalledWith("States.Format('Hi {}', $.name)", scope);
  });

  it('does not change the template or the input', () => {
    // Prepare
    const template = { 'a.$': '$.nested', b: [{ 'c.$': '$.name' }] };
    const before = structuredClone({ template, input });

    // Act
    evaluatePayloadTemplate(template, scope);

    // Assess
    expect({ template, input }).toEqual(before);
  });

  it('names the field and shows the input when a path is missing', () => {
    // Act
    const error = thrownBy(() =>
      evaluatePayloadTemplate({ deeper: { 'value.$': '$.missing' } }, { input: { a: 1 }, context }),
    );

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      `The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{"a":1}'`,
    );
  });

  it('shows the context object when a $$ path is missing', () => {
    // Act
    const error = thrownBy(() =>
      evaluatePayloadTemplate({ 'value.$': '$$.Nope' }, { input: {}, context: { State: {} } }),
    );

    // Assess
    expect(error.cause).toBe(
      `The JSONPath '$$.Nope' specified for the field 'value.$' could not be found in the input '{"State":{}}'`,
    );
  });

  it('refuses a $ path on a null input, as AWS does', () => {
    expect(thrownBy(() => evaluatePayloadTemplate({ 'Input.$': '$' }, { input: null, context })).cause).toBe(
      NULL_INPUT_DETAIL,
    );
  });

  it.each([[42], ['no path']])('refuses a .$ field whose value is %p', (value) => {
    expect(thrownBy(() => evaluatePayloadTemplate({ 'x.$': value }, scope)).error).toBe('States.Runtime');
  });
});

describe('recorded single Pass states with Parameters', () => {
  const runs = loadRecordedRuns(
    (entry) => entry.needs.every((need) => need === 'none') && !entry.features.some((f) => f.startsWith('intrinsic')),
  ).filter((run) => {
    const states = Object.values(run.definition.States);
    return states.length === 1 && states[0]?.Type === 'Pass' && states[0].Parameters !== undefined;
  });

  it('finds the recorded cases', () => {
    expect(new Set(runs.map((run) => run.caseId))).toEqual(
      new Set([
        'jsonpath_filter_expression',
        'jsonpath_array_index',
        'jsonpath_wildcard_slice',
        'invalid_jsonpath_runtime_errors',
        'comment_in_parameters',
        'moto_jsonpath_filter_equals',
      ]),
    );
  });

  it.each(runs.map((run) => [`${run.caseId}#${run.run}`, run] as const))('%s', (_, run) => {
    // Prepare
    const state = Object.values(run.definition.States)[0];
    const runScope = { input: run.input, context: { Execution: { Input: run.input } } };
    const { status, output, cause = '', placeholders = [] } = run.expected;

    // Act
    const act = () => evaluatePayloadTemplate(state?.Parameters, runScope);

    // Assess
    if (status === 'SUCCEEDED') {
      const resultPath = state?.ResultPath as string | undefined;
      const recorded = resultPath === undefined ? output : (output as Record<string, unknown>)[resultPath.slice(2)];
      expect(act()).toEqual(recorded);
    } else {
      expect(thrownBy(act).cause).toEqual(withPlaceholders(causeDetail(cause), placeholders));
    }
  });
});
