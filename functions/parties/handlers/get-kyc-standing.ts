import { documentClient } from '../../commons/aws-clients';
import { getConfig } from '../../commons/config';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { getKycStanding } from '../usecases/get-kyc-standing';

/** `GET /parties/{partyId}/kyc` */
export const handler = createHttpHandler(async (event, principal) => {
  const partyId = readPathParameter(event, 'partyId');
  const parties = { db: documentClient, tableName: getConfig().tableName };
  return jsonResponse(200, await getKycStanding({ parties }, requirePrincipal(principal), partyId));
});
