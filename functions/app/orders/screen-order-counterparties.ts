import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { resolveCaseStore } from '../../kyc/handlers/case-store-deps';
import { readMatchThreshold } from '../../screening/matching/screening-settings';
import { searchScreeningIndex } from '../../screening/matching/search-screening-index';
import {
  preloadScreeningIndexOnLambda,
  resolveScreeningIndexCache,
} from '../../screening/handlers/screening-index-deps';
import { listCasePartiesToScreen } from '../../kyc/usecases/screen-case-parties';
import { screenOrderCounterparties } from '../../orders/workflow/screen-order-counterparties';
import { resolveOrderStore } from '../../orders/handlers/order-store-deps';

/** Hits kept per screened name: enough for the compliance officer, bounded so the order item stays small. */
const HITS_PER_PARTY = 3;

preloadScreeningIndexOnLambda();

/**
 * Workflow step: screens an order's buyer and supplier against the sanctions lists in service. It lives
 * in the composition root: the parties come from their KYC cases, the search from screening.
 */
export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const input = z.object({ orderId: z.string().min(1) }).parse(event);
    logger.appendKeys({ orderId: input.orderId });
    const index = await resolveScreeningIndexCache().getIndex();
    const threshold = readMatchThreshold();
    const orders = resolveOrderStore();
    return screenOrderCounterparties(
      {
        orders,
        parties: orders,
        listKycCaseParties: (kycCaseId) => listCasePartiesToScreen(resolveCaseStore(), kycCaseId),
        screenParty: async (query) => searchScreeningIndex(index, query, { threshold, limit: HITS_PER_PARTY }),
        now,
      },
      input,
    );
  });
