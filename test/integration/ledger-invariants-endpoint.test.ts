import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { escrowBalanceKey } from '../../functions/orders/ledger/ledger-repository';
import { orderKey } from '../../functions/orders/repositories/order-repository';
import { signWebhook } from '../../functions/orders/webhooks/sign-webhook';
import { localResourceNames } from '../../infra/local/local-stack-config';
import { callApi, eventually, suiteStack } from './support/api-client';
import { orderFixtures } from './support/order-fixtures';
import { createOrderJourney } from './support/order-journey';
import { connectStackTable } from './support/stack-table';

const { credentials, endpoints } = suiteStack();
const { apiUrl, tokens, webhooks } = credentials;
const tableName = localResourceNames.tableName;
const db = connectStackTable(endpoints).db;
const { createSupplier, createBuyer, supplierToken, orderBody } = orderFixtures({ db, tableName }, apiUrl);
const journey = createOrderJourney(apiUrl, credentials);

afterAll(() => db.destroy());

/*
 * Each order has a buyer of its own, so none is held for AML velocity, and each test a supplier of its
 * own, so its gsi3 partition holds exactly the orders the test placed.
 */

const buyerTokens = new Map<string, string>();

/** A new order of 100 × 5.00 USD (50,000 minor units) with `supplierId`, confirmed by the supplier. */
async function placeOrder(supplierId: string): Promise<string> {
  const buyer = await createBuyer();
  const response = await callApi(apiUrl, 'POST', '/orders', { token: buyer.token, body: await orderBody(supplierId) });
  expect(response.status).toBe(201);
  await journey.confirmOrder(supplierToken(supplierId), response.body.orderId);
  buyerTokens.set(response.body.orderId, buyer.token);
  return response.body.orderId as string;
}

/**
 * Waits until the order's workflow has taken the payment and waits for the shipment. The workflow's
 * write is conditional on `updatedAt`, which a tampering test does not move: tampering before it would
 * be overwritten.
 */
async function waitForPaymentTaken(orderId: string): Promise<void> {
  await journey.waitForMilestone(buyerTokens.get(orderId)!, orderId, 'SHIPMENT');
}

/** Pays an order in full through the signed payment webhook, as the partner would. */
async function payOrder(orderId: string): Promise<void> {
  const rawBody = JSON.stringify({
    eventId: `evt_${randomUUID()}`,
    type: 'payment.succeeded',
    orderId,
    amount: 50_000,
    currency: 'USD',
  });
  const response = await callApi(apiUrl, 'POST', '/webhooks/payments', {
    rawBody,
    headers: {
      'content-type': 'application/json',
      'TrustFlow-Partner': webhooks.payments.partnerId,
      'TrustFlow-Signature': signWebhook({ secret: webhooks.payments.secret, rawBody, timestamp: new Date() }),
    },
  });
  expect(response.body.status).toBe('ACCEPTED');
}

function checkInvariants(query: string, token = tokens.admin) {
  return callApi(apiUrl, 'GET', `/admin/ledger/invariants${query}`, { token });
}

describe('GET /admin/ledger/invariants', () => {
  it("proves a supplier's real orders sound, with what escrow holds per currency", async () => {
    // Prepare: two orders, one paid
    const supplierId = await createSupplier({ limit: 10_000_000 });
    const paid = await placeOrder(supplierId);
    const unpaid = await placeOrder(supplierId);
    await payOrder(paid);

    // Act: gsi3 is eventually consistent
    const bySupplier = await eventually(
      () => checkInvariants(`?partyId=${supplierId}`),
      (response) => response.body.checkedOrders === 2,
    );
    const byIds = await checkInvariants(`?orderId=${paid}&orderId=${unpaid}&orderId=order_neverplaced`);

    // Assess
    expect(bySupplier.status).toBe(200);
    expect(bySupplier.body).toEqual({
      ok: true,
      checkedOrders: 2,
      orderIds: expect.arrayContaining([paid, unpaid]),
      truncated: false,
      unknownOrderIds: [],
      violations: [],
      escrowHeld: { USD: 50_000 },
    });
    expect(byIds.body).toMatchObject({
      ok: true,
      checkedOrders: 3,
      unknownOrderIds: ['order_neverplaced'],
      escrowHeld: { USD: 50_000 },
    });
  });

  it('reports a ledger corrupted in the table and money left in escrow on a final order', async () => {
    // Prepare: both orders paid; then one balance item loses a cent and the other order is marked
    // COMPLETED with its 50,000 still in escrow
    const supplierId = await createSupplier({ limit: 10_000_000 });
    const tampered = await placeOrder(supplierId);
    const completed = await placeOrder(supplierId);
    await payOrder(tampered);
    await payOrder(completed);
    await Promise.all([waitForPaymentTaken(tampered), waitForPaymentTaken(completed)]);
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: escrowBalanceKey(tampered),
        UpdateExpression: 'SET held = held - :cent',
        ExpressionAttributeValues: { ':cent': 1 },
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: orderKey(completed),
        UpdateExpression: 'SET #status = :completed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':completed': 'COMPLETED' },
      }),
    );

    // Act
    const response = await checkInvariants(`?orderId=${tampered},${completed}`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.ok).toBe(false);
    expect(response.body.violations).toEqual(
      expect.arrayContaining([
        {
          orderId: tampered,
          rule: 'BALANCE_MATCHES_ENTRIES',
          detail: expect.stringContaining('held is 49999, entries say 50000'),
        },
        {
          orderId: completed,
          rule: 'FINAL_ORDER_HOLDS_NOTHING',
          detail: 'order is COMPLETED but escrow still holds 50000 USD',
        },
      ]),
    );
    expect(response.body.escrowHeld).toEqual({ USD: 99_999 });
  });

  it('is for admins only', async () => {
    // Act
    const asClient = await checkInvariants('?orderId=order_1', tokens.client);
    const asReviewer = await checkInvariants('?orderId=order_1', tokens.reviewer);
    const anonymous = await callApi(apiUrl, 'GET', '/admin/ledger/invariants?orderId=order_1');

    // Assess
    expect(asClient.status).toBe(403);
    expect(asReviewer.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a query that would not name its orders, with a precise problem', async () => {
    // Act
    const none = await checkInvariants('');
    const badId = await checkInvariants('?orderId=order_1,not%20an%20id');
    const tooMany = await checkInvariants(`?orderId=${Array.from({ length: 101 }, (_, i) => `order_${i}`).join(',')}`);
    const unknownParameter = await checkInvariants('?partyId=party_1&scan=true');

    // Assess
    for (const response of [none, badId, tooMany, unknownParameter]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(none.body.detail).toMatch(/exactly one of partyId or orderId/);
    expect(badId.body.detail).toBe(
      'query parameter orderId: "not an id" is not an order id (1-64 letters, digits, _ or -)',
    );
    expect(badId.body.errors).toEqual([{ pointer: '#/query/orderId', detail: expect.any(String) }]);
    expect(tooMany.body.detail).toMatch(/names 101 orders; at most 100/);
    expect(unknownParameter.body.detail).toMatch(/scan/);
  });
});
