import { totalHeld } from '../ledger/ledger-model';
import { freezeEscrowUpdate, findEscrowBalance } from '../ledger/ledger-repository';
import type { OrderHold } from '../models/order';
import type { OrderStore } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { findPartyOpenOrders } from './party-open-orders';

/** What holding a suspended party's orders needs. */
export interface HoldPartyOrdersDeps {
  orders: OrderStore;
  now: () => Date;
}

const monitoringActor = { type: 'SYSTEM', id: 'ongoing-monitoring' } as const;

/**
 * Puts every open order of a party just suspended on hold (DESIGN, "Ongoing monitoring": "the party's open
 * orders go on hold with their money frozen"). Each order records the hold (staff view) and, when escrow
 * holds money, the escrow is frozen in the same transaction, so the ledger refuses every refund and release
 * from then on. When such an order comes to settle, its money freezes for a FROZEN_FUNDS review, as for any
 * suspended party (`workflow/settle-order.ts`); an order not yet paid freezes its money there too. The
 * timeline entry is staff-only (no tipping-off) and emits `order.held`. Idempotent: an order already on hold,
 * frozen or settling is left as it is.
 */
export async function holdPartyOrders(
  deps: HoldPartyOrdersDeps,
  input: { partyId: string; reason: string; taskId: string },
): Promise<{ held: string[] }> {
  const held: string[] = [];
  for (const { order, role } of await findPartyOpenOrders(deps.orders, input.partyId)) {
    if (order.hold || order.freeze || order.settlement) continue;
    const balance = await findEscrowBalance(deps.orders, order.orderId);
    const at = deps.now().toISOString();
    const escrowFrozen = totalHeld(balance) > 0 && !balance?.frozen;
    const hold: OrderHold = {
      since: at,
      partyId: input.partyId,
      role,
      taskId: input.taskId,
      reason: input.reason,
      escrowFrozen,
    };
    const recorded = await updateOrderWithEvents(
      deps.orders,
      order.orderId,
      {
        set: { hold, updatedAt: at },
        condition:
          'attribute_not_exists(#hold) AND attribute_not_exists(#freeze) AND attribute_not_exists(#settlement)',
      },
      [
        {
          at,
          type: 'ORDER_HELD',
          actor: monitoringActor,
          detail: {
            status: order.status,
            partyId: input.partyId,
            role,
            taskId: input.taskId,
            reason: input.reason,
            frozenAmount: escrowFrozen ? totalHeld(balance) : 0,
            currency: order.currency,
          },
        },
      ],
      `hold:${order.orderId}:${input.taskId}`,
      escrowFrozen ? [freezeEscrowUpdate(deps.orders, order.orderId, { since: at, reason: input.reason })] : [],
    );
    if (recorded) held.push(order.orderId);
  }
  return { held };
}
