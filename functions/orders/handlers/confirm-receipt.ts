import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { confirmReceipt } from '../usecases/confirm-receipt';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/receipt` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  return jsonResponse(200, await confirmReceipt(resolveOrderActionDeps(), requirePrincipal(principal), orderId));
});
