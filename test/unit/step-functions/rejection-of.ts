import { SfnServiceError } from '../../../infra/local/step-functions/service/sfn-api';

/** The SfnServiceError a call rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<SfnServiceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SfnServiceError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}
