import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
 * currency a supplier trades in is kept.
 */
export function kycOutcomeUpdate(
  store: PartyStore,
  outcome: { partyId: string; status: PartyProfile['kycStatus']; caseId: string; at: string },
) {
  return {
    Update: {
      TableName: store.tableName,
      Key: partyProfileKey(outcome.partyId),
      UpdateExpression:
        'SET entity = :entity, partyId = :partyId, kycStatus = :status, kycCaseId = :caseId, kycDecidedAt = :at',
      ExpressionAttributeValues: {
        ':entity': 'PARTY_PROFILE',
        ':partyId': outcome.partyId,
        ':status': outcome.status,
        ':caseId': outcome.caseId,
        ':at': outcome.at,
      },
    },
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
