import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpPayoutProvider,
  PayoutIdempotencyConflict,
  PayoutProviderUnavailable,
  PayoutRejected,
} from '../../../../functions/orders/payouts/http-payout-provider';
import type { PayoutRequest } from '../../../../functions/orders/payouts/payout-provider';

/** What the test server saw of one call. */
interface SeenCall {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Reply = (response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let seen: SeenCall[];
let reply: Reply;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, url: request.url, headers: request.headers, body: text && JSON.parse(text) });
      reply(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  reply = json(201, { id: 'po_123', status: 'pending' });
});

function json(status: number, body: unknown): Reply {
  return (response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

const request: PayoutRequest = {
  idempotencyKey: 'order_1:release:settlement',
  orderId: 'order_1',
  beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
  amount: 40_000,
  currency: 'USD',
  reference: 'TrustFlow order_1 release',
};

const provider = (options: { timeoutMs?: number } = {}) =>
  createHttpPayoutProvider({ name: 'acme', baseUrl: `${baseUrl}/`, apiKey: 'sk_test_1', ...options });

describe('createHttpPayoutProvider', () => {
  it('posts the payout with the key as Bearer token and Idempotency-Key, and reads a pending answer', async () => {
    // Act
    const receipt = await provider().submitPayout(request);

    // Assess
    expect(receipt).toEqual({ provider: 'acme', providerPayoutId: 'po_123', status: 'PENDING' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/v1/payouts',
      headers: {
        authorization: 'Bearer sk_test_1',
        'idempotency-key': 'order_1:release:settlement',
        'content-type': 'application/json',
      },
      body: {
        amount: 40_000,
        currency: 'USD',
        beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
        reference: 'TrustFlow order_1 release',
        metadata: { orderId: 'order_1', idempotencyKey: 'order_1:release:settlement' },
      },
    });
  });

  it.each([
    ['paid', {}, { status: 'PAID' }],
    ['failed', { failure_reason: 'account closed' }, { status: 'FAILED', failureReason: 'account closed' }],
  ])('maps a synchronous %s answer', async (status, extra, expected) => {
    // Prepare
    reply = json(200, { id: 'po_9', status, ...extra, livemode: false });

    // Act
    const receipt = await provider().submitPayout(request);

    // Assess
    expect(receipt).toEqual({ provider: 'acme', providerPayoutId: 'po_9', ...expected });
  });

  it.each([400, 401, 403, 404, 422])('throws PayoutRejected for %i, with the provider message', async (status) => {
    // Prepare
    reply = json(status, { error: { type: 'invalid_request_error', message: 'No such destination' } });

    // Act
    const call = provider().submitPayout(request);

    // Assess
    await expect(call).rejects.toBeInstanceOf(PayoutRejected);
    await expect(provider().submitPayout(request)).rejects.toMatchObject({
      name: 'PayoutRejected',
      httpStatus: status,
      message: expect.stringContaining('No such destination'),
    });
  });

  it('sends a key given by a function, asking for it at each request', async () => {
    // Prepare
    const apiKey = jest.fn(async () => 'sk_from_secret');
    const fromSecret = createHttpPayoutProvider({ baseUrl, apiKey });

    // Act
    await fromSecret.submitPayout(request);
    await fromSecret.submitPayout(request);

    // Assess
    expect(apiKey).toHaveBeenCalledTimes(2);
    expect(seen.map((call) => call.headers.authorization)).toEqual(['Bearer sk_from_secret', 'Bearer sk_from_secret']);
  });

  it('lets an error of the key function through unchanged, sending nothing', async () => {
    // Prepare
    const failure = new Error('secret not found');
    const fromSecret = createHttpPayoutProvider({ baseUrl, apiKey: () => Promise.reject(failure) });

    // Act
    const call = fromSecret.submitPayout(request);

    // Assess
    await expect(call).rejects.toBe(failure);
    expect(seen).toEqual([]);
  });

  it('throws PayoutIdempotencyConflict for 409', async () => {
    // Prepare
    reply = json(409, { error: { type: 'idempotency_error', message: 'Keys can only be reused with the same body' } });

    // Act
    const call = provider().submitPayout(request);

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'PayoutIdempotencyConflict',
      message: expect.stringContaining('order_1:release:settlement'),
    });
    await expect(provider().submitPayout(request)).rejects.toBeInstanceOf(PayoutIdempotencyConflict);
  });

  it.each([429, 500, 502, 503])('throws PayoutProviderUnavailable for %i (retryable)', async (status) => {
    // Prepare
    reply = json(status, 'upstream trouble');

    // Act
    const call = provider().submitPayout(request);

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'PayoutProviderUnavailable', httpStatus: status });
  });

  it('throws PayoutProviderUnavailable when the provider does not answer in time', async () => {
    // Prepare
    reply = (response) => setTimeout(() => json(201, { id: 'po_late', status: 'pending' })(response), 500);

    // Act
    const call = provider({ timeoutMs: 50 }).submitPayout(request);

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'PayoutProviderUnavailable',
      message: expect.stringContaining('no answer within 50 ms'),
    });
  });

  it('throws PayoutProviderUnavailable when nothing listens', async () => {
    // Prepare
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    // Act
    const call = createHttpPayoutProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }).submitPayout(request);

    // Assess
    await expect(call).rejects.toBeInstanceOf(PayoutProviderUnavailable);
  });

  it.each([
    ['a body that is not JSON', '<html>ok</html>', 'not JSON'],
    ['an unknown status', { id: 'po_1', status: 'in_transit' }, 'status'],
    ['no id', { status: 'pending' }, 'id'],
  ])('throws PayoutRejected for %s', async (_case, body, mentions) => {
    // Prepare
    reply = json(200, body);

    // Act
    const call = provider().submitPayout(request);

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'PayoutRejected', message: expect.stringContaining(mentions) });
  });
});
