import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { upgradeCase } from '../usecases/upgrade-case';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases/{caseId}/upgrade` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const caseId = readPathParameter(event, 'caseId');
    const created = await upgradeCase({ cases: resolveCaseStore(), now }, requirePrincipal(principal), caseId);
    return jsonResponse(201, created, { location: `/kyc/cases/${created.caseId}` });
  },
  { middlewares: [idempotentOnKey('upgrade-kyc-case')] },
);
