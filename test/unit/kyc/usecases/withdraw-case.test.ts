import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Principal } from '../../../../functions/commons/http/principal';
import type { CaseStatus } from '../../../../functions/kyc/models/kyc-case';
import { withdrawCase } from '../../../../functions/kyc/usecases/withdraw-case';
import { problemOf } from '../../../support/problem-of';

const db = mockClient(DynamoDBDocumentClient);
const store = { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' };
const deps = { cases: store, parties: store, now: () => new Date('2026-12-04T10:00:00Z') };
const applicant: Principal = { subject: 'client-sub', roles: ['client'], partyId: 'party_1' };

function storedCase(status: CaseStatus) {
  return { Item: { caseId: 'kyc_1', partyId: 'party_1', status, updatedAt: '2026-12-04T09:00:00Z' } };
}

beforeEach(() => db.reset());

describe('withdrawCase', () => {
  it('withdraws a case not yet submitted and takes it off the open cases, in one transaction', async () => {
    // Prepare
    db.on(GetCommand).resolves(storedCase('AWAITING_DOCUMENTS'));
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await withdrawCase(deps, applicant, 'kyc_1', { reason: 'Opened by mistake' });

    // Assess
    expect(result).toEqual({ caseId: 'kyc_1', status: 'WITHDRAWN' });
    const items = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[0]!.Update).toMatchObject({
      ExpressionAttributeValues: expect.objectContaining({ ':awaiting': 'AWAITING_DOCUMENTS' }),
    });
    expect(items[1]!.Update).toMatchObject({
      Key: { pk: 'PARTY#party_1', sk: 'PROFILE' },
      UpdateExpression: expect.stringContaining('openCases = if_not_exists(openCases, :one) - :one'),
    });
    expect(items[2]!.Put!.Item).toMatchObject({
      type: 'STATUS_CHANGED',
      detail: { from: 'AWAITING_DOCUMENTS', to: 'WITHDRAWN', reason: 'Opened by mistake' },
    });
  });

  it.each(['PROCESSING', 'IN_REVIEW', 'INFO_REQUESTED', 'APPROVED', 'REJECTED', 'EXPIRED'] as const)(
    'refuses a case that is %s with 409 CASE_NOT_WITHDRAWABLE, writing nothing',
    async (status) => {
      // Prepare
      db.on(GetCommand).resolves(storedCase(status));

      // Act
      const problem = await problemOf(withdrawCase(deps, applicant, 'kyc_1', {}));

      // Assess
      expect(problem.status).toBe(409);
      expect(problem.extensions).toMatchObject({ code: 'CASE_NOT_WITHDRAWABLE', caseStatus: status });
      expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    },
  );

  it("refuses another party's case, and answers a repeated withdrawal the same without writing", async () => {
    // Prepare
    db.on(GetCommand).resolves(storedCase('WITHDRAWN'));

    // Act
    const other = await problemOf(
      withdrawCase(deps, { subject: 'x', roles: ['client'], partyId: 'party_2' }, 'kyc_1', {}),
    );
    const again = await withdrawCase(deps, applicant, 'kyc_1', {});

    // Assess
    expect(other.status).toBe(403);
    expect(again).toEqual({ caseId: 'kyc_1', status: 'WITHDRAWN' });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
