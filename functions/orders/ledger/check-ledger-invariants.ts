import {
  escrowAccount,
  isMoneyIn,
  sumEntries,
  totalHeld,
  type LedgerEntry,
  type LedgerMovement,
  type MovementKind,
} from './ledger-model';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { overpaymentKeyOfRefund } from './overpayment-keys';
import { orderPartition, readOrderLedger, type LedgerStore, type OrderLedger } from './ledger-repository';

/** The invariants the ledger of every order keeps. */
export type LedgerRule =
  /** A movement has its two entries (debit `to`, credit `from`, same amount and currency); no entry is orphaned. */
  | 'ENTRIES_MATCH_MOVEMENT'
  /** The entries of every movement sum to zero. */
  | 'ENTRIES_SUM_TO_ZERO'
  /** The balance item equals what the entries on the escrow account add up to. */
  | 'BALANCE_MATCHES_ENTRIES'
  /** Escrow never holds less than nothing, at the end or after any movement in time order. */
  | 'ESCROW_NOT_NEGATIVE'
  /** An order in a final status (completed, cancelled, refunded) holds nothing in escrow any more. */
  | 'FINAL_ORDER_HOLDS_NOTHING'
  /**
   * Every overpayment refund gives back one overpayment of the order, whole, to the buyer it came from:
   * its key is the overpayment's with `overpayment-refund` for `overpayment` (so none is refunded twice).
   */
  | 'OVERPAYMENT_REFUND_MATCHES'
  /**
   * Frozen escrow belongs to a FROZEN order, or to one on hold for a suspended party (a frozen order closed
   * FROZEN keeps its money, marked).
   */
  | 'FROZEN_ESCROW_ON_FROZEN_ORDER';

/**
 * Order statuses after which no money may stay in escrow: everything paid was refunded or released.
 * Escrow as a whole therefore equals the sum of the held balances of the open orders.
 */
export const finalOrderStatuses: readonly string[] = ['COMPLETED', 'CANCELLED', 'REFUNDED'];

/** One broken invariant. */
export interface LedgerViolation {
  orderId: string;
  rule: LedgerRule;
  detail: string;
}

/** The verdict over a set of orders. */
export interface LedgerCheck {
  ok: boolean;
  violations: LedgerViolation[];
}

/** The verdict with the figures behind it, for the admin endpoint. */
export interface LedgerAudit extends LedgerCheck {
  /** Orders whose ledger was read (each distinct id once). */
  checkedOrders: number;
  /** Of those, the ids that have neither an order item nor ledger items. */
  unknownOrderIds: string[];
  /**
   * What escrow holds over the checked orders, per currency, from their balance items. When `ok`, orders
   * in a final status hold 0, so this is also the sum of the held balances of the open orders.
   */
  escrowHeld: Record<string, number>;
}

/** How many ledgers are read at once, to stay well inside the table's read capacity. */
const readConcurrency = 8;

// Map.groupBy arrives with Node 21; the tests run on Node 20
function groupByMovement(entries: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const groups = new Map<string, LedgerEntry[]>();
  for (const entry of entries) groups.set(entry.idempotencyKey, [...(groups.get(entry.idempotencyKey) ?? []), entry]);
  return groups;
}

function checkMovementEntries(
  orderId: string,
  movement: LedgerMovement,
  entries: LedgerEntry[],
  violations: LedgerViolation[],
) {
  const key = movement.idempotencyKey;
  const total = sumEntries(entries);
  if (total !== 0) {
    violations.push({ orderId, rule: 'ENTRIES_SUM_TO_ZERO', detail: `entries of ${key} sum to ${total}` });
  }
  const debit = entries.filter((entry) => entry.side === 'DEBIT');
  const credit = entries.filter((entry) => entry.side === 'CREDIT');
  const expected = (found: LedgerEntry[], account: string, amount: number) =>
    found.length === 1 &&
    found[0]?.account === account &&
    found[0].amount === amount &&
    found[0].currency === movement.currency;
  if (
    entries.length !== 2 ||
    !expected(debit, movement.to, movement.amount) ||
    !expected(credit, movement.from, -movement.amount)
  ) {
    violations.push({
      orderId,
      rule: 'ENTRIES_MATCH_MOVEMENT',
      detail:
        `${key} (${movement.kind} ${movement.amount} ${movement.currency} ${movement.from} → ${movement.to}) ` +
        `has entries ${JSON.stringify(entries.map(({ account, side, amount }) => ({ account, side, amount })))}`,
    });
  }
}

/**
 * Checks one order's ledger as read from the table: every movement has its two entries and they sum to
 * zero, the balance item equals the sum of the entries on the escrow account (in total and per kind),
 * and escrow is never negative. With the order's status, also that an order in a final status holds
 * nothing in escrow (ledgers written without an order item, as in the ledger's own tests, skip that
 * rule). Returns the violations; none when the ledger is sound.
 */
export function checkOrderLedger(
  ledger: OrderLedger,
  order?: { status: string; hold?: { escrowFrozen: boolean } },
): LedgerViolation[] {
  const { orderId, movements, entries, balance } = ledger;
  const violations: LedgerViolation[] = [];
  const entriesByKey = groupByMovement(entries);
  const movementByKey = new Map(movements.map((movement) => [movement.idempotencyKey, movement]));

  for (const movement of movements) {
    checkMovementEntries(orderId, movement, entriesByKey.get(movement.idempotencyKey) ?? [], violations);
  }
  for (const [key, orphans] of entriesByKey) {
    if (!movementByKey.has(key)) {
      violations.push({
        orderId,
        rule: 'ENTRIES_MATCH_MOVEMENT',
        detail: `${orphans.length} entries of ${key} have no movement`,
      });
    }
  }

  // what the escrow entries say, per kind of the movement they belong to
  const escrow = escrowAccount(orderId);
  const escrowEntries = entries.filter((entry) => entry.account === escrow);
  const byKind = (kind: MovementKind) =>
    sumEntries(escrowEntries.filter((entry) => movementByKey.get(entry.idempotencyKey)?.kind === kind));
  const fromEntries = {
    paid: byKind('PAYMENT'),
    refunded: -byKind('REFUND'),
    released: -byKind('RELEASE'),
    // every escrow entry but the overpayments', orphans too
    held: sumEntries(escrowEntries) - byKind('OVERPAYMENT') - byKind('OVERPAYMENT_REFUND'),
    overpaid: byKind('OVERPAYMENT'),
    overpaymentRefunded: -byKind('OVERPAYMENT_REFUND'),
    overpaymentHeld: byKind('OVERPAYMENT') + byKind('OVERPAYMENT_REFUND'),
  };
  // balances written before overpayments existed have none of their fields: they count as 0
  const stored = {
    paid: balance?.paid ?? 0,
    refunded: balance?.refunded ?? 0,
    released: balance?.released ?? 0,
    held: balance?.held ?? 0,
    overpaid: balance?.overpaid ?? 0,
    overpaymentRefunded: balance?.overpaymentRefunded ?? 0,
    overpaymentHeld: balance?.overpaymentHeld ?? 0,
  };
  const mismatches = (Object.keys(fromEntries) as (keyof typeof fromEntries)[])
    .filter((field) => stored[field] !== fromEntries[field])
    .map((field) => `${field} is ${stored[field]}, entries say ${fromEntries[field]}`);
  if (stored.held !== stored.paid - stored.refunded - stored.released) {
    mismatches.push(`held ${stored.held} is not paid - refunded - released`);
  }
  if (stored.overpaymentHeld !== stored.overpaid - stored.overpaymentRefunded) {
    mismatches.push(`overpaymentHeld ${stored.overpaymentHeld} is not overpaid - overpaymentRefunded`);
  }
  const foreign = escrowEntries.filter((entry) => balance && entry.currency !== balance.currency);
  if (foreign.length > 0) mismatches.push(`${foreign.length} escrow entries are not in ${balance?.currency}`);
  if (!balance && escrowEntries.length > 0) mismatches.push('escrow entries exist but there is no balance item');
  if (mismatches.length > 0) {
    violations.push({ orderId, rule: 'BALANCE_MATCHES_ENTRIES', detail: mismatches.join('; ') });
  }

  checkOverpaymentRefunds(orderId, movements, violations);

  // Replays the escrow account in time order; money in first among equal times, as a release or refund
  // recorded at the same instant can only have been allowed by money already in escrow.
  const ordered = [...movements].sort(
    (a, b) => a.at.localeCompare(b.at) || Number(isMoneyIn(b.kind)) - Number(isMoneyIn(a.kind)),
  );
  let held = 0;
  for (const movement of ordered) {
    held += sumEntries((entriesByKey.get(movement.idempotencyKey) ?? []).filter((entry) => entry.account === escrow));
    if (held < 0) {
      violations.push({
        orderId,
        rule: 'ESCROW_NOT_NEGATIVE',
        detail: `escrow holds ${held} after ${movement.idempotencyKey} at ${movement.at}`,
      });
      break;
    }
  }
  if (Object.values(stored).some((value) => value < 0)) {
    violations.push({ orderId, rule: 'ESCROW_NOT_NEGATIVE', detail: `balance item ${JSON.stringify(stored)}` });
  }
  // the stored balance, not the replay: it is what the workflow's conditions guard
  const heldInAll = totalHeld(stored);
  if (order && finalOrderStatuses.includes(order.status) && heldInAll !== 0) {
    violations.push({
      orderId,
      rule: 'FINAL_ORDER_HOLDS_NOTHING',
      detail:
        `order is ${order.status} but escrow still holds ${heldInAll} ${balance?.currency ?? ''}`.trimEnd() +
        (stored.overpaymentHeld > 0 ? ` (${stored.overpaymentHeld} of it overpaid, not yet refunded)` : ''),
    });
  }
  // the frozen mark is set with the order's FROZEN status, or by the hold of a suspended party's order, and
  // removed before the order settles
  if (balance?.frozen && order && order.status !== 'FROZEN' && !order.hold?.escrowFrozen) {
    violations.push({
      orderId,
      rule: 'FROZEN_ESCROW_ON_FROZEN_ORDER',
      detail: `escrow is frozen since ${balance.frozen.since} but the order is ${order.status}`,
    });
  }
  return violations;
}

/**
 * Each OVERPAYMENT_REFUND pairs with the OVERPAYMENT whose key it repeats (`…:overpayment-refund:<id>` for
 * `…:overpayment:<id>`): the same amount, currency and buyer, and at most one refund per overpayment, which
 * the key makes so. An overpayment not yet refunded is no violation: its money is in `overpaymentHeld`.
 */
function checkOverpaymentRefunds(orderId: string, movements: readonly LedgerMovement[], violations: LedgerViolation[]) {
  const overpayments = new Map(
    movements
      .filter((movement) => movement.kind === 'OVERPAYMENT')
      .map((movement) => [movement.idempotencyKey, movement]),
  );
  for (const refund of movements.filter((movement) => movement.kind === 'OVERPAYMENT_REFUND')) {
    const paidKey = overpaymentKeyOfRefund(refund.idempotencyKey);
    const overpayment = paidKey ? overpayments.get(paidKey) : undefined;
    const matches =
      overpayment &&
      overpayment.amount === refund.amount &&
      overpayment.currency === refund.currency &&
      overpayment.from === refund.to;
    if (!matches) {
      violations.push({
        orderId,
        rule: 'OVERPAYMENT_REFUND_MATCHES',
        detail: overpayment
          ? `${refund.idempotencyKey} gives back ${refund.amount} ${refund.currency} to ${refund.to}; ` +
            `${overpayment.idempotencyKey} took ${overpayment.amount} ${overpayment.currency} from ${overpayment.from}`
          : `${refund.idempotencyKey} refunds no overpayment of the order`,
      });
    }
  }
}

/** The status of the order item and its hold, read alone; undefined when there is no order item. */
async function findOrderStatus(
  store: LedgerStore,
  orderId: string,
): Promise<{ status: string; hold?: { escrowFrozen: boolean } } | undefined> {
  const result = await store.db.send(
    new GetCommand({
      TableName: store.tableName,
      Key: { pk: orderPartition(orderId), sk: 'ORDER' },
      ProjectionExpression: '#status, #hold',
      ExpressionAttributeNames: { '#status': 'status', '#hold': 'hold' },
      ConsistentRead: true,
    }),
  );
  if (!result.Item) return undefined;
  const hold = result.Item.hold as { escrowFrozen?: boolean } | undefined;
  return {
    status: String(result.Item.status),
    ...(hold ? { hold: { escrowFrozen: hold.escrowFrozen === true } } : {}),
  };
}

/**
 * Checks the ledgers of the given orders, one Query and one GetItem (the order's status) each, and adds up
 * what escrow holds per currency. It takes order ids rather than scanning the table, so an admin endpoint
 * can run it on a request path.
 */
export async function auditLedgers(store: LedgerStore, orderIds: readonly string[]): Promise<LedgerAudit> {
  const violations: LedgerViolation[] = [];
  const unknownOrderIds: string[] = [];
  const escrowHeld: Record<string, number> = {};
  const unique = [...new Set(orderIds)];
  for (let start = 0; start < unique.length; start += readConcurrency) {
    const read = await Promise.all(
      unique
        .slice(start, start + readConcurrency)
        .map(async (orderId) =>
          Promise.all([readOrderLedger(store, orderId), findOrderStatus(store, orderId)] as const),
        ),
    );
    for (const [ledger, order] of read) {
      violations.push(...checkOrderLedger(ledger, order));
      if (!order && !ledger.balance && ledger.movements.length === 0 && ledger.entries.length === 0) {
        unknownOrderIds.push(ledger.orderId);
      }
      if (ledger.balance) {
        escrowHeld[ledger.balance.currency] = (escrowHeld[ledger.balance.currency] ?? 0) + totalHeld(ledger.balance);
      }
    }
  }
  return { ok: violations.length === 0, violations, checkedOrders: unique.length, unknownOrderIds, escrowHeld };
}

/**
 * Checks the ledgers of the given orders (see {@link auditLedgers}) and returns the verdict alone; the
 * integration tests run it after every scenario with the orders they touched.
 */
export async function checkLedgerInvariants(store: LedgerStore, orderIds: readonly string[]): Promise<LedgerCheck> {
  const { ok, violations } = await auditLedgers(store, orderIds);
  return { ok, violations };
}
