import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { receivePayoutWebhook } from '../usecases/receive-payout-webhook';
import { readWebhookCall, resolveWebhookDeps } from './webhook-deps';

/** `POST /webhooks/payouts` (HMAC-signed by the payout provider's `payouts` partner; no JWT) */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(200, await receivePayoutWebhook(resolveWebhookDeps(), readWebhookCall(event))),
);
