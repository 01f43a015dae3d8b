import { ProblemError } from '../../commons/http/problem';
import { assessInspectionEvent, type OrderInspection } from '../models/inspection';
import { inspectionWebhookEventSchema } from '../webhooks/webhook-events';
import {
  actor,
  authenticateWebhook,
  claim,
  newRecord,
  parseBody,
  unknownOrder,
  type WebhookAnswer,
  type WebhookCall,
  type WebhookDeps,
} from './webhook-intake';

/**
 * `POST /webhooks/inspections`: an inspection agency (a partner of kind `inspections`) reports a
 * pre-shipment inspection PASSED or FAILED. Deduplicated on eventId like every webhook. A report the
 * inspection rules refuse (`assessInspectionEvent`: a POST_DELIVERY order, unpaid, settled or closed, passed
 * already, the same report again, a date out of bounds, more than 20 reports) is kept and flagged, and
 * changes nothing. An accepted report goes on the order's `inspections` with an `INSPECTION_PASSED` /
 * `INSPECTION_FAILED` entry, and the order's workflow is told: a PASSED inspection lets a shipment count.
 * @throws ProblemError 401, 400, 404, 409 with the refusal's `code`
 */
export async function receiveInspectionWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'inspections', call);
  const event = parseBody(call.rawBody, inspectionWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const { record } = claimed;
  if (!deps.updateInspections) throw new Error('inspections are not wired into these webhook dependencies');

  const now = deps.now();
  const report: OrderInspection = {
    result: event.result,
    reportId: event.reportId,
    occurredAt: event.occurredAt,
    ...(event.findings ? { findings: event.findings } : {}),
    receivedAt: record.receivedAt,
    partnerId: partner.partnerId,
  };
  const inspections = await deps.updateInspections(
    event.orderId,
    (order) => assessInspectionEvent(order, event, now) ?? [...(order.inspections ?? []), report],
    record,
    {
      at: record.receivedAt,
      type: event.result === 'PASSED' ? 'INSPECTION_PASSED' : 'INSPECTION_FAILED',
      actor: actor(record),
      detail: {
        eventId: event.eventId,
        reportId: event.reportId,
        occurredAt: event.occurredAt,
        ...(event.findings ? { findings: event.findings } : {}),
      },
    },
  );
  if (!inspections) return unknownOrder(deps, record);
  if ('refused' in inspections) {
    await deps.settleEvent(record, {
      status: 'REFUSED',
      flagged: true,
      detail: inspections.detail,
      settledAt: deps.now().toISOString(),
    });
    throw new ProblemError(409, inspections.detail, { code: inspections.refused, eventId: event.eventId });
  }
  await deps.settleEvent(record, { status: 'ACCEPTED', flagged: false, settledAt: deps.now().toISOString() });
  await deps.notifyOrderWorkflow({ orderId: event.orderId, milestone: 'INSPECTED', at: record.receivedAt });
  return { status: 'ACCEPTED', eventId: event.eventId };
}
