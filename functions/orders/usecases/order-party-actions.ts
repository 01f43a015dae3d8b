import type { Principal } from '../../commons/http/principal';
import { forbidden, notFound } from '../../commons/http/problem';
import type { Order } from '../models/order';
import { findOrder, type OrderStore } from '../repositories/order-repository';
import type { ResumeWorkflow } from '../workflow/order-workflow-deps';

/** What the buyer's and supplier's actions on an order need. */
export interface OrderActionDeps {
  orders: OrderStore;
  now: () => Date;
  resume: ResumeWorkflow;
}

/**
 * The order, if the caller acts for the party that may take this action on it.
 * @throws ProblemError 404 when there is no such order, 403 for anyone but that party's client
 */
export async function loadOrderForParty(
  orders: OrderStore,
  principal: Principal,
  orderId: string,
  role: 'BUYER' | 'SUPPLIER',
): Promise<Order> {
  const order = await findOrder(orders, orderId);
  if (!order) throw notFound(`There is no order ${orderId}`);
  const partyId = role === 'BUYER' ? order.buyerPartyId : order.supplierPartyId;
  if (principal.partyId !== partyId) {
    throw forbidden(`Only the order's ${role === 'BUYER' ? 'buyer' : 'supplier'} may do this`);
  }
  return order;
}

/** The timeline actor of a user. */
export function userActor(principal: Principal) {
  return { type: 'USER' as const, id: principal.subject };
}

/** Adds whole days to an ISO time. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}
