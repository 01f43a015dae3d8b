/**
 * The single DynamoDB table, defined once. The CDK data-store construct and the local stack both build
 * the table from this object, so the keys and indexes cannot drift between AWS and one machine.
 */

/** A global secondary index of the single table. */
export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** The access pattern the index serves. */
  purpose: string;
}

/** Keys, indexes, TTL and stream of the TrustFlow table. */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; items with a past value are deleted by DynamoDB (idempotency records, short-lived locks). */
  timeToLiveAttribute: 'ttl',
  /** Wakes the webhook dispatcher on each new outbox entry (on AWS; the local stack sweeps instead). */
  streamView: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose:
        'review queue: open tasks by status and kind, ordered by due time; the outbox (OUTBOX#<shard>: timeline ' +
        'entries whose events wait for fan-out) and the webhook deliveries due (WEBHOOK_DUE#<shard>)',
    },
    {
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose: "by owning party: a client party's KYC cases and a buyer's orders, newest last",
    },
    {
      indexName: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: 'orders by supplier, ordered by creation time',
    },
  ] satisfies IndexDefinition[],
} as const;

/** Every attribute that is part of a key somewhere; all are strings. */
export function listKeyAttributes(): string[] {
  const names = new Set<string>([tableSchema.partitionKey, tableSchema.sortKey]);
  for (const index of tableSchema.globalSecondaryIndexes) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names];
}
