import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  completedTransactionKey,
  tradeAssuranceKey,
} from '../../functions/kernel/parties/repositories/party-repository';
import { localResourceNames } from '../../infra/local/local-stack-config';
import { callApi, eventually, readStackFile, type DevCredentials } from './support/api-client';
import { orderFixtures } from './support/order-fixtures';
import { createDataDir, startStack, stopAndRemoveStack, type StackProcess } from './support/stack-process';
import { connectStackTable } from './support/stack-table';

/*
 * The daily Trade Assurance recompute, run by the local scheduler when the business clock crosses a UTC
 * day boundary. It moves the clock, so it runs on a stack of its own rather than the suite's shared one.
 */

jest.setTimeout(180_000);

const tableName = localResourceNames.tableName;
const day = 86_400_000;
let stack: StackProcess;
let db: DynamoDBDocumentClient;
let fixtures: ReturnType<typeof orderFixtures>;
let demoSupplier: string;

beforeAll(async () => {
  stack = await startStack(createDataDir('ta-schedule'));
  const endpoints = readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json');
  demoSupplier = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json').parties.supplier;
  db = connectStackTable(endpoints).db;
  fixtures = orderFixtures({ db, tableName }, stack.apiUrl);
});

afterAll(async () => {
  db?.destroy();
  if (stack) await stopAndRemoveStack(stack);
});

async function readAccount(partyId: string) {
  const result = await db.send(
    new GetCommand({ TableName: tableName, Key: tradeAssuranceKey(partyId), ConsistentRead: true }),
  );
  return result.Item ?? {};
}

describe('scheduled Trade Assurance recompute on the local clock', () => {
  it('recomputes every supplier with an account when the clock crosses midnight UTC, and not before', async () => {
    // Prepare: 12 weekly orders of 10,000.00 give 60,000.00; one more completed order of 10,000.00 (written
    // as the order workflow would, without a recompute) should make it 65,000.00 at the next run
    const supplierId = await fixtures.createSupplier();
    const now = await fixtures.businessNow();
    const completedAt = new Date(now.getTime() - day / 2).toISOString();
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...completedTransactionKey(supplierId, completedAt, 'order_late'),
          entity: 'COMPLETED_TRANSACTION',
          orderId: 'order_late',
          completedAt,
          amount: 1_000_000,
          currency: 'USD',
          shippedOnTime: true,
          disputed: false,
        },
      }),
    );
    const before = await readAccount(supplierId);
    const demoBefore = await readAccount(demoSupplier);
    const toMidnight = Math.ceil(now.getTime() / day) * day - now.getTime();

    // Act: first a move that stays within the day (when there is room for one), then one just past midnight
    const withinDay = Math.floor((toMidnight - 5_000) / 1000);
    if (withinDay > 0) {
      await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: `PT${withinDay}S` } });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const sameDay = await readAccount(supplierId);
    const crossed = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: 'PT60S' } });
    const after = await eventually(
      () => readAccount(supplierId),
      (account) => account.computedAt !== before.computedAt,
    );
    const demoAfter = await eventually(
      () => readAccount(demoSupplier),
      (account) => account.computedAt !== demoBefore.computedAt,
    );

    // Assess
    expect(before).toMatchObject({ limit: 6_000_000, gsi1pk: 'TRADE_ASSURANCE_ACCOUNT', gsi1sk: supplierId });
    expect(sameDay.computedAt).toBe(before.computedAt);
    expect(new Date(crossed.body.now).getTime() % day).toBeLessThan(day / 2);
    expect(after).toMatchObject({ limit: 6_500_000, available: 6_500_000, qualified: true, reserved: 0 });
    expect(Date.parse(after.computedAt)).toBeGreaterThanOrEqual(Math.ceil(now.getTime() / day) * day);
    expect(demoAfter.computedAt).not.toBe(demoBefore.computedAt);
  });
});
