import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ProblemError } from '../../functions/commons/http/problem';
import { requestDocumentUpload } from '../../functions/kyc/usecases/request-document-upload';

const db = mockClient(DynamoDBDocumentClient);
const deps = {
  cases: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  objects: {
    s3: new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    bucket: 'docs',
  },
  now: () => new Date('2026-11-22T10:00:00Z'),
};
const owner = { subject: 'u-1', roles: ['client' as const], partyId: 'party_1' };
const request = { type: 'PASSPORT' as const, contentType: 'image/png' as const, sizeBytes: 100 };

function storedCase(status: string) {
  return { caseId: 'kyc_1', partyId: 'party_1', partyType: 'INDIVIDUAL', status, documentCount: 0 };
}

beforeEach(() => db.reset());

describe('requestDocumentUpload', () => {
  it.each(['PROCESSING', 'APPROVED', 'REJECTED', 'EXPIRED'])(
    'refuses a %s case with 409 and writes nothing',
    async (status) => {
      // Prepare
      db.on(GetCommand).resolves({ Item: storedCase(status) });

      // Act
      const error = await requestDocumentUpload(deps, owner, 'kyc_1', request).catch((caught: unknown) => caught);

      // Assess
      expect(error).toBeInstanceOf(ProblemError);
      expect(error).toMatchObject({
        status: 409,
        detail: `The case is ${status}; documents can be added only while it is AWAITING_DOCUMENTS or INFO_REQUESTED`,
      });
      expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it('reports a case that left AWAITING_DOCUMENTS between the read and the write with 409', async () => {
    // Prepare
    db.on(GetCommand)
      .resolvesOnce({ Item: storedCase('AWAITING_DOCUMENTS') })
      .resolves({ Item: storedCase('PROCESSING') });
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );

    // Act
    const error = await requestDocumentUpload(deps, owner, 'kyc_1', request).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ status: 409, detail: expect.stringMatching(/^The case is PROCESSING; /) });
  });
});
