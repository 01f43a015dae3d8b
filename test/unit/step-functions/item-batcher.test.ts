import { batchItems, unbatchedUnits } from '../../../infra/local/step-functions/engine/item-batcher';
import { exceedsToleratedFailures } from '../../../infra/local/step-functions/engine/distributed-map';

describe('ItemBatcher', () => {
  it('groups items by MaxItemsPerBatch, with BatchInput beside Items', () => {
    // Prepare
    const items = [1, 2, 3, 4, 5];

    // Act
    const units = batchItems(items, { maxItemsPerBatch: 2, maxInputBytesPerBatch: 0, batchInput: { run: 'r1' } });

    // Assess
    expect(units).toEqual([
      { input: { BatchInput: { run: 'r1' }, Items: [1, 2] }, itemCount: 2, firstItem: 0 },
      { input: { BatchInput: { run: 'r1' }, Items: [3, 4] }, itemCount: 2, firstItem: 2 },
      { input: { BatchInput: { run: 'r1' }, Items: [5] }, itemCount: 1, firstItem: 4 },
    ]);
  });

  it('keeps each batch input within MaxInputBytesPerBatch', () => {
    // Prepare: each item is 12 bytes of JSON; {"Items":[]} is 12 bytes
    const items = Array.from({ length: 6 }, (_, i) => `item-${i}-xxx`);

    // Act
    const units = batchItems(items, { maxItemsPerBatch: 0, maxInputBytesPerBatch: 40 });

    // Assess
    expect(units.map((unit) => unit.itemCount)).toEqual([2, 2, 2]);
    for (const unit of units) expect(Buffer.byteLength(JSON.stringify(unit.input))).toBeLessThanOrEqual(40);
  });

  it('puts an item too large for any batch in a batch of its own', () => {
    // Prepare
    const items = ['small', 'x'.repeat(100), 'small'];

    // Act
    const units = batchItems(items, { maxItemsPerBatch: 10, maxInputBytesPerBatch: 50 });

    // Assess
    expect(units.map((unit) => unit.itemCount)).toEqual([1, 1, 1]);
  });

  it('gives each item its own child without an ItemBatcher', () => {
    // Act
    const units = unbatchedUnits(['a', 'b']);

    // Assess
    expect(units).toEqual([
      { input: 'a', itemCount: 1, firstItem: 0 },
      { input: 'b', itemCount: 1, firstItem: 1 },
    ]);
  });
});

describe('tolerated failure thresholds', () => {
  it('tolerates nothing without ToleratedFailureCount or ToleratedFailurePercentage', () => {
    // Assess
    expect(exceedsToleratedFailures(0, 10, {})).toBe(false);
    expect(exceedsToleratedFailures(1, 10, {})).toBe(true);
  });

  it('fails above the count, or above the percentage of all items, whichever is exceeded first', () => {
    // Assess
    expect(exceedsToleratedFailures(2, 10, { toleratedFailureCount: 2 })).toBe(false);
    expect(exceedsToleratedFailures(3, 10, { toleratedFailureCount: 2 })).toBe(true);
    expect(exceedsToleratedFailures(3, 10, { toleratedFailurePercentage: 30 })).toBe(false);
    expect(exceedsToleratedFailures(4, 10, { toleratedFailurePercentage: 30 })).toBe(true);
    expect(exceedsToleratedFailures(3, 10, { toleratedFailureCount: 5, toleratedFailurePercentage: 20 })).toBe(true);
    expect(exceedsToleratedFailures(10, 10, { toleratedFailurePercentage: 100 })).toBe(false);
  });
});
