import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { receivePaymentWebhook } from '../usecases/receive-webhook';
import { readWebhookCall, resolveWebhookDeps } from './webhook-deps';

/** `POST /webhooks/payments` (HMAC-signed by the payment partner; no JWT) */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(200, await receivePaymentWebhook(resolveWebhookDeps(), readWebhookCall(event))),
);
