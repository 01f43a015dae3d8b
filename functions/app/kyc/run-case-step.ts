import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { resolveReviewServices } from '../../review/handlers/review-deps';
import { beginCaseRound } from '../../kyc/usecases/begin-case-round';
import { finaliseCase } from '../../kyc/usecases/finalise-case';
import { openCaseReview } from '../../kyc/usecases/open-case-review';
import { recordCaseFailure } from '../../kyc/usecases/record-case-failure';
import { requestCaseInformation } from '../../kyc/usecases/request-case-information';
import { resolveCaseStore } from '../../kyc/handlers/case-store-deps';

const caseId = z.string().min(1);
const taskToken = z.string().min(1);

/** The steps of the KYC case workflow this function runs, as the state machine sends them. */
const stepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('BEGIN_ROUND'), caseId, enteredAt: z.string().min(1) }),
  z.object({ action: z.literal('REQUEST_INFORMATION'), caseId, taskToken }),
  z.object({ action: z.literal('OPEN_REVIEW'), caseId, taskToken }),
  z.object({
    action: z.literal('FINALISE'),
    caseId,
    status: z.enum(['APPROVED', 'REJECTED', 'EXPIRED']),
    taskId: z.string().optional(),
  }),
  z.object({ action: z.literal('RECORD_FAILURE'), caseId, error: z.string(), cause: z.string() }),
]);

/**
 * One step of the KYC case workflow (state-machines/kyc-case.asl.json). It lives in the composition root:
 * the case's review is opened and read through review's services.
 */
export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const step = stepSchema.parse(event);
    logger.appendKeys({ caseId: step.caseId, action: step.action });
    const cases = resolveCaseStore();
    switch (step.action) {
      case 'BEGIN_ROUND':
        return beginCaseRound({ cases, now }, step);
      case 'REQUEST_INFORMATION':
        return requestCaseInformation({ cases, now }, step);
      case 'OPEN_REVIEW':
        return openCaseReview({ cases, openReviewTask: resolveReviewServices().openReviewTask }, step);
      case 'FINALISE':
        return finaliseCase({ cases, findReviewTask: resolveReviewServices().findReviewTask, now }, step);
      case 'RECORD_FAILURE':
        return recordCaseFailure({ cases, now }, step);
    }
  });
