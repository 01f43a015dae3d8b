import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { now } from '../../functions/commons/clock';
import {
  completedTransactionKey,
  partyProfileKey,
  tradeAssuranceKey,
} from '../../functions/kernel/parties/repositories/party-repository';
import { loadTradeAssuranceRules } from '../../functions/suppliers/models/trade-assurance-rules';
import { tradeAssuranceIndexKeys } from '../../functions/suppliers/repositories/trade-assurance-index';
import { recomputeTradeAssurance } from '../../functions/suppliers/usecases/recompute-trade-assurance';

const dayMs = 86_400_000;
/** Completed orders the demo supplier has, one about every week of the last six months. */
const SUPPLIER_HISTORY_ORDERS = 24;
/**
 * What a KYC approval records about the demo parties (`PartyFacts`): where they are established, for the
 * trade rules, their names and type, as for any party approved through a case.
 */
const demoBuyer = { country: 'DE', displayName: 'Demo Buyer GmbH', partyType: 'BUSINESS' } as const;
const demoSupplier = { country: 'CN', displayName: 'Demo Supplier Co., Ltd.', partyType: 'BUSINESS' } as const;
const demoBigBuyer = { country: 'DE', displayName: 'Demo Wholesale GmbH', partyType: 'BUSINESS' } as const;

/**
 * Seeds the demo parties once per data directory: the buyer (`client`) and the supplier, both
 * KYC-approved, and six months of completed orders that qualify the supplier for Trade Assurance under
 * data/rules/trade-assurance.json. A marker item makes it run once, whatever the clock says later. The
 * supplier's Trade Assurance amount is then computed and stored (`recomputeTradeAssurance`), on every start,
 * so a data directory seeded before the amount was stored gets it too.
 */
export async function seedDemoParties(
  tableName: string,
  parties: { buyer: string; supplier: string; bigBuyer: string },
): Promise<boolean> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const recompute = () =>
    recomputeTradeAssurance({ parties: { db, tableName }, rules: loadTradeAssuranceRules(), now }, parties.supplier);
  try {
    await seedBigBuyer(db, tableName, parties.bigBuyer);
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: 'SEED#demo-parties', sk: 'v1', entity: 'SEED', ...parties, seededAt: now().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        await enrolDemoSupplier(db, tableName, parties.supplier);
        await recompute();
        return false;
      }
      throw error;
    }
    const at = now();
    const items: Record<string, unknown>[] = [
      ...(
        [
          [parties.buyer, demoBuyer],
          [parties.supplier, demoSupplier],
        ] as const
      ).map(([partyId, facts]) => ({
        ...partyProfileKey(partyId),
        entity: 'PARTY_PROFILE',
        partyId,
        kycStatus: 'APPROVED',
        kycCaseId: 'seed',
        kycDecidedAt: new Date(at.getTime() - 200 * dayMs).toISOString(),
        currency: 'USD',
        ...facts,
      })),
      {
        ...tradeAssuranceKey(parties.supplier),
        ...tradeAssuranceIndexKeys(parties.supplier),
        entity: 'TRADE_ASSURANCE',
        currency: 'USD',
        reserved: 0,
        // the demo supplier takes part in Trade Assurance (DESIGN, "Voluntary enrolment")
        enrolled: true,
        enrolledAt: new Date(at.getTime() - 200 * dayMs).toISOString(),
      },
      ...Array.from({ length: SUPPLIER_HISTORY_ORDERS }, (_, i) => {
        const completedAt = new Date(at.getTime() - (3 + i * 7) * dayMs).toISOString();
        const orderId = `order_seed${String(i).padStart(2, '0')}`;
        return {
          ...completedTransactionKey(parties.supplier, completedAt, orderId),
          entity: 'COMPLETED_TRANSACTION',
          orderId,
          completedAt,
          // 12,000.00 to 45,000.00 USD in minor units
          amount: 1_200_000 + ((i * 1_370_000) % 3_300_000),
          currency: 'USD',
          // one late shipment and one dispute in six months: inside the limits
          shippedOnTime: i !== 5,
          disputed: i === 11,
          ...(i % 4 === 0 ? { responseHours: [2 + (i % 7)] } : {}),
        };
      }),
    ];
    for (let i = 0; i < items.length; i += 25) {
      let requests = { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
      // DynamoDB may leave part of a batch unprocessed; send that part again until none is left
      while (Object.keys(requests).length > 0) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: requests }));
        requests = (result.UnprocessedItems ?? {}) as typeof requests;
      }
    }
    await recompute();
    return true;
  } finally {
    db.destroy();
  }
}

/**
 * Enrols the demo supplier of a data directory seeded before enrolment existed; a supplier that has
 * joined or left since keeps its own choice.
 */
async function enrolDemoSupplier(db: DynamoDBDocumentClient, tableName: string, partyId: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: tradeAssuranceKey(partyId),
        UpdateExpression: 'SET enrolled = :true, enrolledAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(enrolled)',
        ExpressionAttributeValues: { ':true': true, ':at': now().toISOString() },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * The second demo buyer, approved at tier HIGH_VALUE, seeded once on its own (a data directory seeded before
 * it existed gets it at its next start).
 */
async function seedBigBuyer(db: DynamoDBDocumentClient, tableName: string, partyId: string): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...partyProfileKey(partyId),
          entity: 'PARTY_PROFILE',
          partyId,
          kycStatus: 'APPROVED',
          kycCaseId: 'seed',
          kycDecidedAt: new Date(now().getTime() - 120 * dayMs).toISOString(),
          tier: 'HIGH_VALUE',
          riskLevel: 'LOW',
          currency: 'USD',
          ...demoBigBuyer,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
