import { isStaff, type Principal } from '../../commons/http/principal';
import { forbidden, notFound } from '../../commons/http/problem';
import type { LedgerMovement } from '../ledger/ledger-model';
import { listOrderMovements, type LedgerStore } from '../ledger/ledger-repository';
import type { Order, OrderTimelineEvent } from '../models/order';
import { findOrderWithTimeline, type OrderStore } from '../repositories/order-repository';

/** Response of `GET /orders/{orderId}`: the order without the workflow's token, with what it waits for. */
export interface OrderView extends Omit<Order, 'workflowWait'> {
  waitingFor?: { milestone: string; since: string };
  timeline: OrderTimelineEvent[];
  movements: LedgerMovement[];
}

/**
 * An order with its timeline and escrow movements, for its buyer, its supplier, reviewers and admins.
 * @throws ProblemError 404 when there is no such order, 403 for another party's client
 */
export async function getOrder(
  deps: { orders: OrderStore; ledger: LedgerStore },
  principal: Principal,
  orderId: string,
): Promise<OrderView> {
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
  // the task token would let anyone holding it drive the workflow: it never leaves the back end
  const { workflowWait, ...shown } = order;
  return {
    ...shown,
    compliance: isStaff(principal) ? order.compliance : withoutScreeningHits(order.compliance),
    ...(workflowWait ? { waitingFor: { milestone: workflowWait.milestone, since: workflowWait.since } } : {}),
    timeline,
    movements,
  };
}

/**
 * The compliance record as the buyer and supplier see it: the trade rules' reasons (goods, destinations)
 * stay, but whether and how a party matched a sanctions list is for compliance staff only, so that
 * screening does not tip off a listed party.
 */
export function withoutScreeningHits(compliance: Order['compliance']): Order['compliance'] {
  if (!compliance.counterparties) return compliance;
  return { ...compliance, counterparties: { ...compliance.counterparties, outcomes: [] } };
}
