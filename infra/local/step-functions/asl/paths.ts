import { JSONPath } from 'jsonpath-plus';
import { runtimeError, StatesError, type EvaluationScope } from './states-error';

/**
 * JSONPath evaluation with AWS's semantics.
 *
 * AWS evaluates paths with Jayway JsonPath, so its error texts are Jayway's: a missing leaf of a
 * reference path reads `No results for path: $['a']['b']`, a missing intermediate property
 * `Missing property in path $['a']`. Paths with wildcards, slices, filters or scans are
 * "indefinite": they always yield an array, empty when nothing matches, and never fail.
 */

/** The outcome of looking a path up without failing: the value, or Jayway's reason it is missing. */
export type PathLookup = { found: true; value: unknown } | { found: false; reason: string };

/** What AWS says when a `$` path is applied to a `null` state input. */
export const NULL_INPUT_DETAIL = 'Unable to apply Path transformation to null or empty input.';

/** Segments jsonpath-plus parses that can select more than one node. */
const INDEFINITE_SEGMENT = /^(?:\*|\.\.|\?\(.*\)|\(.*\)|-?\d*:-?\d*(?::-?\d*)?|.*,.*|[~^@$])$/s;
const INDEX_SEGMENT = /^-?\d+$/;

/** True for a `$$...` path, which addresses the context object rather than the state input. */
export function isContextPath(path: string): boolean {
  return path.startsWith('$$');
}

/** The JSON value a path is evaluated against: the context object for `$$`, else the input. */
export function pathRoot(path: string, scope: EvaluationScope): unknown {
  return isContextPath(path) ? scope.context : scope.input;
}

/**
 * True when the path can select at most one node (a Reference Path): only property names and
 * single array indexes, no wildcards, slices, unions, filters or scans.
 */
export function isReferencePath(path: string): boolean {
  return segmentsOf(path).every((segment) => !INDEFINITE_SEGMENT.test(segment));
}

/**
 * Looks a path up in `scope` without throwing for a missing node. A reference path is found when
 * its node exists (a `null` value counts); an indefinite path is always found, as an array.
 */
export function lookupPath(path: string, scope: EvaluationScope): PathLookup {
  const root = pathRoot(path, scope);
  const segments = segmentsOf(path);
  if (segments.some((segment) => INDEFINITE_SEGMENT.test(segment))) {
    return { found: true, value: queryAll(path, root) };
  }
  return walkReference(root, segments);
}

/**
 * Evaluates a path (InputPath, OutputPath, ItemsPath, `...Path` fields) and fails like AWS when
 * the node is missing: `Invalid path '$.x' : No results for path: $['x']`.
 */
export function evaluatePath(path: string, scope: EvaluationScope): unknown {
  assertInputApplicable(path, scope);
  const lookup = lookupPath(path, scope);
  if (!lookup.found) throw runtimeError(`Invalid path '${path}' : ${lookup.reason}`);
  return lookup.value;
}

/**
 * AWS refuses to apply any `$` path to a `null` state input, even `$` itself, before looking at
 * the path. `$$` paths read the context object and are unaffected.
 */
export function assertInputApplicable(path: string, scope: EvaluationScope): void {
  if (!isContextPath(path) && scope.input === null) throw runtimeError(NULL_INPUT_DETAIL);
}

/**
 * Places `result` into `input` as ResultPath does, without mutating either: `null` keeps the input,
 * `$` (or no ResultPath) replaces it, `$.a.b` sets the field in a copy, creating missing objects on
 * the way. An input (or intermediate value) that is not an object fails with
 * `States.ReferencePathConflict`, as on AWS.
 */
export function writeResultPath(input: unknown, resultPath: string | null | undefined, result: unknown): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  if (isContextPath(resultPath) || !resultPath.startsWith('$') || !isReferencePath(resultPath)) {
    throw runtimeError(`Invalid path '${resultPath}' : ResultPath must be a reference path`);
  }
  const segments = segmentsOf(resultPath);
  const [first] = segments;
  if (!isPlainObject(input) && !(Array.isArray(input) && first !== undefined && INDEX_SEGMENT.test(first))) {
    throw conflict(`Unable to apply ReferencePath ${resultPath} to input ${JSON.stringify(input)}`);
  }
  return setIn(input, segments, result, (step) =>
    conflict(`Unable to apply step "${step}" to input ${JSON.stringify(input)}`),
  );
}

/** A plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conflict(detail: string): StatesError {
  return new StatesError('States.ReferencePathConflict', detail);
}

function segmentsOf(path: string): string[] {
  const local = isContextPath(path) ? path.slice(1) : path;
  if (!local.startsWith('$')) throw runtimeError(`Invalid path '${path}'`);
  if (local === '$') return [];
  // toPathArray returns a cached array: copy before use.
  return JSONPath.toPathArray(local).slice(1);
}

function queryAll(path: string, root: unknown): unknown[] {
  const local = isContextPath(path) ? path.slice(1) : path;
  try {
    const matches: unknown = JSONPath({ path: local, json: root as object, wrap: true });
    return Array.isArray(matches) ? matches : [];
  } catch (error) {
    throw runtimeError(`Invalid path '${path}' : ${(error as Error).message}`);
  }
}

/** Follows a reference path token by token, producing Jayway's message for the first miss. */
function walkReference(root: unknown, segments: readonly string[]): PathLookup {
  const fullPath = '$' + segments.map(formatSegment).join('');
  let current = root;
  let at = '$';
  for (const [index, segment] of segments.entries()) {
    const isLeaf = index === segments.length - 1;
    if (Array.isArray(current) && INDEX_SEGMENT.test(segment)) {
      const position = Number(segment) < 0 ? current.length + Number(segment) : Number(segment);
      // Jayway ignores an out-of-range index, so the read ends with "No results".
      if (position < 0 || position >= current.length) {
        return { found: false, reason: `No results for path: ${fullPath}` };
      }
      at += formatSegment(segment);
      current = current[position];
    } else if (isPlainObject(current)) {
      at += `['${segment}']`;
      if (!Object.hasOwn(current, segment)) {
        const reason = isLeaf ? `No results for path: ${fullPath}` : `Missing property in path ${at}`;
        return { found: false, reason };
      }
      current = current[segment];
    } else {
      return { found: false, reason: notAContainer(current, segment, at) };
    }
  }
  return { found: true, value: current };
}

function formatSegment(segment: string): string {
  return INDEX_SEGMENT.test(segment) ? `[${segment}]` : `['${segment}']`;
}

/** Jayway's wording when a token meets a value it cannot descend into. */
function notAContainer(value: unknown, segment: string, at: string): string {
  if (INDEX_SEGMENT.test(segment)) {
    if (value === null) return `The path ${at} is null`;
    return `Filter: [${segment}] can only be applied to arrays. Current context is: ${JSON.stringify(value)}`;
  }
  return (
    `Expected to find an object with property ['${segment}'] in path ${at} but found '${javaClassOf(value)}'. ` +
    "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."
  );
}

function javaClassOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'net.minidev.json.JSONArray';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double';
  return 'java.lang.Object';
}

function setIn(
  node: unknown,
  segments: readonly string[],
  value: unknown,
  fail: (step: string) => StatesError,
): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  if (Array.isArray(node) && INDEX_SEGMENT.test(head)) {
    const position = Number(head) < 0 ? node.length + Number(head) : Number(head);
    if (position < 0 || position >= node.length) throw fail(head);
    const copy = [...node];
    copy[position] = descend(node[position], rest, value, fail, head);
    return copy;
  }
  if (!isPlainObject(node)) throw fail(head);
  // A missing intermediate field is created as an empty object, as the ASL spec requires.
  const child = Object.hasOwn(node, head) ? node[head] : rest.length > 0 ? {} : undefined;
  // A computed key defines an own property even for "__proto__".
  return { ...node, [head]: descend(child, rest, value, fail, head) };
}

function descend(
  child: unknown,
  rest: readonly string[],
  value: unknown,
  fail: (step: string) => StatesError,
  step: string,
): unknown {
  if (rest.length === 0) return value;
  const [next] = rest;
  const canDescend = isPlainObject(child) || (Array.isArray(child) && next !== undefined && INDEX_SEGMENT.test(next));
  if (!canDescend) throw fail(step);
  return setIn(child, rest, value, fail);
}

/**
 * Reads the path a named field holds (a `.$` template field, ErrorPath, CausePath). A path with no
 * match fails naming the field and the JSON it was looked up in (the context object for `$$`).
 */
export function readFieldPath(field: string, path: string, scope: EvaluationScope): unknown {
  assertInputApplicable(path, scope);
  const lookup = lookupPath(path, scope);
  if (lookup.found) return lookup.value;
  const searched = JSON.stringify(pathRoot(path, scope));
  throw runtimeError(
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${searched}'`,
  );
}
