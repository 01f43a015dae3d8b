import {
  evaluateChoiceRule,
  findMatchingChoice,
  matchesPattern,
  NO_CHOICE_MATCHED_CAUSE,
  parseTimestamp,
  type ChoiceRule,
  type ChoiceState,
} from '../../../infra/local/step-functions/asl/choice-rules';
import { thrownBy } from './thrown-by';
import { loadRecordedRuns, stateEnteredAfter } from './data-flow-corpus';

function matches(rule: Omit<ChoiceRule, 'Variable'>, value: unknown, extra: Record<string, unknown> = {}): boolean {
  return evaluateChoiceRule({ Variable: '$.v', ...rule }, { input: { v: value, ...extra }, context: {} });
}

describe('recorded Choice states', () => {
  const runs = loadRecordedRuns((entry) => entry.id.startsWith('choice_') || entry.id === 'context_object_variable');

  it('covers every recorded choice run', () => {
    expect(runs.length).toBeGreaterThanOrEqual(496);
  });

  it.each(runs.map((run) => [`${run.caseId}#${run.run}`, run] as const))('%s takes the recorded branch', (_, run) => {
    // Prepare
    const choiceName = run.definition.StartAt;
    const state = run.definition.States[choiceName] as unknown as ChoiceState;
    const output = run.expected.output as Record<string, unknown> | undefined;
    const recordedNext = output?.['TestResult.$'] ?? stateEnteredAfter(run.history ?? [], choiceName);

    // Act
    const next = findMatchingChoice(state, { input: run.input, context: { Execution: { Input: run.input } } });

    // Assess
    expect(recordedNext).toBeDefined();
    expect(next).toBe(recordedNext);
  });
});

describe('findMatchingChoice', () => {
  const state: ChoiceState = {
    Choices: [
      { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
      { Variable: '$.n', NumericGreaterThan: 5, Next: 'Medium' },
    ],
    Default: 'Small',
  };

  it.each([
    [20, 'Big'],
    [7, 'Medium'],
    [1, 'Small'],
  ])('sends %i to %s (first match wins)', (n, expected) => {
    expect(findMatchingChoice(state, { input: { n }, context: {} })).toBe(expected);
  });

  it('fails with States.NoChoiceMatched without a Default', () => {
    // Act
    const error = thrownBy(() => findMatchingChoice({ Choices: state.Choices }, { input: { n: 1 }, context: {} }));

    // Assess
    expect(error.error).toBe('States.NoChoiceMatched');
    expect(error.cause).toBe(NO_CHOICE_MATCHED_CAUSE);
  });
});

describe('evaluateChoiceRule: paths', () => {
  it.each([
    [{ StringEquals: 'x' }],
    [{ IsNull: true }],
    [{ IsString: false }],
    [{ Not: { Variable: '$.missing', BooleanEquals: true } }],
  ])('fails like AWS when the variable is missing: %p', (operator) => {
    // Prepare
    const rule = 'Not' in operator ? operator : { Variable: '$.missing', ...operator };

    // Act
    const error = thrownBy(() => evaluateChoiceRule(rule as ChoiceRule, { input: {}, context: {} }));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "Invalid path '$.missing': The choice state's condition path references an invalid value.",
    );
  });

  it('fails when a ...Path operand is missing', () => {
    expect(thrownBy(() => matches({ NumericEqualsPath: '$.other' }, 1)).cause).toBe(
      "Invalid path '$.other': The choice state's condition path references an invalid value.",
    );
  });

  it('answers IsPresent for missing paths instead of failing', () => {
    expect(evaluateChoiceRule({ Variable: '$.missing', IsPresent: false }, { input: {}, context: {} })).toBe(true);
    expect(evaluateChoiceRule({ Variable: '$.missing', IsPresent: true }, { input: {}, context: {} })).toBe(false);
    expect(matches({ IsPresent: true }, null)).toBe(true);
  });

  it('reads the context object with $$', () => {
    expect(
      evaluateChoiceRule(
        { Variable: '$$.State.Name', StringEquals: 'S' },
        { input: {}, context: { State: { Name: 'S' } } },
      ),
    ).toBe(true);
  });

  it('short-circuits And/Or, so a later missing path is not read', () => {
    // Prepare
    const missing = { Variable: '$.missing', StringEquals: 'x' };

    // Act / Assess
    expect(
      evaluateChoiceRule({ And: [{ Variable: '$.v', IsNull: false }, missing] }, { input: { v: null }, context: {} }),
    ).toBe(false);
    expect(
      evaluateChoiceRule({ Or: [{ Variable: '$.v', IsNull: true }, missing] }, { input: { v: null }, context: {} }),
    ).toBe(true);
  });
});

describe('evaluateChoiceRule: operators and types', () => {
  it.each([
    [{ StringEquals: 'a' }, 'a', true],
    [{ StringEquals: '1' }, 1, false],
    [{ StringLessThan: 'b' }, 'a', true],
    [{ StringLessThan: 'B' }, 'a', false],
    [{ StringGreaterThanEquals: 'a' }, 'a', true],
    [{ StringLessThanEquals: 'a' }, 'ab', false],
    [{ NumericEquals: 1 }, 1.0, true],
    [{ NumericEquals: 1 }, '1', false],
    [{ NumericEquals: 0 }, false, false],
    [{ NumericLessThan: 1 }, 0.5, true],
    [{ NumericGreaterThanEquals: -1 }, -1, true],
    [{ NumericLessThanEquals: 2 }, 3, false],
    [{ BooleanEquals: false }, false, true],
    [{ BooleanEquals: false }, 0, false],
    [{ BooleanEquals: true }, 'true', false],
    [{ TimestampEquals: '2012-10-09T19:00:55Z' }, '2012-10-09T20:00:55+01:00', true],
    [{ TimestampLessThan: '2012-10-09T19:00:55.001Z' }, '2012-10-09T19:00:55Z', true],
    [{ TimestampGreaterThan: '2012-10-09T19:00:55.0000001Z' }, '2012-10-09T19:00:55.0000002Z', true],
    [{ TimestampEquals: '2012-10-09T19:00:55Z' }, '2012-10-09T19:00:55', false],
    [{ TimestampLessThanEquals: '2012-10-09T19:00:55Z' }, 1349809255, false],
    [{ IsTimestamp: true }, '2016-03-14T01:59:00Z', true],
    [{ IsTimestamp: true }, '2016-03-14T01:59:00', false],
    [{ IsTimestamp: true }, '2016-02-30T01:59:00Z', false],
    [{ IsTimestamp: false }, 'nope', true],
    [{ IsNumeric: true }, 0, true],
    [{ IsString: true }, '', true],
    [{ IsBoolean: true }, false, true],
    [{ IsNull: false }, 0, true],
  ])('%p with %p is %p', (operator, value, expected) => {
    expect(matches(operator, value)).toBe(expected);
  });

  it.each([
    ['StringEqualsPath', 'a', 'a', true],
    ['StringEqualsPath', 'a', 1, false],
    ['NumericGreaterThanPath', 3, 2, true],
    ['BooleanEqualsPath', true, true, true],
    ['TimestampLessThanPath', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', true],
    ['TimestampEqualsPath', '2020-01-01T00:00:00Z', 'not a date', false],
  ])('%s compares %p with the value at the operand path (%p): %p', (operator, value, other, expected) => {
    expect(matches({ [operator]: '$.other' }, value, { other })).toBe(expected);
  });

  it('evaluates And, Or and Not', () => {
    // Prepare
    const inTwenties = {
      And: [
        { Variable: '$.v', NumericGreaterThanEquals: 20 },
        { Variable: '$.v', NumericLessThan: 30 },
      ],
    };

    // Act / Assess
    expect(evaluateChoiceRule(inTwenties, { input: { v: 22 }, context: {} })).toBe(true);
    expect(evaluateChoiceRule({ Not: inTwenties }, { input: { v: 22 }, context: {} })).toBe(false);
    expect(evaluateChoiceRule({ Or: [{ Not: inTwenties }] }, { input: { v: 40 }, context: {} })).toBe(true);
  });

  it('rejects unknown operators', () => {
    expect(thrownBy(() => matches({ BooleanLessThan: true }, true)).error).toBe('States.Runtime');
    expect(thrownBy(() => matches({ Nonsense: 1 }, true)).error).toBe('States.Runtime');
  });
});

describe('matchesPattern (StringMatches)', () => {
  it.each([
    ['log-*.txt', 'log-2024.txt', true],
    ['log-*.txt', 'log-.txt', true],
    ['log-*.txt', 'log-2024.csv', false],
    ['*', '', true],
    ['a*b*c', 'axxbyyc', true],
    ['a.c', 'abc', false],
    ['100\\*', '100*', true],
    ['100\\*', '1000', false],
    ['back\\\\slash', 'back\\slash', true],
    ['x*', 'x\nline', true],
    ['(a)+[b]', '(a)+[b]', true],
  ])('%j against %j is %j', (pattern, value, expected) => {
    expect(matchesPattern(value, pattern)).toBe(expected);
  });

  it('only applies to strings', () => {
    expect(matches({ StringMatches: '*' }, 5)).toBe(false);
    expect(matches({ StringMatches: '*' }, 'anything')).toBe(true);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2016-03-14T01:59:00Z', true],
    ['2016-03-14T01:59:00.123456789+05:30', true],
    ['2016-03-14t01:59:00z', false],
    ['2016-03-14 01:59:00Z', false],
    ['2016-03-14T24:00:00Z', false],
    ['2016-13-05T21:29:29Z', false],
    ['2016-02-29T00:00:00Z', true],
    ['2015-02-29T00:00:00Z', false],
    ['2016-03-14T01:59:00.1234567890Z', false],
    ['05-12-2016T21:29:29Z', false],
  ])('%s is valid: %p', (text, valid) => {
    expect(parseTimestamp(text) !== undefined).toBe(valid);
  });

  it('applies the offset', () => {
    expect(parseTimestamp('1970-01-01T01:00:00+01:00')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseTimestamp('1970-01-01T00:00:01.5Z')).toEqual({ seconds: 1, nanos: 500_000_000 });
  });
});
