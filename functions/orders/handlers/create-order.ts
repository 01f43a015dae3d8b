import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { sfnClient } from '../../commons/sfn-client';
import { readWorkflowArn } from '../../commons/workflows';
import { createOrderRequestSchema } from '../models/order';
import { createOrderWorkflowStarter } from '../repositories/order-workflow-client';
import { createOrder } from '../usecases/create-order';
import { resolveOrderStore } from './order-store-deps';

// the ARN is read on first use, so the module imports without its environment
const startOrderWorkflow = (orderId: string) =>
  createOrderWorkflowStarter(sfnClient, readWorkflowArn('assuredOrder'))(orderId);

/** `POST /orders` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const request = parseJsonBody(event, createOrderRequestSchema);
    const store = resolveOrderStore();
    const created = await createOrder(
      { orders: store, parties: store, now, startWorkflow: startOrderWorkflow },
      requirePrincipal(principal),
      request,
    );
    return jsonResponse(201, created, { location: `/orders/${created.orderId}` });
  },
  { middlewares: [idempotentOnKey('create-order')] },
);
