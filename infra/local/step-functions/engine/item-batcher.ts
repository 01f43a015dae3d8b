/*
 * The Distributed Map's ItemBatcher: items grouped so that each child execution gets
 * `{ "BatchInput": ..., "Items": [...] }` (BatchInput only when the state has one).
 */

/** An ItemBatcher with its *Path fields and BatchInput resolved. */
export interface ItemBatcherSpec {
  /** 0: no limit by count. */
  maxItemsPerBatch: number;
  /** 0: no limit by size (AWS caps a batch at 256 KiB either way). */
  maxInputBytesPerBatch: number;
  batchInput?: unknown;
}

/** One child execution's share of a map run: its input and how many items it carries. */
export interface MapRunUnit {
  input: unknown;
  itemCount: number;
  /** Index of the unit's first item among the map run's items. */
  firstItem: number;
}

/** AWS's upper bound on a child execution's input. */
export const maxBatchBytes = 256 * 1024;

/**
 * Groups items into batches by count and by the byte size of the batch input. Sizes are measured on
 * each item's JSON once, so batching stays linear in the number of items. An item too large for any
 * batch travels alone rather than being dropped.
 */
export function batchItems(items: readonly unknown[], spec: ItemBatcherSpec): MapRunUnit[] {
  const maxItems = spec.maxItemsPerBatch > 0 ? spec.maxItemsPerBatch : Number.POSITIVE_INFINITY;
  const maxBytes = Math.min(spec.maxInputBytesPerBatch > 0 ? spec.maxInputBytesPerBatch : maxBatchBytes, maxBatchBytes);
  const wrap = (batch: unknown[]) =>
    spec.batchInput !== undefined ? { BatchInput: spec.batchInput, Items: batch } : { Items: batch };
  const emptyBytes = Buffer.byteLength(JSON.stringify(wrap([])));
  const units: MapRunUnit[] = [];
  let batch: unknown[] = [];
  let bytes = emptyBytes;
  let firstItem = 0;
  items.forEach((item, index) => {
    const itemBytes = Buffer.byteLength(JSON.stringify(item ?? null));
    // the item plus the comma that separates it from the previous one
    if (batch.length > 0 && (batch.length >= maxItems || bytes + 1 + itemBytes > maxBytes)) {
      units.push({ input: wrap(batch), itemCount: batch.length, firstItem });
      batch = [];
      bytes = emptyBytes;
      firstItem = index;
    }
    bytes += itemBytes + (batch.length > 0 ? 1 : 0);
    batch.push(item);
  });
  if (batch.length > 0) units.push({ input: wrap(batch), itemCount: batch.length, firstItem });
  return units;
}

/** Without an ItemBatcher, each item is a child execution of its own. */
export function unbatchedUnits(items: readonly unknown[]): MapRunUnit[] {
  return items.map((item, index) => ({ input: item, itemCount: 1, firstItem: index }));
}
