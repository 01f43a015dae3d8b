import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { transactWrite } from '../../functions/commons/storage/transact-write';

const mock = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

function update(at: string) {
  return {
    TransactItems: [
      {
        Update: {
          TableName: 'table',
          Key: { pk: 'ORDER#order_1', sk: 'ORDER' },
          UpdateExpression: 'SET updatedAt = :at',
          ExpressionAttributeValues: { ':at': at },
        },
      },
    ],
  };
}

function tokens(): (string | undefined)[] {
  return mock.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.ClientRequestToken);
}

beforeEach(() => {
  mock.reset();
  mock.on(TransactWriteCommand).resolves({});
});

describe('transactWrite', () => {
  it('sends the same token for the same write, so a resent attempt is applied once', async () => {
    // Act
    await transactWrite(db, 'resumed:order_1', update('2026-11-23T10:00:00.000Z'));
    await transactWrite(db, 'resumed:order_1', update('2026-11-23T10:00:00.000Z'));

    // Assess
    const [first, second] = tokens();
    expect(first).toMatch(/^[0-9a-f]{36}$/);
    expect(second).toBe(first);
  });

  it('sends another token when the same logical write carries other values, instead of a parameter mismatch', async () => {
    // Act: a webhook and a workflow step both clear a resumed wait, each at its own time
    await transactWrite(db, 'resumed:order_1', update('2026-11-23T10:00:00.000Z'));
    await transactWrite(db, 'resumed:order_1', update('2026-11-23T10:00:00.050Z'));

    // Assess
    const [first, second] = tokens();
    expect(second).not.toBe(first);
  });
});
