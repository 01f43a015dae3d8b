import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  giveBackWindowPlace,
  pruneWindow,
  takeWindowPlace,
} from '../../../../functions/orders/repositories/buyer-order-window';

const db = mockClient(DynamoDBDocumentClient);
const store = { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' };
const week = 7 * 86_400_000;
const order = (orderId: string, createdAt: string) => ({ orderId, amount: 50_000, currency: 'USD', createdAt });

beforeEach(() => db.reset());

describe("the buyer's order window", () => {
  it('appends the order atomically and answers with the orders placed before it, never dated after it', async () => {
    // Prepare: a concurrent order stamped a moment later got in first
    const mine = order('mine', '2026-12-04T10:00:00.000Z');
    db.on(UpdateCommand).resolves({
      Attributes: {
        orders: [order('earlier', '2026-12-04T09:00:00.000Z'), order('racer', '2026-12-04T10:00:00.005Z'), mine],
      },
    });

    // Act
    const before = await takeWindowPlace(store, 'party_b', mine);

    // Assess
    expect(before).toEqual([order('earlier', '2026-12-04T09:00:00.000Z'), order('racer', '2026-12-04T10:00:00.000Z')]);
    expect(db.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'PARTY#party_b', sk: 'ORDER_WINDOW' },
      UpdateExpression: expect.stringContaining('list_append(if_not_exists(orders, :empty), :order)'),
      ExpressionAttributeValues: expect.objectContaining({ ':order': [mine] }),
      ReturnValues: 'ALL_NEW',
    });
  });

  it('gives back the place of an order not placed, finding it again when the list moved meanwhile', async () => {
    // Prepare: the first removal loses to a concurrent change, the second finds the entry
    db.on(GetCommand)
      .resolvesOnce({
        Item: { orders: [order('a', '2026-12-04T09:00:00.000Z'), order('gone', '2026-12-04T10:00:00.000Z')] },
      })
      .resolves({ Item: { orders: [order('gone', '2026-12-04T10:00:00.000Z')] } });
    db.on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'moved', $metadata: {} }))
      .resolves({});

    // Act
    await giveBackWindowPlace(store, 'party_b', 'gone');

    // Assess
    const removals = db.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(removals.map((input) => input.UpdateExpression)).toEqual([
      'REMOVE orders[1] ADD revision :one',
      'REMOVE orders[0] ADD revision :one',
    ]);
    expect(removals[1]).toMatchObject({ ConditionExpression: 'orders[0].orderId = :orderId' });
  });

  it('prunes what fell out of the longest window, only over the revision read', async () => {
    // Prepare
    db.on(GetCommand).resolves({
      Item: {
        orders: [order('old', '2026-11-20T09:59:59.000Z'), order('recent', '2026-11-30T10:00:00.000Z')],
        revision: 7,
      },
    });
    db.on(UpdateCommand).resolves({});

    // Act
    await pruneWindow(store, 'party_b', new Date('2026-12-04T10:00:00.000Z'), week);

    // Assess
    expect(db.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ConditionExpression: 'revision = :seen',
      ExpressionAttributeValues: { ':kept': [order('recent', '2026-11-30T10:00:00.000Z')], ':seen': 7, ':one': 1 },
    });
  });

  it('keeps at most 200 entries, the newest, and writes nothing when there is nothing to prune', async () => {
    // Prepare
    const orders = Array.from({ length: 250 }, (_, i) =>
      order(`o${i}`, new Date(Date.parse('2026-12-04T00:00:00.000Z') + i * 1000).toISOString()),
    );
    db.on(GetCommand)
      .resolvesOnce({ Item: { orders, revision: 1 } })
      .resolves({ Item: { orders: orders.slice(0, 3) } });
    db.on(UpdateCommand).resolves({});

    // Act
    await pruneWindow(store, 'party_b', new Date('2026-12-04T10:00:00.000Z'), week);
    await pruneWindow(store, 'party_b', new Date('2026-12-04T10:00:00.000Z'), week);

    // Assess
    const calls = db.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    const kept = calls[0]!.args[0].input.ExpressionAttributeValues![':kept'] as { orderId: string }[];
    expect(kept).toHaveLength(200);
    expect(kept[0]!.orderId).toBe('o50');
  });
});
