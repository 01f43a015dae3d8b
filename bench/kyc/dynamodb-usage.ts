/**
 * DynamoDB usage of a `bench:kyc` run, from what was measured: the table stream (every item written, with
 * its stored images) and the meter's log of the functions' calls (dynamodb-meter.ts: which writes were
 * transactional, condition checks, refused writes, and every read with the items it returned). The
 * request units follow DynamoDB's on-demand billing rules; the few rules that are not documented
 * plainly are named where the figures are printed.
 */
import { readFileSync } from 'node:fs';
import { tableSchema } from '../../functions/commons/storage/table-schema';
import { itemSize, type StreamRecord } from '../support/table-stream';
import type { MeteredCall, MeterLine } from './dynamodb-meter';

/** Where a call was made from, and whether its units belong to the cases' cost. */
export interface Source {
  label: string;
  counted: boolean;
}

export function readMeterLog(file: string): MeterLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MeterLine);
}

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const keyOf = (pk: string, sk: string) => `${pk}\u0000${sk}`;
/** `CASE/DOCUMENT` for `CASE#…` / `DOCUMENT#…`: the kind of an item, without its ids. */
export const itemKind = (pk: string, sk: string) => `${pk.split('#')[0]}/${sk.split('#')[0]}`;

/** One kind of item written, per the stream. */
export interface WriteRow {
  kind: string;
  event: StreamRecord['eventName'];
  records: number;
  writeUnits: number;
  /** Stored sizes (the new image, or the old one of a removal), in bytes. */
  sizes: number[];
  modes: Set<'transactional' | 'single' | 'not metered'>;
  sources: Set<string>;
  indexed: number;
}

/** Writes the stream does not show, but DynamoDB bills. */
export interface UnstreamedWrites {
  /** ConditionCheck actions of committed transactions, billed on the checked item's stored size. */
  conditionChecks: number;
  conditionCheckUnits: number;
  /** Write actions of refused calls (failed conditions, cancelled transactions). */
  refused: number;
  refusedUnits: number;
  /** Committed write actions with no stream record (an update that changed nothing). */
  unchanged: number;
  unchangedUnits: number;
}

/**
 * The write units of the measured run. Each stream record is billed on the larger of its images in 1 KB
 * units, ×2 when the call that wrote it was a TransactWriteItems (matched per key, in order), plus 1 unit
 * per KB for each GSI the item is in.
 */
export function measureWrites(
  records: StreamRecord[],
  calls: MeteredCall[],
  sourceOf: (call: MeteredCall) => Source,
  allRecords: StreamRecord[],
) {
  const gsiKeys = tableSchema.globalSecondaryIndexes.map((index) => index.partitionKey);
  const committed = new Map<string, { transactional: boolean; source: Source }[]>();
  const unstreamed: UnstreamedWrites = {
    conditionChecks: 0,
    conditionCheckUnits: 0,
    refused: 0,
    refusedUnits: 0,
    unchanged: 0,
    unchangedUnits: 0,
  };
  // the last stored size of every key, for items a ConditionCheck reads but the run did not write
  const storedSize = new Map<string, number>();
  for (const record of allRecords) {
    const image = record.dynamodb.NewImage;
    const key = keyOf(String(record.dynamodb.Keys.pk?.S), String(record.dynamodb.Keys.sk?.S));
    if (image) storedSize.set(key, itemSize(image));
    else storedSize.delete(key);
  }
  for (const call of [...calls].sort((a, b) => a.at - b.at)) {
    const source = sourceOf(call);
    for (const write of call.writes ?? []) {
      if (call.error) {
        if (source.counted) {
          unstreamed.refused++;
          unstreamed.refusedUnits += write.transactional ? 2 : 1;
        }
      } else if (write.action === 'ConditionCheck') {
        if (source.counted) {
          unstreamed.conditionChecks++;
          unstreamed.conditionCheckUnits += 2 * kb(storedSize.get(keyOf(write.pk, write.sk)) ?? 0);
        }
      } else {
        const key = keyOf(write.pk, write.sk);
        committed.set(key, [...(committed.get(key) ?? []), { transactional: write.transactional, source }]);
      }
    }
  }

  const rows = new Map<string, WriteRow>();
  let excluded = 0;
  const ordered = [...records].sort((a, b) =>
    BigInt(a.dynamodb.SequenceNumber) < BigInt(b.dynamodb.SequenceNumber) ? -1 : 1,
  );
  for (const record of ordered) {
    const { NewImage, OldImage, Keys } = record.dynamodb;
    const pk = String(Keys.pk?.S ?? '');
    const sk = String(Keys.sk?.S ?? '');
    const write = committed.get(keyOf(pk, sk))?.shift();
    if (write && !write.source.counted) {
      excluded++;
      continue;
    }
    const units = kb(Math.max(NewImage ? itemSize(NewImage) : 0, OldImage ? itemSize(OldImage) : 0));
    const indexes = gsiKeys.filter((key) => NewImage?.[key] ?? OldImage?.[key]).length;
    // a write the meter did not see is billed as transactional: an upper bound
    const transactional = write?.transactional ?? true;
    const kind = itemKind(pk, sk);
    const id = `${kind} ${record.eventName}`;
    const row = rows.get(id) ?? {
      kind,
      event: record.eventName,
      records: 0,
      writeUnits: 0,
      sizes: [],
      modes: new Set(),
      sources: new Set(),
      indexed: 0,
    };
    row.records++;
    row.writeUnits += units * (transactional ? 2 : 1) + units * indexes;
    row.sizes.push(itemSize((NewImage ?? OldImage)!));
    row.modes.add(write ? (write.transactional ? 'transactional' : 'single') : 'not metered');
    row.sources.add(write?.source.label ?? 'not metered');
    if (indexes > 0) row.indexed++;
    rows.set(id, row);
  }
  for (const left of committed.values()) {
    for (const write of left) {
      if (!write.source.counted) continue;
      unstreamed.unchanged++;
      unstreamed.unchangedUnits += write.transactional ? 2 : 1;
    }
  }
  return { rows: [...rows.values()], unstreamed, excluded };
}

/** One group of reads: a source, an operation and the kind of partition read. */
export interface ReadRow {
  source: Source;
  operation: string;
  target: string;
  calls: number;
  items: number;
  readUnits: number;
  /** Calls whose units are a lower bound: a filter dropped items, or only some attributes were returned. */
  lowerBound: number;
}

/**
 * The read units of each read call, on the items it returned: 4 KB units (×½ when eventually
 * consistent), one per item for GetItem and BatchGetItem (an item not found still costs one), over the
 * sum of the items for Query and Scan, ×2 per item in TransactGetItems.
 */
export function measureReads(calls: MeteredCall[], sourceOf: (call: MeteredCall) => Source): ReadRow[] {
  const rows = new Map<string, ReadRow>();
  for (const call of calls) {
    if (call.writes || !call.itemSizes) continue;
    const sizes = call.itemSizes;
    const consistency = call.consistent ? 1 : 0.5;
    let units: number;
    if (call.operation === 'Query' || call.operation === 'Scan') {
      units = Math.max(1, Math.ceil(sizes.reduce((a, b) => a + b, 0) / 4096)) * consistency;
    } else if (call.operation === 'TransactGetItems') {
      units = sizes.reduce((sum, size) => sum + 2 * Math.max(1, Math.ceil(size / 4096)), 0);
    } else {
      units =
        Math.max(
          1,
          sizes.reduce((sum, size) => sum + Math.max(1, Math.ceil(size / 4096)), 0),
        ) * consistency;
    }
    const source = sourceOf(call);
    const partition = call.partition ? call.partition.split('#')[0] : '';
    const target = `${call.index ? `${call.index} ` : ''}${partition}${call.consistent ? ', consistent' : ''}`;
    const id = `${source.label}\u0000${call.operation}\u0000${target}`;
    const row = rows.get(id) ?? {
      source,
      operation: call.operation,
      target,
      calls: 0,
      items: 0,
      readUnits: 0,
      lowerBound: 0,
    };
    row.calls++;
    row.items += sizes.length;
    row.readUnits += units;
    if (call.projected || (call.scanned ?? 0) > sizes.length) row.lowerBound++;
    rows.set(id, row);
  }
  return [...rows.values()];
}

/** The items of a partition as stored at the end of the run, by sort key, with their sizes. */
export function storedPartition(records: StreamRecord[], pk: string): Map<string, number> {
  const partition = new Map<string, number>();
  for (const record of records) {
    if (record.dynamodb.Keys.pk?.S !== pk) continue;
    const sk = String(record.dynamodb.Keys.sk?.S);
    if (record.dynamodb.NewImage) partition.set(sk, itemSize(record.dynamodb.NewImage));
    else partition.delete(sk);
  }
  return partition;
}
