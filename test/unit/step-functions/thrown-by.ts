import { StatesError } from '../../../infra/local/step-functions/asl/states-error';

/** The StatesError an action throws; fails the test when it throws nothing or something else. */
export function thrownBy(act: () => unknown): StatesError {
  try {
    act();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}
