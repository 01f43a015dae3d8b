import { generateId } from '../../commons/ids';
import type { TimelineActor } from '../../commons/timeline-actor';
import type { TransactItem } from '../../commons/storage/transact-write';
import { outboxAttributes, type EventDraft } from '../../kernel/events/outbox';
import type { PartyStore } from '../../kernel/parties/repositories/party-repository';

/** One entry of a party's own timeline: its screening alerts and standing changes made by monitoring. */
export interface PartyTimelineEntry {
  at: string;
  type: string;
  actor: TimelineActor | { kind: 'SYSTEM' };
  detail: Record<string, unknown>;
}

/**
 * The Put of an append-only entry on a party's timeline (`PARTY#<id>` / `TIMELINE#<at>#<step>#<id>`), for the
 * transaction of the change it records, carrying the change's outbound events (kernel/events/outbox.ts).
 * `step` orders the entries of one instant. Staff read it; it is never part of a party view.
 */
export function partyTimelinePut(
  parties: PartyStore,
  partyId: string,
  entry: PartyTimelineEntry,
  events: readonly EventDraft[] = [],
  step = 0,
): TransactItem {
  const sk = `TIMELINE#${entry.at}#${step}#${generateId('pte')}`;
  return {
    Put: {
      TableName: parties.tableName,
      Item: {
        pk: `PARTY#${partyId}`,
        sk,
        entity: 'PARTY_TIMELINE_ENTRY',
        partyId,
        ...entry,
        ...outboxAttributes(partyId, sk, entry.at, events),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
