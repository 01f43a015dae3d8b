import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { listWebhookEndpoints } from '../usecases/manage-webhook-endpoints';
import { resolveEndpointDeps } from './endpoint-deps';

/** `GET /webhook-endpoints` */
export const handler = createHttpHandler(async () =>
  jsonResponse(200, await listWebhookEndpoints(resolveEndpointDeps())),
);
