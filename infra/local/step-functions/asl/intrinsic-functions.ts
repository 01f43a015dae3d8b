import { createHash, randomInt, randomUUID } from 'node:crypto';
import { JSONPath } from 'jsonpath-plus';
import { parseIntrinsic, type IntrinsicArgument, type IntrinsicCall } from './intrinsic-parser';
import { runtimeError, type EvaluationScope, type StatesError } from './states-error';

/**
 * Evaluates one intrinsic function call, e.g. `States.Format('Hi {}', $.name)`, as the value of a
 * `Parameters`/`ResultSelector`/`ItemSelector` field whose key ends in `.$` (or a Fail state's
 * `ErrorPath`/`CausePath`). Nested calls are evaluated innermost first.
 *
 * @throws {StatesError} `States.Runtime` with AWS's detail text when the call is malformed, a path
 * argument is missing from the input, or a function rejects its arguments.
 */
export function evaluateIntrinsic(expression: string, scope: EvaluationScope): unknown {
  return evaluateCall(parseIntrinsic(expression), scope);
}

/** True when a `.$` field value is an intrinsic call rather than a path. */
export function isIntrinsicCall(value: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(value.trim());
}

/** A function's arity and body. `call` is there for the one function (Format) that reads raw literals. */
interface IntrinsicFunction {
  minArgs: number;
  maxArgs: number;
  apply(args: unknown[], call: IntrinsicCall): unknown;
}

/** Thrown by function bodies; `evaluateCall` turns it into the `States.Runtime` cause AWS records. */
class InvalidArguments extends Error {}

const MAX_STRING_INPUT = 10_000;
const MAX_RANGE_ITEMS = 1000;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function evaluateCall(call: IntrinsicCall, scope: EvaluationScope): unknown {
  const fn = FUNCTIONS[call.name];
  if (fn === undefined) {
    throw runtimeError(`The intrinsic function '${call.name}' is not supported: ${call.source}`);
  }
  const args = call.args.map((arg) => evaluateArgument(arg, call, scope));
  try {
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      invalid(call.name);
    }
    return fn.apply(args, call);
  } catch (error) {
    if (error instanceof InvalidArguments) {
      throw callError(call, error.message);
    }
    throw error;
  }
}

function evaluateArgument(arg: IntrinsicArgument, call: IntrinsicCall, scope: EvaluationScope): unknown {
  switch (arg.kind) {
    case 'call':
      return evaluateCall(arg, scope);
    case 'path':
      return resolvePath(arg.path, call, scope);
    default:
      return arg.value;
  }
}

// The cause names the failing call as written in the definition, as AWS reports it (observed, not in the corpus).
function callError(call: IntrinsicCall, detail: string): StatesError {
  return runtimeError(`There was an error while evaluating the intrinsic function: ${call.source}. ${detail}`);
}

function resolvePath(path: string, call: IntrinsicCall, scope: EvaluationScope): unknown {
  const fromContext = path.startsWith('$$');
  const root = fromContext ? scope.context : scope.input;
  const relative = fromContext ? path.slice(1) : path;
  if (relative === '$') {
    return structuredClone(root);
  }
  const matches = JSONPath({
    path: relative,
    json: root as object | string | number | boolean | null,
    wrap: true,
  }) as unknown[];
  if (isDefinitePath(relative)) {
    if (matches.length === 0) {
      const input = JSON.stringify(scope.input);
      throw callError(call, `The JsonPath argument for the field '${path}' could not be found in the input '${input}'`);
    }
    return structuredClone(matches[0]);
  }
  return structuredClone(matches);
}

// Wildcards, filters, slices, unions and deep scans select a list; anything else names one value.
function isDefinitePath(path: string): boolean {
  return !/\*|\.\.|\[\s*\?|\[[^\]'"]*[:,][^\]'"]*\]/.test(path);
}

function invalid(name: string, detail = ''): never {
  throw new InvalidArguments(`Invalid arguments in ${name}${detail}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayArg(value: unknown, name: string): unknown[] {
  return Array.isArray(value) ? value : invalid(name);
}

function stringArg(value: unknown, name: string): string {
  return typeof value === 'string' ? value : invalid(name);
}

function numberArg(value: unknown, name: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : invalid(name);
}

/** A number made integer the way Java's `(int)` cast does it; most functions truncate. */
function truncatedArg(value: unknown, name: string): number {
  return Math.trunc(numberArg(value, name)) + 0; // `+ 0` turns -0 into 0
}

/** The 10,000-character input limit AWS documents for Hash, Base64Encode and Base64Decode. */
function limitedString(value: unknown, name: string): string {
  const text = stringArg(value, name);
  return text.length > MAX_STRING_INPUT ? invalid(name) : text;
}

function jsonEquals(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index]))
    );
  }
  if (isObject(left) && isObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && jsonEquals(left[key], right[key]))
    );
  }
  return left === right;
}

/** How AWS (a JVM) renders a value inside `States.Format`: `{a=1, b=[x, y]}`, not JSON. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return `[${value.map(formatValue).join(', ')}]`;
  }
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${formatValue(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

type TemplatePart = string | { placeholder: true };

/**
 * Splits a Format template into text and `{}` placeholders. A backslash makes the next character
 * literal (`\{`, `\}`, `\\`); any other brace is an error on AWS.
 */
function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let index = 0; index < template.length; index += 1) {
    const char = template.charAt(index);
    if (char === '\\' && index + 1 < template.length) {
      index += 1;
      text += template.charAt(index);
    } else if (char === '{' && template.charAt(index + 1) === '}') {
      parts.push(text, { placeholder: true });
      text = '';
      index += 1;
    } else if (char === '{' || char === '}') {
      throw new InvalidArguments(
        `Invalid template in States.Format: matching '${char === '{' ? '}' : '{'}' not found for '${char}'.`,
      );
    } else {
      text += char;
    }
  }
  parts.push(text);
  return parts;
}

function format(args: unknown[], call: IntrinsicCall): string {
  const [templateArg] = call.args;
  // A literal template is read with its escapes intact so that `\{` stays text, not a placeholder.
  const template = templateArg?.kind === 'string' ? templateArg.raw : stringArg(args[0], call.name);
  const parts = parseTemplate(template);
  const values = args.slice(1);
  if (parts.filter((part) => typeof part !== 'string').length !== values.length) {
    invalid(call.name, ': number of arguments do not match the occurrences of {}.');
  }
  let next = 0;
  return parts.map((part) => (typeof part === 'string' ? part : formatValue(values[next++]))).join('');
}

function stringToJson(value: unknown): unknown {
  const text = stringArg(value, 'States.StringToJson');
  // AWS answers null for an empty or blank string instead of failing.
  if (text.trim() === '') {
    return null;
  }
  try {
    return JSON.parse(text, (_key, parsed: unknown) => (parsed === 0 ? 0 : parsed));
  } catch {
    return invalid('States.StringToJson');
  }
}

function arrayPartition(values: unknown, size: unknown): unknown[][] {
  const array = arrayArg(values, 'States.ArrayPartition');
  const chunk = truncatedArg(size, 'States.ArrayPartition');
  if (chunk < 1) {
    invalid('States.ArrayPartition');
  }
  const chunks: unknown[][] = [];
  for (let index = 0; index < array.length; index += chunk) {
    chunks.push(array.slice(index, index + chunk));
  }
  return chunks;
}

function arrayRange(first: unknown, last: unknown, increment: unknown): number[] {
  const name = 'States.ArrayRange';
  const [start, end, step] = [truncatedArg(first, name), truncatedArg(last, name), truncatedArg(increment, name)];
  if (step === 0) {
    invalid(name);
  }
  const count = Math.max(0, Math.floor((end - start) / step) + 1);
  if (count > MAX_RANGE_ITEMS) {
    invalid(name);
  }
  return Array.from({ length: count }, (_, index) => start + index * step);
}

function arrayGetItem(values: unknown, position: unknown): unknown {
  const array = arrayArg(values, 'States.ArrayGetItem');
  const index = truncatedArg(position, 'States.ArrayGetItem');
  if (index < 0) {
    invalid('States.ArrayGetItem');
  }
  // Observed on AWS: any index into an empty array yields null rather than an out-of-bounds error.
  if (array.length === 0) {
    return null;
  }
  return index < array.length ? array[index] : invalid('States.ArrayGetItem');
}

function hash(data: unknown, algorithm: unknown): string {
  const name = 'States.Hash';
  // AWS hashes a non-string value's text rather than rejecting it.
  const text = limitedString(typeof data === 'string' ? data : JSON.stringify(data), name);
  const digest = HASH_ALGORITHMS[stringArg(algorithm, name)] ?? invalid(name);
  return createHash(digest).update(text, 'utf8').digest('hex');
}

function jsonMerge(left: unknown, right: unknown, deep: unknown): Record<string, unknown> {
  // Only shallow merging exists on AWS; `true` asks for the deep mode it does not implement.
  if (!isObject(left) || !isObject(right) || deep === true) {
    invalid('States.JsonMerge');
  }
  return { ...left, ...right };
}

function mathAdd(left: unknown, right: unknown): number {
  const name = 'States.MathAdd';
  // Java's Math.round (half up), which is also JavaScript's; the operands and the sum are 32-bit ints.
  const [a, b] = [Math.round(numberArg(left, name)), Math.round(numberArg(right, name))];
  const sum = a + b + 0;
  return [a, b, sum].every((n) => n >= INT32_MIN && n <= INT32_MAX) ? sum : invalid(name);
}

function mathRandom(args: unknown[]): number {
  const name = 'States.MathRandom';
  const [start, end] = [truncatedArg(args[0], name), truncatedArg(args[1], name)];
  const bound = end - start;
  if (start < INT32_MIN || end > INT32_MAX || bound <= 0 || bound > INT32_MAX) {
    invalid(name);
  }
  if (args.length < 3) {
    return randomInt(start, end);
  }
  return start + new JavaRandom(BigInt(truncatedArg(args[2], name))).nextInt(bound);
}

/** Tokenises like Java's StringTokenizer: every delimiter character splits, and empty tokens are dropped. */
function stringSplit(value: unknown, delimiters: unknown): string[] {
  const text = stringArg(value, 'States.StringSplit');
  const separators = new Set(stringArg(delimiters, 'States.StringSplit'));
  const tokens: string[] = [];
  let token = '';
  for (const char of text) {
    if (separators.has(char)) {
      if (token !== '') tokens.push(token);
      token = '';
    } else {
      token += char;
    }
  }
  return token === '' ? tokens : [...tokens, token];
}

/**
 * java.util.Random, because AWS seeds MathRandom with it: `States.MathRandom(-5, 5, 42)` gives -5 on
 * AWS, as `new Random(42).nextInt(10)` gives 0.
 */
class JavaRandom {
  private static readonly MULTIPLIER = 0x5deece66dn;
  private static readonly MASK = (1n << 48n) - 1n;
  private seed: bigint;

  constructor(seed: bigint) {
    this.seed = (seed ^ JavaRandom.MULTIPLIER) & JavaRandom.MASK;
  }

  nextInt(bound: number): number {
    let bits = this.next(31);
    const max = bound - 1;
    if ((bound & max) === 0) {
      return Number((BigInt(bound) * BigInt(bits)) >> 31n);
    }
    // Java rejects the top partial bucket (detected by int overflow) so that every result is equally likely.
    let candidate = bits;
    while (((candidate - (bits = candidate % bound) + max) | 0) < 0) {
      candidate = this.next(31);
    }
    return bits;
  }

  private next(bits: number): number {
    this.seed = (this.seed * JavaRandom.MULTIPLIER + 0xbn) & JavaRandom.MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
}

function fixed(arity: number, apply: (...args: unknown[]) => unknown): IntrinsicFunction {
  return { minArgs: arity, maxArgs: arity, apply: (args) => apply(...args) };
}

const FUNCTIONS: Record<string, IntrinsicFunction> = {
  'States.Format': { minArgs: 1, maxArgs: Infinity, apply: format },
  'States.StringToJson': fixed(1, stringToJson),
  'States.JsonToString': fixed(1, (value) => JSON.stringify(value)),
  'States.Array': { minArgs: 0, maxArgs: Infinity, apply: (args) => args },
  'States.ArrayPartition': fixed(2, arrayPartition),
  'States.ArrayContains': fixed(2, (array, value) =>
    arrayArg(array, 'States.ArrayContains').some((item) => jsonEquals(item, value)),
  ),
  'States.ArrayRange': fixed(3, arrayRange),
  'States.ArrayGetItem': fixed(2, arrayGetItem),
  'States.ArrayLength': fixed(1, (array) => arrayArg(array, 'States.ArrayLength').length),
  'States.ArrayUnique': fixed(1, (array) =>
    arrayArg(array, 'States.ArrayUnique').filter((item, index, all) =>
      all.slice(0, index).every((earlier) => !jsonEquals(earlier, item)),
    ),
  ),
  'States.Base64Encode': fixed(1, (value) =>
    Buffer.from(limitedString(value, 'States.Base64Encode'), 'utf8').toString('base64'),
  ),
  // Node's decoder skips characters outside the alphabet, as AWS's lenient decoder does.
  'States.Base64Decode': fixed(1, (value) =>
    Buffer.from(limitedString(value, 'States.Base64Decode'), 'base64').toString('utf8'),
  ),
  'States.Hash': fixed(2, hash),
  'States.JsonMerge': fixed(3, jsonMerge),
  'States.MathRandom': { minArgs: 2, maxArgs: 3, apply: mathRandom },
  'States.MathAdd': fixed(2, mathAdd),
  'States.StringSplit': fixed(2, stringSplit),
  'States.UUID': fixed(0, () => randomUUID()),
};
