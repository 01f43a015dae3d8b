import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { retryWebhookDelivery } from '../usecases/manage-webhook-deliveries';
import { resolveDispatchDeps } from './dispatch-deps';

/** `POST /webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry` */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(
    200,
    await retryWebhookDelivery(
      resolveDispatchDeps(),
      readPathParameter(event, 'endpointId'),
      readPathParameter(event, 'deliveryId'),
    ),
  ),
);
