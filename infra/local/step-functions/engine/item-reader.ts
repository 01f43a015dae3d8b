/*
 * The Distributed Map's ItemReader: the items of a map run read from S3 (one object as JSON, JSON Lines
 * or CSV, or a bucket listing), with AWS's States.ItemReaderFailed causes where they are known from
 * recorded runs (non-array JSON, duplicate CSV headers, a negative MaxItems).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { StatesError } from '../asl/states-error';
import type { ObjectStore } from './object-store';

/** An ItemReader with its Parameters evaluated and MaxItems(Path) resolved, ready to read. */
export interface ItemReaderSpec {
  resource: string;
  parameters: { Bucket?: unknown; Key?: unknown; Prefix?: unknown } & Record<string, unknown>;
  readerConfig: {
    InputType?: string;
    CSVHeaderLocation?: string;
    CSVHeaders?: string[];
    CSVDelimiter?: string;
    /** JSON Pointer to the array inside a JSON object (ReaderConfig.ItemsPointer). */
    ItemsPointer?: string;
  };
  /** 0 reads everything (AWS's default). */
  maxItems: number;
}

/** AWS stops reading beyond this many items, whatever MaxItems says. */
export const maxReadableItems = 100_000_000;

const csvDelimiters: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** Reads a map run's items; failures reject with States.ItemReaderFailed. */
export async function readItems(store: ObjectStore | undefined, spec: ItemReaderSpec): Promise<unknown[]> {
  if (spec.maxItems < 0) throw new StatesError('States.ItemReaderFailed', 'field MaxItems must be positive');
  if (!store) {
    throw new StatesError(
      'States.ItemReaderFailed',
      'No object store is configured for ItemReader (S3) in this engine',
    );
  }
  const limit = spec.maxItems === 0 ? maxReadableItems : Math.min(spec.maxItems, maxReadableItems);
  const bucket = String(spec.parameters.Bucket ?? '');
  if (spec.resource === 'arn:aws:states:::s3:listObjectsV2') {
    return listObjects(store, bucket, spec.parameters.Prefix as string | undefined, limit);
  }
  if (spec.resource !== 'arn:aws:states:::s3:getObject') {
    throw new StatesError('States.ItemReaderFailed', `Unsupported ItemReader resource: ${spec.resource}`);
  }
  const text = (await callS3(() => store.getObject(bucket, String(spec.parameters.Key ?? '')))).toString('utf8');
  switch (spec.readerConfig.InputType ?? 'JSON') {
    case 'JSON':
      return parseJsonItems(text, spec.readerConfig.ItemsPointer).slice(0, limit);
    case 'JSONL':
      return parseJsonLinesItems(text, limit);
    case 'CSV':
      return parseCsvItems(text, spec.readerConfig, limit);
    default:
      throw new StatesError('States.ItemReaderFailed', `Unsupported InputType: ${spec.readerConfig.InputType}`);
  }
}

/** Items of a JSON document: the document itself, or the array ItemsPointer points at. */
export function parseJsonItems(text: string, itemsPointer?: string): unknown[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new StatesError('States.ItemReaderFailed', `The object is not valid JSON: ${(error as Error).message}`);
  }
  const items = itemsPointer ? resolveJsonPointer(document, itemsPointer) : document;
  if (!Array.isArray(items))
    throw new StatesError('States.ItemReaderFailed', 'Attempting to map over non-iterable node.');
  return items;
}

/** Items of a JSON Lines document: one per non-blank line. */
export function parseJsonLinesItems(text: string, limit = maxReadableItems): unknown[] {
  const items: unknown[] = [];
  let start = 0;
  let lineNumber = 0;
  // line by line without splitting the whole text: shards can hold a hundred thousand lines
  while (start < text.length && items.length < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber += 1;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      throw new StatesError(
        'States.ItemReaderFailed',
        `Line ${lineNumber} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  return items;
}

/**
 * Items of a CSV document: one object per row, keyed by the headers (the first row, or CSVHeaders).
 * Every value stays a string; missing fields are "" and fields beyond the headers are dropped, as AWS
 * records it.
 */
export function parseCsvItems(
  text: string,
  config: ItemReaderSpec['readerConfig'],
  limit = maxReadableItems,
): Record<string, string>[] {
  const delimiter = csvDelimiters[config.CSVDelimiter ?? 'COMMA'] ?? ',';
  const firstRow = (config.CSVHeaderLocation ?? 'FIRST_ROW') === 'FIRST_ROW';
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      to: limit === maxReadableItems ? undefined : limit + (firstRow ? 1 : 0),
    }) as string[][];
  } catch (error) {
    throw new StatesError('States.ItemReaderFailed', `The object is not valid CSV: ${(error as Error).message}`);
  }
  const headers = firstRow ? (rows.shift() ?? []) : (config.CSVHeaders ?? []);
  if (new Set(headers).size < headers.length) {
    throw new StatesError('States.ItemReaderFailed', 'CSV headers cannot contain duplicates.');
  }
  return rows.slice(0, limit).map((row) => {
    const item: Record<string, string> = {};
    headers.forEach((header, i) => (item[header] = row[i] ?? ''));
    return item;
  });
}

async function listObjects(store: ObjectStore, bucket: string, prefix: string | undefined, limit: number) {
  const items: unknown[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await callS3(() => store.listObjectsV2(bucket, { prefix, continuationToken }));
    for (const object of page.objects) {
      if (items.length >= limit) break;
      // the member names AWS hands to each child (note "Etag", not S3's "ETag")
      items.push({
        Etag: object.ETag,
        Key: object.Key,
        LastModified: object.LastModified.toISOString(),
        Size: object.Size,
        StorageClass: object.StorageClass ?? 'STANDARD',
      });
    }
    continuationToken = page.nextContinuationToken;
  } while (continuationToken && items.length < limit);
  return items;
}

/** An S3 call whose failure becomes States.ItemReaderFailed, worded like AWS's service errors. */
async function callS3<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    const status = failure.$metadata?.httpStatusCode;
    throw new StatesError(
      'States.ItemReaderFailed',
      `${failure.message} (Service: S3, Status Code: ${status ?? 'unknown'}, Error Code: ${failure.name})`,
    );
  }
}

function resolveJsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return document;
  let node = document;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
