import { SFNClient } from '@aws-sdk/client-sfn';

/** Step Functions client at module scope; endpoint from AWS_ENDPOINT_URL_SFN when set. */
export const sfnClient = new SFNClient({});
