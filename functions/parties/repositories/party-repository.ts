import { queryAllPages } from '../../commons/storage/query-all-pages';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * Key layout of a party (a client company or person: buyer and supplier alike) in the single table:
 *   PARTY#<partyId> / PROFILE                         KYC status and the trading currency
 *   PARTY#<partyId> / TRADE_ASSURANCE                 coverage reserved by open orders, an admin's override
 *   PARTY#<partyId> / TXN#<completedAt>#<orderId>     a completed order as supplier, for the trust profile
 */

/** Where parties are stored. */
export interface PartyStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** A party's KYC standing. */
export interface PartyProfile {
  partyId: string;
  kycStatus: 'APPROVED' | 'REJECTED' | 'EXPIRED';
  kycCaseId?: string;
  kycDecidedAt: string;
  /** The currency its Trade Assurance is kept in. */
  currency?: string;
  /** ISO 3166-1 alpha-2 country of the party, for the trade rules (embargoes, corridors). */
  country?: string;
  /** The name the party trades under: the applicant's full name or the company's legal name. */
  displayName?: string;
  partyType?: PartyFacts['partyType'];
}

/** What trading needs about a party, recorded with its KYC approval. */
export interface PartyFacts {
  /** Residence for a person, incorporation for a company (ISO 3166-1 alpha-2). */
  country: string;
  displayName: string;
  partyType: 'INDIVIDUAL' | 'BUSINESS';
}

/**
 * A supplier's Trade Assurance account. `limit`, `qualified`, `computedAt` and `rulesVersion` are written
 * by `recomputeTradeAssurance`; `reserved` and `available` (always `limit - reserved`, stored because
 * DynamoDB conditions cannot add attributes) move with each order's reservation and release.
 */
export interface TradeAssuranceAccount {
  reserved: number;
  currency: string;
  limit?: number;
  available?: number;
  qualified?: boolean;
  computedAt?: string;
  rulesVersion?: string;
  reasons?: string[];
  override?: { limit: number; reason: string };
}

/** Primary key of a party's profile. */
export function partyProfileKey(partyId: string) {
  return { pk: `PARTY#${partyId}`, sk: 'PROFILE' };
}

/** Primary key of a party's Trade Assurance account. */
export function tradeAssuranceKey(partyId: string) {
  return { pk: `PARTY#${partyId}`, sk: 'TRADE_ASSURANCE' };
}

/** Primary key of a completed transaction of a supplier. */
export function completedTransactionKey(partyId: string, completedAt: string, orderId: string) {
  return { pk: `PARTY#${partyId}`, sk: `TXN#${completedAt}#${orderId}` };
}

/**
 * The Update that records a KYC outcome on the party, for the transaction that decides the case; the
 * currency a supplier trades in is kept. An approval also records the party's {@link PartyFacts}, so a
 * freshly approved party trades exactly like a seeded one.
 */
export function kycOutcomeUpdate(
  store: PartyStore,
  outcome: { partyId: string; status: PartyProfile['kycStatus']; caseId: string; at: string; facts?: PartyFacts },
) {
  const facts = outcome.facts;
  return {
    Update: {
      TableName: store.tableName,
      Key: partyProfileKey(outcome.partyId),
      UpdateExpression:
        'SET entity = :entity, partyId = :partyId, kycStatus = :status, kycCaseId = :caseId, kycDecidedAt = :at' +
        (facts ? ', country = :country, displayName = :displayName, partyType = :partyType' : ''),
      ExpressionAttributeValues: {
        ':entity': 'PARTY_PROFILE',
        ':partyId': outcome.partyId,
        ':status': outcome.status,
        ':caseId': outcome.caseId,
        ':at': outcome.at,
        ...(facts
          ? { ':country': facts.country, ':displayName': facts.displayName, ':partyType': facts.partyType }
          : {}),
      },
    },
  };
}

/**
 * Records the facts of an approved party that lacks them (a party approved before approvals recorded
 * them). Only while the profile still names the same case and has no country, so it never overwrites a
 * newer decision; answers false when there was nothing to do.
 */
export async function backfillPartyFacts(
  store: PartyStore,
  partyId: string,
  caseId: string,
  facts: PartyFacts,
): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: partyProfileKey(partyId),
        UpdateExpression: 'SET country = :country, displayName = :displayName, partyType = :partyType',
        ConditionExpression: 'kycCaseId = :caseId AND kycStatus = :approved AND attribute_not_exists(country)',
        ExpressionAttributeValues: {
          ':country': facts.country,
          ':displayName': facts.displayName,
          ':partyType': facts.partyType,
          ':caseId': caseId,
          ':approved': 'APPROVED',
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Approved parties whose profile has no country yet, a page at a time. A Scan: this serves only the
 * one-off migration (`backfillPartyFacts`), never a request.
 */
export async function listApprovedPartiesWithoutFacts(
  store: PartyStore,
  startKey?: Record<string, unknown>,
): Promise<{ parties: Pick<PartyProfile, 'partyId' | 'kycCaseId'>[]; nextKey?: Record<string, unknown> }> {
  const page = await store.db.send(
    new ScanCommand({
      TableName: store.tableName,
      FilterExpression: 'entity = :entity AND kycStatus = :approved AND attribute_not_exists(country)',
      ExpressionAttributeValues: { ':entity': 'PARTY_PROFILE', ':approved': 'APPROVED' },
      ProjectionExpression: 'partyId, kycCaseId',
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    parties: (page.Items ?? []) as Pick<PartyProfile, 'partyId' | 'kycCaseId'>[],
    nextKey: page.LastEvaluatedKey,
  };
}

/** Everything stored about a party, from one partition query. */
export interface PartyRecord {
  profile?: PartyProfile;
  tradeAssurance?: TradeAssuranceAccount;
  transactions: Record<string, unknown>[];
}

/** Reads a party's profile, Trade Assurance account and completed transactions since `since` (ISO). */
export async function findPartyRecord(store: PartyStore, partyId: string, since: string): Promise<PartyRecord> {
  // Two ranges of the one partition: the account rows sort before the transactions.
  const [accounts, transactions] = await Promise.all([
    queryRange(store, partyId, 'PROFILE', 'TRADE_ASSURANCE'),
    queryRange(store, partyId, `TXN#${since}`, 'TXN#\uffff'),
  ]);
  return {
    profile: accounts.find((item) => item.sk === 'PROFILE') as PartyProfile | undefined,
    tradeAssurance: accounts.find((item) => item.sk === 'TRADE_ASSURANCE') as PartyRecord['tradeAssurance'],
    transactions,
  };
}

function queryRange(store: PartyStore, partyId: string, from: string, to: string) {
  return queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':from': from, ':to': to },
  });
}
