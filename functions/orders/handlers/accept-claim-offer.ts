import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { acceptClaimOffer } from '../usecases/order-claims';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/claims/{claimId}/acceptance` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const claimId = readPathParameter(event, 'claimId');
  const deps = resolveOrderActionDeps();
  return jsonResponse(200, await acceptClaimOffer(deps, requirePrincipal(principal), orderId, claimId));
});
