import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { readMatchThreshold } from '../../screening/matching/screening-settings';
import { searchScreeningIndex } from '../../screening/matching/search-screening-index';
import {
  preloadScreeningIndexOnLambda,
  resolveScreeningIndexCache,
} from '../../screening/handlers/screening-index-deps';
import { screenCaseParties } from '../../kyc/usecases/screen-case-parties';
import { resolveCaseStore } from '../../kyc/handlers/case-store-deps';

/** Hits kept per party: enough for a reviewer to compare, bounded so the case item stays small. */
const HITS_PER_PARTY = 5;

preloadScreeningIndexOnLambda();

/** Workflow step: screens every party of a KYC case against the sanctions lists. */
export const handler = middy<unknown, { hitCount: number }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const input = z.object({ caseId: z.string().min(1) }).parse(event);
    const index = await resolveScreeningIndexCache().getIndex();
    const threshold = readMatchThreshold();
    return screenCaseParties(
      {
        cases: resolveCaseStore(),
        screenParty: async (query) => searchScreeningIndex(index, query, { threshold, limit: HITS_PER_PARTY }),
        now,
      },
      input,
    );
  });
