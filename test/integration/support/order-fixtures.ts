import { BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  completedTransactionKey,
  partyProfileKey,
  tradeAssuranceKey,
} from '../../../functions/kernel/parties/repositories/party-repository';
import { loadTradeAssuranceRules } from '../../../functions/suppliers/models/trade-assurance-rules';
import { tradeAssuranceIndexKeys } from '../../../functions/suppliers/repositories/trade-assurance-index';
import { recomputeTradeAssurance } from '../../../functions/suppliers/usecases/recompute-trade-assurance';
import { callApi, signUp } from './api-client';

const day = 86_400_000;

/** Suppliers and order bodies for the order suites, written straight to the suite stack's table. */
export function orderFixtures(store: { db: DynamoDBDocumentClient; tableName: string }, apiUrl: string) {
  const { db, tableName } = store;
  /** The token of each supplier this suite created, to confirm orders as the supplier. */
  const supplierTokens = new Map<string, string>();

  /** The token of a client acting for a supplier of {@link createSupplier}. */
  function supplierToken(partyId: string): string {
    const token = supplierTokens.get(partyId);
    if (!token) throw new Error(`supplier ${partyId} was not created by this suite's fixtures`);
    return token;
  }

  /** The stack's business time: other suites move it forward. */
  async function businessNow(): Promise<Date> {
    const clock = await callApi(apiUrl, 'GET', '/_local/clock');
    return new Date(clock.body.now);
  }

  /** A date far enough ahead that another suite's clock jump cannot make it past. */
  async function shipBy(daysAhead = 120): Promise<string> {
    return new Date((await businessNow()).getTime() + daysAhead * day).toISOString().slice(0, 10);
  }

  /**
   * A supplier of this suite's own, written to the table as the KYC decision and completed orders would
   * leave it, with its Trade Assurance stored by `recomputeTradeAssurance`. `limit` sets an admin override,
   * so the amount is exact; without history or override the supplier does not qualify.
   */
  async function createSupplier(
    options: {
      limit?: number;
      kycStatus?: 'APPROVED' | 'REJECTED';
      history?: number;
      currency?: string;
      /** Whether it has joined Trade Assurance; it has unless told otherwise. */
      enrolled?: boolean;
      /** The party of a signed-up client, to act as the supplier through the API; a new client's otherwise. */
      partyId?: string;
      /** The token of that client, when `partyId` is given and the supplier confirms orders. */
      token?: string;
      /** False keeps the profile a real KYC approval wrote (its case, names, country); only history and account are added. */
      writeProfile?: boolean;
    } = {},
  ) {
    const { kycStatus = 'APPROVED', history = 12, currency = 'USD', enrolled = true } = options;
    // a signed-up client acts for the supplier, so it can confirm orders through the API (`supplierToken`)
    let partyId = options.partyId;
    if (partyId && options.token) supplierTokens.set(partyId, options.token);
    if (!partyId) {
      const identity = await signUp(apiUrl, 'client');
      partyId = identity.partyId!;
      supplierTokens.set(partyId, identity.token);
    }
    const at = await businessNow();
    const items: Record<string, unknown>[] = [
      ...(options.writeProfile === false
        ? []
        : [
            {
              ...partyProfileKey(partyId),
              entity: 'PARTY_PROFILE',
              partyId,
              kycStatus,
              kycCaseId: 'test',
              kycDecidedAt: new Date(at.getTime() - 100 * day).toISOString(),
              currency,
              country: 'CN',
            },
          ]),
      ...Array.from({ length: history }, (_, i) => {
        const completedAt = new Date(at.getTime() - (2 + i * 7) * day).toISOString();
        const orderId = `order_hist${i}`;
        return {
          ...completedTransactionKey(partyId, completedAt, orderId),
          entity: 'COMPLETED_TRANSACTION',
          orderId,
          completedAt,
          amount: 1_000_000,
          currency,
          shippedOnTime: true,
          disputed: false,
        };
      }),
    ];
    // the account goes in last: a scheduled recompute that finds it through its index then sees the
    // profile and history too, instead of recomputing a half-written supplier as unqualified
    const account: Record<string, unknown>[] = [
      {
        ...tradeAssuranceKey(partyId),
        ...tradeAssuranceIndexKeys(partyId),
        entity: 'TRADE_ASSURANCE',
        currency,
        reserved: 0,
        enrolled,
        ...(options.limit !== undefined ? { override: { limit: options.limit, reason: 'integration test' } } : {}),
      },
    ];
    for (const batch of [items, account]) {
      for (let i = 0; i < batch.length; i += 25) {
        await db.send(
          new BatchWriteCommand({
            RequestItems: { [tableName]: batch.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
      }
    }
    await recomputeTradeAssurance({ parties: store, rules: loadTradeAssuranceRules(), now: () => at }, partyId);
    return partyId;
  }

  /**
   * A buyer of this suite's own: a signed-up client whose party is written to the table as an approved
   * KYC case would leave it, so no other suite's orders count in its AML window.
   */
  async function createBuyer(country = 'US'): Promise<{ token: string; partyId: string }> {
    const identity = await signUp(apiUrl, 'client');
    const at = await businessNow();
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: [
            {
              PutRequest: {
                Item: {
                  ...partyProfileKey(identity.partyId!),
                  entity: 'PARTY_PROFILE',
                  partyId: identity.partyId,
                  kycStatus: 'APPROVED',
                  kycCaseId: 'test',
                  kycDecidedAt: new Date(at.getTime() - 30 * day).toISOString(),
                  tier: 'STANDARD',
                  country,
                },
              },
            },
          ],
        },
      }),
    );
    return { token: identity.token, partyId: identity.partyId! };
  }

  /**
   * Sets a party's KYC standing as a reviewer's decision leaves it: REJECTED by a KYC review, SUSPENDED by
   * a confirmed sanctions match found later (ongoing monitoring).
   */
  async function setStanding(partyId: string, standing: 'APPROVED' | 'REJECTED' | 'SUSPENDED') {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: partyProfileKey(partyId),
        UpdateExpression: 'SET kycStatus = :standing, kycDecidedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':standing': standing, ':at': (await businessNow()).toISOString() },
      }),
    );
  }

  async function orderBody(supplierId: string, change: Record<string, unknown> = {}) {
    return {
      supplierId,
      items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: 100, unitPrice: 500 }],
      currency: 'USD',
      coverage: 'FULL',
      shipBy: await shipBy(),
      destinationCountry: 'DE',
      qualitySpec: '100% cotton, 180 gsm, sizes S-XL as per the size chart',
      ...change,
    };
  }

  return { businessNow, shipBy, createSupplier, supplierToken, createBuyer, setStanding, orderBody };
}
