import type { z } from 'zod';
import { decodePageCursor, encodePageCursor } from '../../commons/http/page-cursor';
import { conflict, notFound } from '../../commons/http/problem';
import {
  toWebhookDeliveryView,
  type listDeliveriesQuerySchema,
  type webhookDeliveryListSchema,
} from '../models/webhook-delivery';
import {
  deliveryKey,
  dueIndexKey,
  findDelivery,
  listDeliveries,
  saveDelivery,
} from '../repositories/delivery-repository';
import { findEndpoint } from '../repositories/webhook-endpoint-repository';
import { attemptDelivery, type DispatchDeps } from './dispatch-webhooks';

/**
 * An endpoint's deliveries log, newest first, one page at a time (admins): every attempt with its time,
 * HTTP status or error, and the next retry. One Query of the endpoint's partition.
 * @throws ProblemError 404 for an unknown endpoint, 400 for a cursor this API did not return
 */
export async function listWebhookDeliveries(
  deps: Pick<DispatchDeps, 'store'>,
  endpointId: string,
  query: z.output<typeof listDeliveriesQuerySchema>,
): Promise<z.input<typeof webhookDeliveryListSchema>> {
  if (!(await findEndpoint(deps.store, endpointId))) throw notFound(`There is no webhook endpoint ${endpointId}`);
  const partition = deliveryKey(endpointId, '').pk;
  const page = await listDeliveries(deps.store, endpointId, {
    ...(query.status ? { status: query.status } : {}),
    limit: query.limit,
    ...(query.cursor ? { startKey: decodePageCursor(query.cursor, ['pk', 'sk'], (key) => key.pk === partition) } : {}),
  });
  return {
    deliveries: page.deliveries.map(toWebhookDeliveryView),
    ...(page.lastKey ? { nextCursor: encodePageCursor(page.lastKey) } : {}),
  };
}

/**
 * Retries a delivery by hand (admins), at once and outside the schedule: one attempt, whose result the
 * answer shows. A DEAD delivery that fails again stays DEAD; a PENDING one keeps its schedule. A DELIVERED
 * one is not sent again (409): the receiver has it.
 * @throws ProblemError 404, 409
 */
export async function retryWebhookDelivery(deps: DispatchDeps, endpointId: string, deliveryId: string) {
  const endpoint = await findEndpoint(deps.store, endpointId);
  const found = endpoint ? await findDelivery(deps.store, endpointId, deliveryId) : undefined;
  if (!endpoint || !found) throw notFound(`There is no delivery ${deliveryId} for webhook endpoint ${endpointId}`);
  const { delivery } = found;
  if (delivery.status === 'DELIVERED') {
    throw conflict(`Delivery ${deliveryId} was delivered at ${delivery.deliveredAt}; the receiver has it`, {
      code: 'ALREADY_DELIVERED',
    });
  }
  if (endpoint.disabled) {
    throw conflict(`Webhook endpoint ${endpointId} is disabled; re-enable it (PATCH {"disabled": false}) first`, {
      code: 'ENDPOINT_DISABLED',
    });
  }
  const at = deps.now().toISOString();
  // due now, by hand: a DEAD delivery goes back in the due index, a PENDING one moves up
  const due = {
    ...delivery,
    status: 'PENDING' as const,
    nextAttemptAt: at,
    manual: delivery.status === 'DEAD',
    updatedAt: at,
  };
  const expected = delivery.status === 'DEAD' ? null : found.indexKey;
  if (!(await saveDelivery(deps.store, due, expected))) {
    throw conflict(`Delivery ${deliveryId} is being attempted right now; read it again in a moment`, {
      code: 'DELIVERY_IN_FLIGHT',
    });
  }
  const attempted = await attemptDelivery(deps, { delivery: due, indexKey: dueIndexKey(at, deliveryId) }, endpoint);
  const latest = attempted?.delivery ?? (await findDelivery(deps.store, endpointId, deliveryId))!.delivery;
  return toWebhookDeliveryView(latest);
}
