import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { resolveRequestReviewDecision } from '../../review/handlers/review-deps';
import {
  overrideTradeAssurance,
  tradeAssuranceOverrideSchema,
} from '../../suppliers/usecases/override-trade-assurance';
import { resolveReviewSubject } from '../review/review-subjects';

/**
 * `PUT /admin/suppliers/{supplierId}/trade-assurance`: 202 with the proposal a second admin approves, or
 * 200 when the four-eyes policy lets the decision take effect at once. It lives in the composition root:
 * the override is a decision taken through review.
 */
export const handler = createHttpHandler(
  async (event, principal) => {
    const supplierId = readPathParameter(event, 'supplierId');
    const request = parseJsonBody(event, tradeAssuranceOverrideSchema);
    const deps = {
      parties: { db: documentClient, tableName: getConfig().tableName },
      now,
      requestReviewDecision: resolveRequestReviewDecision(resolveReviewSubject),
    };
    const outcome = await overrideTradeAssurance(deps, requirePrincipal(principal), supplierId, request);
    return jsonResponse(outcome.status === 'PENDING_APPROVAL' ? 202 : 200, outcome);
  },
  { middlewares: [idempotentOnKey('override-trade-assurance')] },
);
