import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { loadTradeAssuranceRules } from '../models/trade-assurance-rules';
import { enrolInTradeAssurance, leaveTradeAssurance } from '../usecases/enrol-in-trade-assurance';

/** `POST` (join) and `DELETE` (leave) `/suppliers/{supplierId}/trade-assurance/enrolment` */
export const handler = createHttpHandler(async (event, principal) => {
  const supplierId = readPathParameter(event, 'supplierId');
  const deps = {
    parties: { db: documentClient, tableName: getConfig().tableName },
    rules: loadTradeAssuranceRules(),
    now,
  };
  const caller = requirePrincipal(principal);
  const enrolment =
    event.requestContext.http.method === 'DELETE'
      ? await leaveTradeAssurance(deps, caller, supplierId)
      : await enrolInTradeAssurance(deps, caller, supplierId);
  return jsonResponse(200, enrolment);
});
