import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseQueryParameters, readPathParameter } from '../../commons/http/parse-request';
import { listDeliveriesQuerySchema } from '../models/webhook-delivery';
import { listWebhookDeliveries } from '../usecases/manage-webhook-deliveries';
import { resolveDispatchDeps } from './dispatch-deps';

/** `GET /webhook-endpoints/{endpointId}/deliveries` */
export const handler = createHttpHandler(async (event) => {
  const query = parseQueryParameters(event, listDeliveriesQuerySchema);
  return jsonResponse(
    200,
    await listWebhookDeliveries(resolveDispatchDeps(), readPathParameter(event, 'endpointId'), query),
  );
});
