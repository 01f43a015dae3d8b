import { generateId } from '../../commons/ids';
import { formatMinorUnits } from '../../commons/money';
import type { Principal } from '../../commons/http/principal';
import { conflict, notFound, ProblemError } from '../../commons/http/problem';
import type { Order, OrderTimelineEvent } from '../models/order';
import type { ClaimResponseRequest, OpenClaimRequest, OrderClaim } from '../models/order-claim';
import { inspectionPassed, latestInspection } from '../models/inspection';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { partyClaimView, type PartyClaim } from '../models/order-view-policy';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { resumeOrderWorkflow } from '../workflow/await-order-milestone';
import { OrderStateError, workflowActor } from '../workflow/order-workflow-deps';
import { addDays, loadOrderForParty, userActor, type OrderActionDeps } from './order-party-actions';

/** A claim as the API returns it to the buyer and the supplier (only they act on claims). */
export type ClaimView = PartyClaim & { orderId: string };

function claimView(order: Order): ClaimView {
  return { orderId: order.orderId, ...partyClaimView(order.claim!) };
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

/** Statuses in which goods have shipped but receipt is not confirmed: a NOT_RECEIVED claim fits there. */
const inTransitStatuses = ['SHIPPED', 'DELIVERED'];

/** Why a claim of this reason cannot be made on the order now; undefined when it can. */
function claimRefusal(order: Order, reason: OpenClaimRequest['reason'], at: string) {
  const preShipment = order.qualityProtection === 'PRE_SHIPMENT';
  // quality was settled by the inspection that passed: only NOT_RECEIVED stays covered
  if (preShipment && reason !== 'NOT_RECEIVED' && inspectionPassed(order)) {
    return conflict(
      `Order ${order.orderId} passed its pre-shipment inspection; ${reason} is not covered, NOT_RECEIVED is`,
      { code: 'NOT_COVERED', orderStatus: order.status },
    );
  }
  // after a failed inspection, before shipment: the buyer may claim QUALITY at once
  if (preShipment && reason === 'QUALITY' && !order.shipment?.shippedAt && !order.shipment?.deliveredAt) {
    if (latestInspection(order)?.result === 'FAILED' && order.status === 'AWAITING_SHIPMENT') return undefined;
    return conflict(
      `Order ${order.orderId} is ${order.status}; before shipment, QUALITY can be claimed after a failed inspection`,
      { code: 'NOT_CLAIMABLE', orderStatus: order.status },
    );
  }
  if (reason === 'NOT_RECEIVED') {
    if (order.receipt) {
      return conflict(`Receipt of order ${order.orderId} was confirmed; claim QUALITY or NOT_AS_DESCRIBED instead`, {
        code: 'NOT_CLAIMABLE',
        orderStatus: order.status,
      });
    }
    if (!inTransitStatuses.includes(order.status)) {
      return conflict(`Order ${order.orderId} is ${order.status}; NOT_RECEIVED can be claimed once it has shipped`, {
        code: 'NOT_CLAIMABLE',
        orderStatus: order.status,
      });
    }
    return undefined;
  }
  if (order.status !== 'RECEIVED' || !order.receipt) {
    return conflict(`Order ${order.orderId} is ${order.status}; a ${reason} claim can be made after receipt`, {
      code: 'NOT_CLAIMABLE',
      orderStatus: order.status,
    });
  }
  if (at >= order.receipt.claimWindowEndsAt) {
    return conflict(`The claim window of order ${order.orderId} closed at ${order.receipt.claimWindowEndsAt}`, {
      code: 'CLAIM_WINDOW_CLOSED',
      claimWindowEndsAt: order.receipt.claimWindowEndsAt,
    });
  }
  return undefined;
}

/**
 * `POST /orders/{orderId}/claims`: the buyer claims a refund of at most the covered amount: on QUALITY or
 * NOT_AS_DESCRIBED within 30 days of receipt, or NOT_RECEIVED after shipment and before receipt. One
 * claim per order. The supplier has 3 days to answer; the buyer may escalate from day 4; it escalates by
 * itself on day 8.
 * @throws ProblemError 404, 403, 409 (not claimable now, window closed, a claim exists), 422 (over the cover)
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
  const refusal = claimRefusal(order, request.reason, at);
  if (refusal) throw refusal;
  if (request.requestedAmount > order.coveredAmount) {
    throw new ProblemError(
      422,
      `A claim may ask for at most the covered amount, ${formatMinorUnits(order.coveredAmount, order.currency)}; ` +
        `it asks for ${formatMinorUnits(request.requestedAmount, order.currency)}`,
      { code: 'CLAIM_EXCEEDS_COVERAGE', coveredAmount: order.coveredAmount },
    );
  }
  const { periods } = loadTradeAssurancePolicy();
  const claim: OrderClaim = {
    claimId: generateId('claim'),
    reason: request.reason,
    description: request.description,
    requestedAmount: request.requestedAmount,
    openedAt: at,
    openedBy: principal.subject,
    status: 'OPEN',
    respondBy: addDays(at, periods.supplierAnswerDays),
    escalatesAt: addDays(at, periods.automaticEscalationDays),
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
          reason: claim.reason,
          requestedAmount: claim.requestedAmount,
          currency: order.currency,
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

/** A change to a claim: the claim as it becomes, and what goes on the timeline. */
interface ClaimChange {
  claim: OrderClaim;
  events: OrderTimelineEvent[];
  operation: string;
}

/** Attempts at a claim change before a caller is told the claim keeps changing under it. */
const maxClaimRounds = 5;

/**
 * Applies a party's change to a claim: reads the order as that party, lets `change` check the claim and
 * describe the change (it throws the problem when the change is not allowed), writes it guarded by the
 * claim's status, and resumes the workflow. A change that lost a race is decided again on the fresh claim.
 */
async function changeClaim(
  deps: OrderActionDeps,
  principal: Principal,
  target: { orderId: string; claimId: string; role: 'BUYER' | 'SUPPLIER' },
  change: (claim: OrderClaim, at: string, order: Order) => ClaimChange,
): Promise<ClaimView> {
  for (let round = 1; ; round++) {
    const order = await loadOrderForParty(deps.orders, principal, target.orderId, target.role);
    const next = change(findClaim(order, target.claimId), deps.now().toISOString(), order);
    if (await saveClaim(deps, order, next.claim, next.events, next.operation)) break;
    if (round >= maxClaimRounds) throw conflict(`Claim ${target.claimId} keeps changing; read it and try again`);
  }
  await resumeOrderWorkflow(deps, target.orderId);
  return claimView((await findOrder(deps.orders, target.orderId))!);
}

/**
 * `POST /orders/{orderId}/claims/{claimId}/response`: the supplier's one answer, before escalation:
 * `accept: true` refunds the requested amount and releases the rest; `accept: false` with an
 * `offerAmount` below the request offers a smaller refund the buyer may take; `accept: false` alone
 * rejects the claim. After a refusal or an offer the buyer may escalate from day 4.
 * @throws ProblemError 404, 403, 409 once answered or escalated, 422 for an offer not below the request
 */
export function respondToClaim(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  claimId: string,
  request: ClaimResponseRequest,
): Promise<ClaimView> {
  return changeClaim(deps, principal, { orderId, claimId, role: 'SUPPLIER' }, (claim, at, order) => {
    if (claim.status !== 'OPEN') {
      throw conflict(`Claim ${claimId} is ${claim.status}; it takes one answer, before escalation`, {
        code: 'CLAIM_NOT_OPEN',
        claimStatus: claim.status,
      });
    }
    if (request.offerAmount !== undefined && request.offerAmount >= claim.requestedAmount) {
      throw new ProblemError(
        422,
        `An offer must be below the ${formatMinorUnits(claim.requestedAmount, order.currency)} requested; ` +
          'to refund all of it, answer accept: true',
        { code: 'OFFER_NOT_BELOW_REQUEST', requestedAmount: claim.requestedAmount },
      );
    }
    const offer = request.offerAmount !== undefined ? { offerAmount: request.offerAmount } : {};
    return {
      claim: {
        ...claim,
        status: request.accept ? 'ACCEPTED' : request.offerAmount !== undefined ? 'OFFERED' : 'REJECTED',
        response: {
          accept: request.accept,
          ...offer,
          ...(request.message !== undefined ? { message: request.message } : {}),
          at,
          by: principal.subject,
        },
        ...(request.accept ? { agreedAmount: claim.requestedAmount } : {}),
      },
      events: [
        {
          at,
          type: 'CLAIM_ANSWERED',
          actor: userActor(principal),
          detail: {
            claimId,
            accept: request.accept,
            ...offer,
            currency: order.currency,
            withinResponseTime: at <= claim.respondBy,
          },
        },
      ],
      operation: `claim-answer:${orderId}`,
    };
  });
}

/**
 * `POST /orders/{orderId}/claims/{claimId}/acceptance`: the buyer takes the supplier's offer; the
 * offered refund is paid and the rest released.
 * @throws ProblemError 404, 403, 409 when there is no offer standing
 */
export function acceptClaimOffer(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  claimId: string,
): Promise<ClaimView> {
  return changeClaim(deps, principal, { orderId, claimId, role: 'BUYER' }, (claim, at, order) => {
    const offerAmount = claim.status === 'OFFERED' ? claim.response?.offerAmount : undefined;
    if (offerAmount === undefined) {
      throw conflict(`Claim ${claimId} is ${claim.status}; there is no offer to accept`, {
        code: 'NO_OFFER',
        claimStatus: claim.status,
      });
    }
    return {
      claim: { ...claim, status: 'ACCEPTED', agreedAmount: offerAmount, offerAcceptedAt: at },
      events: [
        {
          at,
          type: 'CLAIM_OFFER_ACCEPTED',
          actor: userActor(principal),
          detail: { claimId, agreedAmount: offerAmount, currency: order.currency },
        },
      ],
      operation: `claim-offer-accepted:${orderId}`,
    };
  });
}

/**
 * `POST /orders/{orderId}/claims/{claimId}/escalation`: the buyer hands the claim to a platform
 * determination, from day 4 (once the supplier's 3 days are over), unless it was agreed.
 * @throws ProblemError 404, 403, 409 too early, or once accepted or escalated
 */
export function escalateClaim(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  claimId: string,
): Promise<ClaimView> {
  return changeClaim(deps, principal, { orderId, claimId, role: 'BUYER' }, (claim, at) => {
    if (claim.status === 'ACCEPTED' || claim.status === 'ESCALATED') {
      throw conflict(`Claim ${claimId} is ${claim.status}; it cannot be escalated`, {
        code: 'CLAIM_NOT_ESCALATABLE',
        claimStatus: claim.status,
      });
    }
    const escalatableFrom = addDays(claim.openedAt, loadTradeAssurancePolicy().periods.earliestBuyerEscalationDays);
    if (at < escalatableFrom) {
      throw conflict(
        `The supplier has until ${claim.respondBy} to answer; the claim can be escalated from ${escalatableFrom}`,
        { code: 'ESCALATION_TOO_EARLY', escalatableFrom },
      );
    }
    return escalation(orderId, claim, 'BUYER', userActor(principal), at);
  });
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
  const next = escalation(order.orderId, order.claim, 'AUTOMATIC', workflowActor, deps.now().toISOString());
  if (!(await saveClaim(deps, order, next.claim, next.events, next.operation))) {
    return escalateClaimAutomatically(deps, input);
  }
  return { outcome: 'ESCALATED' };
}

function escalation(
  orderId: string,
  claim: OrderClaim,
  by: 'BUYER' | 'AUTOMATIC',
  actor: OrderTimelineEvent['actor'],
  at: string,
): ClaimChange {
  return {
    claim: { ...claim, status: 'ESCALATED', escalation: { by, at } },
    events: [{ at, type: 'CLAIM_ESCALATED', actor, detail: { claimId: claim.claimId, by } }],
    operation: `claim-escalation:${orderId}`,
  };
}
