import { evaluateIntrinsic, isIntrinsicCall } from './intrinsic-functions';
import { evaluatePayloadTemplate } from './payload-template';
import { evaluatePath, readFieldPath, writeResultPath } from './paths';

/**
 * The JSONPath-mode data-flow pipeline of a state:
 *
 *   raw input → InputPath → Parameters → (state work) → ResultSelector → ResultPath → OutputPath
 *
 * Each step takes the field's value as written in the definition (`undefined` when absent, `null`
 * when the definition says `null`) and the context object `$$` refers to. None mutates its inputs.
 */

/**
 * Selects the effective input. Absent or `$` keeps the raw input; `null` gives `{}`.
 *
 * @throws StatesError `States.Runtime` `Invalid path '$.x' : No results for path: $['x']`.
 */
export function applyInputPath(inputPath: string | null | undefined, rawInput: unknown, context: unknown): unknown {
  return selectPath(inputPath, rawInput, context);
}

/** Builds the state's effective input from the `Parameters` template; absent keeps the input. */
export function applyParameters(parameters: unknown, input: unknown, context: unknown): unknown {
  return parameters === undefined ? input : evaluatePayloadTemplate(parameters, { input, context });
}

/** Reshapes a state's result with the `ResultSelector` template (`$` is the result); absent keeps it. */
export function applyResultSelector(resultSelector: unknown, result: unknown, context: unknown): unknown {
  return resultSelector === undefined ? result : evaluatePayloadTemplate(resultSelector, { input: result, context });
}

/**
 * Combines the raw input with the result: absent or `$` gives the result, `null` the raw input,
 * `$.a.b` a copy of the raw input with the result at that place (missing objects created).
 *
 * @throws StatesError `States.ReferencePathConflict`
 *   `Unable to apply ReferencePath $.a to input "text"` when the raw input is not an object.
 */
export function applyResultPath(resultPath: string | null | undefined, rawInput: unknown, result: unknown): unknown {
  return writeResultPath(rawInput, resultPath, result);
}

/**
 * Selects the effective output. Absent or `$` keeps the output; `null` gives `{}`.
 *
 * @throws StatesError `States.Runtime` `Invalid path '$.a.b' : Missing property in path $['a']`.
 */
export function applyOutputPath(outputPath: string | null | undefined, output: unknown, context: unknown): unknown {
  return selectPath(outputPath, output, context);
}

/**
 * Resolves a single-value path field whose miss AWS reports with the field name, such as a Fail
 * state's `ErrorPath`/`CausePath` (which may also be an intrinsic call).
 *
 * @throws StatesError `States.Runtime` `The JSONPath '$.x' specified for the field 'ErrorPath' could not
 *   be found in the input '{"a":1}'` (the context object's JSON for a `$$` path).
 */
export function resolveFieldPath(field: string, path: string, input: unknown, context: unknown): unknown {
  const scope = { input, context };
  if (isIntrinsicCall(path)) return evaluateIntrinsic(path, scope);
  return readFieldPath(field, path, scope);
}

function selectPath(path: string | null | undefined, value: unknown, context: unknown): unknown {
  if (path === null) return {};
  // The implicit "$" is never evaluated, so a null value passes through untouched.
  if (path === undefined || path === '$') return value;
  return evaluatePath(path, { input: value, context });
}
