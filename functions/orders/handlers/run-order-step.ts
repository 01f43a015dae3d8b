import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import { readWorkflowArn } from '../../commons/workflows';
import { resolveReviewTaskStore } from '../../review/handlers/review-deps';
import { createEscalationScheduler } from '../../review/repositories/escalation-scheduler';
import { loadTradeAssuranceRules } from '../../suppliers/models/trade-assurance-rules';
import { orderMilestones } from '../models/order-lifecycle';
import { resolvePayoutProvider } from '../payouts/resolve-payout-provider';
import { confirmReceiptAutomatically } from '../usecases/confirm-receipt';
import { escalateClaimAutomatically } from '../usecases/order-claims';
import { awaitOrderMilestone } from '../workflow/await-order-milestone';
import { cancelOrder } from '../workflow/cancel-order';
import { closeOrder } from '../workflow/close-order';
import { openOrderReview } from '../workflow/open-order-review';
import { recordOrderFailure } from '../workflow/record-order-failure';
import { settleOrder } from '../workflow/settle-order';
import { secondsUntilShipBy } from '../workflow/ship-by-timer';
import { resolveOrderStore } from './order-store-deps';

const orderId = z.string().min(1);
const taskToken = z.string().min(1);

/** The steps of the assured-order workflow this function runs, as the state machine sends them. */
const stepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('AWAIT'), orderId, milestone: z.enum(orderMilestones), taskToken }),
  z.object({ action: z.literal('SHIP_BY_SECONDS'), orderId }),
  z.object({
    action: z.literal('OPEN_REVIEW'),
    orderId,
    kind: z.enum(['COMPLIANCE_HOLD', 'DISPUTE_DETERMINATION']),
    taskToken,
  }),
  z.object({
    action: z.literal('CANCEL'),
    orderId,
    reason: z.enum(['COMPLIANCE_BLOCKED', 'COMPLIANCE_REJECTED', 'PAYMENT_TIMEOUT']),
  }),
  z.object({
    action: z.literal('SETTLE'),
    orderId,
    outcome: z.enum(['NO_CLAIM', 'CLAIM_ACCEPTED', 'DETERMINATION', 'SHIP_BY_MISSED']),
  }),
  z.object({ action: z.literal('CONFIRM_RECEIPT'), orderId }),
  z.object({ action: z.literal('ESCALATE_CLAIM'), orderId }),
  z.object({ action: z.literal('CLOSE'), orderId }),
  z.object({ action: z.literal('RECORD_FAILURE'), orderId, error: z.string(), cause: z.string() }),
]);

const resume = (token: string, output: Record<string, unknown>) => resumeWaitingWorkflow(sfnClient, token, output);

/** One step of the assured-order workflow (state-machines/assured-order.asl.json). */
export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const step = stepSchema.parse(event);
    logger.appendKeys({ orderId: step.orderId, action: step.action });
    const orders = resolveOrderStore();
    switch (step.action) {
      case 'AWAIT':
        return awaitOrderMilestone({ orders, now, resume }, step);
      case 'SHIP_BY_SECONDS':
        return secondsUntilShipBy({ orders, now }, step);
      case 'OPEN_REVIEW':
        return openOrderReview(
          {
            orders,
            now,
            resume,
            tasks: resolveReviewTaskStore(),
            scheduleEscalation: createEscalationScheduler(sfnClient, readWorkflowArn('reviewTaskEscalation')),
          },
          step,
        );
      case 'CANCEL':
        return cancelOrder({ orders, now, payouts: resolvePayoutProvider() }, step);
      case 'SETTLE':
        return settleOrder({ orders, now, payouts: resolvePayoutProvider() }, step);
      case 'CONFIRM_RECEIPT':
        return confirmReceiptAutomatically({ orders, now }, step);
      case 'ESCALATE_CLAIM':
        return escalateClaimAutomatically({ orders, now }, step);
      case 'CLOSE':
        return closeOrder({ orders, parties: orders, now, tradeAssuranceRules: loadTradeAssuranceRules() }, step);
      case 'RECORD_FAILURE':
        return recordOrderFailure({ orders, now }, step);
    }
  });
