/**
 * The case is not in a state the workflow step can act on. The state machine does not retry it (the
 * state will not change by waiting) and records it on the case.
 */
export class CaseStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseStateError';
  }
}
