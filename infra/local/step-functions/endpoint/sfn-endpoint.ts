/*
 * The local Step Functions HTTP endpoint: AWS's JSON 1.0 protocol in front of an SfnApi, so that
 * `@aws-sdk/client-sfn` (and the AWS CLI) can point `endpoint` at it. Requests are `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body; responses are JSON with dates as
 * epoch seconds. Errors carry their name in `__type` and in `X-Amzn-ErrorType`, where the SDK's
 * awsJson1_0 deserializer looks for it (body `__type` first, then `code`, then the header).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { readRequestBody, RequestBodyTooLargeError } from '../../read-request-body';
import { SfnServiceError, type SfnApi } from '../service/sfn-api';
import { describeValidationIssues, sfnRequestSchemas, type SfnOperation } from './sfn-request-schemas';
import { parseAwsJsonBody } from '../../parse-aws-json-body';

const targetPrefix = 'AWSStepFunctions.';
const jsonContentType = 'application/x-amz-json-1.0';
/** The namespace AWS Step Functions puts in front of its error names in `__type`. */
const serviceErrorNamespace = 'com.amazonaws.swf.service.v2.model';
/** Errors raised by AWS's request framework rather than by Step Functions carry Coral's namespace. */
const frameworkErrorNamespaces: Record<string, string> = {
  UnknownOperationException: 'com.amazon.coral.service',
  SerializationException: 'com.amazon.coral.service',
  InternalFailure: 'com.amazon.coral.service',
};
/**
 * A 1 MiB definition can double in size once JSON-escaped; beyond this a request cannot be valid,
 * and reading it whole would only cost memory.
 */
const maxBodyBytes = 8 * 1024 * 1024;

/** Options for the endpoint; `log` receives unexpected failures (default: stderr). */
export interface SfnEndpointOptions {
  log?: (line: string) => void;
}

/** An error answered before the request reaches the service, with its own HTTP status. */
class EdgeError extends SfnServiceError {
  constructor(
    readonly status: number,
    name: string,
    message: string,
  ) {
    super(name, message);
  }
}

type Invoke = (api: SfnApi, body: unknown) => Promise<object>;

/** Binds a schema to its SfnApi call, so the type checker proves the schema's output fits the call. */
function operation<S extends z.ZodType>(schema: S, call: (api: SfnApi, input: z.output<S>) => Promise<object>) {
  const invoke: Invoke = async (api, body) => {
    const parsed = schema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      throw new SfnServiceError('ValidationException', describeValidationIssues(parsed.error.issues));
    }
    return call(api, parsed.data);
  };
  return invoke;
}

const s = sfnRequestSchemas;
const operationTable: Record<SfnOperation, Invoke> = {
  CreateStateMachine: operation(s.CreateStateMachine, (api, input) => api.createStateMachine(input)),
  DescribeStateMachine: operation(s.DescribeStateMachine, (api, input) => api.describeStateMachine(input)),
  ListStateMachines: operation(s.ListStateMachines, (api, input) => api.listStateMachines(input)),
  StartExecution: operation(s.StartExecution, (api, input) => api.startExecution(input)),
  DescribeExecution: operation(s.DescribeExecution, (api, input) => api.describeExecution(input)),
  ListExecutions: operation(s.ListExecutions, (api, input) => api.listExecutions(input)),
  StopExecution: operation(s.StopExecution, (api, input) => api.stopExecution(input)),
  GetExecutionHistory: operation(s.GetExecutionHistory, (api, input) => api.getExecutionHistory(input)),
  SendTaskSuccess: operation(s.SendTaskSuccess, (api, input) => api.sendTaskSuccess(input)),
  SendTaskFailure: operation(s.SendTaskFailure, (api, input) => api.sendTaskFailure(input)),
  SendTaskHeartbeat: operation(s.SendTaskHeartbeat, (api, input) => api.sendTaskHeartbeat(input)),
  ValidateStateMachineDefinition: operation(s.ValidateStateMachineDefinition, (api, input) =>
    api.validateStateMachineDefinition(input),
  ),
  DescribeStateMachineForExecution: operation(s.DescribeStateMachineForExecution, (api, input) =>
    api.describeStateMachineForExecution(input),
  ),
  UpdateStateMachine: operation(s.UpdateStateMachine, (api, input) => api.updateStateMachine(input)),
  TagResource: operation(s.TagResource, (api, input) => api.tagResource(input)),
  UntagResource: operation(s.UntagResource, (api, input) => api.untagResource(input)),
  ListTagsForResource: operation(s.ListTagsForResource, (api, input) => api.listTagsForResource(input)),
  DeleteStateMachine: operation(s.DeleteStateMachine, (api, input) => api.deleteStateMachine(input)),
  // AWS serves TestState at sync-states.<region>; this endpoint answers whatever Host it is reached at
  TestState: operation(s.TestState, (api, input) => api.testState(input)),
  RedriveExecution: operation(s.RedriveExecution, (api, input) => api.redriveExecution(input)),
  DescribeMapRun: operation(s.DescribeMapRun, (api, input) => api.describeMapRun(input)),
  ListMapRuns: operation(s.ListMapRuns, (api, input) => api.listMapRuns(input)),
  UpdateMapRun: operation(s.UpdateMapRun, (api, input) => api.updateMapRun(input)),
};
// A Map, so that a target such as `AWSStepFunctions.constructor` cannot reach Object.prototype.
const operations = new Map<string, Invoke>(Object.entries(operationTable));

/** Reads the body, answering an oversized one as AWS does: 413 SerializationException. */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  try {
    return await readRequestBody(request, maxBodyBytes);
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) throw new EdgeError(413, 'SerializationException', error.message);
    throw error;
  }
}

function parseRequestBody(body: Buffer): Record<string, unknown> {
  return parseAwsJsonBody(body, (message) => new EdgeError(400, 'SerializationException', message));
}

/** Resolves X-Amz-Target (Node lower-cases header names, so any casing the client uses works). */
function resolveOperation(request: IncomingMessage): { name: string; invoke: Invoke } {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string' || target === '') {
    throw new EdgeError(400, 'UnknownOperationException', 'The X-Amz-Target header is missing');
  }
  const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  const invoke = operations.get(name);
  if (!invoke) {
    throw new EdgeError(400, 'UnknownOperationException', `Unknown operation ${target}`);
  }
  return { name, invoke };
}

/** Dates become epoch seconds (fractional, to keep milliseconds), at any depth of the response. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, toWire(member)]));
  }
  return value;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = Buffer.from(JSON.stringify(body));
  response.writeHead(status, {
    'content-type': jsonContentType,
    'content-length': payload.length,
    ...headers,
  });
  response.end(payload);
}

function sendError(response: ServerResponse, status: number, name: string, message: string, requestId: string) {
  const namespace = frameworkErrorNamespaces[name] ?? serviceErrorNamespace;
  send(
    response,
    status,
    { __type: `${namespace}#${name}`, message },
    { 'x-amzn-requestid': requestId, 'x-amzn-errortype': name },
  );
}

async function serve(api: SfnApi, log: (line: string) => void, request: IncomingMessage, response: ServerResponse) {
  const requestId = randomUUID();
  let operationName = '(unresolved)';
  try {
    // The body is read before anything is refused, so that keep-alive connections stay in step.
    const body = await readBody(request);
    if (request.method !== 'POST') {
      throw new EdgeError(405, 'UnknownOperationException', `${request.method} is not supported; use POST`);
    }
    const { name, invoke } = resolveOperation(request);
    operationName = name;
    // Authorization (SigV4) is accepted as is: this is a single-user local stack.
    const result = await invoke(api, parseRequestBody(body));
    send(response, 200, toWire(result ?? {}), { 'x-amzn-requestid': requestId });
  } catch (error) {
    if (error instanceof EdgeError) {
      sendError(response, error.status, error.name, error.message, requestId);
    } else if (error instanceof SfnServiceError) {
      sendError(response, 400, error.name, error.message, requestId);
    } else {
      log(`InternalFailure in ${operationName} (request ${requestId}): ${(error as Error)?.stack ?? String(error)}`);
      sendError(response, 500, 'InternalFailure', `An internal error occurred (request ${requestId})`, requestId);
    }
  }
}

/**
 * A `node:http` request listener speaking AWS Step Functions' JSON 1.0 protocol in front of `api`.
 * Mount it on any server; {@link startSfnEndpoint} starts one on loopback.
 */
export function createSfnRequestListener(
  api: SfnApi,
  options: SfnEndpointOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const log = options.log ?? ((line: string) => console.error(line));
  return (request, response) => {
    serve(api, log, request, response).catch((error: unknown) => {
      // Only writing the response can fail here (for instance, the client hung up).
      log(`could not answer a Step Functions request: ${(error as Error)?.stack ?? String(error)}`);
    });
  };
}

/**
 * Starts the endpoint on 127.0.0.1 (port 0 picks a free port). `url` is what to pass as the SDK's
 * `endpoint`; `close()` stops listening and drops open connections, including the SDK's keep-alive
 * ones, which would otherwise hold the server open.
 */
export function startSfnEndpoint(
  api: SfnApi,
  port = 0,
  options: SfnEndpointOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(createSfnRequestListener(api, options));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const { port: boundPort } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${boundPort}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
