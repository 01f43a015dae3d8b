import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { updateWebhookEndpointSchema } from '../models/webhook-endpoint';
import { updateWebhookEndpoint } from '../usecases/manage-webhook-endpoints';
import { resolveEndpointDeps } from './endpoint-deps';

/** `PATCH /webhook-endpoints/{endpointId}` */
export const handler = createHttpHandler(async (event) => {
  const request = parseJsonBody(event, updateWebhookEndpointSchema);
  return jsonResponse(
    200,
    await updateWebhookEndpoint(resolveEndpointDeps(), readPathParameter(event, 'endpointId'), request),
  );
});
