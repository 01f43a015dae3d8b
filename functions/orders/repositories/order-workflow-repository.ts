import { toUpdateExpression, type ItemUpdate } from '../../commons/storage/item-update';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import type { OrderTimelineEvent } from '../models/order';
import { orderKey, orderTimelinePut, type OrderStore } from './order-repository';

/** An item of a DynamoDB write transaction. */
type TransactionItem = NonNullable<Parameters<typeof transactWrite>[2]['TransactItems']>[number];

/**
 * Updates the order item and appends timeline entries in one transaction. Returns false, writing
 * nothing, when the order's condition fails: workflow steps and API calls use it to stay idempotent
 * and to refuse what the order's state no longer allows (the caller re-reads and decides).
 * `extraItems` join the transaction (a review task, a party's transaction record).
 */
export async function updateOrderWithEvents(
  store: OrderStore,
  orderId: string,
  update: ItemUpdate,
  events: OrderTimelineEvent[],
  operationKey: string,
  extraItems: TransactionItem[] = [],
): Promise<boolean> {
  try {
    await transactWrite(store.db, operationKey, {
      TransactItems: [
        { Update: { TableName: store.tableName, Key: orderKey(orderId), ...toUpdateExpression(update) } },
        ...extraItems,
        ...events.map((event, sequence) => orderTimelinePut(store, orderId, event, sequence)),
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}
