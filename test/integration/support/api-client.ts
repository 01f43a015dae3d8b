import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shape of dev-credentials.json. */
export interface DevCredentials {
  apiUrl: string;
  tokens: Record<
    'client' | 'client2' | 'supplier' | 'bigBuyer' | 'reviewer' | 'reviewer2' | 'admin' | 'admin2',
    string
  >;
  parties: Record<'client' | 'client2' | 'supplier' | 'bigBuyer', string>;
  webhooks: Record<'payments' | 'logistics' | 'payouts' | 'inspections', { partnerId: string; secret: string }>;
}

/** Reads a file the stack wrote into a data directory. */
export function readStackFile<T>(dataDir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(dataDir, name), 'utf8')) as T;
}

/** The suite's stack, started by the global setup. */
export function suiteStack(): { dataDir: string; credentials: DevCredentials; endpoints: Record<string, string> } {
  const dataDir = process.env.TRUSTFLOW_TEST_DATA_DIR;
  if (!dataDir) throw new Error('TRUSTFLOW_TEST_DATA_DIR is not set: run integration tests through jest');
  return {
    dataDir,
    credentials: readStackFile<DevCredentials>(dataDir, 'dev-credentials.json'),
    endpoints: readStackFile<Record<string, string>>(dataDir, 'endpoints.json'),
  };
}

/** An HTTP response with its body parsed when it is JSON. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API over real HTTP. */
export async function callApi<T = any>(
  apiUrl: string,
  method: string,
  pathName: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${apiUrl}${pathName}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: /json/.test(contentType) && text ? JSON.parse(text) : text,
  };
}

/** Uploads bytes with a presigned POST, as a browser form would. */
export async function postPresignedUpload(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  contentType: string,
): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }), 'document');
  const response = await fetch(upload.url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

/** Polls until `read` returns something `done` accepts. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** A brand-new identity from local sign-up (`POST /_local/identities`). */
export interface SignedUpIdentity {
  token: string;
  sub: string;
  username: string;
  /** A client's own new party. */
  partyId?: string;
}

/** Signs up a brand-new user on the local stack, as a new user of the marketplace would be. */
export async function signUp(
  apiUrl: string,
  role: 'client' | 'reviewer' | 'admin',
  name?: string,
): Promise<SignedUpIdentity> {
  const response = await callApi(apiUrl, 'POST', '/_local/identities', { body: { role, ...(name ? { name } : {}) } });
  if (response.status !== 201) throw new Error(`sign-up: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as SignedUpIdentity;
}
