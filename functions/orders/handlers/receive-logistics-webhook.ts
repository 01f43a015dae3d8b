import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { receiveLogisticsWebhook } from '../usecases/receive-webhook';
import { readWebhookCall, resolveWebhookDeps } from './webhook-deps';

/** `POST /webhooks/logistics` (HMAC-signed by the logistics partner; no JWT) */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(200, await receiveLogisticsWebhook(resolveWebhookDeps(), readWebhookCall(event))),
);
