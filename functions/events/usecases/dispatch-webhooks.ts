import { forEachConcurrently } from '../../commons/for-each-concurrently';
import type { EventType, OutboundEvent } from '../../kernel/events/event-catalogue';
import { outboxShards } from '../../kernel/events/outbox';
import type { AttemptOutcome } from '../delivery/send-webhook';
import { standardWebhookHeaders } from '../models/standard-webhook-signature';
import {
  autoDisableAfterMs,
  deliveryIdOf,
  nextAttemptTime,
  retryDelaysMs,
  type DeliveryAttempt,
  type WebhookDelivery,
} from '../models/webhook-delivery';
import { activeSecrets, subscribesTo, type WebhookEndpoint } from '../models/webhook-endpoint';
import {
  claimDelivery,
  dueIndexKey,
  fanOutEntry,
  listDueDeliveries,
  listRecentPendingDeliveries,
  rescheduleDelivery,
  saveDelivery,
  type DeliveryStore,
  type DueDelivery,
} from '../repositories/delivery-repository';
import { listOutboxEntries, type OutboxEntry } from '../repositories/outbox-repository';
import {
  clearEndpointFailing,
  disableEndpointWithEvent,
  listEndpoints,
  markEndpointFailing,
  type EndpointStore,
} from '../repositories/webhook-endpoint-repository';

/*
 * The dispatcher (DESIGN, "At least once, never lost"): hands the outbox's events to the subscribed
 * endpoints as deliveries, and attempts each delivery when it is due, on the retry schedule. The same code
 * runs on AWS (woken by the table stream, and swept every minute) and on the local stack (swept on the
 * local clock). Every step is a conditional write, so two dispatchers at once make each attempt once, and
 * a dispatcher killed at any point leaves work the next sweep finds.
 */

/**
 * A subscriber inside TrustFlow (the applicant's emails, say): it gets the events of its types through the
 * same outbox, deliveries and retry schedule as a webhook endpoint, but is called in process. Its deliveries
 * are kept under its id, which is never an endpoint of the API.
 */
export interface InternalSubscriber {
  /** `internal:<name>`. */
  subscriberId: `internal:${string}`;
  eventTypes: EventType[];
  /** Handles one event; throws to have it retried on the schedule. */
  deliver: (event: OutboundEvent) => Promise<void>;
}

/** What the dispatcher needs. */
export interface DispatchDeps {
  store: DeliveryStore & EndpointStore;
  now: () => Date;
  /** Sends one signed attempt (`sendWebhook`, bound to the target policy). */
  send: (target: { url: string; headers: Record<string, string>; body: string }) => Promise<AttemptOutcome>;
  /** How long a claimed attempt may take before another dispatcher may try again (above the send timeout). */
  leaseMs?: number;
  /** Attempts made at once; deliveries of one subject to one endpoint always go one after another. */
  concurrency?: number;
  log?: (line: string, detail?: Record<string, unknown>) => void;
  /** Subscribers inside TrustFlow, beside the endpoints. */
  subscribers?: readonly InternalSubscriber[];
}

/** What one run did, for the caller's logs and metrics. */
export interface DispatchReport {
  fannedOut: number;
  attempted: number;
  delivered: number;
  failed: number;
  dead: number;
}

/** A delivery this dispatcher holds the claim of, with the index value its result must be written under. */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  claimedKey: string;
}

const defaultConcurrency = 16;

/** When a claim taken at `now` lapses. */
function leaseEnd(deps: DispatchDeps, now: Date): string {
  return new Date(now.getTime() + (deps.leaseMs ?? 60_000)).toISOString();
}

const emptyReport = (): DispatchReport => ({ fannedOut: 0, attempted: 0, delivered: 0, failed: 0, dead: 0 });

function addReports(into: DispatchReport, from: DispatchReport): DispatchReport {
  for (const key of Object.keys(into) as (keyof DispatchReport)[]) into[key] += from[key];
  return into;
}

/** The deliveries an outbox entry makes: each of its events for each endpoint subscribed to its type. */
export function planDeliveries(
  entry: OutboxEntry,
  endpoints: readonly Pick<WebhookEndpoint, 'endpointId' | 'eventTypes' | 'disabled'>[],
  at: string,
): WebhookDelivery[] {
  return entry.events.flatMap((event, index) =>
    endpoints
      .filter((endpoint) => subscribesTo(endpoint, event.type))
      .map((endpoint) => ({
        deliveryId: deliveryIdOf(event),
        endpointId: endpoint.endpointId,
        event,
        subjectKey: entry.key.pk,
        sequence: `${entry.indexKey}#${String(index).padStart(3, '0')}`,
        shard: entry.shard,
        status: 'PENDING' as const,
        attempts: [],
        scheduledAttempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })),
  );
}

/**
 * Hands outbox entries' events to the endpoints subscribed now (a disabled endpoint gets nothing), several
 * entries at once. The deliveries are written already claimed by this
 * dispatcher, which attempts them at once (a dispatcher that dies first leaves them to the sweep once the
 * lease lapses); they are returned with their claim.
 */
export async function fanOutEvents(
  deps: DispatchDeps,
  entries: readonly OutboxEntry[],
  endpoints?: readonly WebhookEndpoint[],
): Promise<ClaimedDelivery[]> {
  if (entries.length === 0) return [];
  const subscribed = [
    ...(endpoints ?? (await listEndpoints(deps.store))),
    ...(deps.subscribers ?? []).map((subscriber) => ({
      endpointId: subscriber.subscriberId,
      eventTypes: subscriber.eventTypes,
      disabled: false,
    })),
  ];
  const made: ClaimedDelivery[] = [];
  await forEachConcurrently(entries, deps.concurrency ?? defaultConcurrency, async (entry) => {
    const now = deps.now();
    const at = now.toISOString();
    const claimedKey = (deliveryId: string) => dueIndexKey(leaseEnd(deps, now), deliveryId);
    const written = await fanOutEntry(deps.store, entry, planDeliveries(entry, subscribed, at), claimedKey);
    made.push(...written.map((delivery) => ({ delivery, claimedKey: claimedKey(delivery.deliveryId) })));
  });
  return made;
}

async function deliverInProcess(subscriber: InternalSubscriber, event: OutboundEvent): Promise<AttemptOutcome> {
  const started = Date.now();
  try {
    await subscriber.deliver(event);
    return { result: 'DELIVERED', status: 200, responseBody: '', durationMs: Date.now() - started };
  } catch (error) {
    return { result: 'FAILED', error: (error as Error).message, durationMs: Date.now() - started };
  }
}

function failureOf(outcome: AttemptOutcome): Pick<DeliveryAttempt, 'httpStatus' | 'error'> {
  return {
    ...(outcome.status !== undefined ? { httpStatus: outcome.status } : {}),
    ...('error' in outcome && outcome.error ? { error: outcome.error.slice(0, 500) } : {}),
  };
}

/**
 * Makes one attempt of a due delivery, if no other dispatcher took it first, and records it: DELIVERED; or
 * PENDING again at the next time of the schedule; or DEAD once the schedule is spent (or at once for a
 * disabled endpoint, a 410, or a failed retry by hand). Endpoint bookkeeping follows: a delivered attempt
 * clears `failingSince`; a failure sets it, and five days of failures, or a 410, disable the endpoint with a
 * `webhook.endpoint.disabled` event.
 */
export async function attemptDelivery(
  deps: DispatchDeps,
  work: DueDelivery | ClaimedDelivery,
  endpoint: WebhookEndpoint | undefined,
): Promise<{ delivery: WebhookDelivery; outcome?: AttemptOutcome['result'] | 'ENDPOINT_DISABLED' } | undefined> {
  const claimedAt = deps.now();
  const claimed =
    'claimedKey' in work ? work.claimedKey : await claimDelivery(deps.store, work, leaseEnd(deps, claimedAt));
  if (!claimed) return undefined;
  const delivery = work.delivery;
  const scheduledFor = delivery.nextAttemptAt ?? claimedAt.toISOString();
  const manual = delivery.manual === true;

  let attempt: DeliveryAttempt;
  let outcome: AttemptOutcome | undefined;
  const subscriber = deps.subscribers?.find((candidate) => candidate.subscriberId === delivery.endpointId);
  if (subscriber) {
    outcome = await deliverInProcess(subscriber, delivery.event);
    attempt = {
      at: claimedAt.toISOString(),
      scheduledFor,
      result: outcome.result,
      durationMs: outcome.durationMs,
      // no HTTP here: only the error, if any
      ...('error' in outcome && outcome.error ? { error: outcome.error.slice(0, 500) } : {}),
    };
  } else if (!endpoint || endpoint.disabled) {
    attempt = { at: claimedAt.toISOString(), scheduledFor, result: 'ENDPOINT_DISABLED', durationMs: 0 };
  } else {
    const sentAt = deps.now();
    // the body's members in the contract's order, whatever order the store kept them in
    const { type, id, occurredAt, data } = delivery.event;
    const body = JSON.stringify({ type, id, occurredAt, data });
    outcome = await deps.send({
      url: endpoint.url,
      headers: standardWebhookHeaders(activeSecrets(endpoint, sentAt), delivery.event.id, sentAt, body),
      body,
    });
    attempt = {
      at: sentAt.toISOString(),
      scheduledFor,
      result: outcome.result,
      durationMs: outcome.durationMs,
      ...failureOf(outcome),
      ...(manual ? { manual: true } : {}),
    };
  }

  const at = deps.now();
  const scheduledAttempts = delivery.scheduledAttempts + (manual ? 0 : 1);
  const retryAt =
    outcome?.result === 'FAILED' && !manual
      ? nextAttemptTime(scheduledAttempts, scheduledFor, at, outcome.retryAfterMs)
      : undefined;
  const { nextAttemptAt: _next, manual: _manual, ...rest } = delivery;
  const recorded: WebhookDelivery = {
    ...rest,
    attempts: [...delivery.attempts, attempt],
    scheduledAttempts,
    updatedAt: at.toISOString(),
    ...(outcome?.result === 'DELIVERED'
      ? { status: 'DELIVERED' as const, deliveredAt: attempt.at }
      : retryAt
        ? { status: 'PENDING' as const, nextAttemptAt: retryAt }
        : { status: 'DEAD' as const }),
  };
  if (!(await saveDelivery(deps.store, recorded, claimed))) return undefined;
  if (recorded.status === 'DEAD') {
    deps.log?.('webhook delivery dead', {
      deliveryId: recorded.deliveryId,
      endpointId: recorded.endpointId,
      eventType: recorded.event.type,
      attempts: recorded.attempts.length,
    });
  }
  if (endpoint && outcome && !subscriber) await noteEndpointHealth(deps, endpoint, outcome, at);
  return { delivery: recorded, outcome: outcome?.result ?? 'ENDPOINT_DISABLED' };
}

async function noteEndpointHealth(
  deps: DispatchDeps,
  endpoint: WebhookEndpoint,
  outcome: AttemptOutcome,
  at: Date,
): Promise<void> {
  if (outcome.result === 'DELIVERED') {
    if (endpoint.failingSince) {
      endpoint.failingSince = undefined;
      await clearEndpointFailing(deps.store, endpoint.endpointId);
      await pullForwardPending(deps, endpoint.endpointId, at);
    }
    return;
  }
  if (outcome.result === 'GONE') {
    await disableEndpointWithEvent(deps.store, endpoint.endpointId, {
      at: at.toISOString(),
      code: 'GONE',
      reason: 'The receiver answered 410 Gone',
    });
    endpoint.disabled = true;
    return;
  }
  const failingSince =
    endpoint.failingSince ?? (await markEndpointFailing(deps.store, endpoint.endpointId, at.toISOString()));
  endpoint.failingSince = failingSince;
  if (at.getTime() - Date.parse(failingSince) >= autoDisableAfterMs) {
    await disableEndpointWithEvent(deps.store, endpoint.endpointId, {
      at: at.toISOString(),
      code: 'FAILING_5_DAYS',
      reason: `Every attempt failed since ${failingSince}`,
    });
    endpoint.disabled = true;
  }
}

/** How far back a PENDING delivery can be: the whole schedule, with an hour to spare. */
const pendingHorizonMs = retryDelaysMs.reduce((sum, delay) => sum + delay, 0) + 3_600_000;

/**
 * The receiver is back: its deliveries waiting for a later retry are due now, so a backlog drains in
 * seconds rather than over the rest of the schedule (up to 10 hours).
 */
async function pullForwardPending(deps: DispatchDeps, endpointId: string, at: Date): Promise<void> {
  const since = deliveryIdOf({ id: '', occurredAt: new Date(at.getTime() - pendingHorizonMs).toISOString() });
  const pending = await listRecentPendingDeliveries(deps.store, endpointId, since);
  const now = at.toISOString();
  for (const due of pending) {
    const next = due.delivery.nextAttemptAt;
    // one under way (its index key holds its lease, not its due time) is left to finish
    if (next && next > now && due.indexKey.startsWith(`${next}#`)) await rescheduleDelivery(deps.store, due, now);
  }
}

/**
 * Attempts due deliveries: those of one subject to one endpoint one after another, in the order their
 * events happened (so a healthy receiver hears a subject's events in order); other groups in parallel.
 */
export async function attemptDeliveries(
  deps: DispatchDeps,
  due: readonly (DueDelivery | ClaimedDelivery)[],
  endpoints: readonly WebhookEndpoint[],
): Promise<DispatchReport> {
  const report = emptyReport();
  const byId = new Map(endpoints.map((endpoint) => [endpoint.endpointId, endpoint]));
  const groups = new Map<string, (DueDelivery | ClaimedDelivery)[]>();
  for (const item of due) {
    const key = `${item.delivery.endpointId}|${item.delivery.subjectKey}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queue = [...groups.values()].map((group) =>
    group.sort((a, b) => a.delivery.sequence.localeCompare(b.delivery.sequence)),
  );
  await forEachConcurrently(queue, deps.concurrency ?? defaultConcurrency, async (group) => {
    for (const item of group) {
      const result = await attemptDelivery(deps, item, byId.get(item.delivery.endpointId));
      if (!result) continue;
      report.attempted++;
      if (result.delivery.status === 'DELIVERED') report.delivered++;
      else if (result.delivery.status === 'DEAD') report.dead++;
      else report.failed++;
    }
  });
  return report;
}

/**
 * One sweep: fans out what waits in the outbox and attempts every delivery that is due, the shards side by
 * side, until a pass finds nothing more (at most `maxPasses`, so one call stays bounded).
 */
export async function dispatchWebhooks(deps: DispatchDeps, options: { batch?: number; maxPasses?: number } = {}) {
  const batch = options.batch ?? 100;
  const report = emptyReport();
  const shards = Array.from({ length: outboxShards }, (_, shard) => shard);
  for (let pass = 0; pass < (options.maxPasses ?? 20); pass++) {
    const endpoints = await listEndpoints(deps.store);
    const found = emptyReport();
    await Promise.all(
      shards.map(async (shard) => {
        const [entries, due] = await Promise.all([
          listOutboxEntries(deps.store, shard, batch),
          listDueDeliveries(deps.store, shard, deps.now().toISOString(), batch),
        ]);
        const made = await fanOutEvents(deps, entries, endpoints);
        found.fannedOut += entries.length;
        addReports(found, await attemptDeliveries(deps, [...due, ...made], endpoints));
      }),
    );
    addReports(report, found);
    if (found.fannedOut === 0 && found.attempted === 0) break;
  }
  return report;
}

/** Attempts the deliveries of entries the stream announced (on AWS), right after the change. */
export async function dispatchAnnouncedEntries(deps: DispatchDeps, entries: readonly OutboxEntry[]) {
  const endpoints = await listEndpoints(deps.store);
  const made = await fanOutEvents(deps, entries, endpoints);
  return { ...(await attemptDeliveries(deps, made, endpoints)), fannedOut: entries.length };
}
