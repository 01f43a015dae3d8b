/*
 * The local Textract endpoint: Textract's AWS JSON 1.1 protocol on loopback, so that
 * `@aws-sdk/client-textract` (and the AWS CLI) work unchanged with `endpoint` (or AWS_ENDPOINT_URL_TEXTRACT)
 * pointing at it. Requests are `POST /` with `X-Amz-Target: Textract.<Operation>` and a JSON body in
 * which document bytes are base64. Errors carry Textract's names in `__type` and `X-Amzn-ErrorType`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import { readRequestBody, RequestBodyTooLargeError } from '../read-request-body';
import { maxDocumentBytes, type ReadDocument } from './document-source';
import { OcrPool } from './ocr-pool';
import { TextractError } from './textract-error';
import { analyzeDocument, analyzeId, detectDocumentText, type OperationContext } from './textract-operations';
import { describeIssues, textractRequestSchemas, type TextractOperation } from './textract-requests';
import { parseAwsJsonBody } from '../parse-aws-json-body';

const targetPrefix = 'Textract.';
const jsonContentType = 'application/x-amz-json-1.1';
/** Two documents of 10 MB for AnalyzeID, base64-encoded (4/3), plus the JSON around them. */
const maxBodyBytes = Math.ceil(((2 * maxDocumentBytes) / 3) * 4) + 64 * 1024;

/** Options for {@link startLocalTextract}. */
export interface LocalTextractOptions {
  /** Receives one line per page read (with its OCR time) and unexpected failures. Default: none. */
  log?: (line: string) => void;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /**
   * S3 client for `S3Object` documents. Default: a path-style client created on first use, which finds
   * the local S3 through AWS_ENDPOINT_URL_S3 as every other SDK client of the stack does.
   */
  s3Client?: S3Client;
  /** OCR workers (default: min(2, CPUs)). */
  ocrWorkers?: number;
}

/** OCR figures since the endpoint started, for logs and the bench. */
export interface LocalTextractStats {
  /** Pages read, by OCR or from a PDF text layer. */
  pages: number;
  /** Pages that went through OCR. */
  ocrPages: number;
  /** Total and mean OCR time per OCR'd page, in ms. */
  ocrMsTotal: number;
  ocrMsMean: number;
  /** OCR time of the most recent OCR'd page, in ms. */
  lastOcrMs: number | undefined;
}

/** A running local Textract endpoint. */
export interface LocalTextract {
  /** What to pass as the SDK's `endpoint` (or set as AWS_ENDPOINT_URL_TEXTRACT). */
  url: string;
  stats(): LocalTextractStats;
  /** Stops listening, drops open connections and terminates the OCR workers. */
  stop(): Promise<void>;
}

type Invoke = (context: OperationContext, body: unknown) => Promise<object>;

/** Binds a schema to its operation, so the type checker proves the schema's output fits the call. */
function operation<S extends z.ZodType>(
  schema: S,
  call: (context: OperationContext, input: z.output<S>) => Promise<object>,
): Invoke {
  return async (context, body) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new TextractError(
        'InvalidParameterException',
        `Request has invalid parameters: ${describeIssues(parsed.error.issues)}`,
      );
    }
    return call(context, parsed.data);
  };
}

const s = textractRequestSchemas;
// A Map, so that a target such as `Textract.constructor` cannot reach Object.prototype.
const operations = new Map<string, Invoke>([
  ['AnalyzeID', operation(s.AnalyzeID, analyzeId)],
  ['AnalyzeDocument', operation(s.AnalyzeDocument, analyzeDocument)],
  ['DetectDocumentText', operation(s.DetectDocumentText, detectDocumentText)],
] satisfies [TextractOperation, Invoke][]);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  try {
    return await readRequestBody(request, maxBodyBytes);
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) {
      throw new TextractError('DocumentTooLargeException', 'Document size exceeds the maximum limit of 10 MB');
    }
    throw error;
  }
}

function parseRequestBody(body: Buffer): Record<string, unknown> {
  return parseAwsJsonBody(body, (message) => new TextractError('SerializationException', message));
}

function resolveOperation(request: IncomingMessage): { name: string; invoke: Invoke } {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || target === '') {
    throw new TextractError('UnknownOperationException', 'The X-Amz-Target header is missing');
  }
  const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  const invoke = operations.get(name);
  if (!invoke) throw new TextractError('UnknownOperationException', `Unknown operation ${target}`);
  return { name, invoke };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { 'content-type': jsonContentType, 'content-length': payload.length, ...headers });
  response.end(payload);
}

async function serve(
  context: OperationContext,
  log: (line: string) => void,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  let operationName = '(unresolved)';
  try {
    // The body is read before anything is refused, so that keep-alive connections stay in step.
    const body = await readBody(request);
    if (request.method !== 'POST') {
      throw new TextractError('UnknownOperationException', `${request.method} is not supported; use POST`, 405);
    }
    const { name, invoke } = resolveOperation(request);
    operationName = name;
    // Authorization (SigV4) is accepted as is: this is a single-user local stack.
    const result = await invoke(context, parseRequestBody(body));
    send(response, 200, result, { 'x-amzn-requestid': requestId });
  } catch (error) {
    if (error instanceof TextractError) {
      send(
        response,
        error.status,
        { __type: error.errorName, message: error.message },
        { 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.errorName },
      );
      return;
    }
    log(
      `textract: InternalServerError in ${operationName} (request ${requestId}): ${(error as Error)?.stack ?? error}`,
    );
    send(
      response,
      500,
      { __type: 'InternalServerError', message: `An internal error occurred (request ${requestId})` },
      { 'x-amzn-requestid': requestId, 'x-amzn-errortype': 'InternalServerError' },
    );
  }
}

/**
 * Starts the local Textract endpoint on 127.0.0.1. OCR workers start with the first image and are
 * reused; `stop()` ends them with the server.
 */
export function startLocalTextract(options: LocalTextractOptions = {}): Promise<LocalTextract> {
  const log = options.log ?? (() => undefined);
  const ocr = new OcrPool(options.ocrWorkers, log);
  let s3Client = options.s3Client;
  const counters = { pages: 0, ocrPages: 0, ocrMsTotal: 0, lastOcrMs: undefined as number | undefined };
  const context: OperationContext = {
    ocr,
    // forcePathStyle: the local S3 serves buckets by path, not by virtual host
    s3: () => (s3Client ??= new S3Client({ forcePathStyle: true, region: process.env.AWS_REGION ?? 'us-east-1' })),
    onPageRead: (operationName: string, document: ReadDocument, pageNumber: number) => {
      const page = document.pages[pageNumber - 1]!;
      counters.pages += 1;
      if (page.source === 'ocr') {
        counters.ocrPages += 1;
        counters.ocrMsTotal += page.ocrMs;
        counters.lastOcrMs = page.ocrMs;
      }
      const how = page.source === 'ocr' ? `OCR ${page.ocrMs} ms` : 'text layer';
      log(`textract: ${operationName} ${document.format} page ${pageNumber}: ${page.lines.length} lines, ${how}`);
    },
  };
  const server = createServer((request, response) => {
    serve(context, log, request, response).catch((error: unknown) => {
      // Only writing the response can fail here (for instance, the client hung up).
      log(`textract: could not answer a request: ${(error as Error)?.stack ?? String(error)}`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        stats: () => ({
          pages: counters.pages,
          ocrPages: counters.ocrPages,
          ocrMsTotal: counters.ocrMsTotal,
          ocrMsMean: counters.ocrPages > 0 ? Math.round(counters.ocrMsTotal / counters.ocrPages) : 0,
          lastOcrMs: counters.lastOcrMs,
        }),
        async stop() {
          await new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          await ocr.terminate();
          // only the client this endpoint made is its to destroy
          if (!options.s3Client) s3Client?.destroy();
        },
      });
    });
  });
}
