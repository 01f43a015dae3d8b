import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { loadTradeAssuranceRules } from '../models/trade-assurance-rules';
import { overrideTradeAssurance, tradeAssuranceOverrideSchema } from '../usecases/override-trade-assurance';

/** `PUT /admin/suppliers/{supplierId}/trade-assurance` */
export const handler = createHttpHandler(async (event, principal) => {
  const supplierId = readPathParameter(event, 'supplierId');
  const request = parseJsonBody(event, tradeAssuranceOverrideSchema);
  const deps = {
    parties: { db: documentClient, tableName: getConfig().tableName },
    rules: loadTradeAssuranceRules(),
    now,
  };
  return jsonResponse(200, await overrideTradeAssurance(deps, requirePrincipal(principal), supplierId, request));
});
