import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monitoredPartyKey } from '../../functions/screening/repositories/monitored-party-repository';
import { callApi, eventually, readStackFile, signUp, type DevCredentials } from './support/api-client';
import {
  anaSouza,
  businessApplication,
  companyDocumentsOf,
  individualApplication,
  passportOf,
  utilityBillOf,
  type TestCompany,
} from './support/kyc-documents';
import { isoDay } from './support/kyc-journey';
import { createKycJourney } from './support/kyc-journey';
import { createOrderJourney } from './support/order-journey';
import { orderFixtures } from './support/order-fixtures';
import { createSfnClient } from './support/sfn-client';
import { connectStackTable } from './support/stack-table';
import { createDataDir, startStack, stopAndRemoveStack, type StackProcess } from './support/stack-process';

/*
 * Ongoing monitoring on a stack of this suite's own (its lists change): a list entry published with
 * `POST /_local/lists` is screened against the monitored names, alerts open as SCREENING_ALERT review tasks,
 * and their decisions suspend the party or are remembered (DESIGN, "Ongoing monitoring").
 */

let stack: StackProcess;
let credentials: DevCredentials;
let orders: ReturnType<typeof createOrderJourney>;
let kyc: ReturnType<typeof createKycJourney>;
let table: ReturnType<typeof connectStackTable>;
let endpoints: Record<string, string>;

beforeAll(async () => {
  stack = await startStack(createDataDir('ongoing-monitoring'), 90_000);
  credentials = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json');
  orders = createOrderJourney(stack.apiUrl, credentials);
  kyc = createKycJourney(stack.apiUrl);
  endpoints = readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json');
  table = connectStackTable(endpoints);
}, 120_000);

afterAll(async () => {
  if (stack) await stopAndRemoveStack(stack);
});

const day = 86_400_000;

/** Publishes list entries as an admin; the answer says what monitoring did. */
async function publishEntries(add: Record<string, unknown>[]) {
  const published = await callApi(stack.apiUrl, 'POST', '/_local/lists', {
    token: credentials.tokens.admin,
    body: { add },
  });
  expect(published.status).toBe(201);
  return published.body as { listVersion: string; added: number; replaced: number; monitoring: any };
}

/** The open SCREENING_ALERT tasks about a party. */
async function openAlertsOf(partyId: string) {
  const queue = await callApi(stack.apiUrl, 'GET', '/review/tasks?kind=SCREENING_ALERT&status=OPEN&limit=100', {
    token: credentials.tokens.reviewer,
  });
  expect(queue.status).toBe(200);
  return (queue.body.tasks as { taskId: string; subject: { type: string; id: string } }[]).filter(
    (task) => task.subject.type === 'PARTY' && task.subject.id === partyId,
  );
}

/** Waits until the party's entry of the monitored-name index holds `count` names (the outbox feeds it). */
async function waitUntilMonitored(partyId: string, count: number) {
  const entry = await eventually(
    async () =>
      (await table.db.send(new GetCommand({ TableName: table.tableName, Key: monitoredPartyKey(partyId) }))).Item,
    (item) => (item?.names as unknown[] | undefined)?.length === count,
  );
  expect((entry?.names as unknown[]).length).toBe(count);
  return entry!;
}

async function decide(taskId: string, token: string, body: Record<string, unknown>) {
  return callApi(stack.apiUrl, 'POST', `/review/tasks/${taskId}/decision`, { token, body });
}

const timberCompany: TestCompany = {
  legalName: 'Wendelborg Timber Export AB',
  registrationNumber: '5598765432',
  taxId: 'SE559876543201',
  country: 'SE',
  address: { line1: 'Kungsgatan 44', city: 'Stockholm', postalCode: '11135', country: 'SE' },
};
const director = {
  givenNames: 'Linnea',
  surname: 'Fjellstrom',
  dateOfBirth: '1980-05-14',
  nationality: 'SE',
  nationality3: 'SWE',
};
const ubo = {
  givenNames: 'Casimir',
  surname: 'Wendelborg',
  dateOfBirth: '1969-07-23',
  nationality: 'DE',
  nationality3: 'DEU',
};

/** A supplier approved through a real KYB case with a director and a UBO, enrolled in Trade Assurance. */
async function onboardSupplier() {
  const identity = await signUp(stack.apiUrl, 'client');
  const today = await kyc.clockNow();
  const caseId = await kyc.openCase(
    identity.token,
    businessApplication(timberCompany, [
      { ...director, role: 'DIRECTOR', ownershipPercent: 0 },
      { ...ubo, role: 'UBO', ownershipPercent: 80 },
    ]),
  );
  for (const [type, bytes] of await companyDocumentsOf(timberCompany, today)) {
    await kyc.uploadDocument(identity.token, caseId, type, bytes);
  }
  expect((await kyc.submit(identity.token, caseId)).status).toBe(202);
  await kyc.waitForStatus(identity.token, caseId, ['APPROVED']);
  // six months of history and an enrolled Trade Assurance account, beside the profile the approval wrote
  await orderFixtures(table, stack.apiUrl).createSupplier({
    partyId: identity.partyId!,
    token: identity.token,
    writeProfile: false,
  });
  return { partyId: identity.partyId!, token: identity.token };
}

async function placePaidOrder(supplier: { partyId: string; token: string }) {
  const today = await orders.clockNow();
  const orderId = await orders.placeOrder(credentials.tokens.client, {
    supplierId: supplier.partyId,
    items: [{ description: 'Pine planks, kiln dried', hsCode: '440711', quantity: 100, unitPrice: 4_000 }],
    currency: 'USD',
    coverage: 'FULL',
    shipBy: new Date(today.getTime() + 30 * day).toISOString().slice(0, 10),
    destinationCountry: 'DE',
    qualitySpec: 'Kiln dried, 12% moisture',
  });
  await orders.confirmOrder(supplier.token, orderId);
  await orders.waitForMilestone(credentials.tokens.client, orderId, 'PAYMENT');
  expect((await orders.pay(orderId, 400_000)).status).toBe(200);
  await orders.waitForMilestone(credentials.tokens.client, orderId, 'SHIPMENT');
  return orderId;
}

describe('ongoing monitoring', () => {
  it("alerts on a new entry matching an approved supplier's UBO; a confirmed match suspends it, holds its paid order and refuses new ones", async () => {
    // Prepare: an approved supplier with a UBO, and a paid order waiting for shipment
    const supplier = await onboardSupplier();
    const orderId = await placePaidOrder(supplier);
    await waitUntilMonitored(supplier.partyId, 3);

    // Act: the lists gain an entry for the UBO
    const published = await publishEntries([
      {
        entityId: 'local:test-ubo-1',
        name: 'WENDELBORG, Casimir',
        type: 'PERSON',
        dateOfBirth: '1969-07-23',
        countries: ['DE'],
        programs: ['TEST-SANCTIONS'],
      },
    ]);

    // Assess: one refresh, one alert, explained like a search
    expect(published.monitoring).toMatchObject({ action: 'DELTA', added: 1, alertsOpened: 1 });
    const [alert] = await openAlertsOf(supplier.partyId);
    expect(alert).toBeDefined();
    const task = await callApi(stack.apiUrl, 'GET', `/review/tasks/${alert!.taskId}`, {
      token: credentials.tokens.reviewer,
    });
    expect(task.status).toBe(200);
    expect(task.body.kind).toBe('SCREENING_ALERT');
    expect(task.body.allowedDecisions).toEqual(['FALSE_POSITIVE', 'CONFIRMED_MATCH']);
    const evidence = task.body.evidence;
    expect(evidence.alert).toMatchObject({ entityId: 'local:test-ubo-1', listVersion: published.listVersion });
    expect(evidence.alert.matches).toHaveLength(1);
    expect(evidence.alert.matches[0]).toMatchObject({ role: 'UBO', name: 'Casimir Wendelborg' });
    expect(evidence.alert.matches[0].hit.score).toBeGreaterThanOrEqual(0.9);
    expect(evidence.alert.matches[0].hit.explanation.map((feature: { feature: string }) => feature.feature)).toEqual(
      expect.arrayContaining(['NAME', 'DATE_OF_BIRTH']),
    );
    expect(evidence.openOrders).toEqual([expect.objectContaining({ orderId, role: 'SUPPLIER', held: 400_000 })]);
    // the same search through the API gives the same score
    const searched = await callApi(stack.apiUrl, 'POST', '/screening/search', {
      token: credentials.tokens.reviewer,
      body: { name: 'Casimir Wendelborg', type: 'PERSON', dateOfBirth: '1969-07-23', country: 'DE' },
    });
    expect(searched.body.hits[0]).toMatchObject({
      entityId: 'local:test-ubo-1',
      score: evidence.alert.matches[0].hit.score,
    });

    // Act: a confirmed match needs two reviewers
    const proposed = await decide(alert!.taskId, credentials.tokens.reviewer, {
      decision: 'CONFIRMED_MATCH',
      reason: 'Name and date of birth of the UBO match the new listing',
    });
    const standingBefore = await callApi(stack.apiUrl, 'GET', `/parties/${supplier.partyId}/kyc`, {
      token: credentials.tokens.admin,
    });
    const approved = await callApi(stack.apiUrl, 'POST', `/review/tasks/${alert!.taskId}/approval`, {
      token: credentials.tokens.reviewer2,
      body: { approve: true, reason: 'Checked the listing' },
    });

    // Assess: suspended, the paid order on hold with its money frozen, new orders refused
    expect(proposed.status).toBe(202);
    expect(standingBefore.body.standing).toBe('APPROVED');
    expect(approved.status).toBe(200);
    const standing = await callApi(stack.apiUrl, 'GET', `/parties/${supplier.partyId}/kyc`, {
      token: credentials.tokens.admin,
    });
    expect(standing.body.standing).toBe('SUSPENDED');
    const held = await eventually(
      () => orders.readOrder(credentials.tokens.admin, orderId),
      (order) => order.hold !== undefined,
    );
    expect(held.hold).toMatchObject({ partyId: supplier.partyId, role: 'SUPPLIER', escrowFrozen: true });
    const invariants = await callApi(stack.apiUrl, 'GET', `/admin/ledger/invariants?orderId=${orderId}`, {
      token: credentials.tokens.admin,
    });
    expect(invariants.body.ok).toBe(true);
    const buyerView = await orders.readOrder(credentials.tokens.client, orderId);
    expect(JSON.stringify(buyerView)).not.toMatch(/hold"|SUSPENDED|ORDER_HELD|test-ubo|Wendelborg, Casimir/i);
    const refused = await callApi(stack.apiUrl, 'POST', '/orders', {
      token: credentials.tokens.client,
      body: {
        supplierId: supplier.partyId,
        items: [{ description: 'Pine planks', hsCode: '440711', quantity: 10, unitPrice: 4_000 }],
        currency: 'USD',
        coverage: 'FULL',
        shipBy: new Date((await orders.clockNow()).getTime() + 30 * day).toISOString().slice(0, 10),
        destinationCountry: 'DE',
        qualitySpec: 'Kiln dried',
      },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PARTY_SUSPENDED');
  });

  it('remembers a false positive through a full re-screen, and alerts again once the entry changes', async () => {
    // Prepare: the seeded demo supplier is monitored by the name it trades under
    const supplierId = credentials.parties.supplier;
    await waitUntilMonitored(supplierId, 1);
    const entry = {
      entityId: 'local:test-demo-supplier',
      name: 'Demo Supplier Company Limited',
      type: 'ORGANIZATION',
      countries: ['CN'],
      programs: ['TEST-SANCTIONS'],
    };
    const first = await publishEntries([entry]);
    expect(first.monitoring).toMatchObject({ action: 'DELTA', alertsOpened: 1 });
    const [alert] = await openAlertsOf(supplierId);
    const dismissed = await decide(alert!.taskId, credentials.tokens.reviewer, {
      decision: 'FALSE_POSITIVE',
      reason: 'A different company: other registration, other owners',
    });
    expect(dismissed.status).toBe(200);

    // Act: every monitored name screened again through the Distributed Map
    const started = await callApi(stack.apiUrl, 'POST', '/admin/monitoring/rescreen', {
      token: credentials.tokens.admin,
      body: { reason: 'integration test' },
    });
    expect(started.status).toBe(202);
    const sfn = createSfnClient(endpoints.sfn!);
    const execution = await eventually(
      () => sfn.send(new DescribeExecutionCommand({ executionArn: started.body.executionArn })),
      (described) => described.status !== 'RUNNING',
      60_000,
    );

    // Assess: the entry still resembles the supplier, but the remembered false positive opens nothing
    expect(execution.status).toBe('SUCCEEDED');
    const summary = JSON.parse(execution.output!);
    expect(summary.names).toBeGreaterThanOrEqual(5);
    expect(summary.alertsSuppressed).toBeGreaterThanOrEqual(1);
    expect(summary.recorded).toBe(true);
    expect(await openAlertsOf(supplierId)).toEqual([]);

    // Act: the entry changes (a new program): it alerts again
    const changed = await publishEntries([{ ...entry, programs: ['TEST-SANCTIONS', 'TEST-EXPORT-CONTROLS'] }]);

    // Assess
    expect(changed.replaced).toBe(1);
    expect(changed.monitoring).toMatchObject({ action: 'DELTA', changed: 1, alertsOpened: 1 });
    const [again] = await openAlertsOf(supplierId);
    expect(again!.taskId).not.toBe(alert!.taskId);
  });

  it('opens a refresh case when the periodic review falls due (here by passport expiry), and lapses the standing when it is not submitted', async () => {
    // Prepare: an applicant approved with a passport that expires in 45 days
    const applicant = await signUp(stack.apiUrl, 'client');
    const today = await kyc.clockNow();
    const caseId = await kyc.openCase(applicant.token, individualApplication(anaSouza));
    await kyc.uploadDocument(
      applicant.token,
      caseId,
      'PASSPORT',
      await passportOf(anaSouza, today, { expiryDate: isoDay(today, 45) }),
    );
    await kyc.uploadDocument(applicant.token, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
    expect((await kyc.submit(applicant.token, caseId)).status).toBe(202);
    await kyc.waitForStatus(applicant.token, caseId, ['APPROVED']);
    const standingOf = async () =>
      (await callApi(stack.apiUrl, 'GET', `/parties/${applicant.partyId}/kyc`, { token: applicant.token })).body;
    const approved = (
      await callApi(stack.apiUrl, 'GET', `/parties/${applicant.partyId}/kyc`, { token: credentials.tokens.admin })
    ).body;

    // Act: the passport's expiry passes
    await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: 'P46D' } });
    const due = await eventually(standingOf, (standing) => standing.refresh !== undefined);
    const refreshCase = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${due.refresh.caseId}`, {
      token: applicant.token,
    });

    // Assess: the review fell due with the passport, not three years after a LOW-risk approval
    expect(approved).toMatchObject({ standing: 'APPROVED', riskLevel: 'LOW' });
    expect(approved.reviewDueAt).toBe(`${isoDay(today, 45)}T00:00:00.000Z`);
    expect(due).toMatchObject({ standing: 'APPROVED', refresh: { lapsed: false } });
    expect(refreshCase.status).toBe(200);
    expect(refreshCase.body).toMatchObject({ status: 'AWAITING_DOCUMENTS', refreshOf: caseId });

    // Act: 30 days go by without a submission
    await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: 'P31D' } });
    const lapsed = await eventually(standingOf, (standing) => standing.standing === 'PENDING');
    const order = await callApi(stack.apiUrl, 'POST', '/orders', {
      token: applicant.token,
      body: {
        supplierId: credentials.parties.supplier,
        items: [{ description: 'Desk lamps', hsCode: '940520', quantity: 10, unitPrice: 2_000 }],
        currency: 'USD',
        coverage: 'FULL',
        shipBy: new Date((await orders.clockNow()).getTime() + 20 * day).toISOString().slice(0, 10),
        destinationCountry: 'DE',
        qualitySpec: 'CE marked',
      },
    });

    // Assess: PENDING until the refresh case is approved, and new orders refused as such
    expect(lapsed.refresh).toEqual({ caseId: due.refresh.caseId, submitBy: due.refresh.submitBy, lapsed: true });
    expect(order.status).toBe(409);
    expect(order.body).toMatchObject({ code: 'KYC_REFRESH_REQUIRED', refreshCaseId: due.refresh.caseId });
  });

  it('lets only an admin publish list entries, and refuses a malformed one precisely', async () => {
    // Act
    const anonymous = await callApi(stack.apiUrl, 'POST', '/_local/lists', { body: { add: [] } });
    const reviewer = await callApi(stack.apiUrl, 'POST', '/_local/lists', {
      token: credentials.tokens.reviewer,
      body: { add: [] },
    });
    const malformed = await callApi(stack.apiUrl, 'POST', '/_local/lists', {
      token: credentials.tokens.admin,
      body: { add: [{ entityId: 'x', name: 'Someone', type: 'PERSON', dateOfBirth: '12/03/1970', programs: [] }] },
    });

    // Assess
    expect(anonymous.status).toBe(401);
    expect(reviewer.status).toBe(403);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(malformed.body.errors)).toMatch(/dateOfBirth/);
    expect(JSON.stringify(malformed.body.errors)).toMatch(/programs/);
  });
});
