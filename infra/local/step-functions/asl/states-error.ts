/**
 * An ASL error: the `Error` and `Cause` a state fails with, matched by Retry/Catch `ErrorEquals`.
 *
 * Evaluators (paths, intrinsics, templates, choice rules) throw it with the *detail* of a runtime
 * error, e.g. `Invalid path '$.x' : Missing property in path $['x']`. The engine, which knows the state
 * name and the event id it was entered at, prefixes AWS's wording:
 * `An error occurred while executing the state 'X' (entered at the event id #2). <detail>`.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** A `States.Runtime` error with the given detail. */
export function runtimeError(detail: string): StatesError {
  return new StatesError('States.Runtime', detail);
}

/** What `$` and `$$` mean while evaluating a path, template or intrinsic. */
export interface EvaluationScope {
  /** The value `$` refers to. */
  input: unknown;
  /** The context object `$$` refers to (Execution, StateMachine, State, Task, Map...). */
  context: unknown;
}
