import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { requestShipByExtension, shipByExtensionRequestSchema } from '../usecases/order-extensions';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/ship-by-extension` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const request = parseJsonBody(event, shipByExtensionRequestSchema);
  const deps = resolveOrderActionDeps();
  return jsonResponse(200, await requestShipByExtension(deps, requirePrincipal(principal), orderId, request));
});
