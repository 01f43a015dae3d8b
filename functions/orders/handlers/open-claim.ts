import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { openClaimRequestSchema } from '../models/order-claim';
import { openClaim } from '../usecases/order-claims';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/claims` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const orderId = readPathParameter(event, 'orderId');
    const request = parseJsonBody(event, openClaimRequestSchema);
    const claim = await openClaim(resolveOrderActionDeps(), requirePrincipal(principal), orderId, request);
    return jsonResponse(201, claim, { location: `/orders/${orderId}/claims/${claim.claimId}` });
  },
  { middlewares: [idempotentOnKey('open-claim')] },
);
