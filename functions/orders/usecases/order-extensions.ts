import * as z from 'zod';
import { isStaff, type Principal } from '../../commons/http/principal';
import { conflict, forbidden, notFound, ProblemError } from '../../commons/http/problem';
import { isoDateSchema, textSchema } from '../../commons/validation';
import { shipByExtensionEntrySchema, type Order, type ReceiptWindow, type ShipByExtension } from '../models/order';
import { shipByDeadline } from '../models/order-lifecycle';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { addDays, loadOrderForParty, userActor, type OrderActionDeps } from './order-party-actions';

/*
 * Extensions (DESIGN, "Extensions"): the supplier asks for a later ship-by date and the buyer accepts it
 * (all extensions together at most 90 days past the first date), and either party extends the receipt
 * window once by 15 days. The workflow's waits read the deadlines from the order, so a wait armed for the
 * old deadline finds the new one when it times out and waits again (`SECONDS_UNTIL`).
 */

/** Body of `POST /orders/{orderId}/ship-by-extension`. */
export const shipByExtensionRequestSchema = z
  .object({
    newShipBy: isoDateSchema.meta({ description: 'The later ship-by date asked for (YYYY-MM-DD, UTC)' }),
    reason: textSchema(1000).meta({ description: 'Why; the buyer reads it' }),
  })
  .strict()
  .meta({ id: 'ShipByExtensionRequest' });

/** Body of `POST /orders/{orderId}/ship-by-extension/acceptance`. */
export const shipByExtensionAnswerSchema = z
  .object({ accept: z.boolean() })
  .strict()
  .meta({ id: 'ShipByExtensionAnswer' });

/** Response of the ship-by extension routes. */
export const shipByExtensionViewSchema = z
  .object({
    orderId: z.string(),
    status: z.string(),
    shipBy: z.string(),
    firstShipBy: z.string(),
    latestShipBy: z.string().meta({ description: 'The latest date all extensions together may reach' }),
    requested: z.object({ newShipBy: z.string(), reason: z.string(), at: z.string() }).optional(),
    history: z.array(shipByExtensionEntrySchema),
  })
  .meta({ id: 'ShipByExtension' });

export type ShipByExtensionView = z.output<typeof shipByExtensionViewSchema>;

/** Response of `POST /orders/{orderId}/receipt-window-extension`. */
export const receiptWindowViewSchema = z
  .object({
    orderId: z.string(),
    status: z.string(),
    dueAt: z.string().optional().meta({ description: 'Set once the delivery is reported' }),
    extensions: z.array(z.object({ by: z.enum(['BUYER', 'SUPPLIER']), at: z.string(), days: z.number().int() })),
  })
  .meta({ id: 'ReceiptWindow' });

export type ReceiptWindowView = z.output<typeof receiptWindowViewSchema>;

/** Statuses in which the goods have not shipped and the ship-by date still matters. */
const beforeShipment = ['AWAITING_PAYMENT', 'AWAITING_SHIPMENT'];

/**
 * Whether the ship-by date can still move: before shipment, before settlement, and before the current
 * deadline passed (after it, the workflow refunds; a date moved then would race the refund).
 */
function shipByMovable(order: Order, now: Date): boolean {
  return (
    beforeShipment.includes(order.status) &&
    !order.shipment &&
    !order.settlement &&
    now.getTime() < shipByDeadline(order).getTime()
  );
}

function latestShipBy(firstShipBy: string): string {
  const days = loadTradeAssurancePolicy().extensions.shipByMaxTotalDays;
  return addDays(`${firstShipBy}T00:00:00.000Z`, days).slice(0, 10);
}

function shipByView(order: Order): ShipByExtensionView {
  const extension: ShipByExtension = order.shipByExtension ?? { firstShipBy: order.shipBy, history: [] };
  const { by: _by, ...requested } = extension.requested ?? ({} as NonNullable<ShipByExtension['requested']>);
  return {
    orderId: order.orderId,
    status: order.status,
    shipBy: order.shipBy,
    firstShipBy: extension.firstShipBy,
    latestShipBy: latestShipBy(extension.firstShipBy),
    ...(extension.requested ? { requested } : {}),
    history: extension.history,
  };
}

/**
 * `POST /orders/{orderId}/ship-by-extension`: the supplier asks for a later ship-by date, before shipping.
 * The buyer answers it; until then the date stands. One request at a time; asking again with the same date
 * returns it.
 * @throws ProblemError 404, 403, 409 (`NOT_EXTENDABLE`, `EXTENSION_PENDING`), 422 (`SHIP_BY_NOT_LATER`,
 *   `SHIP_BY_EXTENSION_TOO_LONG`)
 */
export async function requestShipByExtension(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  request: z.output<typeof shipByExtensionRequestSchema>,
): Promise<ShipByExtensionView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'SUPPLIER');
  const extension: ShipByExtension = order.shipByExtension ?? { firstShipBy: order.shipBy, history: [] };
  if (extension.requested) {
    if (extension.requested.newShipBy === request.newShipBy) return shipByView(order);
    throw conflict(`The extension to ${extension.requested.newShipBy} awaits the buyer's answer`, {
      code: 'EXTENSION_PENDING',
    });
  }
  if (!shipByMovable(order, deps.now())) {
    throw conflict(
      `Order ${orderId} is ${order.status}; its ship-by date can be extended only before it ships and before the date passes`,
      {
        code: 'NOT_EXTENDABLE',
        orderStatus: order.status,
      },
    );
  }
  if (request.newShipBy <= order.shipBy) {
    throw new ProblemError(422, `newShipBy ${request.newShipBy} must be after the ship-by date ${order.shipBy}`, {
      code: 'SHIP_BY_NOT_LATER',
      errors: [{ pointer: '/newShipBy', detail: `must be after ${order.shipBy}` }],
    });
  }
  const latest = latestShipBy(extension.firstShipBy);
  if (request.newShipBy > latest) {
    const days = loadTradeAssurancePolicy().extensions.shipByMaxTotalDays;
    throw new ProblemError(
      422,
      `All extensions together may add at most ${days} days to the first ship-by date ${extension.firstShipBy}: ` +
        `the latest is ${latest}`,
      {
        code: 'SHIP_BY_EXTENSION_TOO_LONG',
        latestShipBy: latest,
        errors: [{ pointer: '/newShipBy', detail: `must be at most ${latest}` }],
      },
    );
  }
  const at = deps.now().toISOString();
  const actor = userActor(principal);
  const next: ShipByExtension = {
    ...extension,
    requested: { newShipBy: request.newShipBy, reason: request.reason, at, by: principal.subject },
  };
  const stored = await updateOrderWithEvents(
    deps.orders,
    orderId,
    {
      set: { shipByExtension: next, updatedAt: at },
      condition: '#updatedAt = :previous',
      conditionValues: { ':previous': order.updatedAt },
    },
    [
      {
        at,
        type: 'SHIP_BY_EXTENSION_REQUESTED',
        actor,
        detail: { from: order.shipBy, to: request.newShipBy, reason: request.reason },
      },
    ],
    `ship-by-extension:${orderId}:${order.updatedAt}`,
  );
  if (!stored) return requestShipByExtension(deps, principal, orderId, request);
  return shipByView((await findOrder(deps.orders, orderId))!);
}

/**
 * `POST /orders/{orderId}/ship-by-extension/acceptance`: the buyer accepts the supplier's request, which
 * moves `shipBy`, or refuses it, which leaves the date as it was. Accepting is refused once the goods
 * shipped or the missed ship-by date was settled.
 * @throws ProblemError 404, 403, 409 (`NO_EXTENSION_REQUESTED`, `NOT_EXTENDABLE`)
 */
export async function answerShipByExtension(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  answer: z.output<typeof shipByExtensionAnswerSchema>,
): Promise<ShipByExtensionView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'BUYER');
  const extension = order.shipByExtension;
  if (!extension?.requested) {
    throw conflict(`The supplier has not asked to extend the ship-by date of order ${orderId}`, {
      code: 'NO_EXTENSION_REQUESTED',
    });
  }
  if (answer.accept && !shipByMovable(order, deps.now())) {
    throw conflict(`Order ${orderId} is ${order.status}; its ship-by date can no longer move`, {
      code: 'NOT_EXTENDABLE',
      orderStatus: order.status,
    });
  }
  const at = deps.now().toISOString();
  const { requested } = extension;
  const decided = {
    firstShipBy: extension.firstShipBy,
    history: [
      ...extension.history,
      {
        from: order.shipBy,
        to: requested.newShipBy,
        reason: requested.reason,
        requestedAt: requested.at,
        answeredAt: at,
        accepted: answer.accept,
      },
    ],
  };
  const stored = await updateOrderWithEvents(
    deps.orders,
    orderId,
    {
      set: { shipByExtension: decided, ...(answer.accept ? { shipBy: requested.newShipBy } : {}), updatedAt: at },
      // nothing shipped or settled meanwhile: the shipment and the settlement change `updatedAt`
      condition: '#updatedAt = :previous AND attribute_not_exists(#settlement)',
      conditionValues: { ':previous': order.updatedAt },
    },
    [
      {
        at,
        type: answer.accept ? 'SHIP_BY_EXTENDED' : 'SHIP_BY_EXTENSION_REFUSED',
        actor: userActor(principal),
        detail: { from: order.shipBy, to: requested.newShipBy },
      },
    ],
    `ship-by-extension-answer:${orderId}:${order.updatedAt}`,
  );
  if (!stored) return answerShipByExtension(deps, principal, orderId, answer);
  return shipByView((await findOrder(deps.orders, orderId))!);
}

/**
 * `POST /orders/{orderId}/receipt-window-extension`: the buyer or the supplier gives the buyer 15 more days
 * to confirm receipt before it is confirmed automatically; each party once. Allowed once the goods shipped
 * and until receipt is confirmed (an extension before the delivery counts from it).
 * @throws ProblemError 404, 403, 409 (`NOT_EXTENDABLE`, `RECEIPT_WINDOW_ALREADY_EXTENDED`)
 */
export async function extendReceiptWindow(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
): Promise<ReceiptWindowView> {
  const order = await findOrder(deps.orders, orderId);
  if (!order) throw notFound(`There is no order ${orderId}`);
  const by =
    principal.partyId === order.buyerPartyId
      ? 'BUYER'
      : principal.partyId === order.supplierPartyId
        ? 'SUPPLIER'
        : undefined;
  if (!by || isStaff(principal)) throw forbidden("Only the order's buyer or supplier may extend its receipt window");
  if (!['SHIPPED', 'DELIVERED'].includes(order.status) || order.receipt || order.claim) {
    throw conflict(
      `Order ${orderId} is ${order.status}; the receipt window can be extended after shipment and before receipt`,
      { code: 'NOT_EXTENDABLE', orderStatus: order.status },
    );
  }
  const { extensions: policy } = loadTradeAssurancePolicy();
  const window: ReceiptWindow = order.receiptWindow ?? { extensions: [] };
  if (window.extensions.filter((extension) => extension.by === by).length >= policy.receiptWindowPerParty) {
    throw conflict(`The ${by.toLowerCase()} has extended the receipt window of order ${orderId} already`, {
      code: 'RECEIPT_WINDOW_ALREADY_EXTENDED',
    });
  }
  const at = deps.now().toISOString();
  const next: ReceiptWindow = {
    ...(window.dueAt ? { dueAt: addDays(window.dueAt, policy.receiptWindowDays) } : {}),
    extensions: [...window.extensions, { by, at, days: policy.receiptWindowDays }],
  };
  const stored = await updateOrderWithEvents(
    deps.orders,
    orderId,
    {
      set: { receiptWindow: next, updatedAt: at },
      condition: '#updatedAt = :previous',
      conditionValues: { ':previous': order.updatedAt },
    },
    [
      {
        at,
        type: 'RECEIPT_WINDOW_EXTENDED',
        actor: userActor(principal),
        detail: { by, days: policy.receiptWindowDays, ...(next.dueAt ? { dueAt: next.dueAt } : {}) },
      },
    ],
    `receipt-window:${orderId}:${order.updatedAt}`,
  );
  if (!stored) return extendReceiptWindow(deps, principal, orderId);
  const current = (await findOrder(deps.orders, orderId))!;
  return { orderId, status: current.status, ...current.receiptWindow! };
}
