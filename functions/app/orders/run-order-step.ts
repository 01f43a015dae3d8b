import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import { readWorkflowArn } from '../../commons/workflows';
import { resolveReviewServices } from '../../review/handlers/review-deps';
import { loadTradeAssuranceRules } from '../../suppliers/models/trade-assurance-rules';
import { recomputeTradeAssurance } from '../../suppliers/usecases/recompute-trade-assurance';
import { orderMilestones } from '../../orders/models/order-lifecycle';
import { resolvePayoutProvider } from '../../orders/payouts/resolve-payout-provider';
import { confirmReceiptAutomatically } from '../../orders/usecases/confirm-receipt';
import { escalateClaimAutomatically } from '../../orders/usecases/order-claims';
import { awaitOrderMilestone } from '../../orders/workflow/await-order-milestone';
import { cancelOrder } from '../../orders/workflow/cancel-order';
import { closeOrder } from '../../orders/workflow/close-order';
import { keepEscrowFrozen } from '../../orders/workflow/keep-escrow-frozen';
import { continueOrderWorkflow } from '../../orders/workflow/continue-order-workflow';
import { createOrderWorkflowContinuer } from '../../orders/repositories/order-workflow-client';
import type { WorkflowPolicyInput } from '../../orders/models/trade-assurance-policy';
import { openOrderReview } from '../../orders/workflow/open-order-review';
import { recordOrderFailure } from '../../orders/workflow/record-order-failure';
import { settleOrder } from '../../orders/workflow/settle-order';
import { orderDeadlines, secondsUntilDeadline } from '../../orders/workflow/deadline-timer';
import { resolveOrderStore } from '../../orders/handlers/order-store-deps';

const orderId = z.string().min(1);
const taskToken = z.string().min(1);

/** The steps of the assured-order workflow this function runs, as the state machine sends them. */
const stepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('AWAIT'), orderId, milestone: z.enum(orderMilestones), taskToken }),
  z.object({ action: z.literal('SECONDS_UNTIL'), orderId, deadline: z.enum(orderDeadlines) }),
  z.object({
    action: z.literal('OPEN_REVIEW'),
    orderId,
    kind: z.enum(['COMPLIANCE_HOLD', 'DISPUTE_DETERMINATION', 'FROZEN_FUNDS']),
    taskToken,
  }),
  z.object({
    action: z.literal('CANCEL'),
    orderId,
    reason: z.enum(['COMPLIANCE_BLOCKED', 'COMPLIANCE_REJECTED', 'CONFIRMATION_TIMEOUT', 'PAYMENT_TIMEOUT']),
  }),
  z.object({
    action: z.literal('SETTLE'),
    orderId,
    outcome: z.enum(['NO_CLAIM', 'CLAIM_ACCEPTED', 'DETERMINATION', 'SHIP_BY_MISSED']),
  }),
  z.object({ action: z.literal('KEEP_FROZEN'), orderId }),
  z.object({
    action: z.literal('CONTINUE_AS_NEW'),
    orderId,
    executionStartedAt: z.iso.datetime({ offset: true }),
    policy: z.looseObject({ version: z.string() }),
    delivery: z.unknown(),
  }),
  z.object({ action: z.literal('CONFIRM_RECEIPT'), orderId }),
  z.object({ action: z.literal('ESCALATE_CLAIM'), orderId }),
  z.object({ action: z.literal('CLOSE'), orderId }),
  z.object({ action: z.literal('RECORD_FAILURE'), orderId, error: z.string(), cause: z.string() }),
]);

const resume = (token: string, output: Record<string, unknown>) => resumeWaitingWorkflow(sfnClient, token, output);

/**
 * One step of the assured-order workflow (state-machines/assured-order.asl.json). It lives in the
 * composition root: reviews open through review's services, and closing recomputes the supplier's Trade
 * Assurance through suppliers'.
 */
export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const step = stepSchema.parse(event);
    logger.appendKeys({ orderId: step.orderId, action: step.action });
    const orders = resolveOrderStore();
    switch (step.action) {
      case 'AWAIT':
        return awaitOrderMilestone({ orders, now, resume }, step);
      case 'SECONDS_UNTIL':
        return secondsUntilDeadline({ orders, now }, step);
      case 'OPEN_REVIEW':
        return openOrderReview({ orders, now, openReviewTask: resolveReviewServices().openReviewTask }, step);
      case 'CANCEL':
        return cancelOrder({ orders, parties: orders, now, payouts: resolvePayoutProvider() }, step);
      case 'SETTLE':
        return settleOrder({ orders, parties: orders, now, payouts: resolvePayoutProvider() }, step);
      case 'CONTINUE_AS_NEW':
        return continueOrderWorkflow(
          {
            orders,
            now,
            startExecution: createOrderWorkflowContinuer(sfnClient, readWorkflowArn('assuredOrder')),
          },
          { ...step, policy: step.policy as unknown as WorkflowPolicyInput },
        );
      case 'KEEP_FROZEN':
        return keepEscrowFrozen({ orders, now }, step);
      case 'CONFIRM_RECEIPT':
        return confirmReceiptAutomatically({ orders, now }, step);
      case 'ESCALATE_CLAIM':
        return escalateClaimAutomatically({ orders, now }, step);
      case 'CLOSE':
        return closeOrder(
          {
            orders,
            parties: orders,
            now,
            recomputeTradeAssurance: (supplierId) =>
              recomputeTradeAssurance({ parties: orders, rules: loadTradeAssuranceRules(), now }, supplierId),
          },
          step,
        );
      case 'RECORD_FAILURE':
        return recordOrderFailure({ orders, now }, step);
    }
  });
