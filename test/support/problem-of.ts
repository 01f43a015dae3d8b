import { ProblemError } from '../../functions/commons/http/problem';

/** The problem a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}
