import { SFNClient } from '@aws-sdk/client-sfn';

/** An SDK client for a local stack's Step Functions endpoint. */
export function createSfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A role ARN for local state machines (not checked locally). */
export const localRoleArn = 'arn:aws:iam::000000000000:role/trustflow-test';

/** The task token a waiting task was given, read from the TaskScheduled event's parameters. */
export function findTaskToken(
  events: { type?: string; taskScheduledEventDetails?: { parameters?: string } }[],
): string {
  const scheduled = [...events].reverse().find((event) => event.type === 'TaskScheduled');
  const token = /"token":"([^"]+)"/.exec(scheduled?.taskScheduledEventDetails?.parameters ?? '')?.[1];
  if (!token) throw new Error('no task token in the history');
  return token;
}
