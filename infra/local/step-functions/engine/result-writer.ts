/*
 * The Distributed Map's ResultWriter: child execution results exported to S3 as AWS lays them out,
 * `<Prefix>/<map run id>/manifest.json` beside `SUCCEEDED_0.json`, `FAILED_0.json` and `PENDING_0.json`,
 * or (WriterConfig alone) reshaped in place as the state's result.
 */
import { StatesError } from '../asl/states-error';
import type { ObjectStore } from './object-store';

/** A ResultWriter with its Parameters evaluated. */
export interface ResultWriterSpec {
  /** Absent when only WriterConfig is given: the results are reshaped, not exported. */
  bucket?: string;
  prefix: string;
  outputType: 'JSON' | 'JSONL';
  transformation: 'NONE' | 'COMPACT' | 'FLATTEN';
}

/** What a map run knows of one child execution (or of an item that never got one: PENDING). */
export interface ChildExecutionRecord {
  executionArn?: string;
  name?: string;
  stateMachineArn?: string;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING' | 'RUNNING';
  startDate?: number;
  stopDate?: number;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
}

/** Where the manifest went: the Map state's `ResultWriterDetails`. */
export interface ResultWriterDetails {
  Bucket: string;
  Key: string;
}

/** Reads a ResultWriter block; Parameters (or Arguments) must already be evaluated. */
export function readResultWriterSpec(block: Record<string, unknown>, parameters: unknown): ResultWriterSpec {
  const config = (block.WriterConfig ?? {}) as { OutputType?: string; Transformation?: string };
  const target = (parameters ?? {}) as { Bucket?: unknown; Prefix?: unknown };
  const exports = block.Resource !== undefined;
  return {
    bucket: exports ? String(target.Bucket ?? '') : undefined,
    prefix: exports && target.Prefix !== undefined ? String(target.Prefix) : '',
    outputType: config.OutputType === 'JSONL' ? 'JSONL' : 'JSON',
    // NONE is the default when exporting, COMPACT when only reshaping
    transformation: (config.Transformation as ResultWriterSpec['transformation']) ?? (exports ? 'NONE' : 'COMPACT'),
  };
}

/** A child execution as the result files and Transformation NONE show it (DescribeExecution's members). */
export function describeChildExecution(record: ChildExecutionRecord): Record<string, unknown> {
  const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const succeeded = record.status === 'SUCCEEDED';
  return {
    ...(record.executionArn ? { ExecutionArn: record.executionArn } : {}),
    Input: JSON.stringify(record.input ?? null),
    InputDetails: { Included: true },
    ...(record.name ? { Name: record.name } : {}),
    ...(succeeded ? { Output: JSON.stringify(record.output ?? null), OutputDetails: { Included: true } } : {}),
    ...(record.error !== undefined ? { Error: record.error } : {}),
    ...(record.cause !== undefined ? { Cause: record.cause } : {}),
    RedriveCount: 0,
    RedriveStatus: succeeded || record.status === 'PENDING' ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN',
    ...(succeeded ? { RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    ...(record.startDate !== undefined ? { StartDate: date(record.startDate) } : {}),
    ...(record.stateMachineArn ? { StateMachineArn: record.stateMachineArn } : {}),
    Status: record.status,
    ...(record.stopDate !== undefined ? { StopDate: date(record.stopDate) } : {}),
  };
}

/**
 * The results as WriterConfig's Transformation shapes them. Failed executions are always described
 * in full (AWS: "as if Transformation were NONE").
 */
export function transformResults(
  records: readonly ChildExecutionRecord[],
  transformation: ResultWriterSpec['transformation'],
): unknown[] {
  if (transformation === 'NONE') return records.map(describeChildExecution);
  const shaped: unknown[] = [];
  for (const record of records) {
    if (record.status !== 'SUCCEEDED') shaped.push(describeChildExecution(record));
    else if (transformation === 'FLATTEN' && Array.isArray(record.output)) shaped.push(...(record.output as unknown[]));
    else shaped.push(record.output ?? null);
  }
  return shaped;
}

/**
 * Writes the result files and the manifest. Files are written only for statuses that have results;
 * the manifest lists each with its size. Failures reject with States.ResultWriterFailed.
 */
export async function writeMapRunResults(
  store: ObjectStore | undefined,
  spec: ResultWriterSpec,
  mapRunArn: string,
  records: readonly ChildExecutionRecord[],
): Promise<ResultWriterDetails> {
  if (!store || spec.bucket === undefined) {
    throw new StatesError(
      'States.ResultWriterFailed',
      'No object store is configured for ResultWriter (S3) in this engine',
    );
  }
  const bucket = spec.bucket;
  const prefix = spec.prefix === '' || spec.prefix.endsWith('/') ? spec.prefix : `${spec.prefix}/`;
  const folder = `${prefix}${mapRunArn.split(':').at(-1)}/`;
  const groups: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', ChildExecutionRecord[]> = {
    SUCCEEDED: [],
    FAILED: [],
    PENDING: [],
  };
  for (const record of records) {
    if (record.status === 'SUCCEEDED') groups.SUCCEEDED.push(record);
    else if (record.status === 'PENDING' || record.status === 'RUNNING') groups.PENDING.push(record);
    else groups.FAILED.push(record);
  }
  const resultFiles: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  const extension = spec.outputType === 'JSONL' ? 'jsonl' : 'json';
  try {
    for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
      if (groups[status].length === 0) continue;
      const entries = transformResults(groups[status], status === 'SUCCEEDED' ? spec.transformation : 'NONE');
      const body =
        spec.outputType === 'JSONL'
          ? entries.map((entry) => JSON.stringify(entry)).join('\n')
          : JSON.stringify(entries);
      const key = `${folder}${status}_0.${extension}`;
      await store.putObject(bucket, key, body);
      resultFiles[status]!.push({ Key: key, Size: Buffer.byteLength(body) });
    }
    const manifestKey = `${folder}manifest.json`;
    const manifest = { DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: resultFiles };
    await store.putObject(bucket, manifestKey, JSON.stringify(manifest));
    return { Bucket: bucket, Key: manifestKey };
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    throw new StatesError(
      'States.ResultWriterFailed',
      `${failure.message} (Service: S3, Status Code: ${failure.$metadata?.httpStatusCode ?? 'unknown'}, Error Code: ${failure.name})`,
    );
  }
}
