/**
 * The DynamoDB meter of `bench:kyc`, installed in the local stack's process by `dynamodb-meter-preload.mjs`
 * (the stack's and the functions' code are unchanged). It wraps the request handler of the functions'
 * shared DynamoDB client, so it sees every call as sent and answered on the wire, and tags each call
 * with the HTTP request the stack was serving when the call was made (an API route, an S3 upload that
 * notifies processDocumentUpload, a Step Functions API call), through AsyncLocalStorage. Every call and
 * every request served is one JSON line in the file named by TRUSTFLOW_BENCH_DYNAMODB_METER, which the
 * benchmark reads after its run (dynamodb-usage.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { dynamoDbClient } from '../../functions/commons/aws-clients';
import { itemSize, type AttributeValue } from '../support/table-stream';

/** An HTTP request served by the stack process (API, S3, Step Functions, Textract endpoints). */
export interface ServedRequest {
  port: number;
  method: string;
  path: string;
  /** The X-Amz-Target header, which names the operation of an AWS JSON API (Textract, Step Functions). */
  target?: string;
}

/** One write action of a call, with the key it wrote. */
export interface MeteredWrite {
  action: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  pk: string;
  sk: string;
  transactional: boolean;
}

/** One DynamoDB call of the functions, with what its billing depends on. */
export interface MeteredCall {
  kind: 'dynamodb';
  at: number;
  /** The request the stack was serving when the call was made; none for its own loops (the webhook sweep). */
  servedRequest?: ServedRequest;
  operation: string;
  /** The error type when DynamoDB refused the call (ConditionalCheckFailedException, TransactionCanceledException…). */
  error?: string;
  consistent?: boolean;
  index?: string;
  /** The partition the call read or wrote first, e.g. `CASE#…` or `OUTBOX#3`. */
  partition?: string;
  /** Sizes of the items returned, as DynamoDB bills them (bytes). */
  itemSizes?: number[];
  /** Items a Query or Scan evaluated (ScannedCount): more than it returned when a filter dropped some. */
  scanned?: number;
  /** The call asked for some attributes only, so the sizes returned understate the items read. */
  projected?: boolean;
  writes?: MeteredWrite[];
}

export type MeterLine = ({ kind: 'request'; at: number } & ServedRequest) | MeteredCall;

type WireItem = Record<string, AttributeValue>;
type WireRequest = Record<string, any>;

const served = new AsyncLocalStorage<ServedRequest>();

const text = (value: AttributeValue | undefined): string => String(value?.S ?? value?.N ?? '');

/** The value the key condition binds first (the partition key's, in this code base's queries). */
function boundPartition(input: WireRequest): string | undefined {
  const placeholder = /=\s*(:[A-Za-z0-9_]+)/.exec(String(input.KeyConditionExpression ?? ''))?.[1];
  return placeholder ? text(input.ExpressionAttributeValues?.[placeholder]) : undefined;
}

function writeOf(action: MeteredWrite['action'], body: WireRequest, transactional: boolean): MeteredWrite {
  const key: WireItem = body.Item ?? body.Key ?? {};
  return { action, pk: text(key.pk), sk: text(key.sk), transactional };
}

/** What a call's billing depends on, from its request and its answer (both as JSON on the wire). */
function describeCall(operation: string, input: WireRequest, output: WireRequest): Omit<MeteredCall, 'kind' | 'at'> {
  const call: Omit<MeteredCall, 'kind' | 'at'> = { operation };
  if (typeof output.__type === 'string') call.error = output.__type.split('#').pop();
  switch (operation) {
    case 'GetItem':
      call.consistent = input.ConsistentRead === true;
      call.partition = text(input.Key?.pk);
      call.itemSizes = output.Item ? [itemSize(output.Item)] : [];
      call.projected = Boolean(input.ProjectionExpression ?? input.AttributesToGet);
      break;
    case 'Query':
    case 'Scan':
      call.consistent = input.ConsistentRead === true;
      call.index = input.IndexName;
      call.partition = boundPartition(input);
      call.itemSizes = ((output.Items ?? []) as WireItem[]).map(itemSize);
      call.scanned = output.ScannedCount;
      call.projected = Boolean(input.ProjectionExpression ?? input.AttributesToGet) || input.Select === 'COUNT';
      break;
    case 'BatchGetItem':
      call.consistent = Object.values(input.RequestItems ?? {}).every((r: any) => r.ConsistentRead === true);
      call.itemSizes = Object.values(output.Responses ?? {}).flatMap((items) => (items as WireItem[]).map(itemSize));
      break;
    case 'TransactGetItems':
      call.itemSizes = ((output.Responses ?? []) as { Item?: WireItem }[]).map((r) => (r.Item ? itemSize(r.Item) : 0));
      break;
    case 'PutItem':
      call.writes = [writeOf('Put', input, false)];
      break;
    case 'UpdateItem':
      call.writes = [writeOf('Update', input, false)];
      break;
    case 'DeleteItem':
      call.writes = [writeOf('Delete', input, false)];
      break;
    case 'TransactWriteItems':
      call.writes = ((input.TransactItems ?? []) as Record<MeteredWrite['action'], WireRequest>[]).map((item) => {
        const action = (['Put', 'Update', 'Delete', 'ConditionCheck'] as const).find((name) => item[name])!;
        return writeOf(action, item[action], true);
      });
      break;
    case 'BatchWriteItem':
      call.writes = Object.values(input.RequestItems ?? {}).flatMap((requests) =>
        (requests as { PutRequest?: WireRequest; DeleteRequest?: WireRequest }[]).map((request) =>
          request.PutRequest
            ? writeOf('Put', request.PutRequest, false)
            : writeOf('Delete', request.DeleteRequest!, false),
        ),
      );
      break;
  }
  if (call.writes && !call.partition) call.partition = call.writes[0]?.pk;
  return call;
}

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  // the SDK's JSON bodies are Uint8Arrays with string methods: read their bytes, not their string form
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Starts metering into `file`: one JSON line per call of the functions' DynamoDB client and per request served. */
export function installDynamoDbMeter(file: string): void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    appendFileSync(file, pending.join(''));
    pending = [];
  };
  setInterval(flush, 200).unref();
  process.on('exit', flush);
  const log = (line: MeterLine) => pending.push(`${JSON.stringify(line)}\n`);

  // Every request a server of the stack serves runs in its own context, so calls know what they serve.
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== 'request') return emit.call(this, event, ...args);
    const request = args[0] as http.IncomingMessage;
    const address = this.address();
    const target = request.headers['x-amz-target'];
    const context: ServedRequest = {
      port: typeof address === 'object' && address ? address.port : 0,
      method: request.method ?? '',
      path: (request.url ?? '').split('?')[0]!,
      ...(typeof target === 'string' ? { target } : {}),
    };
    log({ kind: 'request', at: Date.now(), ...context });
    return served.run(context, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;

  type Handle = (
    request: { headers: Record<string, string>; body?: unknown },
    options?: unknown,
  ) => Promise<{ response: { body?: unknown } }>;
  const handler = (dynamoDbClient.config as unknown as { requestHandler: { handle: Handle } }).requestHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, options) => {
    const at = Date.now();
    const servedRequest = served.getStore();
    const result = await handle(request, options);
    const answer = await readAll(result.response.body);
    result.response.body = Readable.from([answer]);
    try {
      const target = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'x-amz-target')?.[1];
      const operation = String(target ?? '').split('.')[1] ?? 'unknown';
      const input = JSON.parse((await readAll(request.body)).toString() || '{}') as WireRequest;
      const output = JSON.parse(answer.toString() || '{}') as WireRequest;
      log({
        kind: 'dynamodb',
        at,
        ...(servedRequest ? { servedRequest } : {}),
        ...describeCall(operation, input, output),
      });
    } catch (error) {
      log({ kind: 'dynamodb', at, operation: 'unreadable', error: String(error) });
    }
    return result;
  };
}
