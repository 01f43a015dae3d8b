import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createPinnedLookup, sendWebhook } from '../../../functions/events/delivery/send-webhook';
import {
  generateWebhookSecret,
  standardWebhookHeaders,
} from '../../../functions/events/models/standard-webhook-signature';

const local = { allowLoopbackHttp: true };
const aws = { allowLoopbackHttp: false };

/** A real receiver on loopback that answers each path as told and records what it got. */
let server: Server;
let base: string;
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      if (request.url === '/ok') return response.writeHead(204).end();
      if (request.url === '/busy') return response.writeHead(503, { 'retry-after': '120' }).end('try later');
      if (request.url === '/moved') return response.writeHead(302, { location: `${base}/ok` }).end();
      if (request.url === '/gone') return response.writeHead(410).end('unsubscribed');
      response.writeHead(500).end('x'.repeat(5_000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  received.length = 0;
});

function delivery(path: string, host = base) {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ type: 'order.paid', id: 'evt_1', occurredAt: new Date().toISOString(), data: {} });
  return {
    secret,
    target: { url: `${host}${path}`, headers: standardWebhookHeaders([secret], 'evt_1', new Date(), body), body },
  };
}

describe('sendWebhook', () => {
  it('delivers a signed POST that the standardwebhooks library verifies', async () => {
    // Prepare
    const { secret, target } = delivery('/ok');

    // Act
    const outcome = await sendWebhook(target, local);

    // Assess
    expect(outcome).toMatchObject({ result: 'DELIVERED', status: 204 });
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.headers['content-type']).toBe('application/json');
    expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ id: 'evt_1' });
  });

  it('counts a 503 as failed with the receiver’s Retry-After, and a 5xx body is kept to 1 KB', async () => {
    // Act
    const busy = await sendWebhook(delivery('/busy').target, local);
    const broken = await sendWebhook(delivery('/broken').target, local);

    // Assess
    expect(busy).toMatchObject({ result: 'FAILED', status: 503, retryAfterMs: 120_000, responseBody: 'try later' });
    expect(broken).toMatchObject({ result: 'FAILED', status: 500 });
    expect((broken as { responseBody: string }).responseBody).toHaveLength(1_024);
  });

  it('never follows a redirect, and reads 410 as the receiver asking to be disabled', async () => {
    // Act
    const moved = await sendWebhook(delivery('/moved').target, local);
    const gone = await sendWebhook(delivery('/gone').target, local);

    // Assess
    expect(moved).toMatchObject({ result: 'FAILED', status: 302 });
    expect(received.map((request) => request.path)).toEqual(['/moved', '/gone']);
    expect(gone).toMatchObject({ result: 'GONE', status: 410 });
  });

  it('refuses loopback on AWS, by URL and by what a host name resolves to', async () => {
    // Act
    const literal = await sendWebhook(delivery('/ok').target, aws);
    const named = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      createPinnedLookup(aws)('localhost', { all: true }, (error) => resolve(error)),
    );
    const namedLocally = await sendWebhook(delivery('/ok', base.replace('127.0.0.1', 'localhost')).target, local);

    // Assess
    expect(literal).toMatchObject({ result: 'FAILED', error: 'url must be https' });
    expect(named).toMatchObject({ code: 'EFORBIDDENADDRESS' });
    expect(namedLocally).toMatchObject({ result: 'DELIVERED' });
    expect(received.map((request) => request.path)).toEqual(['/ok']);
  });
});
