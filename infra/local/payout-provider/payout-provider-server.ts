/*
 * The local payout provider: a Stripe/Wise-shaped payouts API on loopback, the counterpart of the real
 * provider that `createHttpPayoutProvider` speaks to on AWS.
 *   POST /v1/payouts       Bearer key, Idempotency-Key required; answers `pending`
 *   GET  /v1/payouts/{id}  a payout as the provider holds it, for inspection
 *   POST /_local/outage    (Bearer key) simulates an outage: from now on both routes above answer 503 (or the
 *                          `status` of the body, 429 or 5xx), as a provider that is down does (after the next
 *                          `startsAfterCalls` calls, default 0: a provider going down in mid-settlement), until
 *   DELETE /_local/outage  (Bearer key) ends it; it and GET /_local/outage answer `{active, refused, …}`,
 *                          `refused` counting the API calls the outage refused
 * A short real-time delay after a payout is created, the provider "pays" it and posts a signed
 * `payout.paid` (or `payout.failed`) to TrustFlow's `/webhooks/payouts` as the payouts partner,
 * retrying a few times. Payouts are kept in a JSON file when `dataFile` is given (pending ones are
 * confirmed again after a restart), else in memory.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { signWebhook } from '../../../functions/orders/webhooks/sign-webhook';
import { webhookHeaders } from '../../../functions/orders/webhooks/verify-webhook-signature';
import { readJsonFile, writeJsonFile } from '../json-file';
import { readRequestBody, RequestBodyTooLargeError } from '../read-request-body';

/** Where and as whom the provider posts its confirmations. */
export interface PayoutWebhookTarget {
  /** The full URL of TrustFlow's payouts webhook route. */
  url: string;
  partnerId: string;
  secret: string;
}

/** What the provider makes of a payout when it confirms it. */
export type PayoutDecision = { status: 'paid' } | { status: 'failed'; reason: string };

/** Options of {@link startLocalPayoutProvider}. */
export interface LocalPayoutProviderOptions {
  /** The API key callers must send as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /**
   * Where confirmations go. A function because the API's URL is known only once it listens; while it
   * answers undefined, deliveries wait and retry.
   */
  webhookTarget: () => PayoutWebhookTarget | undefined;
  /** Real-time delay between a payout's creation and its confirmation, in ms. Default 100. */
  confirmDelayMs?: number;
  /** Paid or failed; default paid. */
  decide?: (payout: LocalPayout) => PayoutDecision;
  /** Attempts per webhook delivery. Default 5. */
  webhookAttempts?: number;
  /** First retry delay in ms, doubled each attempt. Default 200. */
  webhookRetryDelayMs?: number;
  /** JSON file to keep payouts in across restarts; in memory when absent. */
  dataFile?: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  log?: (line: string) => void;
  /** Real time, for the webhook signature (partners sign with real time). */
  wallClock?: () => Date;
}

/** A payout as the local provider holds it. */
export interface LocalPayout {
  id: string;
  idempotencyKey: string;
  /** The request body, normalised: the idempotency comparison is on these fields. */
  request: PayoutRequestBody;
  status: 'pending' | 'paid' | 'failed';
  failure_reason?: string;
  created: string;
  confirmedAt?: string;
  webhook: { attempts: number; deliveredAt?: string; lastStatus?: number; lastError?: string; gaveUp?: boolean };
}

/** A running local payout provider. */
export interface LocalPayoutProvider {
  /** Base URL, what PAYOUT_PROVIDER_URL is set to. */
  url: string;
  /** The API key it accepts, what PAYOUT_PROVIDER_API_KEY is set to. */
  apiKey: string;
  /** Every payout held, for tests and inspection. */
  list(): LocalPayout[];
  /** Resolves when no confirmation or delivery is scheduled or running. */
  idle(): Promise<void>;
  /** Stops listening and cancels scheduled confirmations. */
  stop(): Promise<void>;
}

const payoutRequestSchema = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code'),
    beneficiary: z.object({ role: z.enum(['BUYER', 'SUPPLIER']), partyId: z.string().min(1).max(200) }).strict(),
    reference: z.string().min(1).max(200),
    metadata: z.object({ orderId: z.string().min(1).max(64), idempotencyKey: z.string().min(1).max(256) }).strict(),
  })
  .strict();

/** A payout request body as the provider accepts it. */
export type PayoutRequestBody = z.output<typeof payoutRequestSchema>;

/** The fields in a fixed order, so that two bodies with keys in another order compare equal. */
function canonical(body: PayoutRequestBody): string {
  return JSON.stringify([
    body.amount,
    body.currency,
    body.beneficiary.role,
    body.beneficiary.partyId,
    body.reference,
    body.metadata.orderId,
    body.metadata.idempotencyKey,
  ]);
}

function publicView(payout: LocalPayout) {
  return {
    id: payout.id,
    object: 'payout',
    status: payout.status,
    ...(payout.failure_reason ? { failure_reason: payout.failure_reason } : {}),
    amount: payout.request.amount,
    currency: payout.request.currency,
    beneficiary: payout.request.beneficiary,
    reference: payout.request.reference,
    metadata: payout.request.metadata,
    created: payout.created,
    ...(payout.confirmedAt ? { confirmed_at: payout.confirmedAt } : {}),
    webhook: payout.webhook,
  };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

function fail(response: ServerResponse, status: number, type: string, message: string): void {
  send(response, status, { error: { type, message } });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Body of `POST /_local/outage`: what the API answers while it is down. */
const outageSchema = z
  .object({
    status: z
      .number()
      .int()
      .refine((status) => status === 429 || (status >= 500 && status <= 599), 'must be 429 or a 5xx status')
      .default(503),
    message: z.string().min(1).max(200).default('The payout service is temporarily unavailable (simulated outage)'),
    /** API calls still answered as usual before the outage starts. */
    startsAfterCalls: z.number().int().min(0).max(1000).default(0),
  })
  .strict();

/** A simulated outage, and how many API calls it refused. */
interface Outage {
  status: number;
  message: string;
  startsAfterCalls: number;
  since: string;
  refused: number;
}

/** Statuses that a retry cannot change: TrustFlow refused the event for good (and stored it). */
const finalRefusals = new Set([400, 404, 409, 422]);

/** Starts the local payout provider on 127.0.0.1. */
export async function startLocalPayoutProvider(options: LocalPayoutProviderOptions): Promise<LocalPayoutProvider> {
  const confirmDelayMs = options.confirmDelayMs ?? 100;
  const attempts = options.webhookAttempts ?? 5;
  const retryDelayMs = options.webhookRetryDelayMs ?? 200;
  const decide = options.decide ?? (() => ({ status: 'paid' }) as const);
  const wallClock = options.wallClock ?? (() => new Date());
  const log = options.log ?? (() => undefined);

  const stored = options.dataFile ? readJsonFile<{ payouts: LocalPayout[] }>(options.dataFile) : undefined;
  const byId = new Map<string, LocalPayout>((stored?.payouts ?? []).map((payout) => [payout.id, payout]));
  const byKey = new Map<string, LocalPayout>([...byId.values()].map((payout) => [payout.idempotencyKey, payout]));
  const save = () => {
    if (options.dataFile) writeJsonFile(options.dataFile, { payouts: [...byId.values()] });
  };

  let stopped = false;
  // the current outage, or the last one once it ended (for its count of refused calls)
  let outage: (Outage & { active: boolean }) | undefined;
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  async function deliver(payout: LocalPayout): Promise<void> {
    const body = JSON.stringify({
      eventId: `evt_${payout.id}_${payout.status}`,
      type: payout.status === 'paid' ? 'payout.paid' : 'payout.failed',
      orderId: payout.request.metadata.orderId,
      payoutId: payout.id,
      idempotencyKey: payout.idempotencyKey,
      amount: payout.request.amount,
      currency: payout.request.currency,
      occurredAt: payout.confirmedAt,
      ...(payout.failure_reason ? { failureReason: payout.failure_reason } : {}),
    });
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      const target = options.webhookTarget();
      payout.webhook.attempts++;
      if (target) {
        try {
          // signed per attempt: a late retry needs a fresh timestamp to stay inside the 300 s window
          const signature = signWebhook({ secret: target.secret, rawBody: body, timestamp: wallClock() });
          const response = await fetch(target.url, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              [webhookHeaders.partner]: target.partnerId,
              [webhookHeaders.signature]: signature,
            },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          const answer = await response.text();
          payout.webhook.lastStatus = response.status;
          if (response.ok || finalRefusals.has(response.status)) {
            payout.webhook.deliveredAt = wallClock().toISOString();
            if (!response.ok) log(`payout ${payout.id}: TrustFlow refused its ${payout.status} event: ${answer}`);
            save();
            return;
          }
          payout.webhook.lastError = `${response.status} ${answer.slice(0, 200)}`;
        } catch (error) {
          payout.webhook.lastError = String(error);
        }
      } else {
        payout.webhook.lastError = 'no webhook target yet';
      }
      save();
      if (attempt < attempts) await delay(retryDelayMs * 2 ** (attempt - 1));
    }
    payout.webhook.gaveUp = !stopped;
    save();
    log(`payout ${payout.id}: gave up delivering its ${payout.status} event: ${payout.webhook.lastError ?? ''}`);
  }

  function scheduleConfirmation(payout: LocalPayout): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      const decision = decide(payout);
      payout.status = decision.status;
      if (decision.status === 'failed') payout.failure_reason = decision.reason;
      payout.confirmedAt = wallClock().toISOString();
      save();
      track(deliver(payout));
    }, confirmDelayMs);
    timers.add(timer);
  }

  async function createPayout(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    }
    const idempotencyKey = request.headers['idempotency-key'];
    if (typeof idempotencyKey !== 'string' || idempotencyKey.trim() === '') {
      return fail(response, 400, 'invalid_request_error', 'The Idempotency-Key header is required');
    }
    let json: unknown;
    try {
      json = JSON.parse((await readRequestBody(request, 64 * 1024)).toString('utf8'));
    } catch (error) {
      if (error instanceof RequestBodyTooLargeError) return fail(response, 413, 'invalid_request_error', error.message);
      return fail(response, 400, 'invalid_request_error', 'The body is not valid JSON');
    }
    const parsed = payoutRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return fail(response, 400, 'invalid_request_error', issues.join('; '));
    }
    const existing = byKey.get(idempotencyKey);
    if (existing) {
      if (canonical(existing.request) !== canonical(parsed.data)) {
        return fail(
          response,
          409,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with (${idempotencyKey})`,
        );
      }
      return send(response, 200, publicView(existing), { 'Idempotent-Replayed': 'true' });
    }
    const payout: LocalPayout = {
      id: `po_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      idempotencyKey,
      request: parsed.data,
      status: 'pending',
      created: wallClock().toISOString(),
      webhook: { attempts: 0 },
    };
    byId.set(payout.id, payout);
    byKey.set(idempotencyKey, payout);
    save();
    scheduleConfirmation(payout);
    return send(response, 201, publicView(payout));
  }

  function getPayout(request: IncomingMessage, response: ServerResponse, id: string): void {
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    }
    const payout = byId.get(decodeURIComponent(id));
    if (!payout) return fail(response, 404, 'invalid_request_error', `No such payout: ${id}`);
    return send(response, 200, publicView(payout));
  }

  /** `/_local/outage`: starts (POST), ends (DELETE) or shows (GET) a simulated outage of the API. */
  async function controlOutage(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    }
    const view = () => ({ active: outage?.active ?? false, refused: 0, ...outage });
    if (request.method === 'GET') return send(response, 200, view());
    if (request.method === 'DELETE') {
      if (outage?.active) {
        outage.active = false;
        log(`local payout provider: outage ended after refusing ${outage.refused} calls`);
      }
      return send(response, 200, view());
    }
    if (request.method !== 'POST') return fail(response, 405, 'invalid_request_error', 'Use GET, POST or DELETE');
    let json: unknown;
    try {
      const text = (await readRequestBody(request, 4 * 1024)).toString('utf8');
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return fail(response, 400, 'invalid_request_error', 'The body is not valid JSON');
    }
    const parsed = outageSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return fail(response, 400, 'invalid_request_error', issues.join('; '));
    }
    outage = { ...parsed.data, since: wallClock().toISOString(), refused: 0, active: true };
    log(`local payout provider: simulated outage, answering ${outage.status}`);
    return send(response, 200, view());
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const single = path.match(/^\/v1\/payouts\/([^/]+)$/);
    const handle = async () => {
      if (path === '/_local/outage') return controlOutage(request, response);
      if (outage?.active && path.startsWith('/v1/')) {
        if (outage.startsAfterCalls > 0) outage.startsAfterCalls--;
        else {
          // a provider that is down answers before it looks at the key or the body
          outage.refused++;
          return fail(response, outage.status, 'api_error', outage.message);
        }
      }
      if (path === '/v1/payouts' && request.method === 'POST') return createPayout(request, response);
      if (single?.[1] && request.method === 'GET') return getPayout(request, response, single[1]);
      return fail(response, 404, 'invalid_request_error', `Unrecognized request URL (${request.method} ${path})`);
    };
    handle().catch((error: unknown) => {
      log(`local payout provider: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) fail(response, 500, 'api_error', 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // confirmations a previous run scheduled but never sent
  for (const payout of byId.values()) {
    if (payout.status === 'pending') scheduleConfirmation(payout);
    else if (!payout.webhook.deliveredAt && !payout.webhook.gaveUp) track(deliver(payout));
  }

  return {
    url,
    apiKey: options.apiKey,
    list: () => [...byId.values()].map((payout) => structuredClone(payout)),
    idle: async () => {
      while (timers.size > 0 || running.size > 0) {
        await Promise.all([...running]);
        if (timers.size > 0) await delay(Math.min(confirmDelayMs, 50));
      }
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.all([...running]);
    },
  };
}
