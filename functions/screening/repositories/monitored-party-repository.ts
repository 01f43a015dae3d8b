import { fnv1a } from '../../commons/stable-hash';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { MonitoredParty } from '../models/monitored-party';

/*
 * The monitored-name index as stored: one item per monitored party with all its names, spread over a fixed
 * number of partitions so that loading it is a few parallel Queries, never a Scan:
 *   MONITORED#<shard> / PARTY#<partyId>
 */

/** Where monitored parties are stored: the single table. */
export interface MonitoredPartyStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Partitions of the stored index. Loading reads them in parallel (each Query page is 1 MB); sixteen keep a
 * million parties' writes and reads well under a partition's limits.
 */
export const monitoredShards = 16;

/** The partition of a party, by a stable hash of its id. */
export function monitoredShardOf(partyId: string): number {
  return fnv1a(partyId) % monitoredShards;
}

/** Primary key of a monitored party. */
export function monitoredPartyKey(partyId: string) {
  return { pk: `MONITORED#${monitoredShardOf(partyId)}`, sk: `PARTY#${partyId}` };
}

/** Writes (or replaces) a monitored party with its names. */
export async function putMonitoredParty(store: MonitoredPartyStore, party: MonitoredParty): Promise<void> {
  await store.db.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...monitoredPartyKey(party.partyId), entity: 'MONITORED_PARTY', ...party },
    }),
  );
}

/** Removes a party that is no longer monitored; nothing happens when it was not. */
export async function deleteMonitoredParty(store: MonitoredPartyStore, partyId: string): Promise<void> {
  await store.db.send(new DeleteCommand({ TableName: store.tableName, Key: monitoredPartyKey(partyId) }));
}

/** The parties of one partition of the stored index. */
export async function listMonitoredShard(store: MonitoredPartyStore, shard: number): Promise<MonitoredParty[]> {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `MONITORED#${shard}` },
    ProjectionExpression: 'partyId, #names, reasons, caseId, updatedAt',
    ExpressionAttributeNames: { '#names': 'names' },
  });
  return items as unknown as MonitoredParty[];
}

/** Every monitored party: the partitions read in parallel. */
export async function listMonitoredParties(store: MonitoredPartyStore): Promise<MonitoredParty[]> {
  const shards = await Promise.all(
    Array.from({ length: monitoredShards }, (_unused, shard) => listMonitoredShard(store, shard)),
  );
  return shards.flat();
}
