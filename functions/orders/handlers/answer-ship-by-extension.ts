import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { answerShipByExtension, shipByExtensionAnswerSchema } from '../usecases/order-extensions';
import { resolveOrderActionDeps } from './order-action-deps';

/** `POST /orders/{orderId}/ship-by-extension/acceptance` */
export const handler = createHttpHandler(async (event, principal) => {
  const orderId = readPathParameter(event, 'orderId');
  const answer = parseJsonBody(event, shipByExtensionAnswerSchema);
  const deps = resolveOrderActionDeps();
  return jsonResponse(200, await answerShipByExtension(deps, requirePrincipal(principal), orderId, answer));
});
