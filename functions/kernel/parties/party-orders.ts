/** An order of a party that is not closed, as other areas see it (ids, status and amounts only). */
export interface PartyOpenOrder {
  orderId: string;
  role: 'BUYER' | 'SUPPLIER';
  status: string;
  /** The order's total, in minor units of `currency`. */
  total: number;
  currency: string;
  /** What escrow holds for it, in minor units; 0 before payment. */
  held: number;
}

/** The orders area's service: a party's orders that are not closed, as buyer or supplier. */
export type ListPartyOpenOrders = (partyId: string) => Promise<PartyOpenOrder[]>;

/**
 * The orders area's service to a suspension: puts the party's open orders on hold, their escrowed money
 * frozen, so nothing is paid, refunded or released until a four-eyes decision says so.
 */
export type HoldPartyOrders = (input: { partyId: string; reason: string; taskId: string }) => Promise<{
  held: string[];
}>;
