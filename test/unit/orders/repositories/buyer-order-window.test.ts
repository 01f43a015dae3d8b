import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  buyerOrderWindowUpdate,
  findBuyerOrderWindow,
} from '../../../../functions/orders/repositories/buyer-order-window';

const db = mockClient(DynamoDBDocumentClient);
const store = { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' };
const week = 7 * 86_400_000;
const order = (orderId: string, createdAt: string) => ({ orderId, amount: 50_000, currency: 'USD', createdAt });

beforeEach(() => db.reset());

describe("the buyer's order window", () => {
  it('reads empty at version 0 before the first order, strongly consistent', async () => {
    // Prepare
    db.on(GetCommand).resolves({});

    // Act
    const window = await findBuyerOrderWindow(store, 'party_b');

    // Assess
    expect(window).toEqual({ orders: [], version: 0 });
    expect(db.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'PARTY#party_b', sk: 'ORDER_WINDOW' },
      ConsistentRead: true,
    });
  });

  it('adds the order, drops what fell out of the longest window, and writes only over the version read', () => {
    // Prepare
    const seen = {
      orders: [order('old', '2026-11-20T09:59:59.000Z'), order('recent', '2026-11-30T10:00:00.000Z')],
      version: 7,
    };

    // Act
    const update = buyerOrderWindowUpdate(store, 'party_b', seen, order('new', '2026-12-04T10:00:00.000Z'), week);

    // Assess
    expect(update.Update).toMatchObject({
      ConditionExpression: 'version = :seen',
      ExpressionAttributeValues: {
        ':orders': [order('recent', '2026-11-30T10:00:00.000Z'), order('new', '2026-12-04T10:00:00.000Z')],
        ':next': 8,
        ':seen': 7,
      },
    });
  });

  it("creates the window with the buyer's first order, refused if another first order got in", () => {
    // Act
    const update = buyerOrderWindowUpdate(
      store,
      'party_b',
      { orders: [], version: 0 },
      order('first', '2026-12-04T10:00:00.000Z'),
      week,
    );

    // Assess
    expect(update.Update).toMatchObject({ ConditionExpression: 'attribute_not_exists(version)' });
    expect(update.Update!.ExpressionAttributeValues).not.toHaveProperty(':seen');
  });

  it('keeps at most 200 entries, the newest', () => {
    // Prepare
    const orders = Array.from({ length: 250 }, (_, i) =>
      order(`o${i}`, new Date(Date.parse('2026-12-04T00:00:00.000Z') + i * 1000).toISOString()),
    );

    // Act
    const update = buyerOrderWindowUpdate(
      store,
      'party_b',
      { orders, version: 1 },
      order('new', '2026-12-04T10:00:00.000Z'),
      week,
    );

    // Assess
    const kept = update.Update!.ExpressionAttributeValues![':orders'] as { orderId: string }[];
    expect(kept).toHaveLength(200);
    expect(kept.at(-1)!.orderId).toBe('new');
    expect(kept[0]!.orderId).toBe('o51');
  });
});
