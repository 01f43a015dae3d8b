import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { getOrder } from '../usecases/get-order';
import { resolveOrderStore } from './order-store-deps';

/** `GET /orders/{orderId}` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const store = resolveOrderStore();
  return jsonResponse(200, await getOrder({ orders: store, ledger: store }, requirePrincipal(principal), orderId));
});
