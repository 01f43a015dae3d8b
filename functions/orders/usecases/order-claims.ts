import { generateId } from '../../commons/ids';
import type { Principal } from '../../commons/http/principal';
import { conflict, notFound, ProblemError } from '../../commons/http/problem';
import type { Order, OrderTimelineEvent } from '../models/order';
import type { ClaimResponseRequest, OpenClaimRequest, OrderClaim } from '../models/order-claim';
import { orderTimers } from '../models/order-lifecycle';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { resumeOrderWorkflow } from '../workflow/await-order-milestone';
import { OrderStateError, workflowActor } from '../workflow/order-workflow-deps';
import { addDays, loadOrderForParty, userActor, type OrderActionDeps } from './order-party-actions';

/** A claim as the API returns it. */
export type ClaimView = OrderClaim & { orderId: string };

function claimView(order: Order): ClaimView {
  return { orderId: order.orderId, ...order.claim! };
}

function findClaim(order: Order, claimId: string): OrderClaim {
  if (order.claim?.claimId !== claimId) throw notFound(`Order ${order.orderId} has no claim ${claimId}`);
  return order.claim;
}

/** Writes the claim with its timeline entries, guarded by the claim's status (or its absence). */
function saveClaim(
  deps: Pick<OrderActionDeps, 'orders'>,
  order: Order,
  claim: OrderClaim,
  events: OrderTimelineEvent[],
  operation: string,
  status: string = order.status,
) {
  return updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { claim, status, updatedAt: events[0]!.at },
      condition: order.claim ? '#claim.#status = :claimStatus' : 'attribute_not_exists(#claim) AND #status = :status',
      conditionValues: order.claim ? { ':claimStatus': order.claim.status } : { ':status': order.status },
    },
    events,
    operation,
  );
}

/**
 * `POST /orders/{orderId}/claims`: the buyer claims on quality within 30 days of receipt, for a refund of
 * at most the covered amount. One claim per order. The supplier has 3 days to answer; the buyer may
 * escalate from day 4; it escalates by itself on day 8.
 * @throws ProblemError 404, 403, 409 (not received, window closed, a claim exists), 422 (over the cover)
 */
export async function openClaim(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  request: OpenClaimRequest,
): Promise<ClaimView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'BUYER');
  if (order.claim) {
    throw conflict(`Order ${orderId} already has claim ${order.claim.claimId}; an order takes one claim`, {
      code: 'CLAIM_EXISTS',
      claimId: order.claim.claimId,
    });
  }
  const at = deps.now().toISOString();
  if (order.status !== 'RECEIVED' || !order.receipt) {
    throw conflict(`Order ${orderId} is ${order.status}; a claim can be made after receipt is confirmed`, {
      code: 'NOT_CLAIMABLE',
      status: order.status,
    });
  }
  if (at >= order.receipt.claimWindowEndsAt) {
    throw conflict(`The claim window of order ${orderId} closed at ${order.receipt.claimWindowEndsAt}`, {
      code: 'CLAIM_WINDOW_CLOSED',
      claimWindowEndsAt: order.receipt.claimWindowEndsAt,
    });
  }
  if (request.amount > order.coveredAmount) {
    throw new ProblemError(
      422,
      `A claim may ask for at most the covered amount, ${order.coveredAmount} ${order.currency}; it asks for ${request.amount}`,
      { code: 'CLAIM_EXCEEDS_COVERAGE', coveredAmount: order.coveredAmount },
    );
  }
  const claim: OrderClaim = {
    claimId: generateId('claim'),
    amount: request.amount,
    reason: request.reason,
    openedAt: at,
    openedBy: principal.subject,
    status: 'OPEN',
    respondBy: addDays(at, orderTimers.supplierResponseDays),
    escalatesAt: addDays(at, orderTimers.claimEscalationDays),
  };
  const actor = userActor(principal);
  const saved = await saveClaim(
    deps,
    order,
    claim,
    [
      { at, type: 'STATUS_CHANGED', actor, detail: { from: order.status, to: 'CLAIM_OPEN' } },
      {
        at,
        type: 'CLAIM_OPENED',
        actor,
        detail: {
          claimId: claim.claimId,
          amount: claim.amount,
          respondBy: claim.respondBy,
          escalatesAt: claim.escalatesAt,
        },
      },
    ],
    `claim:${orderId}`,
    'CLAIM_OPEN',
  );
  if (!saved) return openClaim(deps, principal, orderId, request);
  await resumeOrderWorkflow(deps, orderId);
  return claimView((await findOrder(deps.orders, orderId))!);
}

/**
 * `POST /orders/{orderId}/claims/{claimId}/response`: the supplier accepts the claim (the asked refund is
 * paid and the rest released) or rejects it (the buyer may then escalate). One answer per claim.
 * @throws ProblemError 404, 403, 409 once answered or escalated
 */
export async function respondToClaim(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  claimId: string,
  request: ClaimResponseRequest,
): Promise<ClaimView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'SUPPLIER');
  const claim = findClaim(order, claimId);
  if (claim.status !== 'OPEN') {
    throw conflict(`Claim ${claimId} is ${claim.status}; it takes one answer, before escalation`, {
      code: 'CLAIM_NOT_OPEN',
      claimStatus: claim.status,
    });
  }
  const at = deps.now().toISOString();
  const answered: OrderClaim = {
    ...claim,
    status: request.decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED',
    response: { decision: request.decision, message: request.message, at, by: principal.subject },
  };
  const saved = await saveClaim(
    deps,
    order,
    answered,
    [
      {
        at,
        type: 'CLAIM_ANSWERED',
        actor: userActor(principal),
        detail: { claimId, decision: request.decision, withinResponseTime: at <= claim.respondBy },
      },
    ],
    `claim-answer:${orderId}`,
  );
  if (!saved) return respondToClaim(deps, principal, orderId, claimId, request);
  await resumeOrderWorkflow(deps, orderId);
  return claimView((await findOrder(deps.orders, orderId))!);
}

/**
 * `POST /orders/{orderId}/claims/{claimId}/escalation`: the buyer hands the claim to a platform
 * determination, from day 4 (once the supplier's 3 days are over), if the supplier has not accepted it.
 * @throws ProblemError 404, 403, 409 too early, or once accepted or escalated
 */
export async function escalateClaim(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  claimId: string,
): Promise<ClaimView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'BUYER');
  const claim = findClaim(order, claimId);
  if (claim.status === 'ACCEPTED' || claim.status === 'ESCALATED') {
    throw conflict(`Claim ${claimId} is ${claim.status}; it cannot be escalated`, {
      code: 'CLAIM_NOT_ESCALATABLE',
      claimStatus: claim.status,
    });
  }
  const at = deps.now().toISOString();
  if (at < claim.respondBy) {
    throw conflict(`The supplier has until ${claim.respondBy} to answer; the claim can be escalated from then`, {
      code: 'ESCALATION_TOO_EARLY',
      escalatableFrom: claim.respondBy,
    });
  }
  const saved = await recordEscalation(deps, order, claim, 'BUYER', userActor(principal), at);
  if (!saved) return escalateClaim(deps, principal, orderId, claimId);
  await resumeOrderWorkflow(deps, orderId);
  return claimView((await findOrder(deps.orders, orderId))!);
}

/**
 * Workflow step: the claim was not settled by agreement within 7 days, so it escalates by itself (day 8).
 * A claim the supplier accepted at the last moment stays accepted, and the workflow settles it.
 */
export async function escalateClaimAutomatically(
  deps: Pick<OrderActionDeps, 'orders' | 'now'>,
  input: { orderId: string },
): Promise<{ outcome: 'ACCEPTED' | 'ESCALATED' }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order?.claim) throw new OrderStateError(`Order ${input.orderId} has no claim to escalate`);
  if (order.claim.status === 'ACCEPTED' || order.claim.status === 'ESCALATED') return { outcome: order.claim.status };
  const saved = await recordEscalation(deps, order, order.claim, 'AUTOMATIC', workflowActor, deps.now().toISOString());
  if (!saved) return escalateClaimAutomatically(deps, input);
  return { outcome: 'ESCALATED' };
}

function recordEscalation(
  deps: Pick<OrderActionDeps, 'orders'>,
  order: Order,
  claim: OrderClaim,
  by: 'BUYER' | 'AUTOMATIC',
  actor: OrderTimelineEvent['actor'],
  at: string,
) {
  return saveClaim(
    deps,
    order,
    { ...claim, status: 'ESCALATED', escalation: { by, at } },
    [{ at, type: 'CLAIM_ESCALATED', actor, detail: { claimId: claim.claimId, by } }],
    `claim-escalation:${order.orderId}`,
  );
}
