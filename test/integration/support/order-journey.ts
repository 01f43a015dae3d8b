import { randomUUID } from 'node:crypto';
import { signWebhook } from '../../../functions/orders/webhooks/sign-webhook';
import { callApi, eventually, type DevCredentials } from './api-client';

/**
 * An assured order's journey through the API of a running stack: place it, have the supplier confirm it, pay it, ship and deliver it
 * by signed partner webhooks, confirm receipt, claim, move the clock, and wait for the workflow.
 */
export function createOrderJourney(apiUrl: string, credentials: Pick<DevCredentials, 'webhooks'>) {
  /** Posts a webhook signed as the partner would. */
  function postWebhook(kind: 'payments' | 'logistics' | 'payouts' | 'inspections', body: unknown) {
    const partner = credentials.webhooks[kind];
    const rawBody = JSON.stringify(body);
    return callApi(apiUrl, 'POST', `/webhooks/${kind}`, {
      rawBody,
      headers: {
        'content-type': 'application/json',
        'TrustFlow-Partner': partner.partnerId,
        'TrustFlow-Signature': signWebhook({ secret: partner.secret, rawBody, timestamp: new Date() }),
      },
    });
  }

  async function placeOrder(token: string, body: Record<string, unknown>): Promise<string> {
    const response = await callApi(apiUrl, 'POST', '/orders', { token, body });
    if (response.status !== 201) throw new Error(`POST /orders: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.orderId as string;
  }

  /**
   * The supplier's answer through the API, once the order is ready for it (the workflow screens the
   * counterparties first: until then the answer is 409 with `retryable: true`).
   */
  async function answerOrder(supplierToken: string, orderId: string, body: Record<string, unknown> = { accept: true }) {
    const response = await eventually(
      () => callApi(apiUrl, 'POST', `/orders/${orderId}/confirmation`, { token: supplierToken, body }),
      (answer) => answer.status !== 409 || answer.body.retryable !== true,
    );
    return response;
  }

  /** Confirms the order as its supplier; throws unless it was confirmed. */
  async function confirmOrder(supplierToken: string, orderId: string) {
    const response = await answerOrder(supplierToken, orderId);
    if (response.status !== 200) {
      throw new Error(`confirmation of ${orderId}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async function readOrder(token: string, orderId: string) {
    const response = await callApi(apiUrl, 'GET', `/orders/${orderId}`, { token });
    if (response.status !== 200) throw new Error(`GET /orders/${orderId}: ${response.status}`);
    return response.body;
  }

  /** Waits until the order reaches one of `statuses` (the workflow runs in the background). */
  async function waitForStatus(token: string, orderId: string, statuses: string[], timeoutMs = 20_000) {
    const order = await eventually(
      () => readOrder(token, orderId),
      (view) => statuses.includes(view.status),
      timeoutMs,
    );
    if (!statuses.includes(order.status)) {
      throw new Error(`order ${orderId} is ${order.status}, expected ${statuses.join(' or ')}`);
    }
    return order;
  }

  /** Waits until the order's workflow waits for `milestone`, so that a clock jump hits its timer. */
  async function waitForMilestone(token: string, orderId: string, milestone: string, timeoutMs = 20_000) {
    const order = await eventually(
      () => readOrder(token, orderId),
      (view) => view.waitingFor?.milestone === milestone,
      timeoutMs,
    );
    if (order.waitingFor?.milestone !== milestone) {
      throw new Error(`order ${orderId} waits for ${order.waitingFor?.milestone ?? 'nothing'}, not ${milestone}`);
    }
    return order;
  }

  /** Waits until an entry of `type` is on the order's timeline. */
  async function waitForTimelineEntry(token: string, orderId: string, type: string, timeoutMs = 20_000) {
    return eventually(
      () => readOrder(token, orderId),
      (view) => view.timeline.some((entry: { type: string }) => entry.type === type),
      timeoutMs,
    );
  }

  function pay(orderId: string, amount: number, currency = 'USD') {
    return postWebhook('payments', {
      eventId: `evt_${randomUUID()}`,
      type: 'payment.succeeded',
      orderId,
      amount,
      currency,
    });
  }

  function reportShipment(orderId: string, type: 'SHIPPED' | 'DELIVERED', occurredAt: string) {
    return postWebhook('logistics', {
      eventId: `evt_${randomUUID()}`,
      type,
      orderId,
      trackingNumber: '1Z999AA10123456784',
      carrier: 'UPS',
      occurredAt,
    });
  }

  function advanceClock(duration: string) {
    return callApi(apiUrl, 'POST', '/_local/clock', { body: { advance: duration } });
  }

  async function clockNow(): Promise<Date> {
    return new Date((await callApi(apiUrl, 'GET', '/_local/clock')).body.now);
  }

  return {
    postWebhook,
    placeOrder,
    answerOrder,
    confirmOrder,
    readOrder,
    waitForStatus,
    waitForMilestone,
    waitForTimelineEntry,
    pay,
    reportShipment,
    advanceClock,
    clockNow,
  };
}
