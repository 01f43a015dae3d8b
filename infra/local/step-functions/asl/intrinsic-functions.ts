import { StatesError, type EvaluationScope } from './states-error';

/**
 * Evaluates one intrinsic function call, e.g. `States.Format('Hi {}', $.name)`, as the value of a
 * `Parameters`/`ResultSelector`/`ItemSelector` field whose key ends in `.$`.
 * (Stub: being implemented.)
 */
export function evaluateIntrinsic(expression: string, _scope: EvaluationScope): unknown {
  throw new StatesError('States.Runtime', `intrinsic functions are not implemented yet: ${expression}`);
}

/** True when a `.$` field value is an intrinsic call rather than a path. */
export function isIntrinsicCall(value: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(value.trim());
}
