import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { confirmOrder, orderConfirmationRequestSchema } from '../usecases/confirm-order';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/confirmation` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const request = parseJsonBody(event, orderConfirmationRequestSchema);
  return jsonResponse(200, await confirmOrder(resolveOrderActionDeps(), requirePrincipal(principal), orderId, request));
});
