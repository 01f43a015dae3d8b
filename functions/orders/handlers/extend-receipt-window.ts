import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { extendReceiptWindow } from '../usecases/order-extensions';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/receipt-window-extension` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  return jsonResponse(200, await extendReceiptWindow(resolveOrderActionDeps(), requirePrincipal(principal), orderId));
});
