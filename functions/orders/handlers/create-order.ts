import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { createOrderRequestSchema } from '../models/order';
import { createOrder } from '../usecases/create-order';
import { resolveOrderStore } from './order-store-deps';

/** `POST /orders` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const request = parseJsonBody(event, createOrderRequestSchema);
    const store = resolveOrderStore();
    const created = await createOrder({ orders: store, parties: store, now }, requirePrincipal(principal), request);
    return jsonResponse(201, created, { location: `/orders/${created.orderId}` });
  },
  { middlewares: [idempotentOnKey('create-order')] },
);
