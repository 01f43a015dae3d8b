import { retryDelaysMs } from '../../functions/events/models/webhook-delivery';
import { callApi, eventually, readStackFile, signUp, type DevCredentials } from './support/api-client';
import { anaSouza, individualApplication, passportOf, utilityBillOf } from './support/kyc-documents';
import { createKycJourney } from './support/kyc-journey';
import { createOrderJourney } from './support/order-journey';
import { createDataDir, startStack, stopAndRemoveStack, waitForExit, type StackProcess } from './support/stack-process';
import { startWebhookReceiver, verifyDelivery, type ReceivedWebhook } from './support/webhook-receiver';

/*
 * Outbound events on a stack of this suite's own (its clock moves), with real receivers on loopback that
 * verify every delivery with the standardwebhooks library (DESIGN, "Outbound events").
 */

/**
 * A receiver that does not answer fails the attempt after this (15 s on a real deployment): short, so the
 * test of a hanging receiver is quick, and long enough that a loaded CI machine's receiver answers in time.
 */
const attemptTimeoutMs = 5_000;

let stack: StackProcess;
let credentials: DevCredentials;
let journey: ReturnType<typeof createOrderJourney>;
const receivers: Awaited<ReturnType<typeof startWebhookReceiver>>[] = [];

async function start(dataDir: string) {
  stack = await startStack(dataDir, 90_000, { WEBHOOK_ATTEMPT_TIMEOUT_MS: String(attemptTimeoutMs) });
  credentials = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json');
  journey = createOrderJourney(stack.apiUrl, credentials);
}

beforeAll(async () => {
  await start(createDataDir('outbound-events'));
}, 120_000);

afterAll(async () => {
  for (const receiver of receivers) await receiver.stop();
  if (stack) await stopAndRemoveStack(stack);
});

async function receiver() {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

const admin = () => credentials.tokens.admin;

/** Subscribes an endpoint; returns its id and secret. */
async function subscribe(url: string, eventTypes: string[]) {
  const created = await callApi(stack.apiUrl, 'POST', '/webhook-endpoints', {
    token: admin(),
    body: { url, eventTypes },
  });
  expect(created.status).toBe(201);
  return { endpointId: created.body.endpointId as string, secret: created.body.secret as string };
}

async function deliveriesOf(endpointId: string, query = '') {
  const response = await callApi(stack.apiUrl, 'GET', `/webhook-endpoints/${endpointId}/deliveries${query}`, {
    token: admin(),
  });
  expect(response.status).toBe(200);
  return response.body.deliveries as {
    deliveryId: string;
    eventId: string;
    eventType: string;
    status: string;
    attempts: { at: string; scheduledFor: string; result: string; httpStatus?: number; error?: string }[];
    nextAttemptAt?: string;
    event: { data: Record<string, unknown> };
  }[];
}

async function advance(duration: string) {
  const moved = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: duration } });
  expect(moved.status).toBe(200);
}

const day = 86_400_000;

async function placeConfirmedOrder(token = credentials.tokens.client) {
  const today = await journey.clockNow();
  const orderId = await journey.placeOrder(token, {
    supplierId: credentials.parties.supplier,
    items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: 100, unitPrice: 5_000 }],
    currency: 'USD',
    coverage: 'FULL',
    shipBy: new Date(today.getTime() + 20 * day).toISOString().slice(0, 10),
    destinationCountry: 'DE',
    qualitySpec: '100% cotton, 180 gsm',
  });
  await journey.confirmOrder(credentials.tokens.supplier, orderId);
  return orderId;
}

/**
 * Each event once, at its first arrival: delivery is at least once, so a receiver deduplicates on
 * `webhook-id`, as the README tells integrators to.
 */
const firstArrivals = (requests: ReceivedWebhook[]) =>
  requests.filter((request, index) => requests.findIndex((other) => other.event.id === request.event.id) === index);

const ofSubject = (requests: ReceivedWebhook[], key: string, id: string) =>
  requests.filter((request) => request.event.data[key] === id);

describe('outbound events: every change, signed, in order per subject', () => {
  it('delivers an order its events in order, each verified by the standardwebhooks library', async () => {
    // Prepare
    const marketplace = await receiver();
    const endpoint = await subscribe(marketplace.url, ['*']);

    // Act
    const orderId = await placeConfirmedOrder();
    await journey.waitForMilestone(credentials.tokens.client, orderId, 'PAYMENT');
    expect((await journey.pay(orderId, 500_000)).status).toBe(200);
    await journey.waitForMilestone(credentials.tokens.client, orderId, 'SHIPMENT');
    const requests = await eventually(
      async () => firstArrivals(ofSubject(marketplace.received, 'orderId', orderId)),
      (found) => found.length >= 3,
    );

    // Assess
    expect(requests.map((request) => request.event.type)).toEqual(['order.placed', 'order.confirmed', 'order.paid']);
    expect(requests[0]!.event.data).toEqual({
      orderId,
      status: 'AWAITING_SUPPLIER_CONFIRMATION',
      amount: 500_000,
      currency: 'USD',
    });
    expect(requests[2]!.event.data).toEqual({ orderId, status: 'AWAITING_SHIPMENT', amount: 500_000, currency: 'USD' });
    for (const request of requests) {
      // the library accepts the signature, and the body is exactly {type, id, occurredAt, data}
      expect(verifyDelivery(endpoint.secret, request)).toEqual(request.event);
      expect(Object.keys(request.event)).toEqual(['type', 'id', 'occurredAt', 'data']);
      expect(request.headers['webhook-id']).toBe(request.event.id);
      expect(request.answered).toBe(200);
    }
    // never personal data, partner ids or users: ids, statuses and amounts only
    expect(JSON.stringify(requests)).not.toMatch(/partner|client|usr_|@|reason/i);
    const log = await deliveriesOf(endpoint.endpointId);
    expect(log.filter((entry) => entry.event.data.orderId === orderId).map((entry) => entry.status)).toEqual([
      'DELIVERED',
      'DELIVERED',
      'DELIVERED',
    ]);
  });

  it('delivers a KYC case its sequence, and the party its new standing, in order', async () => {
    // Prepare
    const marketplace = await receiver();
    const endpoint = await subscribe(marketplace.url, ['kyc.case.submitted', 'kyc.case.approved', 'party.kyc.changed']);
    const identity = await signUp(stack.apiUrl, 'client', 'ana.events');
    const token = identity.token;
    const partyId = identity.partyId!;
    const kyc = createKycJourney(stack.apiUrl);
    const today = await kyc.clockNow();

    // Act
    const caseId = await kyc.openCase(token, individualApplication(anaSouza, 'ana.events@example.com'));
    await kyc.uploadDocument(token, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await kyc.uploadDocument(token, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
    expect((await kyc.submit(token, caseId)).status).toBe(202);
    await kyc.waitForStatus(token, caseId, ['APPROVED']);
    const requests = await eventually(
      async () =>
        firstArrivals(
          marketplace.received.filter(
            (request) => request.event.data.caseId === caseId || request.event.data.partyId === partyId,
          ),
        ),
      (found) => found.length >= 3,
    );

    // Assess
    expect(requests.map((request) => [request.event.type, request.event.data])).toEqual([
      ['kyc.case.submitted', { caseId, status: 'PROCESSING' }],
      ['kyc.case.approved', { caseId, status: 'APPROVED' }],
      ['party.kyc.changed', { partyId, standing: 'APPROVED', tier: 'STANDARD' }],
    ]);
    for (const request of requests) expect(verifyDelivery(endpoint.secret, request)).toEqual(request.event);
    expect(JSON.stringify(requests)).not.toContain('Souza');
  });
});

describe('the applicant is notified', () => {
  it('emails the applicant when information is requested and when the case is approved: the message only', async () => {
    // Prepare: a case with the passport only, so the proof of address is asked for
    const identity = await signUp(stack.apiUrl, 'client', 'ana.mail');
    const kyc = createKycJourney(stack.apiUrl);
    const today = await kyc.clockNow();
    const address = 'ana.mail@example.com';
    const caseId = await kyc.openCase(identity.token, individualApplication(anaSouza, address));
    await kyc.uploadDocument(identity.token, caseId, 'PASSPORT', await passportOf(anaSouza, today));

    // Act
    expect((await kyc.submit(identity.token, caseId)).status).toBe(202);
    await kyc.waitForStatus(identity.token, caseId, ['INFO_REQUESTED']);
    const asked = await eventually(
      async () => (await callApi(stack.apiUrl, 'GET', `/_local/mailbox?to=${address}`)).body.emails,
      (emails) => emails.length === 1,
    );
    await kyc.uploadDocument(identity.token, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
    expect((await kyc.submit(identity.token, caseId)).status).toBe(202);
    await kyc.waitForStatus(identity.token, caseId, ['APPROVED']);
    const emails = await eventually(
      async () => (await callApi(stack.apiUrl, 'GET', `/_local/mailbox?to=${address}`)).body.emails,
      (found) => found.length === 2,
    );
    const view = (await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: identity.token })).body;

    // Assess
    expect(asked[0]).toMatchObject({
      to: [address],
      from: expect.stringContaining('no-reply@trustflow.local'),
      subject: 'We need a little more to complete your verification',
    });
    for (const request of view.requestedDocuments ?? []) expect(asked[0].text).toContain(request.reason);
    expect(asked[0].text).toMatch(/proof of address|address/i);
    expect(emails[1]).toMatchObject({ to: [address], subject: 'Your verification is complete' });
    expect(emails[1].text).toContain(view.decision.message);
    expect(emails[1].text).toContain(caseId);
    // the plain-language message only: no screening, risk, checks or staff reasons
    for (const email of emails) expect(email.text).not.toMatch(/screen|risk|score|check|reviewer|sanction/i);
  });
});

describe('retries on the clock', () => {
  it('gets an event to a receiver that fails, then times out, then recovers: same id, on the back-off schedule', async () => {
    // Prepare
    const flaky = await receiver();
    flaky.answerNext(500, 'HANG');
    const endpoint = await subscribe(flaky.url, ['order.placed']);

    // Act: the first attempt at once (500), the second 5 s later (no answer), the third 5 min after that
    const orderId = await placeConfirmedOrder();
    await eventually(
      async () => ofSubject(flaky.received, 'orderId', orderId),
      (found) => found.length === 1,
    );
    await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0]!,
      (delivery) => delivery.attempts.length === 1,
    );
    await advance('PT5S');
    const afterTimeout = await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0]!,
      (delivery) => delivery.attempts.length === 2,
      10_000,
    );
    await advance('PT5M');
    const delivered = await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0]!,
      (delivery) => delivery.status === 'DELIVERED',
    );

    // Assess
    const requests = ofSubject(flaky.received, 'orderId', orderId);
    expect(requests.map((request) => request.answered)).toEqual([500, 'HUNG', 200]);
    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    for (const request of requests) expect(verifyDelivery(endpoint.secret, request)).toEqual(request.event);
    expect(afterTimeout.status).toBe('PENDING');
    expect(afterTimeout.attempts[1]).toMatchObject({ result: 'FAILED', error: expect.stringMatching(/no answer/) });
    const [first, second, third] = delivered.attempts.map((attempt) => Date.parse(attempt.scheduledFor));
    expect(second! - first!).toBe(retryDelaysMs[0]);
    expect(third! - second!).toBe(retryDelaysMs[1]);
    expect(delivered.attempts.map((attempt) => [attempt.result, attempt.httpStatus])).toEqual([
      ['FAILED', 500],
      ['FAILED', undefined],
      ['DELIVERED', 200],
    ]);
    // the signed timestamp is the clock's: each attempt's own
    expect(requests.map((request) => Number(request.headers['webhook-timestamp']) * 1000)).toEqual(
      delivered.attempts.map((attempt) => Math.floor(Date.parse(attempt.at) / 1000) * 1000),
    );
  });

  it('plays out the whole schedule in one jump of the clock, then is retried by hand', async () => {
    // Prepare
    const down = await receiver();
    down.answerAlways(503);
    const endpoint = await subscribe(down.url, ['order.confirmed']);
    const orderId = await placeConfirmedOrder();
    await eventually(
      async () => ofSubject(down.received, 'orderId', orderId),
      (found) => found.length === 1,
    );

    // Act
    await advance('P2D');
    const dead = await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0]!,
      (delivery) => delivery.status === 'DEAD',
    );
    down.answerAlways(200);
    const retried = await callApi(
      stack.apiUrl,
      'POST',
      `/webhook-endpoints/${endpoint.endpointId}/deliveries/${dead.deliveryId}/retry`,
      { token: admin() },
    );
    const again = await callApi(
      stack.apiUrl,
      'POST',
      `/webhook-endpoints/${endpoint.endpointId}/deliveries/${dead.deliveryId}/retry`,
      { token: admin() },
    );

    // Assess: 8 attempts, each wait of the schedule after the one before
    expect(dead.attempts).toHaveLength(retryDelaysMs.length + 1);
    const scheduled = dead.attempts.map((attempt) => Date.parse(attempt.scheduledFor));
    expect(scheduled.slice(1).map((at, index) => at - scheduled[index]!)).toEqual([...retryDelaysMs]);
    expect(dead.attempts.every((attempt) => attempt.httpStatus === 503)).toBe(true);
    expect(dead.nextAttemptAt).toBeUndefined();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'DELIVERED', deliveryId: dead.deliveryId });
    expect(retried.body.attempts.at(-1)).toMatchObject({ result: 'DELIVERED', httpStatus: 200, manual: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_DELIVERED');
    const requests = ofSubject(down.received, 'orderId', orderId);
    expect(requests).toHaveLength(retryDelaysMs.length + 2);
    expect(new Set(requests.map((request) => request.event.id)).size).toBe(1);
    expect((await deliveriesOf(endpoint.endpointId, '?status=DELIVERED')).map((d) => d.deliveryId)).toEqual([
      dead.deliveryId,
    ]);
  });
});

describe('a receiver that comes back', () => {
  it('gets its backlog at once after the first delivered attempt, not at the retries 30 min to 10 h later', async () => {
    // Prepare: two events fail through the first retries of a 10-minute outage
    const outage = await receiver();
    outage.answerAlways(503);
    const endpoint = await subscribe(outage.url, ['order.confirmed']);
    const during = [await placeConfirmedOrder(), await placeConfirmedOrder()];
    await eventually(
      async () => await deliveriesOf(endpoint.endpointId),
      (log) => log.length === 2 && log.every((delivery) => delivery.attempts.length === 1),
    );
    await advance('PT10M');
    const waiting = await eventually(
      async () => await deliveriesOf(endpoint.endpointId),
      (log) => log.every((delivery) => delivery.attempts.length === 3),
    );

    // Act: the receiver is back, and the next change is delivered
    outage.answerAlways(200);
    const after = await placeConfirmedOrder();
    const drained = await eventually(
      async () => await deliveriesOf(endpoint.endpointId),
      (log) => log.length === 3 && log.every((delivery) => delivery.status === 'DELIVERED'),
    );

    // Assess: the two waited for a retry 30 min on; they went with no move of the clock
    expect(waiting.map((delivery) => delivery.status)).toEqual(['PENDING', 'PENDING']);
    const clock = Date.parse((await callApi(stack.apiUrl, 'GET', '/_local/clock')).body.now);
    for (const delivery of waiting) expect(Date.parse(delivery.nextAttemptAt!)).toBeGreaterThan(clock + 60_000);
    expect(drained.map((delivery) => delivery.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
    for (const orderId of [...during, after]) {
      expect(ofSubject(outage.received, 'orderId', orderId).at(-1)!.answered).toBe(200);
    }
  });
});

describe('endpoints that change', () => {
  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    // Prepare
    const marketplace = await receiver();
    const endpoint = await subscribe(marketplace.url, ['order.placed']);
    const rotated = await callApi(stack.apiUrl, 'POST', `/webhook-endpoints/${endpoint.endpointId}/secret/rotate`, {
      token: admin(),
    });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;

    // Act
    const during = await placeConfirmedOrder();
    const duringRequest = await eventually(
      async () => ofSubject(marketplace.received, 'orderId', during)[0],
      (found) => found !== undefined,
    );
    await advance('PT25H');
    const after = await placeConfirmedOrder();
    const afterRequest = await eventually(
      async () => ofSubject(marketplace.received, 'orderId', after)[0],
      (found) => found !== undefined,
    );

    // Assess
    expect(String(duringRequest!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyDelivery(endpoint.secret, duringRequest!)).toEqual(duringRequest!.event);
    expect(verifyDelivery(newSecret, duringRequest!)).toEqual(duringRequest!.event);
    expect(String(afterRequest!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyDelivery(newSecret, afterRequest!)).toEqual(afterRequest!.event);
    expect(() => verifyDelivery(endpoint.secret, afterRequest!)).toThrow(/signature/i);
  });

  it('sends nothing to a disabled endpoint', async () => {
    // Prepare
    const marketplace = await receiver();
    const endpoint = await subscribe(marketplace.url, ['order.placed']);
    const watcher = await receiver();
    await subscribe(watcher.url, ['order.placed']);
    const disabled = await callApi(stack.apiUrl, 'PATCH', `/webhook-endpoints/${endpoint.endpointId}`, {
      token: admin(),
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);

    // Act: another endpoint hears of the order, so the event was sent
    const orderId = await placeConfirmedOrder();
    await eventually(
      async () => ofSubject(watcher.received, 'orderId', orderId),
      (found) => found.length === 1,
    );
    await advance('PT1H');

    // Assess
    expect(ofSubject(marketplace.received, 'orderId', orderId)).toEqual([]);
    expect(await deliveriesOf(endpoint.endpointId)).toEqual([]);
  });

  it('disables an endpoint that failed for 5 days in a row, with an event to the others', async () => {
    // Prepare
    const broken = await receiver();
    broken.answerAlways(500);
    const endpoint = await subscribe(broken.url, ['order.placed']);
    const operations = await receiver();
    const watching = await subscribe(operations.url, ['webhook.endpoint.disabled']);

    // Act: an event a day fails all day, until the fifth day
    for (let index = 0; index < 6; index++) {
      const orderId = await placeConfirmedOrder();
      await eventually(
        async () => ofSubject(broken.received, 'orderId', orderId),
        (found) => found.length >= 1,
      );
      await advance('P1D');
    }
    const read = await eventually(
      async () =>
        (await callApi(stack.apiUrl, 'GET', `/webhook-endpoints/${endpoint.endpointId}`, { token: admin() })).body,
      (view) => view.disabled === true,
    );
    const notice = await eventually(
      async () => operations.received.find((request) => request.event.data.endpointId === endpoint.endpointId),
      (found) => found !== undefined,
    );

    // Assess
    expect(read).toMatchObject({
      disabled: true,
      disabledReason: expect.stringMatching(/^Every attempt failed since/),
    });
    expect(notice!.event).toMatchObject({
      type: 'webhook.endpoint.disabled',
      data: { endpointId: endpoint.endpointId, reason: 'FAILING_5_DAYS' },
    });
    expect(verifyDelivery(watching.secret, notice!)).toEqual(notice!.event);
    const failingFor =
      Date.parse(read.updatedAt) - Date.parse(read.disabledReason.replace('Every attempt failed since ', ''));
    expect(failingFor).toBeGreaterThanOrEqual(5 * day);
  });

  it('disables an endpoint whose receiver answers 410 Gone', async () => {
    // Prepare
    const gone = await receiver();
    gone.answerAlways(410);
    const endpoint = await subscribe(gone.url, ['order.placed']);

    // Act
    await placeConfirmedOrder();
    const read = await eventually(
      async () =>
        (await callApi(stack.apiUrl, 'GET', `/webhook-endpoints/${endpoint.endpointId}`, { token: admin() })).body,
      (view) => view.disabled === true,
    );
    const log = await deliveriesOf(endpoint.endpointId);

    // Assess
    expect(read.disabledReason).toBe('The receiver answered 410 Gone');
    expect(log[0]).toMatchObject({ status: 'DEAD', attempts: [{ result: 'GONE', httpStatus: 410 }] });
  });
});

describe('never lost', () => {
  it('loses no pending delivery when the stack is killed with kill -9', async () => {
    // Prepare: the receiver is down, so the delivery waits for its retry
    const marketplace = await receiver();
    marketplace.answerAlways(503);
    const endpoint = await subscribe(marketplace.url, ['order.confirmed']);
    const orderId = await placeConfirmedOrder();
    await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0],
      (delivery) => delivery?.attempts.length === 1,
    );

    // Act
    const exited = waitForExit(stack.child);
    stack.child.kill('SIGKILL');
    await exited;
    // the receiver comes back while the stack is down; the retry was due 5 s after the first attempt
    marketplace.answerAlways(200);
    await start(stack.dataDir);
    await advance('PT5S');
    const delivered = await eventually(
      async () => (await deliveriesOf(endpoint.endpointId))[0]!,
      (delivery) => delivery.status === 'DELIVERED',
    );

    // Assess
    expect(delivered.attempts.map((attempt) => attempt.result)).toEqual(['FAILED', 'DELIVERED']);
    const requests = ofSubject(marketplace.received, 'orderId', orderId);
    expect(requests.map((request) => request.answered)).toEqual([503, 200]);
    expect(verifyDelivery(endpoint.secret, requests[1]!)).toEqual(requests[1]!.event);
  }, 180_000);
});

describe('the catalogue', () => {
  it('lists in GET /asyncapi.json every event type the receivers of this suite were sent, with a matching schema', async () => {
    // Prepare
    const sent = receivers.flatMap((started) => started.received.map((request) => request.event));

    // Act
    const document = (await callApi(stack.apiUrl, 'GET', '/asyncapi.json')).body as {
      components: {
        messages: Record<string, { name: string; payload: { properties: { data: { required?: string[] } } } }>;
      };
    };

    // Assess
    const messages = new Map(Object.values(document.components.messages).map((message) => [message.name, message]));
    const types = [...new Set(sent.map((event) => event.type))];
    expect(types.length).toBeGreaterThanOrEqual(8);
    for (const event of sent) {
      const message = messages.get(event.type);
      expect(message).toBeDefined();
      for (const field of message!.payload.properties.data.required ?? []) expect(event.data).toHaveProperty(field);
    }
  });
});
