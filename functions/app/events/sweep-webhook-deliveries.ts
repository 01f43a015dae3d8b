import { logger } from '../../commons/logger';
import { dispatchWebhooks } from '../../events/usecases/dispatch-webhooks';
import { resolveDispatchDeps } from '../../events/handlers/dispatch-deps';
import { resolveEventSubscribers } from './event-subscribers';

/**
 * The dispatcher's sweep: fans out whatever still waits in the outbox and attempts every delivery that is
 * due (retries on the schedule, attempts whose dispatcher died). Every minute on AWS (EventBridge Scheduler);
 * on the local stack, continuously on the local clock, where it is the only dispatcher.
 */
export async function handler() {
  const report = await dispatchWebhooks({ ...resolveDispatchDeps(), subscribers: resolveEventSubscribers() });
  if (report.attempted > 0 || report.fannedOut > 0) logger.info('webhook deliveries swept', { ...report });
  return report;
}
