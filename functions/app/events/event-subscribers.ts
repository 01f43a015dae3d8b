import { sendPlainEmail } from '../../commons/mail-client';
import { logger } from '../../commons/logger';
import type { EventType } from '../../kernel/events/event-catalogue';
import type { InternalSubscriber } from '../../events/usecases/dispatch-webhooks';
import { resolveCaseStore } from '../../kyc/handlers/case-store-deps';
import { applicantNoticeEvents, notifyApplicant } from '../../kyc/usecases/notify-applicant';
import { createMonitoredNamesSubscriber } from './monitored-names-subscriber';
import { createOverpaymentRefundsSubscriber } from './overpayment-refunds-subscriber';

/**
 * The subscribers inside TrustFlow that hear events through the outbox beside the webhook endpoints: the
 * monitored-name index of ongoing monitoring and the refunds of overpayments, always; the applicant's emails (DESIGN, "The applicant is
 * notified"), when the deployment has a verified sender (`MAIL_SENDER`; on the local stack, its mailbox).
 * Without one, no email is attempted, and none is queued.
 */
export function resolveEventSubscribers(): InternalSubscriber[] {
  const always = [createMonitoredNamesSubscriber(), createOverpaymentRefundsSubscriber()];
  if (!process.env.MAIL_SENDER) return always;
  return [
    ...always,
    {
      subscriberId: 'internal:applicant-email',
      eventTypes: Object.keys(applicantNoticeEvents) as EventType[],
      async deliver(event) {
        const outcome = await notifyApplicant(
          { cases: resolveCaseStore(), send: sendPlainEmail },
          event as Parameters<typeof notifyApplicant>[1],
        );
        if (outcome !== 'SENT') logger.info('applicant email not sent', { eventId: event.id, outcome });
      },
    },
  ];
}
