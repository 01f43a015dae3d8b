import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../commons/logger';
import { findOutboxEntry, type OutboxEntry } from '../../events/repositories/outbox-repository';
import { dispatchAnnouncedEntries } from '../../events/usecases/dispatch-webhooks';
import { resolveDispatchDeps } from '../../events/handlers/dispatch-deps';
import { resolveEventSubscribers } from './event-subscribers';

/**
 * On AWS, the table stream's new outbox entries (the event source mapping filters INSERTs that carry an
 * OUTBOX# index key): fans each out and makes the first attempts at once, so a healthy receiver hears of a
 * change within about a second. Each entry is read again, consistently: one a sweep has handed out already
 * is skipped. A failure is thrown, so the stream retries the batch; whatever still fails is swept a minute
 * later by `sweepWebhookDeliveries`, which needs nothing from this invocation.
 */
export async function handler(event: DynamoDBStreamEvent) {
  const deps = { ...resolveDispatchDeps(), subscribers: resolveEventSubscribers() };
  const entries: OutboxEntry[] = [];
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    const pk = keys?.pk?.S;
    const sk = keys?.sk?.S;
    if (record.eventName !== 'INSERT' || !pk || !sk) continue;
    const entry = await findOutboxEntry(deps.store, { pk, sk });
    if (entry) entries.push(entry);
  }
  const report = await dispatchAnnouncedEntries(deps, entries);
  logger.info('webhook events dispatched', { ...report, records: event.Records.length });
  return report;
}
