import * as z from 'zod';
import type { Principal } from '../../commons/http/principal';
import { conflict } from '../../commons/http/problem';
import { textSchema } from '../../commons/validation';
import type { Order, OrderTimelineEvent, SupplierConfirmation } from '../models/order';
import { reservationRefusal } from '../models/order-rules';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { confirmOrderWithReservation, findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { resumeOrderWorkflow } from '../workflow/await-order-milestone';
import { addDays, loadOrderForParty, userActor, type OrderActionDeps } from './order-party-actions';

/** Body of `POST /orders/{orderId}/confirmation`. */
export const orderConfirmationRequestSchema = z
  .discriminatedUnion('accept', [
    z.object({ accept: z.literal(true) }).strict(),
    z
      .object({
        accept: z.literal(false),
        reason: textSchema(1000).meta({ description: 'Why the supplier declines; the buyer reads it' }),
      })
      .strict(),
  ])
  .meta({ id: 'OrderConfirmation' });

export type OrderConfirmationRequest = z.output<typeof orderConfirmationRequestSchema>;

/** Response of `POST /orders/{orderId}/confirmation`. */
export const orderConfirmationViewSchema = z
  .object({
    orderId: z.string(),
    status: z.string(),
    accepted: z.boolean(),
    at: z.string(),
    reason: z.string().optional(),
    coveredAmount: z.number().int(),
    currency: z.string(),
    payBy: z.string().optional().meta({ description: 'Until when the buyer may pay, once confirmed' }),
  })
  .meta({ id: 'OrderConfirmationResult' });

export type OrderConfirmationView = z.output<typeof orderConfirmationViewSchema>;

function confirmationView(order: Order): OrderConfirmationView {
  const { accepted, at, reason } = order.supplierConfirmation!;
  return {
    orderId: order.orderId,
    status: order.status,
    accepted,
    at,
    ...(reason !== undefined ? { reason } : {}),
    coveredAmount: order.coveredAmount,
    currency: order.currency,
    ...(order.payBy ? { payBy: order.payBy } : {}),
  };
}

/** The condition under which an order still takes the supplier's answer, with its values. */
const awaitingSupplier = {
  condition:
    '#status = :awaitingSupplier AND attribute_not_exists(#supplierConfirmation) AND ' +
    'attribute_exists(#compliance.#counterparties) AND #compliance.#decision <> :block AND #confirmBy > :now',
  values: (at: string) => ({ ':awaitingSupplier': 'AWAITING_SUPPLIER_CONFIRMATION', ':block': 'BLOCK', ':now': at }),
};

/**
 * `POST /orders/{orderId}/confirmation`: the order's supplier agrees to the order and its cover, or
 * declines it (DESIGN, "Both sides agree"):
 * - `accept: true` reserves the covered amount on the supplier's Trade Assurance account in the same
 *   transaction as the confirmation, so racing confirmations never oversubscribe it (409
 *   `COVERAGE_EXCEEDS_AVAILABLE` when it is no longer there); the order then awaits payment until `payBy`;
 * - `accept: false` with a reason → `DECLINED`; nothing was reserved or paid.
 * Only while the order awaits the supplier: after the counterparties' screening, before `confirmBy`, not
 * during a compliance hold. The same answer again returns it (a retry); a different one is 409.
 * @throws ProblemError 404, 403, 409 `ORDER_NOT_CONFIRMABLE` / `ORDER_ALREADY_ANSWERED` / the reservation's refusals
 */
export async function confirmOrder(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
  request: OrderConfirmationRequest,
): Promise<OrderConfirmationView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'SUPPLIER');
  if (order.supplierConfirmation) return answerAgain(order, request);
  const at = deps.now().toISOString();
  const notConfirmable = confirmabilityRefusal(order, at);
  if (notConfirmable) throw notConfirmable;

  const actor = userActor(principal);
  const confirmation: SupplierConfirmation = {
    accepted: request.accept,
    at,
    ...(request.accept ? {} : { reason: request.reason }),
    by: principal.subject,
  };
  let recorded: boolean;
  if (request.accept) {
    const payBy = addDays(at, loadTradeAssurancePolicy().periods.paymentDays);
    const outcome = await confirmOrderWithReservation(
      deps.orders,
      order,
      order.coveredAmount,
      {
        set: {
          supplierConfirmation: confirmation,
          payBy,
          reservation: { amount: order.coveredAmount, reservedAt: at },
          status: 'AWAITING_PAYMENT',
          updatedAt: at,
        },
        condition: awaitingSupplier.condition,
        conditionValues: awaitingSupplier.values(at),
      },
      [
        { at, type: 'STATUS_CHANGED', actor, detail: { from: order.status, to: 'AWAITING_PAYMENT' } },
        {
          at,
          type: 'SUPPLIER_CONFIRMED',
          actor,
          detail: { coveredAmount: order.coveredAmount, currency: order.currency, payBy },
        },
      ],
    );
    if (!outcome.reserved && outcome.refusedBy === 'ACCOUNT') {
      throw reservationRefusal(order.supplierPartyId, outcome.account, order.coveredAmount, order.currency);
    }
    recorded = outcome.reserved;
  } else {
    recorded = await updateOrderWithEvents(
      deps.orders,
      orderId,
      {
        set: { supplierConfirmation: confirmation, status: 'DECLINED', updatedAt: at },
        condition: awaitingSupplier.condition,
        conditionValues: awaitingSupplier.values(at),
      },
      [
        { at, type: 'STATUS_CHANGED', actor, detail: { from: order.status, to: 'DECLINED' } },
        { at, type: 'ORDER_DECLINED', actor, detail: { reason: request.reason } },
      ],
      `decline:${orderId}`,
    );
  }
  // the order changed meanwhile (a second answer, the cancellation at confirmBy): read it and answer again
  if (!recorded) return confirmOrder(deps, principal, orderId, request);
  await resumeOrderWorkflow(deps, orderId);
  return confirmationView((await findOrder(deps.orders, orderId))!);
}

/** A second call: the same answer is a retry and returns it; another answer is refused. */
function answerAgain(order: Order, request: OrderConfirmationRequest): OrderConfirmationView {
  if (order.supplierConfirmation!.accepted === request.accept) return confirmationView(order);
  throw conflict(
    `The supplier already ${order.supplierConfirmation!.accepted ? 'confirmed' : 'declined'} order ${order.orderId}`,
    { code: 'ORDER_ALREADY_ANSWERED', accepted: order.supplierConfirmation!.accepted },
  );
}

/** Why the order cannot take the supplier's answer now; undefined when it can. */
function confirmabilityRefusal(order: Order, at: string) {
  const refuse = (detail: string) => conflict(detail, { code: 'ORDER_NOT_CONFIRMABLE', orderStatus: order.status });
  if (order.status === 'COMPLIANCE_HOLD' || order.compliance.decision === 'BLOCK') {
    // the parties never learn why an order is held: only that it is not with the supplier yet
    return refuse(`Order ${order.orderId} is not ready for the supplier's confirmation yet`);
  }
  if (order.status !== 'AWAITING_SUPPLIER_CONFIRMATION') {
    return refuse(`Order ${order.orderId} is ${order.status}; it no longer awaits the supplier's confirmation`);
  }
  if (!order.compliance.counterparties || !order.confirmBy) {
    return conflict(`Order ${order.orderId} is still being checked; confirm it in a few seconds`, {
      code: 'ORDER_NOT_CONFIRMABLE',
      orderStatus: order.status,
      retryable: true,
    });
  }
  if (order.confirmBy <= at) {
    return refuse(`The supplier could confirm order ${order.orderId} until ${order.confirmBy}`);
  }
  return undefined;
}
