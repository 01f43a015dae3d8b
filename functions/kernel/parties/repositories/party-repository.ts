import type { TradeAssuranceAccount } from '../models/trade-assurance-account';
import { queryAllPages } from '../../../commons/storage/query-all-pages';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredKycStatus } from '../models/kyc-standing';
import type { PartyFacts } from '../models/party-facts';

export type { PartyFacts };

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

/** A party's KYC standing, and what trading needs to know about it. */
export interface PartyProfile {
  partyId: string;
  /** The stored standing; read it with `readStanding` (models/kyc-standing.ts). */
  kycStatus?: StoredKycStatus;
  kycCaseId?: string;
  kycDecidedAt?: string;
  /** The tier of the approval: HIGH_VALUE once a high-value case was approved. */
  tier?: 'STANDARD' | 'HIGH_VALUE';
  /** The risk level of the approving case, for staff and the periodic review. */
  riskLevel?: 'LOW' | 'MEDIUM' | 'HIGH';
  /** When the approval falls due for its periodic review. */
  reviewDueAt?: string;
  /** The periodic review under way: its refresh case, and when the standing lapses unless it is submitted. */
  refresh?: PartyRefresh;
  /** Cases of the party that are not final: at most `maxOpenCases` (data/rules/kyc-standing.json). */
  openCases?: number;
  /** The currency its Trade Assurance is kept in. */
  currency?: string;
  /** ISO 3166-1 alpha-2 country of the party, for the trade rules (embargoes, corridors). */
  country?: string;
  /** The name the party trades under: the applicant's full name or the company's legal name. */
  displayName?: string;
  partyType?: PartyFacts['partyType'];
}

/** A periodic review under way (DESIGN, "Periodic review"). */
export interface PartyRefresh {
  caseId: string;
  openedAt: string;
  /** When the standing lapses to PENDING unless the refresh case was submitted. */
  lapsesAt: string;
  /** Set once it lapsed: new orders get 409 KYC_REFRESH_REQUIRED until a case is approved. */
  lapsedAt?: string;
}

/**
 * The periodic-review index of a profile (gsi1), one phase at a time: an approval waits in `KYC_REVIEW_DUE`
 * until its review is due; a refresh case waits in `KYC_REFRESH_LAPSE` until it is submitted or lapses. The
 * daily review run reads both up to now, never a Scan.
 */
export function periodicReviewIndexKeys(phase: 'KYC_REVIEW_DUE' | 'KYC_REFRESH_LAPSE', at: string, partyId: string) {
  return { gsi1pk: phase, gsi1sk: `${at}#${partyId}` };
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

/** How a case ended, as the party's standing records it. */
export interface KycOutcome {
  partyId: string;
  caseId: string;
  at: string;
  /** EXPIRED closes the case and leaves the standing as it was. */
  status: 'APPROVED' | 'REJECTED' | 'EXPIRED';
  /** An automatic decision never overwrites a reviewer's REJECTED or SUSPENDED. */
  automatic: boolean;
  /** With an approval: what trading needs about the party. */
  facts?: PartyFacts;
  /** With an approval: its tier, risk level and periodic review. */
  approval?: { tier: 'STANDARD' | 'HIGH_VALUE'; riskLevel: 'LOW' | 'MEDIUM' | 'HIGH'; reviewDueAt: string };
}

/**
 * The Update that records the end of a case on the party, for the transaction that decides the case: one
 * case fewer open and, for a decision, the standing. The currency a supplier trades in is kept. An approval
 * also records the party's {@link PartyFacts}, so a freshly approved party trades exactly like a seeded one.
 * An automatic decision carries a condition that the standing is not one only a reviewer may change.
 */
export function kycOutcomeUpdate(store: PartyStore, outcome: KycOutcome) {
  // a case opened before the counter existed was never counted: closing it takes nothing off
  const sets = ['entity = :entity', 'partyId = :partyId', 'openCases = if_not_exists(openCases, :one) - :one'];
  const values: Record<string, unknown> = {
    ':entity': 'PARTY_PROFILE',
    ':partyId': outcome.partyId,
    ':one': 1,
  };
  if (outcome.status !== 'EXPIRED') {
    sets.push('kycStatus = :status', 'kycCaseId = :caseId', 'kycDecidedAt = :at');
    Object.assign(values, { ':status': outcome.status, ':caseId': outcome.caseId, ':at': outcome.at });
  }
  if (outcome.facts) {
    sets.push('country = :country', 'displayName = :displayName', 'partyType = :partyType');
    Object.assign(values, {
      ':country': outcome.facts.country,
      ':displayName': outcome.facts.displayName,
      ':partyType': outcome.facts.partyType,
    });
  }
  const removes: string[] = [];
  if (outcome.approval) {
    const index = periodicReviewIndexKeys('KYC_REVIEW_DUE', outcome.approval.reviewDueAt, outcome.partyId);
    sets.push(
      'tier = :tier',
      'riskLevel = :riskLevel',
      'reviewDueAt = :reviewDueAt',
      'gsi1pk = :reviewIndex',
      'gsi1sk = :reviewIndexKey',
    );
    Object.assign(values, {
      ':tier': outcome.approval.tier,
      ':riskLevel': outcome.approval.riskLevel,
      ':reviewDueAt': outcome.approval.reviewDueAt,
      ':reviewIndex': index.gsi1pk,
      ':reviewIndexKey': index.gsi1sk,
    });
    // a new approval ends the periodic review under way, and a lapse with it
    removes.push('refresh');
  }
  if (outcome.status === 'REJECTED') removes.push('gsi1pk', 'gsi1sk', 'refresh');
  const guarded = outcome.automatic && outcome.status !== 'EXPIRED';
  if (guarded) Object.assign(values, { ':rejected': 'REJECTED', ':suspended': 'SUSPENDED' });
  return {
    Update: {
      TableName: store.tableName,
      Key: partyProfileKey(outcome.partyId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ...(guarded
        ? { ConditionExpression: 'attribute_not_exists(kycStatus) OR NOT kycStatus IN (:rejected, :suspended)' }
        : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The Update that counts a new open case on the party, for the transaction that opens it: refused by its
 * condition when the party already has `maxOpenCases` open.
 */
export function openCaseUpdate(store: PartyStore, partyId: string, maxOpenCases: number) {
  return {
    Update: {
      TableName: store.tableName,
      Key: partyProfileKey(partyId),
      UpdateExpression: 'SET entity = :entity, partyId = :partyId ADD openCases :one',
      ConditionExpression: 'attribute_not_exists(openCases) OR openCases < :max',
      ExpressionAttributeValues: { ':entity': 'PARTY_PROFILE', ':partyId': partyId, ':one': 1, ':max': maxOpenCases },
    },
  };
}

/**
 * The Update that counts a case closed without a decision (withdrawn by the applicant), for the
 * transaction that closes it: one case fewer open, the standing untouched.
 */
export function closedCaseUpdate(store: PartyStore, partyId: string) {
  return {
    Update: {
      TableName: store.tableName,
      Key: partyProfileKey(partyId),
      // a case opened before the counter existed was never counted: it takes nothing off
      UpdateExpression: 'SET entity = :entity, partyId = :partyId, openCases = if_not_exists(openCases, :one) - :one',
      ExpressionAttributeValues: { ':entity': 'PARTY_PROFILE', ':partyId': partyId, ':one': 1 },
    },
  };
}

/** A party's profile alone, read strongly consistent: its standing and what trading needs. */
export async function findPartyProfile(store: PartyStore, partyId: string): Promise<PartyProfile | undefined> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: partyProfileKey(partyId), ConsistentRead: true }),
  );
  return result.Item as PartyProfile | undefined;
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

/**
 * Every party with a profile, a page at a time. A Scan: this serves only one-off migrations (the
 * monitored-name index's backfill), never a request.
 */
export async function listPartyIdsForMigration(
  store: PartyStore,
  startKey?: Record<string, unknown>,
): Promise<{ partyIds: string[]; nextKey?: Record<string, unknown> }> {
  const page = await store.db.send(
    new ScanCommand({
      TableName: store.tableName,
      FilterExpression: 'entity = :entity',
      ExpressionAttributeValues: { ':entity': 'PARTY_PROFILE' },
      ProjectionExpression: 'partyId',
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    partyIds: (page.Items ?? []).map((item) => String(item.partyId)),
    nextKey: page.LastEvaluatedKey,
  };
}

/** Everything stored about a party, from one partition query. */
export type { TradeAssuranceAccount };

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
