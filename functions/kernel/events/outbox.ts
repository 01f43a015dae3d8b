import { fnv1a } from '../../commons/stable-hash';
import { generateId } from '../../commons/ids';
import { buildOutboundEvent, type EventData, type EventType, type OutboundEvent } from './event-catalogue';

/*
 * The outbox (DESIGN, "At least once, never lost"). Every change that the catalogue names already writes a
 * timeline entry in the transaction that makes the change. The entry carries the change's events too
 * (`outbound`), and, until they are handed to the endpoints, sits in the outbox index:
 *   gsi1: OUTBOX#<shard> / <the entry's sk>   an entry whose events wait for fan-out
 * So an event exists exactly when its change does: no extra item, no second write to forget. The
 * dispatcher (functions/events/) fans the events out to the subscribed endpoints, then removes the entry
 * from the index; the entry itself, an audit record, is never changed otherwise.
 */

/**
 * Partitions of the outbox index. A subject always lands in the same one, so its events keep their order;
 * four spread a busy marketplace's writes (each index partition takes about 1,000 writes a second).
 */
export const outboxShards = 4;

/** The outbox shard of a subject (an order id, a case id). */
export function outboxShardOf(subjectId: string): number {
  return fnv1a(subjectId) % outboxShards;
}

/** The outbox index partition of a shard. */
export function outboxPartition(shard: number): string {
  return `OUTBOX#${shard}`;
}

/** An event a change emits, before it has an id and a time: its type and data. */
export interface EventDraft<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
}

/** Shorthand for an {@link EventDraft}, typed by its event type. */
export function draftEvent<T extends EventType>(type: T, data: EventData<T>): EventDraft<T> {
  return { type, data };
}

/**
 * The attributes that put a timeline entry in the outbox: its events (validated against the catalogue,
 * each with a new id and the entry's time) and the outbox index keys. Nothing when the entry emits none.
 * @param subjectId the order or case the entry belongs to (chooses the shard)
 * @param entrySortKey the entry's sk (orders the events of a subject)
 */
export function outboxAttributes(
  subjectId: string,
  entrySortKey: string,
  occurredAt: string,
  drafts: readonly EventDraft[],
): { outbound?: OutboundEvent[]; gsi1pk?: string; gsi1sk?: string } {
  if (drafts.length === 0) return {};
  const outbound = drafts.map((draft) =>
    buildOutboundEvent(draft.type, { id: generateId('msg'), occurredAt, data: draft.data as never }),
  );
  return { outbound, gsi1pk: outboxPartition(outboxShardOf(subjectId)), gsi1sk: entrySortKey };
}
