import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { logger } from '../../commons/logger';
import { sendWebhook } from '../delivery/send-webhook';
import { readWebhookTargetPolicy } from '../models/webhook-target';
import type { DispatchDeps } from '../usecases/dispatch-webhooks';

/** How long one attempt may wait for the receiver: `WEBHOOK_ATTEMPT_TIMEOUT_MS`, or 15 s. */
function readAttemptTimeoutMs(): number | undefined {
  const value = Number(process.env.WEBHOOK_ATTEMPT_TIMEOUT_MS);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** The dispatcher's store, clock and sender, wired from the environment. */
export function resolveDispatchDeps(): DispatchDeps {
  const targets = readWebhookTargetPolicy();
  const timeoutMs = readAttemptTimeoutMs();
  return {
    store: { db: documentClient, tableName: getConfig().tableName },
    now,
    send: (target) => sendWebhook(target, targets, now, timeoutMs),
    log: (line, detail) => logger.warn(line, detail ?? {}),
  };
}
