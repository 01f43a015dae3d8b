import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { createWebhookEndpointSchema } from '../models/webhook-endpoint';
import { createWebhookEndpoint } from '../usecases/manage-webhook-endpoints';
import { resolveEndpointDeps } from './endpoint-deps';

/** `POST /webhook-endpoints` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const request = parseJsonBody(event, createWebhookEndpointSchema);
    const created = await createWebhookEndpoint(resolveEndpointDeps(), requirePrincipal(principal), request);
    return jsonResponse(201, created, { location: `/webhook-endpoints/${created.endpointId}` });
  },
  { middlewares: [idempotentOnKey('create-webhook-endpoint')] },
);
