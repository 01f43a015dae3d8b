import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getStoredItem, stripKeys } from '../../commons/storage/stored-item';
import { generateId } from '../../commons/ids';
import { isConditionFailure, isTransactionConflict, transactWrite } from '../../commons/storage/transact-write';
import {
  assessMovement,
  buildMovement,
  type EscrowBalance,
  type EscrowFreeze,
  type LedgerEntry,
  type LedgerRefusal,
  type LedgerMovement,
  type MovementInput,
  type MovementOutcome,
} from './ledger-model';

/*
 * Key layout of an order's escrow ledger in the single table. It lives in the order's partition, so one
 * Query returns the whole ledger and one transaction can guard the balance while adding entries:
 *   ORDER#<orderId> / LEDGER#BALANCE                              the escrow balance (paid, refunded, released, held)
 *   ORDER#<orderId> / LEDGER#MOVEMENT#<idempotencyKey>            a movement; the key makes a replay collide
 *   ORDER#<orderId> / LEDGER#ENTRY#<idempotencyKey>#DEBIT|CREDIT  its two entries (append-only)
 * The idempotency key starts with the order id (`order_1:refund:ship-by-missed`), so a key names one
 * item in the whole table. No index is used.
 */

/** Partition of an order; other order items share it. */
export function orderPartition(orderId: string): string {
  return `ORDER#${orderId}`;
}

/** Primary key of the escrow balance item. */
export function escrowBalanceKey(orderId: string) {
  return { pk: orderPartition(orderId), sk: 'LEDGER#BALANCE' };
}

/** Primary key of a movement item. */
export function movementItemKey(orderId: string, idempotencyKey: string) {
  return { pk: orderPartition(orderId), sk: `LEDGER#MOVEMENT#${idempotencyKey}` };
}

/** Primary key of an entry item. */
export function entryItemKey(orderId: string, idempotencyKey: string, side: LedgerEntry['side']) {
  return { pk: orderPartition(orderId), sk: `LEDGER#ENTRY#${idempotencyKey}#${side}` };
}

/** Where the ledger is stored. */
export interface LedgerStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Everything the ledger holds about one order, read in one Query. */
export interface OrderLedger {
  orderId: string;
  movements: LedgerMovement[];
  entries: LedgerEntry[];
  /** Undefined until the first payment. */
  balance: EscrowBalance | undefined;
}

/** Payment, refund and release without their kind: the function says which. */
export type MovementRequest = Omit<MovementInput, 'kind'>;

/** Positions of the items in a movement's transaction, for reading cancellation reasons. */
const movementIndex = 0;
const balanceIndex = 3;
const guardIndex = 4;

/**
 * A condition on another item of the order's partition that must hold for the movement to be written,
 * checked in the same transaction (e.g. "the order still awaits payment"), with the refusal to answer
 * when it does not.
 */
export interface MovementGuard {
  check: {
    Key: { pk: string; sk: string };
    ConditionExpression: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  };
  refusal: LedgerRefusal;
}

/**
 * Items written in the movement's transaction, such as the timeline entry that announces it (with its
 * outbound event): written exactly when the movement is, never on a replay.
 */
export interface AlsoWritten {
  Put: {
    TableName: string;
    Item: Record<string, unknown>;
    ConditionExpression?: string;
  };
}

/**
 * Rounds of whole-transaction attempts. transactWrite already retries conflicts a few times; when many
 * movements hit one order at once (the balance item is the hot spot) a round can still lose, and a
 * refused-then-diagnosed condition can meet a balance that has changed since. Both are retried here.
 */
const maxRounds = 5;

/** The update of the balance item with the conditions that enforce the rules of the movement's kind. */
function balanceUpdate(store: LedgerStore, movement: LedgerMovement, refundLimit: number) {
  const common = { TableName: store.tableName, Key: escrowBalanceKey(movement.orderId) };
  const values = { ':amount': movement.amount, ':currency': movement.currency };
  switch (movement.kind) {
    case 'PAYMENT':
      // the first payment creates the balance and fixes its currency
      return {
        ...common,
        UpdateExpression:
          'SET paid = if_not_exists(paid, :zero) + :amount, held = if_not_exists(held, :zero) + :amount, ' +
          'refunded = if_not_exists(refunded, :zero), released = if_not_exists(released, :zero), ' +
          'currency = if_not_exists(currency, :currency), orderId = :orderId, entity = :entity',
        ConditionExpression: 'attribute_not_exists(currency) OR currency = :currency',
        ExpressionAttributeValues: { ...values, ':zero': 0, ':orderId': movement.orderId, ':entity': 'LEDGER_BALANCE' },
      };
    case 'REFUND':
      // refunded + amount <= refundLimit, written without arithmetic on attributes; held >= amount also
      // keeps refunded + amount <= paid, so together they bound the refund by min(refundLimit, paid)
      return {
        ...common,
        UpdateExpression: 'SET refunded = refunded + :amount, held = held - :amount',
        ConditionExpression:
          'currency = :currency AND held >= :amount AND refunded <= :maxRefundedBefore AND attribute_not_exists(frozen)',
        ExpressionAttributeValues: { ...values, ':maxRefundedBefore': refundLimit - movement.amount },
      };
    case 'RELEASE':
      return {
        ...common,
        UpdateExpression: 'SET released = released + :amount, held = held - :amount',
        ConditionExpression: 'currency = :currency AND held >= :amount AND attribute_not_exists(frozen)',
        ExpressionAttributeValues: values,
      };
    case 'OVERPAYMENT':
      // kept apart from the order's money (`held`), so nothing that settles the order can pay it out
      return {
        ...common,
        UpdateExpression:
          'SET overpaid = if_not_exists(overpaid, :zero) + :amount, ' +
          'overpaymentHeld = if_not_exists(overpaymentHeld, :zero) + :amount, ' +
          'overpaymentRefunded = if_not_exists(overpaymentRefunded, :zero), ' +
          'paid = if_not_exists(paid, :zero), held = if_not_exists(held, :zero), ' +
          'refunded = if_not_exists(refunded, :zero), released = if_not_exists(released, :zero), ' +
          'currency = if_not_exists(currency, :currency), orderId = :orderId, entity = :entity',
        ConditionExpression: 'attribute_not_exists(currency) OR currency = :currency',
        ExpressionAttributeValues: { ...values, ':zero': 0, ':orderId': movement.orderId, ':entity': 'LEDGER_BALANCE' },
      };
    case 'OVERPAYMENT_REFUND':
      return {
        ...common,
        UpdateExpression:
          'SET overpaymentRefunded = overpaymentRefunded + :amount, overpaymentHeld = overpaymentHeld - :amount',
        ConditionExpression: 'currency = :currency AND overpaymentHeld >= :amount AND attribute_not_exists(frozen)',
        ExpressionAttributeValues: values,
      };
  }
}

/**
 * The Update that freezes an order's escrow, for the transaction that records the freeze on the order:
 * from then on the refund and release conditions above refuse every movement out. It requires money in
 * escrow and no freeze already, so a retried step cannot overwrite the first one's reason.
 */
export function freezeEscrowUpdate(store: LedgerStore, orderId: string, freeze: EscrowFreeze) {
  return {
    Update: {
      TableName: store.tableName,
      Key: escrowBalanceKey(orderId),
      UpdateExpression: 'SET frozen = :frozen',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(frozen)',
      ExpressionAttributeValues: { ':frozen': freeze },
    },
  };
}

/** The Update that unfreezes an order's escrow, for the transaction of the four-eyes decision that allows it. */
export function unfreezeEscrowUpdate(store: LedgerStore, orderId: string) {
  return {
    Update: {
      TableName: store.tableName,
      Key: escrowBalanceKey(orderId),
      UpdateExpression: 'REMOVE frozen',
      ConditionExpression: 'attribute_exists(frozen)',
    },
  };
}

/** Reads the escrow balance of an order; undefined before the first payment. */
export async function findEscrowBalance(store: LedgerStore, orderId: string): Promise<EscrowBalance | undefined> {
  return getStoredItem<EscrowBalance>(store, escrowBalanceKey(orderId));
}

function findMovement(store: LedgerStore, orderId: string, idempotencyKey: string) {
  return getStoredItem<LedgerMovement>(store, movementItemKey(orderId, idempotencyKey));
}

/**
 * Records one movement as one transaction: the movement item (which fails when its idempotency key was
 * used), its two entries, and the guarded update of the escrow balance. Either all four are written or
 * none. A replay returns the first movement with `replayed: true`, even when the rules would now refuse
 * it; a refusal returns the broken rule.
 */
async function recordMovement(
  store: LedgerStore,
  input: MovementInput,
  refundLimit = 0,
  guard?: MovementGuard,
  alsoWrite: readonly AlsoWritten[] = [],
): Promise<MovementOutcome> {
  const { movement, entries } = buildMovement(input);
  const { orderId, idempotencyKey } = movement;
  const appendOnly = 'attribute_not_exists(pk)';
  const transaction = {
    TransactItems: [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...movementItemKey(orderId, idempotencyKey), entity: 'LEDGER_MOVEMENT', ...movement },
          ConditionExpression: appendOnly,
        },
      },
      ...entries.map((entry) => ({
        Put: {
          TableName: store.tableName,
          Item: { ...entryItemKey(orderId, idempotencyKey, entry.side), entity: 'LEDGER_ENTRY', ...entry },
          ConditionExpression: appendOnly,
        },
      })),
      { Update: balanceUpdate(store, movement, refundLimit) },
      ...(guard ? [{ ConditionCheck: { TableName: store.tableName, ...guard.check } }] : []),
      ...alsoWrite,
    ],
  };
  for (let round = 1; ; round++) {
    try {
      // A fresh token per call: a ClientRequestToken reused within ten minutes would make DynamoDB
      // answer a replay with success (or a parameter mismatch) instead of failing the movement's
      // condition, and the replay must be seen as one. SDK resends of one attempt still share a token.
      await transactWrite(store.db, `ledger:${idempotencyKey}:${generateId('call')}`, transaction);
      return { movement, replayed: false };
    } catch (error) {
      if (isConditionFailure(error, movementIndex)) {
        const first = await findMovement(store, orderId, idempotencyKey);
        if (first) return { movement: first, replayed: true };
        throw error;
      }
      if (guard && isConditionFailure(error, guardIndex)) return guard.refusal;
      if (isConditionFailure(error, balanceIndex)) {
        const refusal = assessMovement(await findEscrowBalance(store, orderId), movement, refundLimit);
        if (refusal) return refusal;
        // the balance changed between the condition and the read (a payment arrived): try again
      } else if (!isTransactionConflict(error)) {
        throw error;
      }
      if (round >= maxRounds) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * round));
    }
  }
}

/**
 * Records the buyer's payment into escrow (buyer → escrow). The first payment fixes the order's currency.
 * `guard` makes it conditional on the order's state in the same transaction.
 */
export function recordPayment(
  store: LedgerStore,
  request: MovementRequest,
  guard?: MovementGuard,
): Promise<MovementOutcome> {
  return recordMovement(store, { ...request, kind: 'PAYMENT' }, 0, guard);
}

/**
 * Refunds the buyer from escrow (escrow → buyer). `refundLimit` is the covered amount of the order: all
 * refunds together never exceed `min(refundLimit, paid)`, nor what escrow still holds.
 */
export function recordRefund(
  store: LedgerStore,
  request: MovementRequest,
  refundLimit: number,
): Promise<MovementOutcome> {
  if (!Number.isSafeInteger(refundLimit) || refundLimit < 0) {
    throw new Error(`refundLimit must be a non-negative integer of minor units, got ${refundLimit}`);
  }
  return recordMovement(store, { ...request, kind: 'REFUND' }, refundLimit);
}

/**
 * Takes a payment beyond what the order owes into escrow (buyer → escrow), apart from the order's money,
 * with `alsoWrite` (its timeline entry) in the same transaction. The key derives from the partner's event,
 * so a replay records nothing more.
 */
export function recordOverpayment(
  store: LedgerStore,
  request: MovementRequest,
  alsoWrite: readonly AlsoWritten[] = [],
): Promise<MovementOutcome> {
  return recordMovement(store, { ...request, kind: 'OVERPAYMENT' }, 0, undefined, alsoWrite);
}

/**
 * Gives an overpayment back (escrow → buyer), never more than the overpayments escrow holds and never
 * while the escrow is frozen, with `alsoWrite` in the same transaction.
 */
export function recordOverpaymentRefund(
  store: LedgerStore,
  request: MovementRequest,
  alsoWrite: readonly AlsoWritten[] = [],
): Promise<MovementOutcome> {
  return recordMovement(store, { ...request, kind: 'OVERPAYMENT_REFUND' }, 0, undefined, alsoWrite);
}

/** Releases escrow to the supplier (escrow → supplier), never more than escrow holds. */
export function recordRelease(store: LedgerStore, request: MovementRequest): Promise<MovementOutcome> {
  return recordMovement(store, { ...request, kind: 'RELEASE' });
}

function queryLedgerItems(store: LedgerStore, orderId: string, prefix: string) {
  return queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orderPartition(orderId), ':prefix': prefix },
    ConsistentRead: true,
  });
}

/** Reads the whole ledger of an order (balance, movements, entries) in one paginated Query. */
export async function readOrderLedger(store: LedgerStore, orderId: string): Promise<OrderLedger> {
  const items = await queryLedgerItems(store, orderId, 'LEDGER#');
  const balanceItem = items.find((item) => item.entity === 'LEDGER_BALANCE');
  return {
    orderId,
    movements: sortByTime(
      items.filter((item) => item.entity === 'LEDGER_MOVEMENT').map((item) => stripKeys<LedgerMovement>(item)),
    ),
    entries: items.filter((item) => item.entity === 'LEDGER_ENTRY').map((item) => stripKeys<LedgerEntry>(item)),
    balance: balanceItem ? stripKeys<EscrowBalance>(balanceItem) : undefined,
  };
}

/** The movements of an order in time order, for `GET /orders/{orderId}`; one Query over the movement items. */
export async function listOrderMovements(store: LedgerStore, orderId: string): Promise<LedgerMovement[]> {
  const items = await queryLedgerItems(store, orderId, 'LEDGER#MOVEMENT#');
  return sortByTime(items.map((item) => stripKeys<LedgerMovement>(item)));
}

// items sort by idempotency key in the partition; readers want time order
function sortByTime(movements: LedgerMovement[]): LedgerMovement[] {
  return movements.sort((a, b) => a.at.localeCompare(b.at) || a.idempotencyKey.localeCompare(b.idempotencyKey));
}
