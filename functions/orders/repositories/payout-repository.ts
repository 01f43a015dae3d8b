import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { formatMinorUnits } from '../../commons/money';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getStoredItem, stripKeys } from '../../commons/storage/stored-item';
import { generateId } from '../../commons/ids';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { orderPartition } from '../ledger/ledger-repository';
import type { OrderPayout, OrderTimelineEvent } from '../models/order';
import type { PayoutReceipt, PayoutRequest } from '../payouts/payout-provider';
import { findOrder, orderKey, orderTimelinePut, type OrderStore } from './order-repository';

/*
 * Payout instructions and the finance outbox, in the order's partition:
 *   ORDER#<orderId> / PAYOUT#<idempotencyKey>                     PAYOUT_INSTRUCTION: what the provider was asked
 *   ORDER#<orderId> / OUTBOX#PAYOUT_REQUESTED#<idempotencyKey>    FINANCE_EVENT: `PayoutRequested` for finance
 * Both are written in one transaction before the provider is called, so finance hears of every payout
 * TrustFlow may have asked for, and of each exactly once (the keys derive from the ledger movement's key).
 * On AWS the table's stream carries new FINANCE_EVENT items to the finance system.
 */

/**
 * Where an instruction stands. REQUESTED: recorded, no answer from the provider yet (or the call died);
 * PENDING: the provider accepted it and confirms later; PAID / FAILED: final, by its answer or its webhook.
 */
export type PayoutInstructionStatus = 'REQUESTED' | 'PENDING' | 'PAID' | 'FAILED';

/** A payout as TrustFlow instructed it, and what became of it. */
export interface PayoutInstruction extends PayoutRequest {
  requestedAt: string;
  status: PayoutInstructionStatus;
  provider?: string;
  providerPayoutId?: string;
  /** When the provider's answer was recorded. */
  answeredAt?: string;
  /** When the provider confirmed the payout PAID or FAILED (its webhook, or its synchronous answer). */
  confirmedAt?: string;
  /** The provider's webhook event that confirmed it. */
  confirmedByEvent?: string;
  failureReason?: string;
}

/** The finance system's event for a payout instruction (EventBridge-shaped: source, detail type, detail). */
export interface FinanceEvent {
  source: 'trustflow.orders';
  detailType: 'PayoutRequested';
  detail: PayoutRequest & { requestedAt: string };
  createdAt: string;
}

/** Thrown when an idempotency key is reused for a different payout: a bug in the caller, never retried. */
export class PayoutInstructionMismatch extends Error {
  override name = 'PayoutInstructionMismatch';
}

/** Primary key of a payout instruction. */
export function payoutInstructionKey(orderId: string, idempotencyKey: string) {
  return { pk: orderPartition(orderId), sk: `PAYOUT#${idempotencyKey}` };
}

/** Primary key of the outbox item that tells finance about a payout instruction. */
export function payoutOutboxKey(orderId: string, idempotencyKey: string) {
  return { pk: orderPartition(orderId), sk: `OUTBOX#PAYOUT_REQUESTED#${idempotencyKey}` };
}

const finalStatuses: readonly PayoutInstructionStatus[] = ['PAID', 'FAILED'];

/** True once the provider said PAID or FAILED. */
export function isFinalPayoutStatus(status: PayoutInstructionStatus): status is 'PAID' | 'FAILED' {
  return finalStatuses.includes(status);
}

/** Reads an instruction, strongly consistent; undefined when TrustFlow never instructed that payout. */
export async function findPayoutInstruction(
  store: OrderStore,
  orderId: string,
  idempotencyKey: string,
): Promise<PayoutInstruction | undefined> {
  return getStoredItem<PayoutInstruction>(store, payoutInstructionKey(orderId, idempotencyKey));
}

/** The fields that make a payout what it is: a key reused with other values is a different payout. */
function samePayout(a: PayoutRequest, b: PayoutRequest): boolean {
  return (
    a.orderId === b.orderId &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.beneficiary.role === b.beneficiary.role &&
    a.beneficiary.partyId === b.beneficiary.partyId
  );
}

/**
 * Records a payout instruction (status REQUESTED) and its `PayoutRequested` finance event in ONE
 * transaction, each a conditional Put on its key. A second call with the same key writes nothing and
 * returns the instruction as first recorded (whatever became of it since).
 * @throws PayoutInstructionMismatch when the key was used for another amount, currency or beneficiary
 */
export async function recordPayoutInstruction(
  store: OrderStore,
  instruction: { request: PayoutRequest; requestedAt: string },
): Promise<{ recorded: boolean; instruction: PayoutInstruction }> {
  const { request, requestedAt } = instruction;
  const item: PayoutInstruction = {
    idempotencyKey: request.idempotencyKey,
    orderId: request.orderId,
    beneficiary: { role: request.beneficiary.role, partyId: request.beneficiary.partyId },
    amount: request.amount,
    currency: request.currency,
    reference: request.reference,
    requestedAt,
    status: 'REQUESTED',
  };
  const event: FinanceEvent = {
    source: 'trustflow.orders',
    detailType: 'PayoutRequested',
    detail: {
      idempotencyKey: item.idempotencyKey,
      orderId: item.orderId,
      beneficiary: item.beneficiary,
      amount: item.amount,
      currency: item.currency,
      reference: item.reference,
      requestedAt,
    },
    createdAt: requestedAt,
  };
  try {
    // a fresh token per call: a retry may carry another requestedAt (or, wrongly, another payout), which a
    // reused token would turn into IdempotentParameterMismatch; the conditions make the retry safe instead
    await transactWrite(store.db, `payout-instruction:${request.idempotencyKey}:${generateId('call')}`, {
      TransactItems: [
        {
          Put: {
            TableName: store.tableName,
            Item: {
              ...payoutInstructionKey(request.orderId, request.idempotencyKey),
              entity: 'PAYOUT_INSTRUCTION',
              ...item,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: store.tableName,
            Item: { ...payoutOutboxKey(request.orderId, request.idempotencyKey), entity: 'FINANCE_EVENT', ...event },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    return { recorded: true, instruction: item };
  } catch (error) {
    if (!isConditionFailure(error, 0) && !isConditionFailure(error, 1)) throw error;
    const existing = await findPayoutInstruction(store, request.orderId, request.idempotencyKey);
    if (!existing) throw error;
    if (!samePayout(existing, request)) {
      throw new PayoutInstructionMismatch(
        `payout ${request.idempotencyKey} was instructed as ${formatMinorUnits(existing.amount, existing.currency)} ` +
          `to ${existing.beneficiary.role} ${existing.beneficiary.partyId}; it cannot now be ` +
          `${formatMinorUnits(request.amount, request.currency)} to ${request.beneficiary.role} ${request.beneficiary.partyId}`,
      );
    }
    return { recorded: false, instruction: existing };
  }
}

/**
 * Records the provider's answer on the instruction: its payout id, and its status unless the payout was
 * already confirmed (a webhook may beat the answer; a final status is never overwritten by PENDING).
 * @returns the instruction as stored afterwards
 */
export async function recordPayoutReceipt(
  store: OrderStore,
  orderId: string,
  idempotencyKey: string,
  receipt: PayoutReceipt,
  at: string = new Date().toISOString(),
): Promise<PayoutInstruction> {
  const key = payoutInstructionKey(orderId, idempotencyKey);
  const final = isFinalPayoutStatus(receipt.status);
  try {
    const result = await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression:
          'SET #provider = :provider, providerPayoutId = :id, #status = :status, answeredAt = :at' +
          (final ? ', confirmedAt = if_not_exists(confirmedAt, :at)' : '') +
          (receipt.failureReason ? ', failureReason = :reason' : ''),
        ConditionExpression: 'attribute_exists(pk) AND #status IN (:requested, :pending)',
        ExpressionAttributeNames: { '#status': 'status', '#provider': 'provider' },
        ExpressionAttributeValues: {
          ':provider': receipt.provider,
          ':id': receipt.providerPayoutId,
          ':status': receipt.status,
          ':at': at,
          ':requested': 'REQUESTED',
          ':pending': 'PENDING',
          ...(receipt.failureReason ? { ':reason': receipt.failureReason } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<PayoutInstruction>(result.Attributes ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  // confirmed already (or no instruction): keep the status, fill in the ids the webhook could not give
  try {
    const result = await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression:
          'SET #provider = if_not_exists(#provider, :provider), providerPayoutId = if_not_exists(providerPayoutId, :id), ' +
          'answeredAt = if_not_exists(answeredAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#provider': 'provider' },
        ExpressionAttributeValues: { ':provider': receipt.provider, ':id': receipt.providerPayoutId, ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<PayoutInstruction>(result.Attributes ?? {});
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new Error(`there is no payout instruction ${idempotencyKey} on order ${orderId}; record it first`);
    }
    throw error;
  }
}

/** The provider's confirmation of a payout. */
export interface PayoutConfirmation {
  status: 'PAID' | 'FAILED';
  /** When TrustFlow learned it (business clock). */
  at: string;
  failureReason?: string;
  /** The webhook event (or `receipt`) that carried it. */
  eventId: string;
  /** The provider's payout id as the confirmation names it; checked against the one recorded. */
  providerPayoutId?: string;
  /**
   * What the provider says it paid; with `exact`, it must equal the instruction, and the provider's payout id
   * must be the one recorded from its answer (the payout provider's webhook). Without, only a recorded id is
   * compared (the provider's synchronous answer, which carries the id being recorded).
   */
  paid?: { amount: number; currency: string };
  exact?: boolean;
  /** Who is recorded on the timeline; default the payout provider. */
  actor?: OrderTimelineEvent['actor'];
}

/** Outcome of {@link confirmOrderPayout}. */
export type PayoutConfirmationOutcome =
  /** TrustFlow never instructed a payout under that key on that order. */
  | { outcome: 'UNKNOWN_PAYOUT' }
  /** The confirmation names another payout than the provider's answer did. */
  | { outcome: 'PAYOUT_ID_MISMATCH'; providerPayoutId: string }
  /** The confirmation's amount or currency is not the instruction's. */
  | { outcome: 'INSTRUCTION_MISMATCH'; amount: number; currency: string }
  /** The provider's answer (with its payout id) is not recorded yet: the confirmation can only come again later. */
  | { outcome: 'PAYOUT_NOT_YET_RECORDED' }
  /** The payout was already confirmed with the other status; nothing changed. */
  | { outcome: 'CONFLICT'; status: 'PAID' | 'FAILED' }
  /** Already confirmed with this status, on the instruction and (if it is there) on the order; nothing changed. */
  | { outcome: 'ALREADY_CONFIRMED'; status: 'PAID' | 'FAILED' }
  /** Recorded; `onOrder` false when the settle step has not stored the payout on the order yet. */
  | { outcome: 'CONFIRMED'; status: 'PAID' | 'FAILED'; onOrder: boolean };

/** Rounds of read-then-write; a round is lost when the order or the instruction changed in between. */
const maxRounds = 8;

/**
 * Confirms a payout PAID or FAILED, in ONE transaction: the instruction item, the matching element of
 * `order.settlement.payouts` (found by its movementKey; the update is conditional on that element still
 * being there and PENDING, so a concurrent change of the list makes the round re-read) and a
 * `PAYOUT_CONFIRMED` / `PAYOUT_FAILED` timeline entry, written once, when the instruction becomes final.
 *
 * Idempotent: confirming an already confirmed payout again changes nothing. When the order does not carry
 * the payout yet (the webhook beat the settle step), only the instruction is confirmed; the settle step
 * sees it (`submitPayout` returns the confirmed status, {@link syncConfirmedPayouts} fixes a late store).
 */
export async function confirmOrderPayout(
  store: OrderStore,
  orderId: string,
  idempotencyKey: string,
  confirmation: PayoutConfirmation,
): Promise<PayoutConfirmationOutcome> {
  for (let round = 1; ; round++) {
    const instruction = await findPayoutInstruction(store, orderId, idempotencyKey);
    if (!instruction) return { outcome: 'UNKNOWN_PAYOUT' };
    if (
      confirmation.paid &&
      (confirmation.paid.amount !== instruction.amount || confirmation.paid.currency !== instruction.currency)
    ) {
      return { outcome: 'INSTRUCTION_MISMATCH', amount: instruction.amount, currency: instruction.currency };
    }
    if (confirmation.exact && !instruction.providerPayoutId) return { outcome: 'PAYOUT_NOT_YET_RECORDED' };
    if (
      confirmation.providerPayoutId &&
      instruction.providerPayoutId &&
      instruction.providerPayoutId !== confirmation.providerPayoutId
    ) {
      return { outcome: 'PAYOUT_ID_MISMATCH', providerPayoutId: instruction.providerPayoutId };
    }
    const alreadyFinal = isFinalPayoutStatus(instruction.status);
    if (alreadyFinal && instruction.status !== confirmation.status) {
      return { outcome: 'CONFLICT', status: instruction.status as 'PAID' | 'FAILED' };
    }
    const order = await findOrder(store, orderId);
    const payouts = order?.settlement?.payouts ?? [];
    const index = payouts.findIndex((payout) => payout.movementKey === idempotencyKey);
    const onOrder: OrderPayout | undefined = payouts[index];
    const orderPending = onOrder?.status === 'PENDING';
    if (alreadyFinal && !orderPending) return { outcome: 'ALREADY_CONFIRMED', status: confirmation.status };

    const confirmedAt = alreadyFinal ? (instruction.confirmedAt ?? confirmation.at) : confirmation.at;
    const failureReason = confirmation.failureReason ?? (alreadyFinal ? instruction.failureReason : undefined);
    const items: NonNullable<Parameters<typeof transactWrite>[2]['TransactItems']> = [];
    if (!alreadyFinal) {
      items.push({
        Update: {
          TableName: store.tableName,
          Key: payoutInstructionKey(orderId, idempotencyKey),
          UpdateExpression:
            'SET #status = :status, confirmedAt = :at, confirmedByEvent = :event' +
            (confirmation.providerPayoutId ? ', providerPayoutId = if_not_exists(providerPayoutId, :id)' : '') +
            (failureReason ? ', failureReason = :reason' : ''),
          ConditionExpression: '#status = :previous',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': confirmation.status,
            ':at': confirmedAt,
            ':event': confirmation.eventId,
            ':previous': instruction.status,
            ...(confirmation.providerPayoutId ? { ':id': confirmation.providerPayoutId } : {}),
            ...(failureReason ? { ':reason': failureReason } : {}),
          },
        },
      });
      items.push(
        orderTimelinePut(store, orderId, {
          at: confirmation.at,
          type: confirmation.status === 'PAID' ? 'PAYOUT_CONFIRMED' : 'PAYOUT_FAILED',
          actor: confirmation.actor ?? { type: 'SYSTEM', id: `payout-provider:${instruction.provider ?? 'unknown'}` },
          detail: {
            idempotencyKey,
            providerPayoutId: confirmation.providerPayoutId ?? instruction.providerPayoutId,
            beneficiary: instruction.beneficiary.role,
            partyId: instruction.beneficiary.partyId,
            amount: instruction.amount,
            currency: instruction.currency,
            eventId: confirmation.eventId,
            ...(failureReason ? { failureReason } : {}),
          },
        }),
      );
    }
    if (orderPending) {
      const element = `settlement.payouts[${index}]`;
      items.push({
        Update: {
          TableName: store.tableName,
          Key: orderKey(orderId),
          UpdateExpression:
            `SET ${element}.#status = :status, ${element}.confirmedAt = :at, updatedAt = :now` +
            (failureReason ? `, ${element}.failureReason = :reason` : ''),
          ConditionExpression: `${element}.movementKey = :key AND ${element}.#status = :pending`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': confirmation.status,
            ':at': confirmedAt,
            ':now': confirmation.at,
            ':key': idempotencyKey,
            ':pending': 'PENDING',
            ...(failureReason ? { ':reason': failureReason } : {}),
          },
        },
      });
    }
    try {
      // the token names what this round writes: a later sync with the same event id writes something else
      const writes = `${alreadyFinal ? '' : 'instruction'}${orderPending ? `+order[${index}]` : ''}`;
      await transactWrite(
        store.db,
        `payout-confirmation:${idempotencyKey}:${confirmation.eventId}:${writes}:${round}`,
        {
          TransactItems: items,
        },
      );
      return { outcome: 'CONFIRMED', status: confirmation.status, onOrder: orderPending };
    } catch (error) {
      const lostRace = items.some((_, position) => isConditionFailure(error, position));
      if (!lostRace || round >= maxRounds) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30 * round));
    }
  }
}

/**
 * Copies final statuses from the instructions onto the order's PENDING payouts: for a confirmation that
 * arrived between `submitPayout` returning PENDING and the settle step storing the payouts on the order.
 * The settle step (or the step that waits for confirmations) calls it after storing them.
 * @returns how many payouts of the order it confirmed
 */
export async function syncConfirmedPayouts(store: OrderStore, orderId: string): Promise<number> {
  const order = await findOrder(store, orderId);
  let confirmed = 0;
  for (const payout of order?.settlement?.payouts ?? []) {
    if (payout.status !== 'PENDING') continue;
    const instruction = await findPayoutInstruction(store, orderId, payout.movementKey);
    if (!instruction || !isFinalPayoutStatus(instruction.status)) continue;
    const outcome = await confirmOrderPayout(store, orderId, payout.movementKey, {
      status: instruction.status,
      at: instruction.confirmedAt ?? instruction.answeredAt ?? instruction.requestedAt,
      eventId: instruction.confirmedByEvent ?? 'receipt',
      ...(instruction.failureReason ? { failureReason: instruction.failureReason } : {}),
    });
    if (outcome.outcome === 'CONFIRMED' && outcome.onOrder) confirmed++;
  }
  return confirmed;
}
