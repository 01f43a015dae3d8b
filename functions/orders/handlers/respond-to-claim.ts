import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { claimResponseRequestSchema } from '../models/order-claim';
import { respondToClaim } from '../usecases/order-claims';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/claims/{claimId}/response` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const claimId = readPathParameter(event, 'claimId');
  const request = parseJsonBody(event, claimResponseRequestSchema);
  const deps = resolveOrderActionDeps();
  return jsonResponse(200, await respondToClaim(deps, requirePrincipal(principal), orderId, claimId, request));
});
