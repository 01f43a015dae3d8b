import * as z from 'zod';
import type { Audience } from '../../commons/views/view-policy';
import { countryCodeSchema, isoDateSchema, textSchema } from '../../commons/validation';
import { currencySchema } from '../../kernel/trade-rules/trade-order';
import type { RuleOutcome, TradeDecision } from '../../kernel/trade-rules/rule-outcome';
import { movementKinds } from '../ledger/ledger-model';
import { claimViewSchema, type OrderClaim } from './order-claim';
import { orderMilestones, orderStatuses, type OrderWorkflowWait } from './order-status';

/** Largest amount, in minor units, any figure of an order may reach. */
const maxAmount = Number.MAX_SAFE_INTEGER;

const positiveMinorUnits = z
  .number()
  .int({ message: 'must be an integer amount in minor units' })
  .positive({ message: 'must be positive' })
  .max(maxAmount);

/** One line of an order. */
export const orderItemSchema = z
  .object({
    description: textSchema(500),
    hsCode: z
      .string()
      .regex(/^\d{6,10}$/, { message: 'must be an HS code of 6 to 10 digits, without dots or spaces' })
      .meta({ example: '851712' }),
    quantity: z
      .number()
      .int({ message: 'must be a whole number' })
      .positive({ message: 'must be positive' })
      .max(10_000_000),
    unitPrice: positiveMinorUnits.meta({ description: 'Price of one unit in minor units of the order currency' }),
  })
  .strict()
  .meta({ id: 'OrderItem' });

/** Sum of the lines in minor units; may exceed the safe range, which the request schema refuses. */
export function orderTotal(items: readonly { quantity: number; unitPrice: number }[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
}

/** Body of `POST /orders`. */
export const createOrderRequestSchema = z
  .object({
    supplierId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a party id' })
      .meta({ description: 'Party id of the supplier' }),
    items: z.array(orderItemSchema).min(1, { message: 'must list at least one item' }).max(100),
    currency: currencySchema.meta({ description: "ISO 4217; must be the supplier's Trade Assurance currency" }),
    coverage: z.enum(['DEPOSIT', 'FULL']).meta({ description: 'Cover the deposit only, or the full order value' }),
    depositAmount: positiveMinorUnits
      .optional()
      .meta({ description: 'Required with DEPOSIT coverage, and less than the order total' }),
    shipBy: isoDateSchema.meta({ description: 'Latest ship date (YYYY-MM-DD, UTC); must be after today' }),
    destinationCountry: countryCodeSchema,
    destinationRegion: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'ISO 3166-2 code or name of the region, for regional embargoes', example: 'UA-43' }),
    qualitySpec: textSchema(4000).meta({ description: 'What the goods must be; claims are judged against it' }),
    qualityProtection: z
      .enum(['PRE_SHIPMENT', 'POST_DELIVERY'])
      .default('POST_DELIVERY')
      .meta({
        description:
          'PRE_SHIPMENT: a third-party inspection must pass before the shipment counts; POST_DELIVERY (default): ' +
          'QUALITY claims within the claim window after receipt',
      }),
  })
  .strict()
  .superRefine((order, context) => {
    const total = orderTotal(order.items);
    if (!Number.isSafeInteger(total)) {
      context.addIssue({ code: 'custom', path: ['items'], message: 'the order total is too large' });
      return;
    }
    if (order.coverage === 'DEPOSIT') {
      if (order.depositAmount === undefined) {
        context.addIssue({ code: 'custom', path: ['depositAmount'], message: 'is required with DEPOSIT coverage' });
      } else if (order.depositAmount >= total) {
        context.addIssue({
          code: 'custom',
          path: ['depositAmount'],
          message: `must be less than the order total ${total}; use FULL coverage to cover the whole order`,
        });
      }
    } else if (order.depositAmount !== undefined) {
      context.addIssue({ code: 'custom', path: ['depositAmount'], message: 'is only allowed with DEPOSIT coverage' });
    }
  })
  .meta({ id: 'CreateOrder' });

export type CreateOrderRequest = z.output<typeof createOrderRequestSchema>;

/** Status of an order: one of `orderStatuses` (models/order-lifecycle.ts). */
export type OrderStatus = 'COMPLIANCE_HOLD' | 'AWAITING_PAYMENT' | (string & {});

/** Response of `POST /orders`. */
export const createOrderResponseSchema = z
  .object({
    orderId: z.string(),
    status: z.enum(['AWAITING_SUPPLIER_CONFIRMATION', 'COMPLIANCE_HOLD']).meta({
      description:
        'AWAITING_SUPPLIER_CONFIRMATION: the supplier confirms (reserving the coverage) or declines by `confirmBy`; ' +
        'COMPLIANCE_HOLD: a compliance officer must clear the order before it goes to the supplier',
    }),
    coveredAmount: z.number().int(),
    currency: z.string(),
    confirmBy: z
      .string()
      .optional()
      .meta({ description: 'Until when the supplier may confirm; for a held order, set once the hold is cleared' }),
  })
  .meta({ id: 'OrderCreated' });

export type CreatedOrder = z.output<typeof createOrderResponseSchema>;

/** The compliance screening recorded on an order. */
export interface OrderCompliance {
  decision: TradeDecision;
  /** Every outcome that was not a PASS. */
  outcomes: RuleOutcome[];
  screenedAt: string;
  /** The workflow's screening of buyer and supplier against the lists in service; `decision` includes it. */
  counterparties?: { decision: TradeDecision; outcomes: RuleOutcome[]; screenedAt: string; listVersion: string };
  /** The compliance officer's decision on a COMPLIANCE_HOLD. */
  review?: { taskId: string; decision?: string };
}

/** A payout of money leaving escrow, as the payout provider was asked to make it. */
export interface OrderPayout {
  /** The ledger movement's idempotency key, also the provider's idempotency key. */
  movementKey: string;
  beneficiary: 'BUYER' | 'SUPPLIER';
  partyId: string;
  amount: number;
  currency: string;
  provider: string;
  providerPayoutId: string;
  status: 'PENDING' | 'PAID' | 'FAILED';
  requestedAt: string;
  confirmedAt?: string;
  failureReason?: string;
}

/** How the escrow of an order was settled. */
export interface OrderSettlement {
  /** COMPLIANCE_REFUND: frozen money paid back to the buyer by a four-eyes REFUND_BUYER decision. */
  outcome: 'NO_CLAIM' | 'CLAIM_ACCEPTED' | 'DETERMINATION' | 'SHIP_BY_MISSED' | 'CANCELLED' | 'COMPLIANCE_REFUND';
  refunded: number;
  released: number;
  settledAt: string;
  payouts: OrderPayout[];
}

/** An assured order as stored. Money in minor units of `currency`. */
export interface Order {
  orderId: string;
  buyerPartyId: string;
  supplierPartyId: string;
  createdBy: string;
  items: CreateOrderRequest['items'];
  currency: string;
  totalAmount: number;
  coverage: CreateOrderRequest['coverage'];
  depositAmount?: number;
  coveredAmount: number;
  shipBy: string;
  destination: { country: string; region?: string };
  qualitySpec: string;
  /** Absent on orders placed before it existed: POST_DELIVERY. */
  qualityProtection?: 'PRE_SHIPMENT' | 'POST_DELIVERY';
  /** The inspection agencies' reports of a PRE_SHIPMENT order (`models/inspection.ts`). */
  inspections?: OrderInspection[];
  status: OrderStatus;
  compliance: OrderCompliance;
  /**
   * Until when the supplier may confirm or decline (`POST /orders/{orderId}/confirmation`); set when the
   * order awaits the supplier (for a held order, once the hold is cleared).
   */
  confirmBy?: string;
  /** The supplier's answer; `by` is the supplier's user (staff view only). */
  supplierConfirmation?: SupplierConfirmation;
  /** Until when the buyer may pay; set by the supplier's confirmation. */
  payBy?: string;
  /**
   * The coverage reserved on the supplier's Trade Assurance account, from the supplier's confirmation;
   * `releasedAt` once given back.
   */
  reservation?: { amount: number; reservedAt: string; releasedAt?: string };
  /** Set once by the payment webhook when the buyer's payment of `totalAmount` is in escrow. */
  payment?: OrderPayment;
  /** What the logistics webhooks reported, merged out of order (see `models/shipment.ts`). */
  shipment?: OrderShipment;
  /** The supplier's requests for a later ship-by date and the buyer's answers; `shipBy` is the date in force. */
  shipByExtension?: ShipByExtension;
  /**
   * Until when the buyer may confirm receipt of delivered goods before it is confirmed for them
   * (`dueAt`, set when the delivery is reported), and the extensions each party made.
   */
  receiptWindow?: ReceiptWindow;
  /** The buyer's confirmation of receipt (or the automatic one); the claim window runs from it. */
  receipt?: { confirmedAt: string; by: 'BUYER' | 'AUTOMATIC'; claimWindowEndsAt: string };
  claim?: OrderClaim;
  /** The DISPUTE_DETERMINATION task, once a claim or a missing delivery went to the platform. */
  determination?: { taskId: string; decision?: string; amount?: number };
  settlement?: OrderSettlement;
  /** Set when the money froze instead of settling (`workflow/freeze-order-escrow.ts`); staff view only. */
  freeze?: OrderFreeze;
  /** Set when a party of the order was suspended (`usecases/hold-party-orders.ts`); staff view only. */
  hold?: OrderHold;
  cancellation?: { reason: string; at: string };
  /** What the workflow waits for; internal, never shown. */
  workflowWait?: OrderWorkflowWait;
  /** The execution that carries the order on after its delivery, when the first grew old (staff view). */
  workflowContinuation?: { executionName: string; at: string };
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** What a FROZEN_FUNDS review decides: settle as due, pay everything back to the buyer, or keep it frozen and report it. */
export const frozenFundsDecisions = ['RELEASE', 'REFUND_BUYER', 'KEEP_FROZEN'] as const;

/** One of {@link frozenFundsDecisions}. */
export type FrozenFundsDecision = (typeof frozenFundsDecisions)[number];

/** A party whose standing froze an order's money. */
export interface FreezeFlag {
  role: 'BUYER' | 'SUPPLIER';
  partyId: string;
  standing: 'SUSPENDED' | 'REJECTED';
}

/**
 * The money of an order frozen when it was due to settle, because a party's standing no longer allows
 * paying it (DESIGN, "Held money is frozen, not returned"). Only a four-eyes decision on the FROZEN_FUNDS
 * task moves it.
 */
export interface OrderFreeze {
  frozenAt: string;
  /** What escrow held when it froze, in minor units. */
  amount: number;
  /** The settlement that was due. */
  outcome: Exclude<OrderSettlement['outcome'], 'CANCELLED' | 'COMPLIANCE_REFUND'>;
  flags: FreezeFlag[];
  /** The FROZEN_FUNDS review task. */
  taskId?: string;
  decision?: FrozenFundsDecision;
  decidedAt?: string;
  /** The reviewer's internal reason for the decision. */
  decisionReason?: string;
  /** The compliance report filed when the money was kept frozen. */
  reportId?: string;
}

/**
 * An open order put on hold because one of its parties was suspended after a confirmed match (DESIGN,
 * "Ongoing monitoring"): the money escrow held then is frozen at once, so the ledger refuses every refund
 * and release; when the order comes to settle, the money freezes for a FROZEN_FUNDS review as for any
 * suspended party.
 */
export interface OrderHold {
  since: string;
  partyId: string;
  role: 'BUYER' | 'SUPPLIER';
  /** The review task whose confirmed match suspended the party. */
  taskId: string;
  reason: string;
  /** True when escrow held money that the hold froze. */
  escrowFrozen: boolean;
}

/** The ship-by extensions of an order: the date it was placed with, the request awaiting the buyer, the answers. */
export interface ShipByExtension {
  firstShipBy: string;
  /** `by` is the supplier's user (staff view only). */
  requested?: { newShipBy: string; reason: string; at: string; by: string };
  history: { from: string; to: string; reason: string; requestedAt: string; answeredAt: string; accepted: boolean }[];
}

/** One inspection report as the agency sent it (`models/inspection.ts`). */
export interface OrderInspection {
  result: 'PASSED' | 'FAILED';
  reportId: string;
  occurredAt: string;
  findings?: string;
  /** When TrustFlow received it (business clock). */
  receivedAt: string;
  /** The agency (webhook partner) that sent it. */
  partnerId: string;
}

/** The receipt window of an order: its end, and the extensions (each party at most once). */
export interface ReceiptWindow {
  dueAt?: string;
  extensions: { by: 'BUYER' | 'SUPPLIER'; at: string; days: number }[];
}

/** The supplier's answer to an order. */
export interface SupplierConfirmation {
  accepted: boolean;
  at: string;
  /** Why the supplier declined; both parties read it. */
  reason?: string;
  by: string;
}

/** The buyer's payment as the payment partner reported it; the ledger holds the movement. */
export interface OrderPayment {
  amount: number;
  currency: string;
  /** When TrustFlow received it (business clock). */
  receivedAt: string;
  partnerId: string;
  eventId: string;
  /** The ledger movement's idempotency key, `movementKey(orderId, 'payment')`. */
  movementKey: string;
}

/**
 * The furthest logistics state reported for an order, whatever order the events came in. DELIVERED
 * implies shipped: `status` is DELIVERED once any DELIVERED arrived, even without a SHIPPED.
 */
export interface OrderShipment {
  status: 'SHIPPED' | 'DELIVERED' | 'EXCEPTION';
  /** Earliest SHIPPED `occurredAt` reported; absent when only DELIVERED or EXCEPTION arrived. */
  shippedAt?: string;
  /** Earliest DELIVERED `occurredAt` reported. */
  deliveredAt?: string;
  /** Latest EXCEPTION `occurredAt` reported. */
  lastExceptionAt?: string;
  trackingNumber: string;
  carrier: string;
  /** Logistics events taken, at most `MAX_LOGISTICS_EVENTS`. */
  eventCount?: number;
}

/** One entry of an order's timeline (append-only). */
export interface OrderTimelineEvent {
  at: string;
  type: string;
  actor: { type: 'USER' | 'SYSTEM'; id: string };
  detail: Record<string, unknown>;
  /** Who the entry is for; set when written, from `orderTimelinePolicy` unless the writer says. */
  audience?: Audience;
}

/** An inspection agency's report as both parties read it; staff also see the agency and when it came. */
const inspectionReportSchema = z.object({
  result: z.enum(['PASSED', 'FAILED']),
  reportId: z.string(),
  occurredAt: z.string(),
  findings: z.string().optional(),
});

/** One answered ship-by extension. */
export const shipByExtensionEntrySchema = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  answeredAt: z.string(),
  accepted: z.boolean(),
});

const ruleOutcomeSchema = z.object({
  ruleId: z.string(),
  ruleSetVersion: z.string(),
  action: z.enum(['BLOCK', 'HOLD', 'FLAG', 'PASS']),
  reason: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});

/** A payout of an order's settlement, as staff read it. */
const payoutViewSchema = z.object({
  movementKey: z.string(),
  beneficiary: z.enum(['BUYER', 'SUPPLIER']),
  partyId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  provider: z.string(),
  providerPayoutId: z.string(),
  status: z.enum(['PENDING', 'PAID', 'FAILED']),
  requestedAt: z.string(),
  confirmedAt: z.string().optional(),
  failureReason: z.string().optional(),
});

/** How an order's escrow was settled. */
const settlementViewSchema = z.object({
  outcome: z
    .enum(['NO_CLAIM', 'CLAIM_ACCEPTED', 'DETERMINATION', 'SHIP_BY_MISSED', 'CANCELLED', 'COMPLIANCE_REFUND'])
    .meta({ description: 'COMPLIANCE_REFUND: money held for compliance, paid back to the buyer in full' }),
  refunded: z.number().int(),
  released: z.number().int(),
  settledAt: z.string(),
  payouts: z.array(payoutViewSchema),
});

/** Response of `GET /orders/{orderId}` (documentation; the use case builds it from the stored order). */
export const orderViewSchema = z
  .object({
    orderId: z.string(),
    buyerPartyId: z.string(),
    supplierPartyId: z.string(),
    createdBy: z.string(),
    items: z.array(orderItemSchema),
    currency: z.string(),
    totalAmount: z.number().int(),
    coverage: z.enum(['DEPOSIT', 'FULL']),
    depositAmount: z.number().int().optional(),
    coveredAmount: z.number().int(),
    shipBy: z.string(),
    destination: z.object({ country: z.string(), region: z.string().optional() }),
    qualitySpec: z.string(),
    qualityProtection: z.enum(['PRE_SHIPMENT', 'POST_DELIVERY']).optional(),
    inspections: z
      .array(inspectionReportSchema.extend({ receivedAt: z.string(), partnerId: z.string() }))
      .optional()
      .meta({ description: "The inspection agencies' reports of a PRE_SHIPMENT order" }),
    status: z.enum(orderStatuses),
    compliance: z.object({
      decision: z.enum(['BLOCK', 'HOLD', 'PASS']),
      outcomes: z.array(ruleOutcomeSchema).meta({ description: 'Every rule outcome that was not a PASS' }),
      screenedAt: z.string(),
    }),
    confirmBy: z.string().optional().meta({ description: 'Until when the supplier may confirm or decline' }),
    supplierConfirmation: z
      .object({
        accepted: z.boolean(),
        at: z.string(),
        reason: z.string().optional(),
        by: z.string().meta({ description: "The supplier's user (staff view)" }),
      })
      .optional(),
    payBy: z
      .string()
      .optional()
      .meta({ description: "Until when the buyer may pay; set by the supplier's confirmation" }),
    reservation: z
      .object({ amount: z.number().int(), reservedAt: z.string(), releasedAt: z.string().optional() })
      .optional()
      .meta({ description: "The coverage reserved on the supplier's Trade Assurance from its confirmation" }),
    shipByExtension: z
      .object({
        firstShipBy: z.string(),
        requested: z
          .object({ newShipBy: z.string(), reason: z.string(), at: z.string(), by: z.string() })
          .optional()
          .meta({ description: "The supplier's request awaiting the buyer; `by` is the supplier's user (staff view)" }),
        history: z.array(shipByExtensionEntrySchema),
      })
      .optional()
      .meta({ description: 'Ship-by extensions: all together at most 90 days past `firstShipBy`' }),
    receiptWindow: z
      .object({
        dueAt: z.string().optional(),
        extensions: z.array(z.object({ by: z.enum(['BUYER', 'SUPPLIER']), at: z.string(), days: z.number().int() })),
      })
      .optional()
      .meta({ description: 'Until when the buyer may confirm receipt before it is confirmed automatically' }),
    payment: z
      .object({
        amount: z.number().int(),
        currency: z.string(),
        receivedAt: z.string(),
        partnerId: z.string(),
        eventId: z.string(),
        movementKey: z.string(),
      })
      .optional()
      .meta({ description: "Set when the payment partner reported the buyer's payment of the order total" }),
    shipment: z
      .object({
        status: z.enum(['SHIPPED', 'DELIVERED', 'EXCEPTION']),
        shippedAt: z.string().optional(),
        deliveredAt: z.string().optional(),
        lastExceptionAt: z.string().optional(),
        trackingNumber: z.string(),
        carrier: z.string(),
      })
      .optional()
      .meta({ description: 'The furthest logistics state reported; DELIVERED implies shipped' }),
    receipt: z
      .object({ confirmedAt: z.string(), by: z.enum(['BUYER', 'AUTOMATIC']), claimWindowEndsAt: z.string() })
      .optional()
      .meta({ description: 'Receipt, confirmed by the buyer or automatically 14 days after delivery' }),
    claim: claimViewSchema
      .omit({ orderId: true })
      .extend({ openedBy: z.string().meta({ description: 'The buyer user who opened it (staff view)' }) })
      .optional(),
    determination: z
      .object({ taskId: z.string(), decision: z.string().optional(), amount: z.number().int().optional() })
      .optional()
      .meta({ description: 'The DISPUTE_DETERMINATION review task and its decision' }),
    settlement: settlementViewSchema
      .optional()
      .meta({ description: 'How escrow was settled, with the payouts and their confirmation' }),
    freeze: z
      .object({
        frozenAt: z.string(),
        amount: z.number().int(),
        outcome: z.enum(['NO_CLAIM', 'CLAIM_ACCEPTED', 'DETERMINATION', 'SHIP_BY_MISSED']),
        flags: z.array(
          z.object({
            role: z.enum(['BUYER', 'SUPPLIER']),
            partyId: z.string(),
            standing: z.enum(['SUSPENDED', 'REJECTED']),
          }),
        ),
        taskId: z.string().optional(),
        decision: z.enum(frozenFundsDecisions).optional(),
        decidedAt: z.string().optional(),
        decisionReason: z.string().optional(),
        reportId: z.string().optional(),
      })
      .optional()
      .meta({
        description:
          'Staff view: the money froze instead of settling because a party is SUSPENDED or REJECTED; the FROZEN_FUNDS ' +
          'task decides (RELEASE, REFUND_BUYER with four eyes; KEEP_FROZEN files a compliance report). Parties ' +
          'read the status as COMPLIANCE_HOLD',
      }),
    hold: z
      .object({
        since: z.string(),
        partyId: z.string(),
        role: z.enum(['BUYER', 'SUPPLIER']),
        taskId: z.string(),
        reason: z.string(),
        escrowFrozen: z.boolean(),
      })
      .optional()
      .meta({
        description:
          'Staff view: the order is on hold because a party was suspended after a confirmed sanctions match; the ' +
          'money escrow held then is frozen until a four-eyes decision',
      }),
    cancellation: z
      .object({
        reason: z.enum(['COMPLIANCE_BLOCKED', 'COMPLIANCE_REJECTED', 'CONFIRMATION_TIMEOUT', 'PAYMENT_TIMEOUT']),
        at: z.string(),
      })
      .optional(),
    waitingFor: z
      .object({ milestone: z.enum(orderMilestones), since: z.string() })
      .optional()
      .meta({ description: 'What the order workflow waits for now' }),
    workflowContinuation: z
      .object({ executionName: z.string(), at: z.string() })
      .optional()
      .meta({
        description:
          'Staff view: the execution that carries the order on after its delivery (a Standard execution lasts ' +
          'at most a year)',
      }),
    closedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    timeline: z.array(
      z.object({
        at: z.string(),
        type: z.string(),
        actor: z.object({ type: z.enum(['USER', 'SYSTEM']), id: z.string() }),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    movements: z.array(
      z.object({
        kind: z.enum(movementKinds),
        amount: z.number().int(),
        currency: z.string(),
        idempotencyKey: z.string(),
        reason: z.string(),
        source: z
          .string()
          .optional()
          .meta({ description: 'The partner event that caused it (`<partnerId>/<eventId>`)' }),
        at: z.string(),
        from: z.string(),
        to: z.string(),
      }),
    ),
  })
  .meta({ id: 'Order', description: 'The staff view (reviewers, admins); the parties read OrderPartyView' });

/**
 * Response of `GET /orders/{orderId}` for the order's buyer and supplier: no compliance record, review
 * tasks, reviewers, internal errors or the other party's users (DESIGN, "Who may see what").
 */
export const partyOrderViewSchema = orderViewSchema
  .omit({
    createdBy: true,
    compliance: true,
    supplierConfirmation: true,
    shipByExtension: true,
    inspections: true,
    payment: true,
    claim: true,
    determination: true,
    settlement: true,
    freeze: true,
    hold: true,
    workflowContinuation: true,
    cancellation: true,
    timeline: true,
    movements: true,
  })
  .extend({
    payment: z.object({ amount: z.number().int(), currency: z.string(), receivedAt: z.string() }).optional(),
    claim: claimViewSchema.omit({ orderId: true }).optional(),
    determination: z
      .object({ decision: z.enum(['REFUND', 'RELEASE']), amount: z.number().int().optional() })
      .optional()
      .meta({ description: "The platform's determination of a claim" }),
    settlement: settlementViewSchema
      .extend({
        payouts: z.array(
          payoutViewSchema.pick({
            beneficiary: true,
            amount: true,
            currency: true,
            status: true,
            requestedAt: true,
            confirmedAt: true,
          }),
        ),
      })
      .optional(),
    cancellation: z
      .object({ reason: z.enum(['PAYMENT_TIMEOUT', 'CONFIRMATION_TIMEOUT', 'NOT_APPROVED']), at: z.string() })
      .optional(),
    supplierConfirmation: z
      .object({ accepted: z.boolean(), at: z.string(), reason: z.string().optional() })
      .optional()
      .meta({ description: "The supplier's answer; the reason of a decline" }),
    inspections: z.array(inspectionReportSchema).optional(),
    shipByExtension: z
      .object({
        firstShipBy: z.string(),
        requested: z.object({ newShipBy: z.string(), reason: z.string(), at: z.string() }).optional(),
        history: z.array(shipByExtensionEntrySchema),
      })
      .optional(),
    timeline: z.array(
      z.object({
        at: z.string(),
        type: z.string(),
        actor: z.object({ kind: z.enum(['PARTY', 'STAFF', 'SYSTEM']) }),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    movements: z
      .array(
        z
          .object({
            kind: z.enum(movementKinds),
            amount: z.number().int(),
            currency: z.string(),
            at: z.string(),
            from: z.string(),
            to: z.string(),
          })
          .strict(),
      )
      .meta({ description: "The escrow's movements, without the partners' event ids or the ledger's keys" }),
  })
  .strict()
  .meta({ id: 'OrderPartyView' });
