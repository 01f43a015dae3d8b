import { isStaff, type Principal } from '../http/principal';

/**
 * Who may see what (DESIGN, "Who may see what"): every record has a party view and a staff view, both
 * filtered from the same read by the caller's role. This module holds what the areas share: who is
 * looking, the audience of a timeline entry, and how an actor looks to a party.
 */

/** Who a timeline entry is for: the parties to the record and staff, or staff only. */
export type Audience = 'PARTIES' | 'STAFF';

/** Who reads a record. */
export type Viewer = { kind: 'STAFF' } | { kind: 'PARTY'; partyId: string };

/** The viewer a caller is: reviewers and admins are staff; a client is its party. */
export function viewerOf(principal: Principal): Viewer {
  if (isStaff(principal)) return { kind: 'STAFF' };
  return { kind: 'PARTY', partyId: principal.partyId ?? '' };
}

/** How an actor appears to a party: never a staff member's or another user's identity. */
export type PartyActor = { kind: 'STAFF' } | { kind: 'SYSTEM' } | { kind: 'PARTY' };

/** What a timeline policy says about one entry type. */
export interface TimelineEntryRule {
  /** The parties see the entry; without a rule, or with STAFF, only staff do. */
  audience: Audience;
  /** The detail members a party may see; the rest of the stored detail is for staff. */
  partyDetail?: readonly string[];
  /** Members a party sees in place of the stored ones (a fixed plain-language message). */
  partyReplacement?: Record<string, unknown>;
  /** Narrows PARTIES to the entries whose detail passes (a dispute's determination, not a compliance hold's). */
  partiesWhen?: (detail: Record<string, unknown>) => boolean;
}

/** The rules of an area's timeline, by entry type; types it does not name are for staff only. */
export type TimelinePolicy = Readonly<Record<string, TimelineEntryRule>>;

/** The audience of an entry under a policy: STAFF unless the policy opens it to the parties. */
export function audienceOf(policy: TimelinePolicy, type: string, detail: Record<string, unknown> = {}): Audience {
  const rule = policy[type];
  if (rule?.audience !== 'PARTIES') return 'STAFF';
  return !rule.partiesWhen || rule.partiesWhen(detail) ? 'PARTIES' : 'STAFF';
}

/** Only the named members of a record, leaving out those it lacks. */
export function pickMembers<T extends object, K extends keyof T & string>(record: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(
    names.filter((name) => name in record).map((name) => [name, record[name]]),
  ) as unknown as Pick<T, K>;
}

/** A stored timeline entry, as every area writes it. */
export interface StoredTimelineEntry {
  at: string;
  type: string;
  detail: Record<string, unknown>;
  /** Set when the entry is written; entries written before audiences existed follow the policy. */
  audience?: Audience;
}

/** A timeline entry as a party reads it. */
export interface PartyTimelineEntry {
  at: string;
  type: string;
  actor: PartyActor;
  detail: Record<string, unknown>;
}

/**
 * The entries of a timeline a party may see, each with only the detail the policy allows and its actor
 * shown as STAFF, SYSTEM or PARTY. An entry is shown only when both its stored audience (if any) and the
 * policy allow it, so neither an old entry nor a mislabelled one can leak.
 */
export function filterTimelineForParty<E extends StoredTimelineEntry>(
  entries: readonly E[],
  policy: TimelinePolicy,
  /** Whether the entry's actor is staff, the platform itself, or a user of a party. */
  actorKind: (entry: E) => PartyActor['kind'],
): PartyTimelineEntry[] {
  return entries.flatMap((entry) => {
    const rule = policy[entry.type];
    if (!rule || audienceOf(policy, entry.type, entry.detail) !== 'PARTIES' || entry.audience === 'STAFF') return [];
    return [
      {
        at: entry.at,
        type: entry.type,
        actor: { kind: actorKind(entry) },
        detail: { ...pickMembers(entry.detail, rule.partyDetail ?? []), ...(rule.partyReplacement ?? {}) },
      },
    ];
  });
}

/** What a party reads where processing failed: the cause is in the staff record only. */
export const processingFailedMessage =
  'Processing failed on our side; it will be retried automatically or looked at by our team.';
