import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { localResourceNames } from '../../infra/local/local-stack-config';
import { tradeAssuranceKey } from '../../functions/kernel/parties/repositories/party-repository';
import { orderKey } from '../../functions/orders/repositories/order-repository';
import { releaseReservation } from '../../functions/orders/usecases/release-reservation';
import { callApi, signUp, suiteStack } from './support/api-client';
import { orderFixtures } from './support/order-fixtures';
import { createOrderJourney } from './support/order-journey';
import { connectStackTable } from './support/stack-table';

const { credentials, endpoints } = suiteStack();
const { apiUrl, tokens, parties } = credentials;
const tableName = localResourceNames.tableName;

const db = connectStackTable(endpoints).db;
const store = { db, tableName };

afterAll(() => db.destroy());

const { businessNow, shipBy, createSupplier, supplierToken, createBuyer, orderBody } = orderFixtures(store, apiUrl);
const journey = createOrderJourney(apiUrl, credentials);

/** The supplier's confirmation through the API, as the client acting for it. */
function confirm(supplierId: string, orderId: string) {
  return journey.confirmOrder(supplierToken(supplierId), orderId);
}

function placeOrder(body: unknown, token = tokens.client, headers: Record<string, string> = {}) {
  return callApi(apiUrl, 'POST', '/orders', { token, body, headers });
}

async function tradeAssuranceOf(supplierId: string) {
  const response = await callApi(apiUrl, 'GET', `/suppliers/${supplierId}/profile`, { token: tokens.client });
  expect(response.status).toBe(200);
  return response.body.tradeAssurance as {
    limit: number;
    reserved: number;
    available: number;
    qualified: boolean;
    enrolled: boolean;
  };
}

describe('POST /orders', () => {
  it("creates an order awaiting the supplier's confirmation, which reserves its coverage", async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });
    const before = await tradeAssuranceOf(supplierId);

    // Act
    const response = await placeOrder(await orderBody(supplierId));
    const placed = await tradeAssuranceOf(supplierId);
    const confirmed = await confirm(supplierId, response.body.orderId);

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      orderId: expect.stringMatching(/^order_/),
      status: 'AWAITING_SUPPLIER_CONFIRMATION',
      coveredAmount: 50_000,
      currency: 'USD',
      confirmBy: expect.any(String),
    });
    expect(response.headers.get('location')).toBe(`/orders/${response.body.orderId}`);
    expect(before).toMatchObject({ limit: 5_000_000, reserved: 0, available: 5_000_000, qualified: true });
    // placing reserves nothing: only the supplier's confirmation does
    expect(placed).toMatchObject({ reserved: 0, available: 5_000_000 });
    expect(confirmed).toMatchObject({ status: 'AWAITING_PAYMENT', accepted: true, payBy: expect.any(String) });
    expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: 50_000, available: 4_950_000 });
  });

  it('covers only the deposit with DEPOSIT coverage', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });

    // Act
    const response = await placeOrder(await orderBody(supplierId, { coverage: 'DEPOSIT', depositAmount: 15_000 }));
    await confirm(supplierId, response.body.orderId);

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.coveredAmount).toBe(15_000);
    expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: 15_000, available: 4_985_000 });
  });

  it('shows the order with its timeline and movements to its buyer, its supplier and staff only', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });
    const created = await placeOrder(await orderBody(supplierId));
    const path = `/orders/${created.body.orderId}`;

    // Act
    const byBuyer = await callApi(apiUrl, 'GET', path, { token: tokens.client });
    const byReviewer = await callApi(apiUrl, 'GET', path, { token: tokens.reviewer });
    const byOtherClient = await callApi(apiUrl, 'GET', path, { token: tokens.client2 });
    const byOtherSupplier = await callApi(apiUrl, 'GET', path, { token: tokens.supplier });
    const unknown = await callApi(apiUrl, 'GET', '/orders/order_nothere', { token: tokens.admin });

    // Assess
    expect(byBuyer.status).toBe(200);
    expect(byBuyer.body).toMatchObject({
      orderId: created.body.orderId,
      buyerPartyId: parties.client,
      supplierPartyId: supplierId,
      status: 'AWAITING_SUPPLIER_CONFIRMATION',
      coveredAmount: 50_000,
      totalAmount: 50_000,
      confirmBy: created.body.confirmBy,
      movements: [],
    });
    expect(byBuyer.body).not.toHaveProperty('reservation');
    // the first entry is the creation, by a user of the buyer's party, named to no one but staff
    expect(byBuyer.body.timeline[0]).toEqual({
      at: expect.any(String),
      type: 'ORDER_CREATED',
      actor: { kind: 'PARTY' },
      detail: {
        status: 'AWAITING_SUPPLIER_CONFIRMATION',
        coveredAmount: 50_000,
        currency: 'USD',
        confirmBy: created.body.confirmBy,
      },
    });
    expect(byBuyer.body).not.toHaveProperty('workflowWait');
    // the parties never see the compliance record, nor who placed the order
    expect(byBuyer.body).not.toHaveProperty('compliance');
    expect(byBuyer.body).not.toHaveProperty('createdBy');
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.body).toMatchObject({ compliance: { decision: 'PASS' }, createdBy: expect.any(String) });
    expect(byReviewer.body.timeline[0]).toMatchObject({ type: 'ORDER_CREATED', audience: 'PARTIES' });
    expect(byOtherClient.status).toBe(403);
    expect(byOtherSupplier.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it('replays the first response for the same Idempotency-Key: one order, reserved once when confirmed', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });
    const body = await orderBody(supplierId);
    const headers = { 'idempotency-key': `order-${randomUUID()}` };

    // Act
    const first = await placeOrder(body, tokens.client, headers);
    const second = await placeOrder(body, tokens.client, headers);

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.orderId).toBe(first.body.orderId);
    await confirm(supplierId, first.body.orderId);
    expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: 50_000 });
  });

  it('releases the reservation once, however often the workflow asks', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });
    const created = await placeOrder(await orderBody(supplierId));
    await confirm(supplierId, created.body.orderId);
    const deps = { orders: store, now: () => new Date() };

    // Act
    const first = await releaseReservation(deps, created.body.orderId);
    const again = await releaseReservation(deps, created.body.orderId);

    // Assess
    expect(first).toEqual({ released: true, amount: 50_000 });
    expect(again).toMatchObject({ released: false });
    expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: 0, available: 5_000_000 });
    const order = await db.send(new GetCommand({ TableName: tableName, Key: orderKey(created.body.orderId) }));
    expect(order.Item?.reservation.releasedAt).toEqual(expect.any(String));
    const view = await callApi(apiUrl, 'GET', `/orders/${created.body.orderId}`, { token: tokens.client });
    // the order's workflow adds its screening entry meanwhile; the release is recorded once
    const types = view.body.timeline.map((event: { type: string }) => event.type);
    expect(types[0]).toBe('ORDER_CREATED');
    expect(types.filter((type: string) => type === 'COVERAGE_RELEASED')).toEqual(['COVERAGE_RELEASED']);
  });

  it('refuses an invalid body with 400 naming each field', async () => {
    // Act
    const response = await placeOrder({
      ...(await orderBody('party_x')),
      items: [{ description: 'x', hsCode: '8517', quantity: 0, unitPrice: 1.5 }],
      coverage: 'DEPOSIT',
    });

    // Assess
    expect(response.status).toBe(400);
    const pointers = response.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/items/0/hsCode', '/items/0/quantity', '/items/0/unitPrice']));
  });

  describe('refusals', () => {
    let supplierId: string;
    let before: Awaited<ReturnType<typeof tradeAssuranceOf>>;

    beforeAll(async () => {
      supplierId = await createSupplier({ limit: 200_000 });
      before = await tradeAssuranceOf(supplierId);
    });

    afterEach(async () => {
      // a refused order reserves nothing
      expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: before.reserved });
    });

    it('409 SUPPLIER_NOT_VERIFIED for a supplier whose KYC is not approved', async () => {
      const rejected = await createSupplier({ kycStatus: 'REJECTED', limit: 1_000_000 });
      const response = await placeOrder(await orderBody(rejected));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'SUPPLIER_NOT_VERIFIED' });
      expect(response.body.detail).toMatch(/not verified/);
    });

    it('409 SUPPLIER_NOT_QUALIFIED for a verified supplier without the history', async () => {
      const newcomer = await createSupplier({ history: 2 });
      const response = await placeOrder(await orderBody(newcomer));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'SUPPLIER_NOT_QUALIFIED' });
      expect(response.body.detail).toMatch(/2 completed orders in 183 days \(at least 10 needed\)/);
    });

    it('422 OWN_PARTY when the supplier orders from its own party', async () => {
      const response = await placeOrder(await orderBody(parties.supplier), tokens.supplier);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'OWN_PARTY', errors: [{ pointer: '/supplierId' }] });
    });

    it('422 UNKNOWN_SUPPLIER for a party that does not exist', async () => {
      const response = await placeOrder(await orderBody('party_nobody'));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'UNKNOWN_SUPPLIER' });
    });

    it("422 CURRENCY_MISMATCH for another currency than the supplier's Trade Assurance", async () => {
      const response = await placeOrder(await orderBody(supplierId, { currency: 'EUR' }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'CURRENCY_MISMATCH', expectedCurrency: 'USD' });
      expect(response.body.detail).toMatch(/in EUR .* in USD/);
    });

    it('422 SHIP_BY_NOT_IN_FUTURE for a ship-by date of today or earlier', async () => {
      const today = (await businessNow()).toISOString().slice(0, 10);
      const response = await placeOrder(await orderBody(supplierId, { shipBy: today }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'SHIP_BY_NOT_IN_FUTURE', errors: [{ pointer: '/shipBy' }] });
    });

    it('400 SHIP_BY_TOO_FAR for a ship-by date beyond 180 days, such as 2099, with nothing reserved', async () => {
      const before = await tradeAssuranceOf(supplierId);
      const response = await placeOrder(await orderBody(supplierId, { shipBy: '2099-12-31' }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'SHIP_BY_TOO_FAR', errors: [{ pointer: '/shipBy' }] });
      expect(response.body.detail).toMatch(/more than 180 days ahead; the latest is \d{4}-\d{2}-\d{2}/);
      expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: before.reserved });
    });

    it('409 COVERAGE_EXCEEDS_AVAILABLE with the available amount', async () => {
      const response = await placeOrder(
        await orderBody(supplierId, {
          items: [{ description: 'Jackets', hsCode: '620193', quantity: 201, unitPrice: 1_000 }],
        }),
      );
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'COVERAGE_EXCEEDS_AVAILABLE',
        requestedCoverage: 201_000,
        available: 200_000,
        currency: 'USD',
      });
    });

    it('422 COMPLIANCE_BLOCKED for an embargoed destination (KP), with the rule ids and reasons', async () => {
      const response = await placeOrder(await orderBody(supplierId, { destinationCountry: 'KP' }));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('COMPLIANCE_BLOCKED');
      expect(response.body.rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ruleId: expect.stringMatching(/^embargo\//), reason: expect.any(String) }),
        ]),
      );
      expect(response.body.detail).toMatch(/Compliance blocks the order: embargo\//);
    });

    it('422 COMPLIANCE_BLOCKED for an embargoed region (Crimea, UA-43)', async () => {
      const response = await placeOrder(
        await orderBody(supplierId, { destinationCountry: 'UA', destinationRegion: 'UA-43' }),
      );
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('COMPLIANCE_BLOCKED');
    });

    it('422 COMPLIANCE_BLOCKED for high-priority electronics to Russia (export control BLOCK)', async () => {
      const response = await placeOrder(
        await orderBody(supplierId, {
          destinationCountry: 'RU',
          items: [{ description: 'Integrated circuits', hsCode: '854231', quantity: 10, unitPrice: 1_000 }],
        }),
      );
      expect(response.status).toBe(422);
      expect(response.body.rules.map((rule: { ruleId: string }) => rule.ruleId)).toContain(
        'export-control/ru-by-high-priority',
      );
    });
  });

  it('holds an export-controlled HS code for review: created in COMPLIANCE_HOLD, reserving nothing', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 5_000_000 });

    // Act
    const response = await placeOrder(
      await orderBody(supplierId, {
        items: [{ description: 'Hunting rifle scopes', hsCode: '930700', quantity: 2, unitPrice: 20_000 }],
      }),
    );

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'COMPLIANCE_HOLD', coveredAmount: 40_000 });
    // the supplier gets its days to confirm once the hold is cleared
    expect(response.body).not.toHaveProperty('confirmBy');
    const view = await callApi(apiUrl, 'GET', `/orders/${response.body.orderId}`, { token: tokens.reviewer });
    expect(view.body.compliance.decision).toBe('HOLD');
    expect(view.body.compliance.outcomes.map((o: { ruleId: string }) => o.ruleId)).toContain(
      'export-control/arms-and-ammunition',
    );
    expect(view.body.timeline[0].detail.heldBy).toContain('export-control/arms-and-ammunition');
    // the buyer sees the hold as a status, and not which rule holds it
    const byBuyer = await callApi(apiUrl, 'GET', `/orders/${response.body.orderId}`, { token: tokens.client });
    expect(byBuyer.body.status).toBe('COMPLIANCE_HOLD');
    expect(JSON.stringify(byBuyer.body)).not.toMatch(/export-control|arms-and-ammunition|heldBy|compliance/);
    // a held order does not lock the supplier's amount
    expect(await tradeAssuranceOf(supplierId)).toMatchObject({ reserved: 0 });
  });

  it('never oversubscribes: of 20 orders whose confirmations race, the 13 the amount covers are confirmed', async () => {
    // Prepare: 4,000.00 USD available; 20 buyers each order 300.00 USD (one buyer's 6th order would be held)
    const supplierId = await createSupplier({ limit: 400_000 });
    const before = await tradeAssuranceOf(supplierId);
    const body = await orderBody(supplierId, {
      items: [{ description: 'Ceramic mugs', hsCode: '691200', quantity: 100, unitPrice: 300 }],
    });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => createBuyer()));
    const placed = await Promise.all(
      buyers.map((buyer) => callApi(apiUrl, 'POST', '/orders', { token: buyer.token, body })),
    );
    const afterPlacing = await tradeAssuranceOf(supplierId);

    // Act
    const answers = await Promise.all(
      placed.map((order) => journey.answerOrder(supplierToken(supplierId), order.body.orderId)),
    );

    // Assess
    expect(placed.map((order) => order.body.status)).toEqual(Array(20).fill('AWAITING_SUPPLIER_CONFIRMATION'));
    expect(afterPlacing).toMatchObject({ reserved: 0, available: 400_000 });
    const confirmed = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(before.available).toBe(400_000);
    expect(confirmed).toHaveLength(13);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'COVERAGE_EXCEEDS_AVAILABLE', requestedCoverage: 30_000 });
      expect(answer.body.detail).toMatch(/USD 300\.00 exceeds the USD (0|100)\.00 of Trade Assurance available/);
    }
    const stored = await db.send(
      new GetCommand({ TableName: tableName, Key: tradeAssuranceKey(supplierId), ConsistentRead: true }),
    );
    expect(stored.Item).toMatchObject({ reserved: 390_000, available: 10_000, limit: 400_000 });
    // a refused confirmation leaves its order awaiting the supplier, with nothing reserved for it
    const unconfirmed = placed[answers.indexOf(refused[0]!)]!.body.orderId;
    const view = await callApi(apiUrl, 'GET', `/orders/${unconfirmed}`, { token: tokens.reviewer });
    expect(view.body).toMatchObject({ status: 'AWAITING_SUPPLIER_CONFIRMATION' });
    expect(view.body).not.toHaveProperty('reservation');
  });
});

describe('voluntary enrolment in Trade Assurance', () => {
  it('covers orders only while the supplier is enrolled; leaving keeps the cover of orders already confirmed', async () => {
    // Prepare: a supplier that signed up, qualified but not enrolled
    const owner = await signUp(apiUrl, 'client');
    const supplierId = await createSupplier({ partyId: owner.partyId!, limit: 1_000_000, enrolled: false });
    const body = await orderBody(supplierId);
    const enrolment = `/suppliers/${supplierId}/trade-assurance/enrolment`;
    // a buyer of its own, whose orders no other test's count towards velocity
    const buyer = await createBuyer();
    const placeOrder = (order: unknown) => callApi(apiUrl, 'POST', '/orders', { token: buyer.token, body: order });

    // Act
    const before = await placeOrder(body);
    const notEnrolled = await tradeAssuranceOf(supplierId);
    const byOther = await callApi(apiUrl, 'POST', enrolment, { token: tokens.client });
    const joined = await callApi(apiUrl, 'POST', enrolment, { token: owner.token });
    const joinedAgain = await callApi(apiUrl, 'POST', enrolment, { token: owner.token });
    const placed = await placeOrder(body);
    const placedToo = await placeOrder(body);
    await journey.confirmOrder(owner.token, placed.body.orderId);
    const left = await callApi(apiUrl, 'DELETE', enrolment, { token: owner.token });
    const after = await placeOrder(body);
    const confirmedAfterLeaving = await journey.answerOrder(owner.token, placedToo.body.orderId);
    const account = await tradeAssuranceOf(supplierId);

    // Assess
    expect(before.status).toBe(409);
    expect(before.body).toMatchObject({ code: 'SUPPLIER_NOT_ENROLLED' });
    expect(notEnrolled.enrolled).toBe(false);
    expect(byOther.status).toBe(403);
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({ supplierId, enrolled: true, enrolledAt: expect.any(String) });
    expect(joinedAgain.body).toEqual(joined.body);
    expect(placed.status).toBe(201);
    expect(left.body).toEqual({ supplierId, enrolled: false, leftAt: expect.any(String) });
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'SUPPLIER_NOT_ENROLLED' });
    // an order placed while enrolled but not yet confirmed cannot take cover from a supplier that left
    expect(confirmedAfterLeaving.status).toBe(409);
    expect(confirmedAfterLeaving.body).toMatchObject({ code: 'SUPPLIER_NOT_ENROLLED' });
    // the order confirmed while enrolled keeps its cover
    expect(account).toMatchObject({ enrolled: false, reserved: placed.body.coveredAmount });
    const audit = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `PARTY#${supplierId}`, ':audit': 'AUDIT#' },
      }),
    );
    expect(audit.Items!.map((entry) => entry.type)).toEqual(['TRADE_ASSURANCE_ENROLLED', 'TRADE_ASSURANCE_LEFT']);
  });
});

describe('compliance without false alarms', () => {
  it('places a plain USD 40,000 order with no hold: the large amount is a flag that only staff read', async () => {
    // Prepare
    const supplierId = await createSupplier({ limit: 10_000_000 });
    const buyer = await createBuyer();
    const body = await orderBody(supplierId, {
      items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: 8_000, unitPrice: 500 }],
    });

    // Act
    const placed = await callApi(apiUrl, 'POST', '/orders', { token: buyer.token, body });
    const byStaff = await callApi(apiUrl, 'GET', `/orders/${placed.body.orderId}`, { token: tokens.reviewer });
    const byBuyer = await callApi(apiUrl, 'GET', `/orders/${placed.body.orderId}`, { token: buyer.token });

    // Assess
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'AWAITING_SUPPLIER_CONFIRMATION', coveredAmount: 4_000_000 });
    expect(byStaff.body.compliance.decision).toBe('PASS');
    expect(byStaff.body.compliance.outcomes).toEqual([
      expect.objectContaining({
        ruleId: 'aml/large-amount',
        action: 'FLAG',
        reason: 'The amount USD 40,000.00 is at or over the large-amount threshold of USD 10,000.00',
      }),
    ]);
    expect(byBuyer.body).not.toHaveProperty('compliance');
  });

  it('counts velocity atomically: of 10 concurrent orders by one buyer, 5 go to the supplier and the rest are held', async () => {
    // Prepare: the rule holds a buyer's 6th order within 24 hours
    const supplierId = await createSupplier({ limit: 10_000_000 });
    const buyer = await createBuyer();
    const body = await orderBody(supplierId);

    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => callApi(apiUrl, 'POST', '/orders', { token: buyer.token, body })),
    );

    // Assess
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const statuses = responses.map((response) => response.body.status as string);
    expect(statuses.filter((status) => status === 'AWAITING_SUPPLIER_CONFIRMATION')).toHaveLength(5);
    expect(statuses.filter((status) => status === 'COMPLIANCE_HOLD')).toHaveLength(5);
    const held = responses.filter((response) => response.body.status === 'COMPLIANCE_HOLD');
    for (const response of held) {
      const view = await callApi(apiUrl, 'GET', `/orders/${response.body.orderId}`, { token: tokens.reviewer });
      expect(view.body.compliance.outcomes).toContainEqual(
        expect.objectContaining({ ruleId: 'aml/buyer-velocity', action: 'HOLD' }),
      );
    }
  });
});

describe('the seeded demo supplier', () => {
  it('has its Trade Assurance amount stored by the seed', async () => {
    const stored = await db.send(
      new GetCommand({ TableName: tableName, Key: tradeAssuranceKey(parties.supplier), ConsistentRead: true }),
    );
    expect(stored.Item).toMatchObject({ qualified: true, currency: 'USD', rulesVersion: expect.any(String) });
    expect(stored.Item?.limit).toBeGreaterThan(0);
    expect(stored.Item?.available).toBe(stored.Item!.limit - stored.Item!.reserved);
  });
});
