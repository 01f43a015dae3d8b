import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * Partner signing secrets live in the single table (encrypted at rest with the table's KMS key, like every
 * other item), identically on AWS and on the local stack:
 *   PARTNER#<partnerId> / WEBHOOK   {partnerId, kind, secrets}
 * Several secrets at once is a rotation in progress (see README.md in this folder).
 */

/** Which webhook route a partner may call. */
export const webhookKinds = ['payments', 'logistics', 'payouts', 'inspections'] as const;

/**
 * `payments` posts to `/webhooks/payments`, `logistics` to `/webhooks/logistics`, `payouts` (the payout
 * provider, the only one that may confirm or fail a payout) to `/webhooks/payouts`, `inspections` (an
 * inspection agency) to `/webhooks/inspections`.
 */
export type WebhookKind = (typeof webhookKinds)[number];

/** A registered webhook partner. */
export interface WebhookPartner {
  partnerId: string;
  kind: WebhookKind;
  /** Active signing secrets; any of them verifies a call. */
  secrets: string[];
}

/** Where partners are stored. */
export interface PartnerStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Primary key of a partner's webhook registration. */
export function webhookPartnerKey(partnerId: string) {
  return { pk: `PARTNER#${partnerId}`, sk: 'WEBHOOK' };
}

function isWebhookPartner(item: Record<string, unknown>): boolean {
  return (
    typeof item.partnerId === 'string' &&
    webhookKinds.includes(item.kind as WebhookKind) &&
    Array.isArray(item.secrets) &&
    item.secrets.every((secret) => typeof secret === 'string')
  );
}

/** Reads a partner's registration; undefined when there is none (or it is not well-formed). */
export async function findWebhookPartner(store: PartnerStore, partnerId: string): Promise<WebhookPartner | undefined> {
  const result = await store.db.send(new GetCommand({ TableName: store.tableName, Key: webhookPartnerKey(partnerId) }));
  if (!result.Item || !isWebhookPartner(result.Item)) return undefined;
  const { partnerId: id, kind, secrets } = result.Item as WebhookPartner;
  return { partnerId: id, kind, secrets: [...secrets] };
}

/** Registers or replaces a partner (the whole secret list: add the new secret next to the old one to rotate). */
export async function putWebhookPartner(store: PartnerStore, partner: WebhookPartner): Promise<void> {
  if (partner.secrets.length === 0 || partner.secrets.some((secret) => secret.length === 0)) {
    throw new Error(`partner ${partner.partnerId} needs at least one non-empty secret`);
  }
  await store.db.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...webhookPartnerKey(partner.partnerId), entity: 'WEBHOOK_PARTNER', ...partner },
    }),
  );
}

/** How long a container keeps a partner's registration (or its absence) before reading it again. */
export const partnerCacheTtlMs = 60_000;

/**
 * Wraps a partner lookup with a per-container cache of `ttlMs` (absences are cached too, so a flood of
 * calls with made-up partner ids costs one read per id per minute). A rotated secret therefore takes
 * effect within a minute. `clock` is real time in milliseconds (`Date.now`), never the business clock.
 */
export function cachePartnerLookup(
  load: (partnerId: string) => Promise<WebhookPartner | undefined>,
  options: { ttlMs?: number; clock?: () => number; maxEntries?: number } = {},
): (partnerId: string) => Promise<WebhookPartner | undefined> {
  const { ttlMs = partnerCacheTtlMs, clock = Date.now, maxEntries = 1000 } = options;
  const cache = new Map<string, { partner: WebhookPartner | undefined; expiresAt: number }>();
  return async (partnerId) => {
    const hit = cache.get(partnerId);
    if (hit && hit.expiresAt > clock()) return hit.partner;
    const partner = await load(partnerId);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(partnerId, { partner, expiresAt: clock() + ttlMs });
    return partner;
  };
}
