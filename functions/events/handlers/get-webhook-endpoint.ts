import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { getWebhookEndpoint } from '../usecases/manage-webhook-endpoints';
import { resolveEndpointDeps } from './endpoint-deps';

/** `GET /webhook-endpoints/{endpointId}` */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(200, await getWebhookEndpoint(resolveEndpointDeps(), readPathParameter(event, 'endpointId'))),
);
