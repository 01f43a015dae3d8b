import { findPartyProfile, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import { freezeEscrowUpdate } from '../ledger/ledger-repository';
import type { FreezeFlag, Order, OrderFreeze } from '../models/order';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { workflowActor, type OrderStepDeps } from './order-workflow-deps';

/**
 * Standings that stop money going out of an order's escrow: a confirmed match found later (SUSPENDED),
 * or a reviewer's rejection of a party that was approved when it traded (REJECTED). Neither party of the
 * order is paid, refunded or released anything until a four-eyes decision says so.
 */
const freezingStandings: readonly FreezeFlag['standing'][] = ['SUSPENDED', 'REJECTED'];

/**
 * The parties of the order whose standing freezes its money, read fresh from their profiles. Either party
 * counts: a suspended supplier must not be released the payment, and a suspended buyer must not be paid
 * back.
 */
export async function findFreezeFlags(
  parties: PartyStore,
  order: Pick<Order, 'buyerPartyId' | 'supplierPartyId'>,
): Promise<FreezeFlag[]> {
  const roles = [
    { role: 'BUYER', partyId: order.buyerPartyId },
    { role: 'SUPPLIER', partyId: order.supplierPartyId },
  ] as const;
  const profiles = await Promise.all(roles.map(({ partyId }) => findPartyProfile(parties, partyId)));
  return roles.flatMap(({ role, partyId }, index) => {
    const standing = profiles[index]?.kycStatus as FreezeFlag['standing'] | undefined;
    return standing && freezingStandings.includes(standing) ? [{ role, partyId, standing }] : [];
  });
}

/** A sentence for staff: which party froze the money and why. */
export function describeFreeze(freeze: Pick<OrderFreeze, 'flags'>): string {
  return freeze.flags.map((flag) => `the ${flag.role.toLowerCase()} ${flag.partyId} is ${flag.standing}`).join('; ');
}

/**
 * Freezes the money of an order that was due to settle: the order becomes FROZEN with its {@link OrderFreeze}
 * and the escrow balance is marked frozen in the same transaction, so the ledger's own conditions refuse
 * every refund and release from then on. Staff-only timeline entries: the parties are not told why (no
 * tipping-off; the timeline policy keeps them from the parties). False when the order already had a freeze or a settlement (a retried or racing step).
 */
export async function freezeOrderEscrow(
  deps: OrderStepDeps,
  order: Order,
  input: { outcome: OrderFreeze['outcome']; flags: FreezeFlag[]; held: number },
): Promise<boolean> {
  const at = deps.now().toISOString();
  const freeze: OrderFreeze = { frozenAt: at, amount: input.held, outcome: input.outcome, flags: input.flags };
  const reason = describeFreeze(freeze);
  return updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { freeze, status: 'FROZEN', updatedAt: at },
      // the wait the settlement ended (the claim window) is over: the order now waits on staff
      remove: ['workflowWait'],
      condition: 'attribute_not_exists(#freeze) AND attribute_not_exists(#settlement)',
    },
    [
      {
        at,
        type: 'ESCROW_FROZEN',
        actor: workflowActor,
        detail: { amount: input.held, currency: order.currency, outcome: input.outcome, flags: input.flags, reason },
      },
      {
        at,
        type: 'STATUS_CHANGED',
        actor: workflowActor,
        detail: { from: order.status, to: 'FROZEN' },
      },
    ],
    `freeze:${order.orderId}`,
    // a hold froze the escrow when the party was suspended: the mark is there already
    order.hold?.escrowFrozen ? [] : [freezeEscrowUpdate(deps.orders, order.orderId, { since: at, reason })],
  );
}
