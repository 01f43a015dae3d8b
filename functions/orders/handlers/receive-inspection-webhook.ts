import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { receiveInspectionWebhook } from '../usecases/receive-inspection-webhook';
import { readWebhookCall, resolveWebhookDeps } from './webhook-deps';

/** `POST /webhooks/inspections` (HMAC-signed by an inspection agency's `inspections` partner; no JWT) */
export const handler = createHttpHandler(async (event) =>
  jsonResponse(200, await receiveInspectionWebhook(resolveWebhookDeps(), readWebhookCall(event))),
);
