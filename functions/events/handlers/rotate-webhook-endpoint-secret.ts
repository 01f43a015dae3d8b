import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { readPathParameter } from '../../commons/http/parse-request';
import { rotateWebhookEndpointSecret } from '../usecases/manage-webhook-endpoints';
import { resolveEndpointDeps } from './endpoint-deps';

/** `POST /webhook-endpoints/{endpointId}/secret/rotate` */
export const handler = createHttpHandler(
  async (event) =>
    jsonResponse(200, await rotateWebhookEndpointSecret(resolveEndpointDeps(), readPathParameter(event, 'endpointId'))),
  { middlewares: [idempotentOnKey('rotate-webhook-endpoint-secret')] },
);
