import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHttpPayoutProvider } from '../../functions/orders/payouts/http-payout-provider';
import { verifyWebhookSignature } from '../../functions/orders/webhooks/verify-webhook-signature';
import { payoutWebhookEventSchema } from '../../functions/orders/webhooks/webhook-events';
import {
  startLocalPayoutProvider,
  type LocalPayoutProvider,
  type LocalPayoutProviderOptions,
} from '../../infra/local/payout-provider/payout-provider-server';

/** A stand-in for TrustFlow's /webhooks/payments: records each call, answers from `statuses` in turn. */
interface Receiver {
  url: string;
  calls: { headers: Record<string, string | string[] | undefined>; body: string }[];
  statuses: number[];
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { calls: [], statuses: [] } as unknown as Receiver;
  receiver.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(receiver.statuses.shift() ?? 200, { 'Content-Type': 'application/json' });
      response.end('{"status":"ACCEPTED"}');
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhooks/payments`;
  return receiver;
}

const partner = { partnerId: 'payments-local', secret: 'whsec_local_1' };
const body = {
  amount: 40_000,
  currency: 'USD',
  beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
  reference: 'TrustFlow order_1 release',
  metadata: { orderId: 'order_1', idempotencyKey: 'order_1:release:settlement' },
};

let receiver: Receiver;
let provider: LocalPayoutProvider;
let dataDir: string;

async function start(options: Partial<LocalPayoutProviderOptions> = {}) {
  provider = await startLocalPayoutProvider({
    apiKey: 'sk_local_test',
    webhookTarget: () => ({ url: receiver.url, ...partner }),
    confirmDelayMs: 10,
    webhookRetryDelayMs: 5,
    ...options,
  });
  return provider;
}

/** The provider's JSON answers, loosely: the tests assert their fields. */
type Json = any;

async function jsonOf(response: Response): Promise<Json> {
  return response.json();
}

function post(payload: unknown, headers: Record<string, string> = {}) {
  return fetch(`${provider.url}/v1/payouts`, {
    method: 'POST',
    headers: {
      Authorization: 'Bearer sk_local_test',
      'Idempotency-Key': 'order_1:release:settlement',
      'Content-Type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(payload),
  });
}

/** Calls a `/_local` route of the provider with its key (or `key`). */
async function local(method: string, route: string, payload?: unknown, key = 'sk_local_test') {
  const response = await fetch(`${provider.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  return { status: response.status, body: await jsonOf(response) };
}

beforeEach(async () => {
  receiver = await startReceiver();
  dataDir = mkdtempSync(path.join(tmpdir(), 'payouts-'));
});

afterEach(async () => {
  await provider?.stop();
  receiver.server.closeAllConnections();
  await new Promise((resolve) => receiver.server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local payout provider', () => {
  it('creates a pending payout, then confirms it with a payout.paid webhook signed as the payments partner', async () => {
    // Prepare
    await start();

    // Act
    const response = await post(body);
    const created = await jsonOf(response);
    await provider.idle();

    // Assess
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ id: expect.stringMatching(/^po_/), status: 'pending', amount: 40_000 });
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0]!;
    const verification = verifyWebhookSignature({
      partnerHeader: call.headers['trustflow-partner'] as string,
      signatureHeader: call.headers['trustflow-signature'] as string,
      rawBody: call.body,
      now: new Date(),
      secretsOf: (id) => (id === partner.partnerId ? [partner.secret] : undefined),
    });
    expect(verification).toMatchObject({ ok: true });
    const event = payoutWebhookEventSchema.parse(JSON.parse(call.body));
    expect(event).toMatchObject({
      type: 'payout.paid',
      orderId: 'order_1',
      payoutId: created.id,
      idempotencyKey: 'order_1:release:settlement',
    });
    const inspected = await fetch(`${provider.url}/v1/payouts/${created.id}`, {
      headers: { Authorization: 'Bearer sk_local_test' },
    });
    expect(await jsonOf(inspected)).toMatchObject({ id: created.id, status: 'paid', webhook: { attempts: 1 } });
  });

  it('answers the same payout for the same key and body, and makes one payout and one webhook', async () => {
    // Prepare
    await start();
    const first = await jsonOf(await post(body));

    // Act
    const again = await post({ ...body, metadata: { ...body.metadata } });
    await provider.idle();

    // Assess
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await jsonOf(again)).id).toBe(first.id);
    expect(provider.list()).toHaveLength(1);
    expect(receiver.calls).toHaveLength(1);
  });

  it('refuses the same key with another body with 409, which the HTTP client reports as a conflict', async () => {
    // Prepare
    await start();
    await post(body);
    const client = createHttpPayoutProvider({ baseUrl: provider.url, apiKey: 'sk_local_test' });

    // Act
    const response = await post({ ...body, amount: 40_001 });
    const viaClient = client.submitPayout({
      idempotencyKey: 'order_1:release:settlement',
      orderId: 'order_1',
      beneficiary: { role: 'BUYER', partyId: 'party_buyer' },
      amount: 40_000,
      currency: 'USD',
      reference: 'TrustFlow order_1 release',
    });

    // Assess
    expect(response.status).toBe(409);
    expect((await jsonOf(response)).error.type).toBe('idempotency_error');
    await expect(viaClient).rejects.toMatchObject({ name: 'PayoutIdempotencyConflict' });
  });

  it.each([
    ['no key', {}, 401],
    ['a wrong key', { Authorization: 'Bearer sk_wrong' }, 401],
  ])('refuses a call with %s', async (_case, headers, status) => {
    // Prepare
    await start();
    const init: RequestInit = {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k1', 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    };

    // Act
    const response = await fetch(`${provider.url}/v1/payouts`, init);

    // Assess
    expect(response.status).toBe(status);
    expect(provider.list()).toEqual([]);
  });

  it('requires an Idempotency-Key and a valid body', async () => {
    // Prepare
    await start();

    // Act
    const noKey = await post(body, { 'Idempotency-Key': '' });
    const badBody = await post({ ...body, amount: -1 });

    // Assess
    expect(noKey.status).toBe(400);
    expect((await jsonOf(noKey)).error.message).toMatch(/Idempotency-Key/);
    expect(badBody.status).toBe(400);
    expect((await jsonOf(badBody)).error.message).toMatch(/amount/);
    expect(provider.list()).toEqual([]);
  });

  it('retries the webhook while TrustFlow answers 5xx, signing each attempt', async () => {
    // Prepare
    await start();
    receiver.statuses.push(503, 500);

    // Act
    await post(body);
    await provider.idle();

    // Assess
    expect(receiver.calls).toHaveLength(3);
    expect(provider.list()[0]?.webhook).toMatchObject({ attempts: 3, lastStatus: 200 });
  });

  it('sends payout.failed with the reason when the payout fails', async () => {
    // Prepare
    await start({ decide: () => ({ status: 'failed', reason: 'beneficiary account closed' }) });

    // Act
    await post(body);
    await provider.idle();

    // Assess
    expect(JSON.parse(receiver.calls[0]!.body)).toMatchObject({
      type: 'payout.failed',
      failureReason: 'beneficiary account closed',
    });
  });

  it('simulates an outage: 503 to every API call until it ends, then the same key makes one payout', async () => {
    // Prepare
    await start();
    const control = (method: string, key = 'sk_local_test', payload?: unknown) =>
      fetch(`${provider.url}/_local/outage`, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    const client = createHttpPayoutProvider({ baseUrl: provider.url, apiKey: 'sk_local_test' });
    const request = {
      idempotencyKey: 'order_1:release:settlement',
      orderId: 'order_1',
      beneficiary: { role: 'SUPPLIER' as const, partyId: 'party_supplier' },
      amount: 40_000,
      currency: 'USD',
      reference: 'TrustFlow order_1 release',
    };

    // Act
    const notOwner = await control('POST', 'sk_wrong');
    const notAStatus = await control('POST', undefined, { status: 404 });
    const started = await control('POST');
    const whileDown = await post(body);
    const viaClient = client.submitPayout(request);
    await expect(viaClient).rejects.toMatchObject({ name: 'PayoutProviderUnavailable', httpStatus: 503 });
    const ended = await control('DELETE');
    const afterwards = await client.submitPayout(request);
    await provider.idle();

    // Assess
    expect(notOwner.status).toBe(401);
    expect(notAStatus.status).toBe(400);
    expect(await jsonOf(started)).toMatchObject({ active: true, status: 503, refused: 0 });
    expect(whileDown.status).toBe(503);
    expect((await jsonOf(whileDown)).error.type).toBe('api_error');
    expect(await jsonOf(ended)).toMatchObject({ active: false, status: 503, refused: 2 });
    expect(afterwards).toMatchObject({ status: 'PENDING', providerPayoutId: expect.stringMatching(/^po_/) });
    expect(provider.list()).toMatchObject([{ idempotencyKey: 'order_1:release:settlement', status: 'paid' }]);
  });

  it('starts an outage after the number of calls it is told to let through', async () => {
    // Prepare
    await start();
    await fetch(`${provider.url}/_local/outage`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_local_test', 'Content-Type': 'application/json' },
      body: JSON.stringify({ startsAfterCalls: 1, status: 502 }),
    });

    // Act
    const first = await post(body);
    const second = await post(
      { ...body, metadata: { ...body.metadata, idempotencyKey: 'k2' } },
      { 'Idempotency-Key': 'k2' },
    );

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(502);
    expect(provider.list()).toHaveLength(1);
  });

  it('keeps payouts in its data file and confirms a pending one after a restart', async () => {
    // Prepare
    const dataFile = path.join(dataDir, 'payouts.json');
    await start({ dataFile, confirmDelayMs: 60_000 });
    const created = await jsonOf(await post(body));
    await provider.stop();

    // Act
    await start({ dataFile });
    await provider.idle();

    // Assess
    expect(provider.list()).toMatchObject([{ id: created.id, status: 'paid' }]);
    expect(receiver.calls).toHaveLength(1);
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).payouts).toHaveLength(1);
  });
  it('lists the payouts it holds with the requests and conflicts each key received, filtered by order or key', async () => {
    // Prepare
    await start({ confirmDelayMs: 60_000 });
    const other = { ...body, metadata: { orderId: 'order_2', idempotencyKey: 'order_2:release:settlement' } };
    await post(body);
    await post(body);
    await post({ ...body, amount: 1 });
    await post({ ...body, amount: -1 });
    await post(other, { 'Idempotency-Key': 'order_2:release:settlement' });

    // Act
    const all = await local('GET', '/_local/payouts');
    const ofOrder = await local('GET', '/_local/payouts?orderId=order_1');
    const ofKey = await local(
      'GET',
      `/_local/payouts?idempotencyKey=${encodeURIComponent('order_2:release:settlement')}`,
    );
    const notOwner = await local('GET', '/_local/payouts', undefined, 'sk_wrong');

    // Assess
    expect(all.status).toBe(200);
    expect(all.body.payouts).toHaveLength(2);
    expect(ofOrder.body.payouts).toEqual([
      expect.objectContaining({
        idempotencyKey: 'order_1:release:settlement',
        status: 'pending',
        request: expect.objectContaining({ amount: 40_000 }),
        requests: 3,
        conflicts: 1,
      }),
    ]);
    expect(ofKey.body.payouts).toEqual([
      expect.objectContaining({ idempotencyKey: 'order_2:release:settlement', requests: 1, conflicts: 0 }),
    ]);
    expect(notOwner.status).toBe(401);
  });

  it('holds the payouts of an order pending until confirmed by hand, which answers once the webhook is delivered', async () => {
    // Prepare
    await start();
    const held = await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'hold' });
    const created = await jsonOf(await post(body));
    await provider.idle();
    const whileHeld = provider.list();

    // Act
    const confirmed = await local('POST', `/_local/payouts/${created.id}/confirm`, {
      status: 'failed',
      failureReason: 'beneficiary account closed',
    });
    const again = await local('POST', `/_local/payouts/${created.id}/confirm`, {});
    const unknown = await local('POST', '/_local/payouts/po_nothing/confirm', {});
    const reasonWhenPaid = await local('POST', `/_local/payouts/${created.id}/confirm`, { failureReason: 'x' });

    // Assess
    expect(held).toEqual({ status: 200, body: { orders: { order_1: 'hold' } } });
    expect(whileHeld).toMatchObject([{ id: created.id, status: 'pending', webhook: { attempts: 0 } }]);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      id: created.id,
      status: 'failed',
      failure_reason: 'beneficiary account closed',
      webhook: { attempts: 1, lastStatus: 200, lastAnswer: '{"status":"ACCEPTED"}', deliveredAt: expect.any(String) },
    });
    expect(receiver.calls.map((call) => JSON.parse(call.body))).toEqual([
      expect.objectContaining({
        type: 'payout.failed',
        payoutId: created.id,
        failureReason: 'beneficiary account closed',
      }),
    ]);
    expect(again.status).toBe(409);
    expect(unknown.status).toBe(404);
    expect(reasonWhenPaid.status).toBe(400);
  });

  it('confirms the held payouts of an order as usual once its mode is back to auto', async () => {
    // Prepare
    await start();
    await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'hold' });
    await post(body);
    await provider.idle();

    // Act
    const auto = await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'auto' });
    await provider.idle();

    // Assess
    expect(auto.body).toEqual({ orders: {} });
    expect(provider.list()).toMatchObject([{ status: 'paid', webhook: { attempts: 1, lastStatus: 200 } }]);
    expect(receiver.calls).toHaveLength(1);
  });

  it('in beforeAnswer mode, makes the first webhook attempt before answering a replay with the status from before', async () => {
    // Prepare
    await start();
    await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'hold' });
    const created = await jsonOf(await post(body));
    await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'beforeAnswer' });

    // Act
    const replay = await post(body);
    const callsWhenAnswered = receiver.calls.length;
    const answer = await jsonOf(replay);
    await provider.idle();

    // Assess
    expect(replay.status).toBe(200);
    expect(answer).toMatchObject({ id: created.id, status: 'pending' });
    expect(callsWhenAnswered).toBe(1);
    expect(JSON.parse(receiver.calls[0]!.body)).toMatchObject({ type: 'payout.paid', payoutId: created.id });
    expect(provider.list()).toMatchObject([{ status: 'paid', requests: 2, webhook: { attempts: 1, lastStatus: 200 } }]);
  });

  it('in beforeAnswer mode, answers a new payout after the first attempt and retries the webhook afterwards', async () => {
    // Prepare
    await start();
    await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'beforeAnswer' });
    receiver.statuses.push(503);

    // Act
    const created = await post(body);
    const callsWhenAnswered = receiver.calls.length;
    const answer = await jsonOf(created);
    await provider.idle();

    // Assess
    expect(created.status).toBe(201);
    expect(answer).toMatchObject({ status: 'pending' });
    expect(callsWhenAnswered).toBe(1);
    expect(receiver.calls).toHaveLength(2);
    expect(provider.list()).toMatchObject([{ status: 'paid', webhook: { attempts: 2, lastStatus: 200 } }]);
  });

  it('refuses a confirmation mode without the key, an order or a known mode', async () => {
    // Prepare
    await start();

    // Act
    const notOwner = await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'hold' }, 'sk_wrong');
    const noOrder = await local('POST', '/_local/confirmations', { mode: 'hold' });
    const unknownMode = await local('POST', '/_local/confirmations', { orderId: 'order_1', mode: 'never' });
    const shown = await local('GET', '/_local/confirmations');

    // Assess
    expect(notOwner.status).toBe(401);
    expect(noOrder.status).toBe(400);
    expect(unknownMode.status).toBe(400);
    expect(shown.body).toEqual({ orders: {} });
  });

  it('reads a data file written before it counted requests as one request per payout', async () => {
    // Prepare
    const dataFile = path.join(dataDir, 'payouts.json');
    await start({ dataFile, confirmDelayMs: 60_000 });
    await post(body);
    await provider.stop();
    const file = JSON.parse(readFileSync(dataFile, 'utf8'));
    for (const payout of file.payouts) {
      delete payout.requests;
      delete payout.conflicts;
    }
    writeFileSync(dataFile, JSON.stringify(file));

    // Act
    await start({ dataFile, confirmDelayMs: 60_000 });
    const listed = await local('GET', '/_local/payouts');

    // Assess
    expect(listed.body.payouts).toMatchObject([{ requests: 1, conflicts: 0 }]);
  });
});
