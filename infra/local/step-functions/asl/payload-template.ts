import { evaluateIntrinsic, isIntrinsicCall } from './intrinsic-functions';
import { isPlainObject, readFieldPath } from './paths';
import { runtimeError, type EvaluationScope } from './states-error';

/**
 * Payload templates: the values of `Parameters`, `ResultSelector`, `ItemSelector` (and the legacy
 * Map `Parameters`). A field whose name ends in `.$` is dynamic: its value is a path (`$...` over
 * the input, `$$...` over the context object) or an intrinsic function call, and the field is
 * emitted without the `.$` suffix. Every other value is copied as is. Objects are processed at any
 * depth, including objects inside arrays.
 */

const DYNAMIC_SUFFIX = '.$';

/**
 * Produces the payload of `template` against `scope`. Never mutates the template or the scope;
 * values selected by paths are shared with the input, so callers must not mutate the result.
 *
 * @throws StatesError `States.Runtime` with AWS's detail, e.g.
 *   `The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{"a":1}'`.
 */
export function evaluatePayloadTemplate(template: unknown, scope: EvaluationScope): unknown {
  if (Array.isArray(template)) return template.map((item) => evaluatePayloadTemplate(item, scope));
  if (!isPlainObject(template)) return template;
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(DYNAMIC_SUFFIX)) {
      payload[key.slice(0, -DYNAMIC_SUFFIX.length)] = evaluateDynamicField(key, value, scope);
    } else {
      payload[key] = evaluatePayloadTemplate(value, scope);
    }
  }
  return payload;
}

/**
 * The value of one `.$` field: an intrinsic call or a path. A path with no match fails with the
 * field name (suffix included) and the JSON it was looked up in, which for `$$` paths is the
 * context object.
 */
export function evaluateDynamicField(key: string, expression: unknown, scope: EvaluationScope): unknown {
  if (typeof expression !== 'string') {
    throw runtimeError(`The value of the field '${key}' must be a JSONPath or an intrinsic function`);
  }
  if (isIntrinsicCall(expression)) return evaluateIntrinsic(expression, scope);
  if (!expression.startsWith('$')) {
    throw runtimeError(`The value of the field '${key}' must be a JSONPath or an intrinsic function`);
  }
  return readFieldPath(key, expression, scope);
}
