import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Principal } from '../../../functions/commons/http/principal';
import { loadTradeAssuranceRules } from '../../../functions/suppliers/models/trade-assurance-rules';
import {
  enrolInTradeAssurance,
  leaveTradeAssurance,
} from '../../../functions/suppliers/usecases/enrol-in-trade-assurance';
import { problemOf } from '../../support/problem-of';

const db = mockClient(DynamoDBDocumentClient);
const deps = {
  parties: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  rules: loadTradeAssuranceRules(),
  now: () => new Date('2026-12-04T10:00:00.000Z'),
};
const supplier: Principal = { subject: 'supplier-sub', roles: ['client'], partyId: 'party_s' };

/** The supplier's profile and Trade Assurance account, as the party record query returns them. */
function partyRecord(profile: Record<string, unknown> | undefined, account?: Record<string, unknown>) {
  db.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, string> }) => {
    const fromSk = Object.values(input.ExpressionAttributeValues).find((value) => value === 'PROFILE');
    if (!fromSk) return { Items: [] };
    return {
      Items: [
        ...(profile ? [{ pk: 'PARTY#party_s', sk: 'PROFILE', ...profile }] : []),
        ...(account ? [{ pk: 'PARTY#party_s', sk: 'TRADE_ASSURANCE', ...account }] : []),
      ],
    };
  });
}

beforeEach(() => db.reset());

describe('enrolment in Trade Assurance', () => {
  it('enrols a verified supplier with an audit entry in one transaction, then computes its amount', async () => {
    // Prepare
    partyRecord({ kycStatus: 'APPROVED', currency: 'USD' });
    db.on(TransactWriteCommand).resolves({});
    db.on(UpdateCommand).resolves({ Attributes: {} });

    // Act
    const enrolment = await enrolInTradeAssurance(deps, supplier, 'party_s');

    // Assess
    expect(enrolment).toEqual({ supplierId: 'party_s', enrolled: true, enrolledAt: '2026-12-04T10:00:00.000Z' });
    const [update, audit] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(update!.Update).toMatchObject({
      Key: { pk: 'PARTY#party_s', sk: 'TRADE_ASSURANCE' },
      UpdateExpression: expect.stringContaining('SET enrolled = :true, enrolledAt = :at'),
    });
    expect(audit!.Put!.Item).toMatchObject({ type: 'TRADE_ASSURANCE_ENROLLED', actor: { kind: 'USER' } });
    expect(db.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('refuses anyone but the supplier, and a supplier whose KYC is not approved', async () => {
    // Prepare
    partyRecord({ kycStatus: 'REJECTED' });

    // Act
    const other = await problemOf(
      enrolInTradeAssurance(deps, { subject: 'x', roles: ['client'], partyId: 'party_b' }, 'party_s'),
    );
    const unverified = await problemOf(enrolInTradeAssurance(deps, supplier, 'party_s'));

    // Assess
    expect(other.status).toBe(403);
    expect(unverified.status).toBe(409);
    expect(unverified.extensions.code).toBe('SUPPLIER_NOT_VERIFIED');
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers a second enrolment or leaving as the first, writing nothing', async () => {
    // Prepare
    partyRecord({ kycStatus: 'APPROVED' }, { enrolled: true, enrolledAt: '2026-11-01T00:00:00.000Z' });

    // Act
    const again = await enrolInTradeAssurance(deps, supplier, 'party_s');
    partyRecord({ kycStatus: 'APPROVED' }, { enrolled: false, leftAt: '2026-11-02T00:00:00.000Z' });
    const leftAgain = await leaveTradeAssurance(deps, supplier, 'party_s');

    // Assess
    expect(again).toEqual({ supplierId: 'party_s', enrolled: true, enrolledAt: '2026-11-01T00:00:00.000Z' });
    expect(leftAgain).toEqual({ supplierId: 'party_s', enrolled: false, leftAt: '2026-11-02T00:00:00.000Z' });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
