import type { PartyStore } from '../../kernel/parties/repositories/party-repository';
import { queryAllPages } from '../../commons/storage/query-all-pages';

/*
 * A sparse index of the suppliers that have a Trade Assurance account, on gsi1 (whose other partitions
 * are the review queue's REVIEW#<status>):
 *   gsi1: TRADE_ASSURANCE_ACCOUNT / <partyId>      on the PARTY#<partyId> / TRADE_ASSURANCE item
 * Every writer that may create that item sets these keys, so the daily recompute finds every account with
 * a Query instead of a Scan. One partition holds all accounts: the daily job reads keys only, and the
 * index is updated when an account's attributes change (reservations included), well inside a partition's
 * write rate for any realistic number of suppliers.
 */

/** gsi1 partition key of every Trade Assurance account. */
export const TRADE_ASSURANCE_INDEX_PK = 'TRADE_ASSURANCE_ACCOUNT';

/** The gsi1 keys to set on a supplier's TRADE_ASSURANCE item. */
export function tradeAssuranceIndexKeys(partyId: string) {
  return { gsi1pk: TRADE_ASSURANCE_INDEX_PK, gsi1sk: partyId };
}

/**
 * The party ids of every supplier with a Trade Assurance account, in id order: a paginated Query of gsi1,
 * keys only. The index is eventually consistent: an account created a moment ago may be missing.
 */
export async function listTradeAssuranceSupplierIds(store: PartyStore): Promise<string[]> {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': TRADE_ASSURANCE_INDEX_PK },
    ProjectionExpression: 'gsi1sk',
  });
  return items.map((item) => String(item.gsi1sk));
}
