import { isStaff, type Principal } from '../../commons/http/principal';
import { audienceOf, filterTimelineForParty, pickMembers } from '../../commons/views/view-policy';
import {
  orderActorKind,
  orderTimelinePolicy,
  partyClaimView,
  toPartyCancellationReason,
  toPartyStatus,
} from '../models/order-view-policy';
import { forbidden, notFound } from '../../commons/http/problem';
import type { LedgerMovement } from '../ledger/ledger-model';
import { listOrderMovements, type LedgerStore } from '../ledger/ledger-repository';
import type { Order, OrderTimelineEvent } from '../models/order';
import { findOrderWithTimeline, type OrderStore } from '../repositories/order-repository';

/** Response of `GET /orders/{orderId}` for staff: the order without the workflow's token, with what it waits for. */
export interface OrderView extends Omit<Order, 'workflowWait'> {
  waitingFor?: { milestone: string; since: string };
  timeline: OrderTimelineEvent[];
  movements: LedgerMovement[];
}

/** Response of `GET /orders/{orderId}` for the order's buyer and supplier (`partyOrderViewSchema`). */
export type PartyOrderView = ReturnType<typeof buildPartyOrderView>;

/**
 * An order with its timeline and escrow movements, for its buyer, its supplier, reviewers and admins.
 * @throws ProblemError 404 when there is no such order, 403 for another party's client
 */
export async function getOrder(
  deps: { orders: OrderStore; ledger: LedgerStore },
  principal: Principal,
  orderId: string,
): Promise<OrderView | PartyOrderView> {
  const found = await findOrderWithTimeline(deps.orders, orderId);
  if (!found) throw notFound(`There is no order ${orderId}`);
  const { order, timeline } = found;
  const party = principal.partyId;
  if (
    !isStaff(principal) &&
    (party === undefined || (party !== order.buyerPartyId && party !== order.supplierPartyId))
  ) {
    throw forbidden('This order belongs to other parties');
  }
  const movements = await listOrderMovements(deps.ledger, orderId);
  return isStaff(principal)
    ? buildStaffOrderView(order, timeline, movements)
    : buildPartyOrderView(order, timeline, movements);
}

/** The staff view: everything but the workflow's task token. */
export function buildStaffOrderView(
  order: Order,
  timeline: OrderTimelineEvent[],
  movements: LedgerMovement[],
): OrderView {
  // the task token would let anyone holding it drive the workflow: it never leaves the back end
  const { workflowWait, ...shown } = order;
  return {
    ...shown,
    ...(workflowWait ? { waitingFor: { milestone: workflowWait.milestone, since: workflowWait.since } } : {}),
    timeline: timeline.map((entry) => ({
      ...entry,
      audience: entry.audience ?? audienceOf(orderTimelinePolicy, entry.type, entry.detail),
    })),
    movements,
  };
}

/**
 * The view of the order's buyer and supplier (DESIGN, "Who may see what"): terms, status, milestones,
 * the claim, the escrow movements and what the order waits for. Never the compliance record (rule
 * outcomes, AML evidence, screening), review tasks, reviewers or their reasons, internal errors, the
 * other party's users, or the partners' ids and event ids.
 */
export function buildPartyOrderView(order: Order, timeline: OrderTimelineEvent[], movements: LedgerMovement[]) {
  return {
    ...pickMembers(order, partyOrderMembers),
    status: toPartyStatus(order.status),
    ...(order.supplierConfirmation
      ? { supplierConfirmation: pickMembers(order.supplierConfirmation, ['accepted', 'at', 'reason'] as const) }
      : {}),
    ...(order.shipByExtension ? { shipByExtension: partyShipByExtension(order.shipByExtension) } : {}),
    // the reports, without which agency sent them or when TrustFlow received them
    ...(order.inspections
      ? {
          inspections: order.inspections.map((report) =>
            pickMembers(report, ['result', 'reportId', 'occurredAt', 'findings'] as const),
          ),
        }
      : {}),
    ...(order.payment
      ? {
          payment: {
            amount: order.payment.amount,
            currency: order.payment.currency,
            receivedAt: order.payment.receivedAt,
          },
        }
      : {}),
    ...(order.claim ? { claim: partyClaimView(order.claim) } : {}),
    ...(order.determination?.decision
      ? {
          determination: {
            decision: order.determination.decision,
            ...(order.determination.amount !== undefined ? { amount: order.determination.amount } : {}),
          },
        }
      : {}),
    ...(order.settlement
      ? {
          settlement: {
            ...pickMembers(order.settlement, ['outcome', 'refunded', 'released', 'settledAt'] as const),
            payouts: order.settlement.payouts.map((payout) =>
              pickMembers(payout, [
                'beneficiary',
                'amount',
                'currency',
                'status',
                'requestedAt',
                'confirmedAt',
              ] as const),
            ),
          },
        }
      : {}),
    ...(order.cancellation
      ? { cancellation: { reason: toPartyCancellationReason(order.cancellation.reason), at: order.cancellation.at } }
      : {}),
    ...(order.workflowWait
      ? { waitingFor: { milestone: order.workflowWait.milestone, since: order.workflowWait.since } }
      : {}),
    timeline: filterTimelineForParty(timeline, orderTimelinePolicy, orderActorKind),
    // what moved and when; the partners' event ids and partner ids (`reason`, `source`) and the keys are staff's
    movements: movements.map((movement) =>
      pickMembers(movement, ['kind', 'amount', 'currency', 'at', 'from', 'to'] as const),
    ),
  };
}

/** Ship-by extensions as both parties read them: without the supplier's user who asked. */
function partyShipByExtension(extension: NonNullable<Order['shipByExtension']>) {
  const { requested, ...rest } = extension;
  if (!requested) return rest;
  const { by: _by, ...shown } = requested;
  return { ...rest, requested: shown };
}

/** Members of the stored order a party sees as they are. */
const partyOrderMembers = [
  'orderId',
  'buyerPartyId',
  'supplierPartyId',
  'items',
  'currency',
  'totalAmount',
  'coverage',
  'depositAmount',
  'coveredAmount',
  'shipBy',
  'destination',
  'qualitySpec',
  'qualityProtection',
  'status',
  'confirmBy',
  'payBy',
  'reservation',
  'receiptWindow',
  'shipment',
  'receipt',
  'closedAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Order)[];
