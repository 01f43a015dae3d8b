import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { readWebhookTargetPolicy } from '../models/webhook-target';
import type { EndpointDeps } from '../usecases/manage-webhook-endpoints';

/** The endpoint store and target policy, wired from the environment. */
export function resolveEndpointDeps(): EndpointDeps {
  return {
    endpoints: { db: documentClient, tableName: getConfig().tableName },
    now,
    targets: readWebhookTargetPolicy(),
  };
}
