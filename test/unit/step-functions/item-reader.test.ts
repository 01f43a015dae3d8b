import { StatesError } from '../../../infra/local/step-functions/asl/states-error';
import { readItems, type ItemReaderSpec } from '../../../infra/local/step-functions/engine/item-reader';
import { InMemoryObjectStore } from '../../../infra/local/step-functions/engine/object-store';

const getObject = 'arn:aws:states:::s3:getObject';

function spec(readerConfig: ItemReaderSpec['readerConfig'], maxItems = 0, key = 'file'): ItemReaderSpec {
  return { resource: getObject, parameters: { Bucket: 'bucket', Key: key }, readerConfig, maxItems };
}

async function storeWith(body: string, key = 'file'): Promise<InMemoryObjectStore> {
  const store = new InMemoryObjectStore();
  await store.putObject('bucket', key, body);
  return store;
}

/** The StatesError a read rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<StatesError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
}

/** The CSV AWS recorded its CSV ItemReader runs with (test_map_item_reader_base_csv_*). */
const recordedCsvRows = "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n";

describe('ItemReader', () => {
  it('reads a JSON array, up to MaxItems', async () => {
    // Prepare
    const store = await storeWith(JSON.stringify([{ a: 1 }, { a: 2 }, { a: 3 }]));

    // Act
    const all = await readItems(store, spec({ InputType: 'JSON' }));
    const two = await readItems(store, spec({ InputType: 'JSON' }, 2));

    // Assess
    expect(all).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(two).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('refuses a JSON document that is not an array, as AWS words it', async () => {
    // Prepare
    const store = await storeWith(JSON.stringify({ Hello: 'world' }));

    // Act
    const failure = await failureOf(readItems(store, spec({ InputType: 'JSON' })));

    // Assess
    expect(failure).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: 'Attempting to map over non-iterable node.',
    });
  });

  it('reads the array an ItemsPointer points at', async () => {
    // Prepare
    const store = await storeWith(JSON.stringify({ data: { rows: [1, 2] } }));

    // Act
    const items = await readItems(store, spec({ InputType: 'JSON', ItemsPointer: '/data/rows' }));

    // Assess
    expect(items).toEqual([1, 2]);
  });

  it('reads JSON Lines, skipping blank lines, and names the line that is not JSON', async () => {
    // Prepare
    const store = await storeWith('{"id":1}\n\n{"id":2}\r\n{"id":3}\n');
    const broken = await storeWith('{"id":1}\nnot json\n');

    // Act
    const items = await readItems(store, spec({ InputType: 'JSONL' }));
    const limited = await readItems(store, spec({ InputType: 'JSONL' }, 2));
    const failure = await failureOf(readItems(broken, spec({ InputType: 'JSONL' })));

    // Assess
    expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(limited).toEqual([{ id: 1 }, { id: 2 }]);
    expect(failure.error).toBe('States.ItemReaderFailed');
    expect(failure.cause).toMatch(/^Line 2 is not valid JSON/);
  });

  it('reads CSV with the headers in the first row: strings, missing fields empty, extra fields dropped', async () => {
    // Prepare
    const store = await storeWith(`Col1,Col2,Col3\n${recordedCsvRows}`);

    // Act
    const items = await readItems(store, spec({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }));

    // Assess: what AWS recorded for the same file
    expect(items).toEqual([
      { Col1: 'Value1', Col2: 'Value2', Col3: 'Value3' },
      { Col1: 'Value4', Col2: 'Value5', Col3: 'Value6' },
      { Col1: '', Col2: '', Col3: '' },
      { Col1: 'true', Col2: '1', Col3: "'HelloWorld'" },
      { Col1: 'Null', Col2: 'None', Col3: '' },
      { Col1: '   ', Col2: '', Col3: '' },
    ]);
  });

  it('reads CSV with given headers, fewer than the fields, and MaxItems not counting a header', async () => {
    // Prepare
    const store = await storeWith(recordedCsvRows);
    const withHeader = await storeWith('A,B\n1,2\n3,4\n5,6\n');

    // Act
    const items = await readItems(store, spec({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1'] }));
    const limited = await readItems(withHeader, spec({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, 2));

    // Assess
    expect(items).toEqual([
      { H1: 'Value1' },
      { H1: 'Value4' },
      { H1: '' },
      { H1: 'true' },
      { H1: 'Null' },
      { H1: '   ' },
    ]);
    expect(limited).toEqual([
      { A: '1', B: '2' },
      { A: '3', B: '4' },
    ]);
  });

  it('refuses duplicate CSV headers and honours CSVDelimiter', async () => {
    // Prepare
    const store = await storeWith(recordedCsvRows);
    const piped = await storeWith('a|b\n"x|y"|2\n');

    // Act
    const failure = await failureOf(
      readItems(store, spec({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['H1', 'H1', 'H3'] })),
    );
    const items = await readItems(piped, spec({ InputType: 'CSV', CSVDelimiter: 'PIPE' }));

    // Assess
    expect(failure).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: 'CSV headers cannot contain duplicates.',
    });
    expect(items).toEqual([{ a: 'x|y', b: '2' }]);
  });

  it('fails on a negative MaxItems and on a missing object', async () => {
    // Prepare
    const store = await storeWith('[]');

    // Act
    const negative = await failureOf(readItems(store, spec({ InputType: 'JSON' }, -1)));
    const missing = await failureOf(readItems(store, spec({ InputType: 'JSON' }, 0, 'nope')));

    // Assess
    expect(negative).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'field MaxItems must be positive' });
    expect(missing.error).toBe('States.ItemReaderFailed');
    expect(missing.cause).toContain('The specified key does not exist.');
  });

  it('lists a bucket with listObjectsV2, one item per object', async () => {
    // Prepare
    const store = new InMemoryObjectStore();
    for (const key of ['in/a.txt', 'in/b.txt', 'out/c.txt']) await store.putObject('bucket', key, '0HelloWorld!');

    // Act
    const items = await readItems(store, {
      resource: 'arn:aws:states:::s3:listObjectsV2',
      parameters: { Bucket: 'bucket', Prefix: 'in/' },
      readerConfig: {},
      maxItems: 0,
    });

    // Assess
    expect(items).toEqual([
      expect.objectContaining({
        Key: 'in/a.txt',
        Size: 12,
        StorageClass: 'STANDARD',
        Etag: expect.stringMatching(/^"/),
      }),
      expect.objectContaining({ Key: 'in/b.txt', Size: 12 }),
    ]);
  });
});
