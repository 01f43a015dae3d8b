import * as z from 'zod';
import type { OutboundEvent } from '../../kernel/events/event-catalogue';

/*
 * A delivery: one event for one endpoint, and every attempt to hand it over (DESIGN, "At least once, never
 * lost"). It is PENDING until an attempt gets a 2xx (DELIVERED) or the retry schedule runs out (DEAD, with
 * an alarm on AWS); a DEAD delivery can be retried by hand.
 */

/** Where a delivery stands. */
export const deliveryStatuses = ['PENDING', 'DELIVERED', 'DEAD'] as const;

/** One of {@link deliveryStatuses}. */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One attempt, as the deliveries log keeps it. */
export interface DeliveryAttempt {
  /** When it was sent (the clock's time: on the local stack, virtual). */
  at: string;
  /** When the schedule had it due. */
  scheduledFor: string;
  result: 'DELIVERED' | 'GONE' | 'FAILED' | 'ENDPOINT_DISABLED';
  httpStatus?: number;
  error?: string;
  durationMs: number;
  /** A retry by hand, outside the schedule. */
  manual?: boolean;
}

/** A delivery as stored. */
export interface WebhookDelivery {
  deliveryId: string;
  endpointId: string;
  event: OutboundEvent;
  /** The subject's partition (`ORDER#…`, `CASE#…`): deliveries of one subject go out in order. */
  subjectKey: string;
  /**
   * Where the event stands among its subject's events: the outbox entry's sort key (time and the sequence
   * within the transaction) and the event's place in the entry. Deliveries of a subject go out in this order.
   */
  sequence: string;
  /** The outbox shard of the subject, which is also the due-index shard of the delivery. */
  shard: number;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Attempts made on the schedule (a retry by hand does not count). */
  scheduledAttempts: number;
  /** PENDING only: when the next attempt is due. */
  nextAttemptAt?: string;
  /** PENDING only: the next attempt is a retry by hand (one attempt, then DEAD again on failure). */
  manual?: boolean;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

/**
 * The waits between attempts (DESIGN: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): the first attempt
 * goes at once, then one after each wait; after the eighth the delivery is DEAD, about 28 hours after
 * the event.
 */
export const retryDelaysMs = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

/** The most a receiver's `Retry-After` can push an attempt out: it never stretches the schedule beyond a day. */
const maxRetryAfterMs = 86_400_000;

/**
 * When the attempt after a failed one is due, or undefined when the schedule is spent. Each wait runs from
 * when the failed attempt was due, not from when it ran, so the schedule keeps its shape however late a
 * sweep comes (and a jump of the local clock plays out every attempt it passes). A receiver's
 * `Retry-After` is honoured when it asks for more.
 * @param scheduledAttempts attempts on the schedule so far, the failed one included
 */
export function nextAttemptTime(
  scheduledAttempts: number,
  failedScheduledFor: string,
  now: Date,
  retryAfterMs?: number,
): string | undefined {
  const delay = retryDelaysMs[scheduledAttempts - 1];
  if (delay === undefined) return undefined;
  const onSchedule = Date.parse(failedScheduledFor) + delay;
  const asked = retryAfterMs !== undefined ? now.getTime() + Math.min(retryAfterMs, maxRetryAfterMs) : 0;
  return new Date(Math.max(onSchedule, asked)).toISOString();
}

/** How long an endpoint may fail, every attempt in a row, before it is disabled. */
export const autoDisableAfterMs = 5 * 86_400_000;

/**
 * A delivery's id, derived from the event and sortable by time, so a fan-out that runs twice makes the same
 * delivery, and an endpoint's log lists newest first from its keys alone.
 */
export function deliveryIdOf(event: Pick<OutboundEvent, 'id' | 'occurredAt'>): string {
  // the time in one form (milliseconds always), so ids sort by time whatever form the event's time took
  const at = new Date(event.occurredAt).toISOString();
  return `dlv_${at.replace(/[-:.]/g, '')}_${event.id.replace(/^msg_/, '')}`;
}

/** Query string of `GET /webhook-endpoints/{endpointId}/deliveries`. */
export const listDeliveriesQuerySchema = z
  .object({
    status: z.enum(deliveryStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const attemptViewSchema = z.object({
  at: z.string(),
  scheduledFor: z.string(),
  result: z.enum(['DELIVERED', 'GONE', 'FAILED', 'ENDPOINT_DISABLED']),
  httpStatus: z.number().int().optional(),
  error: z.string().optional(),
  durationMs: z.number().int(),
  manual: z.boolean().optional(),
});

/** A delivery as the API shows it: the event as sent and every attempt. */
export const webhookDeliveryViewSchema = z
  .object({
    deliveryId: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    occurredAt: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.array(attemptViewSchema),
    nextAttemptAt: z.string().optional(),
    createdAt: z.string(),
    deliveredAt: z.string().optional(),
    event: z.record(z.string(), z.unknown()).meta({ description: 'The body sent: {type, id, occurredAt, data}' }),
  })
  .meta({ id: 'WebhookDelivery' });

/** Response of `GET /webhook-endpoints/{endpointId}/deliveries`. */
export const webhookDeliveryListSchema = z
  .object({ deliveries: z.array(webhookDeliveryViewSchema), nextCursor: z.string().optional() })
  .meta({ id: 'WebhookDeliveries' });

/** The API's view of a delivery. */
export function toWebhookDeliveryView(delivery: WebhookDelivery): z.input<typeof webhookDeliveryViewSchema> {
  return {
    deliveryId: delivery.deliveryId,
    endpointId: delivery.endpointId,
    eventId: delivery.event.id,
    eventType: delivery.event.type,
    occurredAt: delivery.event.occurredAt,
    status: delivery.status,
    attempts: delivery.attempts,
    ...(delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
    createdAt: delivery.createdAt,
    ...(delivery.deliveredAt ? { deliveredAt: delivery.deliveredAt } : {}),
    event: delivery.event as unknown as Record<string, unknown>,
  };
}
