import { lookupPath } from './paths';
import { runtimeError, StatesError, type EvaluationScope } from './states-error';

/**
 * Choice state rules (JSONPath mode). A data-test rule compares the value at `Variable` with a
 * literal operand, or with the value at another path for the `...Path` operators. A value of the
 * wrong type for the operator (a number for StringEquals, `"1"` for NumericEquals, a string that
 * is not an RFC 3339 timestamp for TimestampEquals...) makes the rule false, never an error. A
 * `Variable` (or `...Path` operand) that does not exist is an error, except for `IsPresent`.
 */

/** One choice rule: a boolean combination (`And`/`Or`/`Not`) or a data-test with one operator. */
export interface ChoiceRule {
  readonly Variable?: string;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  /** Only on top-level rules: the state to go to when the rule matches. */
  readonly Next?: string;
  /** The operator and its operand, e.g. `StringEquals: "x"` or `NumericLessThanPath: "$.max"`. */
  readonly [operator: string]: unknown;
}

/** The fields of a Choice state that decide where it goes. */
export interface ChoiceState {
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
}

/**
 * Detail of the `States.NoChoiceMatched` error. Not in the recorded corpus: the wording is ours,
 * only the error name is AWS's.
 */
export const NO_CHOICE_MATCHED_CAUSE = 'No Choice Rule matched and no Default state was specified.';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const COMPARISON =
  /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/;
const NON_OPERATOR_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', 'Output']);

const TYPE_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  IsNull: (value) => value === null,
  IsNumeric: (value) => typeof value === 'number',
  IsString: (value) => typeof value === 'string',
  IsBoolean: (value) => typeof value === 'boolean',
  IsTimestamp: (value) => typeof value === 'string' && parseTimestamp(value) !== undefined,
};

/**
 * Returns the `Next` of the first matching rule, else the state's `Default`.
 *
 * @throws StatesError `States.NoChoiceMatched` when nothing matches and there is no Default;
 *   `States.Runtime` when a rule reads a path that does not exist.
 */
export function findMatchingChoice(state: ChoiceState, scope: EvaluationScope): string {
  for (const rule of state.Choices) {
    if (!evaluateChoiceRule(rule, scope)) continue;
    if (typeof rule.Next !== 'string') throw runtimeError('A top-level choice rule must have a Next field');
    return rule.Next;
  }
  if (state.Default !== undefined) return state.Default;
  throw new StatesError('States.NoChoiceMatched', NO_CHOICE_MATCHED_CAUSE);
}

/**
 * Evaluates one rule against `scope` (`$` = the Choice state's effective input).
 *
 * @throws StatesError `States.Runtime`
 *   `Invalid path '$.x': The choice state's condition path references an invalid value.`
 */
export function evaluateChoiceRule(rule: ChoiceRule, scope: EvaluationScope): boolean {
  // Short-circuits like AWS: a later rule's missing path is not reached once the outcome is known.
  if (rule.And !== undefined) return rule.And.every((inner) => evaluateChoiceRule(inner, scope));
  if (rule.Or !== undefined) return rule.Or.some((inner) => evaluateChoiceRule(inner, scope));
  if (rule.Not !== undefined) return !evaluateChoiceRule(rule.Not, scope);

  const operator = Object.keys(rule).find((key) => !NON_OPERATOR_FIELDS.has(key));
  if (typeof rule.Variable !== 'string' || operator === undefined) {
    throw runtimeError('A choice rule needs And, Or, Not, or a Variable with a comparison operator');
  }
  const operand = rule[operator];
  if (operator === 'IsPresent') return lookupPath(rule.Variable, scope).found === (operand === true);

  const value = readConditionPath(rule.Variable, scope);
  const typeTest = TYPE_TESTS[operator];
  if (typeTest !== undefined) return typeTest(value) === (operand === true);
  if (operator === 'StringMatches') {
    return typeof value === 'string' && typeof operand === 'string' && matchesPattern(value, operand);
  }
  const parts = COMPARISON.exec(operator);
  const [, kind, relation, viaPath] = (parts ?? []) as [string?, Kind?, Relation?, string?];
  if (kind === undefined || relation === undefined || (kind === 'Boolean' && relation !== 'Equals')) {
    throw runtimeError(`Unsupported choice rule operator '${operator}'`);
  }
  if (viaPath !== undefined && typeof operand !== 'string') return false;
  const expected = viaPath === undefined ? operand : readConditionPath(operand as string, scope);
  const order = compare(kind, value, expected);
  return order !== undefined && holds(relation, order);
}

/**
 * Matches `StringMatches` patterns: `*` is any run of characters (also none), `\*` a literal
 * asterisk and `\\` a literal backslash. The whole string must match.
 */
export function matchesPattern(value: string, pattern: string): boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\' && index + 1 < pattern.length) {
      index++;
      source += escapeRegExp(pattern[index] as string);
    } else {
      source += char === '*' ? '.*' : escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 'su').test(value);
}

/** A point in time with nanosecond precision, as AWS's Java parser keeps it. */
export interface ParsedTimestamp {
  /** Seconds since the epoch, the offset applied. */
  readonly seconds: number;
  readonly nanos: number;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp as Choice rules accept it: uppercase `T`, a zone (`Z` or `±hh:mm`)
 * required, up to nine fractional digits. Returns `undefined` for anything else, including
 * impossible dates such as `2016-02-30`.
 */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second);
  const isReal =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!isReal || Number(offsetHours) > 18 || Number(offsetMinutes) > 59) return undefined;
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60);
  return { seconds: date.getTime() / 1000 - offsetSeconds, nanos: Number(fraction.padEnd(9, '0')) };
}

function readConditionPath(path: string, scope: EvaluationScope): unknown {
  const lookup = lookupPath(path, scope);
  if (!lookup.found) {
    throw runtimeError(`Invalid path '${path}': The choice state's condition path references an invalid value.`);
  }
  return lookup.value;
}

/** Orders two values of the operator's kind; `undefined` when either has another type. */
function compare(kind: Kind, left: unknown, right: unknown): number | undefined {
  switch (kind) {
    case 'String':
      // UTF-16 code unit order, like Java's String.compareTo.
      return typeof left === 'string' && typeof right === 'string'
        ? left < right
          ? -1
          : left > right
            ? 1
            : 0
        : undefined;
    case 'Numeric':
      return typeof left === 'number' && typeof right === 'number' ? Math.sign(left - right) : undefined;
    case 'Boolean':
      // Only BooleanEquals exists, so "different" just needs to be non-zero.
      return typeof left === 'boolean' && typeof right === 'boolean' ? (left === right ? 0 : 1) : undefined;
    case 'Timestamp': {
      const a = typeof left === 'string' ? parseTimestamp(left) : undefined;
      const b = typeof right === 'string' ? parseTimestamp(right) : undefined;
      return a !== undefined && b !== undefined ? Math.sign(a.seconds - b.seconds || a.nanos - b.nanos) : undefined;
    }
  }
}

function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
