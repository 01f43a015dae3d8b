import * as z from 'zod';
import { auditLedgers, type LedgerRule } from '../ledger/check-ledger-invariants';
import type { LedgerStore } from '../ledger/ledger-repository';
import { listPartyOrderIds } from '../repositories/order-index-repository';
import type { OrderStore } from '../repositories/order-repository';

/** Most orders one request checks: each costs a Query and a GetItem, inside the function's timeout. */
export const maxCheckedOrders = 100;

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Query of `GET /admin/ledger/invariants`: exactly one of `partyId` (that party's newest orders, as buyer
 * and as supplier) or `orderId` (a comma-separated list; a repeated parameter arrives joined with commas).
 */
export const ledgerInvariantsQuerySchema = z
  .object({
    partyId: z
      .string()
      .regex(idPattern, { message: 'must be a party id (1-64 letters, digits, _ or -)' })
      .optional()
      .meta({ description: "Check this party's newest orders, as buyer (gsi2) and as supplier (gsi3)" }),
    orderId: z
      .string()
      .optional()
      .meta({
        description: `Check these orders: up to ${maxCheckedOrders} order ids separated by commas, or the parameter repeated`,
        example: 'order_1,order_2',
      }),
    limit: z.coerce
      .number({ message: 'must be a number' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' })
      .max(maxCheckedOrders, { message: `must be at most ${maxCheckedOrders}` })
      .optional()
      .meta({ description: `With partyId: how many of its newest orders to check (default ${maxCheckedOrders})` }),
  })
  .strict()
  .superRefine((query, context) => {
    if ((query.partyId === undefined) === (query.orderId === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'give exactly one of partyId or orderId; the whole table is never scanned',
      });
    }
    if (query.limit !== undefined && query.partyId === undefined) {
      context.addIssue({ code: 'custom', path: ['limit'], message: 'is only allowed with partyId' });
    }
    if (query.orderId !== undefined) {
      const ids = query.orderId.split(',');
      const invalid = ids.filter((id) => !idPattern.test(id));
      if (invalid.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['orderId'],
          message:
            `${invalid.map((id) => JSON.stringify(id)).join(', ')} ${invalid.length === 1 ? 'is not an order id' : 'are not order ids'} ` +
            '(1-64 letters, digits, _ or -)',
        });
      } else if (ids.length > maxCheckedOrders) {
        context.addIssue({
          code: 'custom',
          path: ['orderId'],
          message: `names ${ids.length} orders; at most ${maxCheckedOrders} are checked at once`,
        });
      }
    }
  });

/** Parsed query of `GET /admin/ledger/invariants`. */
export type LedgerInvariantsQuery = z.output<typeof ledgerInvariantsQuerySchema>;

const ledgerRules = [
  'ENTRIES_MATCH_MOVEMENT',
  'ENTRIES_SUM_TO_ZERO',
  'BALANCE_MATCHES_ENTRIES',
  'ESCROW_NOT_NEGATIVE',
  'FINAL_ORDER_HOLDS_NOTHING',
  'FROZEN_ESCROW_ON_FROZEN_ORDER',
  'OVERPAYMENT_REFUND_MATCHES',
] as const satisfies readonly LedgerRule[];

/** Response of `GET /admin/ledger/invariants`. */
export const ledgerInvariantsReportSchema = z
  .object({
    ok: z.boolean().meta({ description: 'True when no invariant is broken' }),
    checkedOrders: z.number().int().meta({ description: 'How many distinct orders were checked' }),
    orderIds: z.array(z.string()).meta({ description: 'The orders checked; newest first for partyId' }),
    truncated: z.boolean().meta({ description: 'With partyId: the party has more orders than were checked' }),
    unknownOrderIds: z
      .array(z.string())
      .meta({ description: 'Ids given in orderId that have neither an order nor ledger items' }),
    violations: z.array(
      z.object({ orderId: z.string(), rule: z.enum(ledgerRules), detail: z.string() }).meta({ id: 'LedgerViolation' }),
    ),
    escrowHeld: z.record(z.string(), z.number().int()).meta({
      description:
        'Minor units held in escrow over the checked orders, per currency. Orders in a final status ' +
        '(COMPLETED, CANCELLED, REFUNDED) must hold 0, so when ok this is the sum over the open orders.',
      example: { USD: 50_000 },
    }),
  })
  .meta({ id: 'LedgerInvariantsReport' });

/** Response of `GET /admin/ledger/invariants`. */
export type LedgerInvariantsReport = z.infer<typeof ledgerInvariantsReportSchema>;

/**
 * Proves the escrow ledger of a party's orders, or of named orders: every movement's entries sum to zero,
 * balances match their entries, escrow never went negative and orders in a final status hold nothing,
 * with what escrow holds per currency. Only Queries and GetItems, so it may run on a request path.
 */
export async function checkOrderLedgers(
  deps: { orders: OrderStore; ledger: LedgerStore },
  query: LedgerInvariantsQuery,
): Promise<LedgerInvariantsReport> {
  const { orderIds, truncated } = query.partyId
    ? await listPartyOrderIds(deps.orders, query.partyId, query.limit ?? maxCheckedOrders)
    : { orderIds: [...new Set((query.orderId ?? '').split(','))], truncated: false };
  const audit = await auditLedgers(deps.ledger, orderIds);
  return {
    ok: audit.ok,
    checkedOrders: audit.checkedOrders,
    orderIds,
    truncated,
    unknownOrderIds: audit.unknownOrderIds,
    violations: audit.violations,
    escrowHeld: audit.escrowHeld,
  };
}
