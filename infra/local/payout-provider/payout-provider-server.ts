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
 *   GET  /_local/payouts   (Bearer key) `{payouts}`: every payout as held (`?orderId=`, `?idempotencyKey=` filter),
 *                          with `requests` (POSTs received under its key) and `conflicts` (those refused 409)
 *   POST /_local/confirmations  (Bearer key) `{orderId, mode}`: how that order's payouts are confirmed from now on:
 *                          `auto` (the default, after `confirmDelayMs`), `hold` (pending until confirmed by hand,
 *                          below) or `beforeAnswer` (at the next request for a pending payout, create or replay, the
 *                          provider confirms it and makes the webhook's first attempt before answering, with the
 *                          status from before: a webhook that overtakes the answer); GET shows `{orders: {id: mode}}`
 *   POST /_local/payouts/{id}/confirm  (Bearer key) `{status?: paid|failed, failureReason?}` confirms a pending payout
 *                          now and answers once its webhook is delivered (or given up), with the payout as held
 * A short real-time delay after a payout is created, the provider "pays" it and posts a signed
 * `payout.paid` (or `payout.failed`) to TrustFlow's `/webhooks/payouts` as the payouts partner,
 * retrying a few times. Payouts are kept in a JSON file when `dataFile` is given (pending ones are
 * confirmed again after a restart), else in memory; confirmation modes are kept in memory only.
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
  /**
   * `POST /v1/payouts` calls received under its idempotency key that passed authentication and validation: the
   * one that created it, its replays and those refused 409 for another body (not those an outage refused).
   */
  requests: number;
  /** Of those, the ones refused 409 because their body was not this payout's. */
  conflicts: number;
  webhook: {
    attempts: number;
    deliveredAt?: string;
    lastStatus?: number;
    /** TrustFlow's answer to the last attempt, its first 300 characters. */
    lastAnswer?: string;
    lastError?: string;
    gaveUp?: boolean;
  };
}

/** How the provider confirms an order's payouts (`POST /_local/confirmations`). */
export type ConfirmationMode = 'auto' | 'hold' | 'beforeAnswer';

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

/** Body of `POST /_local/confirmations`. */
const confirmationModeSchema = z
  .object({
    orderId: z.string().min(1).max(64),
    mode: z.enum(['auto', 'hold', 'beforeAnswer']),
  })
  .strict();

/** Body of `POST /_local/payouts/{id}/confirm`. */
const manualConfirmationSchema = z
  .object({
    status: z.enum(['paid', 'failed']).default('paid'),
    failureReason: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((body) => body.status === 'failed' || body.failureReason === undefined, {
    message: 'only a failed payout has a failureReason',
    path: ['failureReason'],
  });

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
  // a data file written before the provider counted requests: each payout had its creating one at least
  const payouts = (stored?.payouts ?? []).map((payout) => ({
    ...payout,
    requests: payout.requests ?? 1,
    conflicts: payout.conflicts ?? 0,
  }));
  const byId = new Map<string, LocalPayout>(payouts.map((payout) => [payout.id, payout]));
  const byKey = new Map<string, LocalPayout>([...byId.values()].map((payout) => [payout.idempotencyKey, payout]));
  const save = () => {
    if (options.dataFile) writeJsonFile(options.dataFile, { payouts: [...byId.values()] });
  };

  let stopped = false;
  // the current outage, or the last one once it ended (for its count of refused calls)
  let outage: (Outage & { active: boolean }) | undefined;
  // orders whose payouts are not confirmed `auto`matically (`POST /_local/confirmations`)
  const modes = new Map<string, Exclude<ConfirmationMode, 'auto'>>();
  const modeOf = (payout: LocalPayout): ConfirmationMode => modes.get(payout.request.metadata.orderId) ?? 'auto';
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  // the scheduled confirmation of each pending payout, so that one confirmed otherwise is not confirmed twice
  const timerOf = new Map<string, NodeJS.Timeout>();
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  /** Posts the payout's confirmation to TrustFlow, retrying; `attempted` is called after each attempt. */
  async function deliver(payout: LocalPayout, attempted: () => void = () => undefined): Promise<void> {
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
          payout.webhook.lastAnswer = answer.slice(0, 300);
          if (response.ok || finalRefusals.has(response.status)) {
            payout.webhook.deliveredAt = wallClock().toISOString();
            if (!response.ok) log(`payout ${payout.id}: TrustFlow refused its ${payout.status} event: ${answer}`);
            save();
            attempted();
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
      attempted();
      if (attempt < attempts) await delay(retryDelayMs * 2 ** (attempt - 1));
    }
    payout.webhook.gaveUp = !stopped;
    save();
    attempted();
    log(`payout ${payout.id}: gave up delivering its ${payout.status} event: ${payout.webhook.lastError ?? ''}`);
  }

  /**
   * Confirms a pending payout as `decision` says and starts delivering its webhook (tracked).
   * @returns the delivery, and a promise of its first attempt
   */
  function confirm(payout: LocalPayout, decision: PayoutDecision) {
    cancelConfirmation(payout);
    payout.status = decision.status;
    if (decision.status === 'failed') payout.failure_reason = decision.reason;
    payout.confirmedAt = wallClock().toISOString();
    save();
    let firstAttempt!: () => void;
    const attempted = new Promise<void>((resolve) => (firstAttempt = resolve));
    const delivery = deliver(payout, firstAttempt);
    track(delivery);
    return { delivery, attempted };
  }

  function scheduleConfirmation(payout: LocalPayout): void {
    if (modeOf(payout) !== 'auto' || timerOf.has(payout.id)) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      timerOf.delete(payout.id);
      if (stopped || payout.status !== 'pending') return;
      confirm(payout, decide(payout));
    }, confirmDelayMs);
    timers.add(timer);
    timerOf.set(payout.id, timer);
  }

  function cancelConfirmation(payout: LocalPayout): void {
    const timer = timerOf.get(payout.id);
    if (!timer) return;
    clearTimeout(timer);
    timers.delete(timer);
    timerOf.delete(payout.id);
  }

  /**
   * Answers a request for a payout. In `beforeAnswer` mode a pending payout is confirmed first and the webhook's
   * first attempt made, but the answer carries the payout as it was when the request came.
   */
  async function answerWith(
    response: ServerResponse,
    status: number,
    payout: LocalPayout,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const view = structuredClone(publicView(payout));
    if (modeOf(payout) === 'beforeAnswer' && payout.status === 'pending') {
      await confirm(payout, decide(payout)).attempted;
    }
    send(response, status, view, headers);
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
      existing.requests++;
      if (canonical(existing.request) !== canonical(parsed.data)) {
        existing.conflicts++;
        save();
        return fail(
          response,
          409,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with (${idempotencyKey})`,
        );
      }
      save();
      return answerWith(response, 200, existing, { 'Idempotent-Replayed': 'true' });
    }
    const payout: LocalPayout = {
      id: `po_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      idempotencyKey,
      request: parsed.data,
      status: 'pending',
      created: wallClock().toISOString(),
      requests: 1,
      conflicts: 0,
      webhook: { attempts: 0 },
    };
    byId.set(payout.id, payout);
    byKey.set(idempotencyKey, payout);
    save();
    scheduleConfirmation(payout);
    return answerWith(response, 201, payout);
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

  const authorised = (request: IncomingMessage) => request.headers.authorization === `Bearer ${options.apiKey}`;

  /** The JSON body of a `/_local` call (`{}` when empty), or undefined once a 400 is answered. */
  async function readControlBody(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    try {
      const text = (await readRequestBody(request, 4 * 1024)).toString('utf8');
      return text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      fail(response, 400, 'invalid_request_error', 'The body is not valid JSON');
      return undefined;
    }
  }

  function refuseInvalid(response: ServerResponse, error: z.ZodError): void {
    const issues = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    fail(response, 400, 'invalid_request_error', issues.join('; '));
  }

  /** `GET /_local/payouts[?orderId=…][&idempotencyKey=…]`: the payouts held, as held, with their request counts. */
  function listPayouts(request: IncomingMessage, response: ServerResponse, query: URLSearchParams): void {
    if (!authorised(request)) return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    if (request.method !== 'GET') return fail(response, 405, 'invalid_request_error', 'Use GET');
    const orderId = query.get('orderId');
    const idempotencyKey = query.get('idempotencyKey');
    const payouts = [...byId.values()].filter(
      (payout) =>
        (orderId === null || payout.request.metadata.orderId === orderId) &&
        (idempotencyKey === null || payout.idempotencyKey === idempotencyKey),
    );
    return send(response, 200, { payouts });
  }

  /** `/_local/confirmations`: sets (POST) or shows (GET) how the payouts of an order are confirmed. */
  async function controlConfirmations(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!authorised(request)) return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    const view = () => ({ orders: Object.fromEntries(modes) });
    if (request.method === 'GET') return send(response, 200, view());
    if (request.method !== 'POST') return fail(response, 405, 'invalid_request_error', 'Use GET or POST');
    const json = await readControlBody(request, response);
    if (json === undefined) return;
    const parsed = confirmationModeSchema.safeParse(json);
    if (!parsed.success) return refuseInvalid(response, parsed.error);
    const { orderId, mode } = parsed.data;
    if (mode === 'auto') modes.delete(orderId);
    else modes.set(orderId, mode);
    // the order's pending payouts follow the new mode: scheduled when auto, else waiting for a hand or a request
    for (const payout of byId.values()) {
      if (payout.request.metadata.orderId !== orderId || payout.status !== 'pending') continue;
      if (mode === 'auto') scheduleConfirmation(payout);
      else cancelConfirmation(payout);
    }
    log(`local payout provider: payouts of order ${orderId} are confirmed ${mode}`);
    return send(response, 200, view());
  }

  /** `POST /_local/payouts/{id}/confirm`: confirms a pending payout now; answers once its webhook is done. */
  async function confirmByHand(request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
    if (!authorised(request)) return fail(response, 401, 'authentication_error', 'Invalid API key provided');
    if (request.method !== 'POST') return fail(response, 405, 'invalid_request_error', 'Use POST');
    const json = await readControlBody(request, response);
    if (json === undefined) return;
    const parsed = manualConfirmationSchema.safeParse(json);
    if (!parsed.success) return refuseInvalid(response, parsed.error);
    const payout = byId.get(decodeURIComponent(id));
    if (!payout) return fail(response, 404, 'invalid_request_error', `No such payout: ${id}`);
    if (payout.status !== 'pending') {
      return fail(response, 409, 'invalid_request_error', `Payout ${payout.id} is already ${payout.status}`);
    }
    const { status, failureReason } = parsed.data;
    const decision: PayoutDecision =
      status === 'failed' ? { status, reason: failureReason ?? 'payout failed (simulated)' } : { status };
    await confirm(payout, decision).delivery;
    return send(response, 200, payout);
  }

  const server = createServer((request, response) => {
    const [path = '/', search = ''] = (request.url ?? '/').split('?');
    const single = path.match(/^\/v1\/payouts\/([^/]+)$/);
    const byHand = path.match(/^\/_local\/payouts\/([^/]+)\/confirm$/);
    const handle = async () => {
      if (path === '/_local/outage') return controlOutage(request, response);
      if (path === '/_local/payouts') return listPayouts(request, response, new URLSearchParams(search));
      if (path === '/_local/confirmations') return controlConfirmations(request, response);
      if (byHand?.[1]) return confirmByHand(request, response, byHand[1]);
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
      timerOf.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.all([...running]);
    },
  };
}
