import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { loadTradeAssuranceRules } from '../models/trade-assurance-rules';
import { getSupplierProfile } from '../usecases/get-supplier-profile';

/** `GET /suppliers/{supplierId}/profile` */
export const handler = createHttpHandler(async (event) => {
  const supplierId = readPathParameter(event, 'supplierId');
  const deps = {
    parties: { db: documentClient, tableName: getConfig().tableName },
    rules: loadTradeAssuranceRules(),
    now,
  };
  return jsonResponse(200, await getSupplierProfile(deps, supplierId));
});
