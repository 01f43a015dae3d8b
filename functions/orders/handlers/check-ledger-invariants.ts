import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseQueryParameters } from '../../commons/http/parse-request';
import { checkOrderLedgers, ledgerInvariantsQuerySchema } from '../usecases/check-ledger-invariants';
import { resolveOrderStore } from './order-store-deps';

/** `GET /admin/ledger/invariants` (admins; the route table says so and the middleware enforces it) */
export const handler = createHttpHandler(async (event) => {
  const query = parseQueryParameters(event, ledgerInvariantsQuerySchema);
  const store = resolveOrderStore();
  return jsonResponse(200, await checkOrderLedgers({ orders: store, ledger: store }, query));
});
