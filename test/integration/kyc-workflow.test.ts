import { callApi, signUp, suiteStack } from './support/api-client';
import {
  anaSouza,
  businessApplication,
  companyDocumentsOf,
  individualApplication,
  passportOf,
  utilityBillOf,
  type TestCompany,
  type TestPerson,
} from './support/kyc-documents';
import { createKycJourney, isoDay } from './support/kyc-journey';
import { renderFinancialStatement, renderUnreadable } from '../support/documents';
import { orderFixtures } from './support/order-fixtures';
import { connectStackTable } from './support/stack-table';

/*
 * KYC cases end to end on the local stack: generated document images go through presigned uploads,
 * the local Textract endpoint (tesseract.js), the kyc-case state machine on the local engine, the
 * screening index, and reviewer decisions.
 */

const { credentials } = suiteStack();
const { apiUrl, tokens } = credentials;
const journey = createKycJourney(apiUrl);
/** A brand-new client per test: its cases and decisions are its own, as a real applicant's would be. */
let client: string;

beforeEach(async () => {
  client = (await signUp(apiUrl, 'client')).token;
});

jest.setTimeout(180_000);

interface CaseView {
  caseId: string;
  status: string;
  checks: { checkId: string; outcome: string; reason: string }[];
  screening?: { parties: { partyRef: string; role: string; hits: { matchedName: string; score: number }[] }[] };
  risk?: { level: string; score: number };
  requestedDocuments?: { requirement: string; reason: string }[];
  reviewTaskId?: string;
  decision?: { status: string; reasons: string[]; decidedAt: string; decidedBy: { kind: string; subject?: string } };
  documents: {
    documentId: string;
    type: string;
    extraction?: { readable: boolean; fields: Record<string, { value: string }> };
  }[];
  timeline: { type: string; actor: { kind: string; subject?: string }; detail: Record<string, unknown> }[];
}

/** Opens an individual case with a passport and a utility bill, submits it and waits for the workflow. */
async function runIndividualCase(
  person: TestPerson,
  options: { passport?: Parameters<typeof passportOf>[2]; applicant?: TestPerson; withBill?: boolean } = {},
): Promise<CaseView> {
  const today = await journey.clockNow();
  const caseId = await journey.openCase(client, individualApplication(options.applicant ?? person));
  await journey.uploadDocument(client, caseId, 'PASSPORT', await passportOf(person, today, options.passport));
  if (options.withBill !== false) {
    await journey.uploadDocument(
      client,
      caseId,
      'PROOF_OF_ADDRESS',
      await utilityBillOf(`${person.givenNames} ${person.surname}`, today),
    );
  }
  const submitted = await journey.submit(client, caseId);
  expect(submitted.status).toBe(202);
  return waitForStaffView(caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED', 'REJECTED']);
}

/**
 * Waits, as the applicant, until the case reaches one of `statuses`; then reads it as staff do, with the
 * screening, checks, extraction and risk that the applicant never sees.
 */
async function waitForStaffView(caseId: string, statuses: string[]): Promise<CaseView> {
  await journey.waitForStatus(client, caseId, statuses);
  const staff = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.reviewer });
  expect(staff.status).toBe(200);
  return staff.body;
}

/** The case as the applicant reads it. */
async function partyViewOf(caseId: string) {
  const party = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: client });
  expect(party.status).toBe(200);
  return party.body;
}

function checkOutcome(view: CaseView, checkId: string) {
  return view.checks.find((check) => check.checkId === checkId);
}

async function reviewTaskOf(view: CaseView) {
  const task = await callApi(apiUrl, 'GET', `/review/tasks/${view.reviewTaskId}`, { token: tokens.reviewer });
  expect(task.status).toBe(200);
  return task.body;
}

function decide(taskId: string, body: unknown, token = tokens.reviewer) {
  return callApi(apiUrl, 'POST', `/review/tasks/${taskId}/decision`, { token, body });
}

describe('KYC case workflow', () => {
  it('approves a clean individual automatically, with extracted fields, passed checks, LOW risk and a timeline', async () => {
    // Act
    const view = await runIndividualCase(anaSouza);

    // Assess
    expect(view.status).toBe('APPROVED');
    expect(view.decision).toMatchObject({ status: 'APPROVED', decidedBy: { kind: 'SYSTEM' } });
    expect(view.risk?.level).toBe('LOW');
    expect(view.checks.filter((check) => check.outcome === 'FAIL' || check.outcome === 'INCOMPLETE')).toEqual([]);
    const passport = view.documents.find((document) => document.type === 'PASSPORT')!;
    expect(passport.extraction).toMatchObject({
      readable: true,
      fields: {
        surname: { value: expect.stringMatching(/souza/i) },
        dateOfBirth: { value: '1990-04-12' },
        documentNumber: { value: 'C01X00T47' },
        nationality: { value: 'BR' },
      },
    });
    const types = view.timeline.map((event) => event.type);
    for (const type of ['CASE_SUBMITTED', 'PROCESSING_STARTED', 'DOCUMENT_EXTRACTED', 'SCREENING_COMPLETED']) {
      expect(types).toContain(type);
    }
    expect(types.filter((type) => type === 'CHECK_COMPLETED').length).toBe(view.checks.length);
    expect(types.slice(-3)).toEqual(['ASSESSMENT_COMPLETED', 'STATUS_CHANGED', 'CASE_DECIDED']);
    expect(JSON.stringify(view)).not.toMatch(/taskToken|resubmissionToken/);
  });

  it('hands an expired passport to a reviewer, with the failed expiry check as the reason', async () => {
    // Prepare
    const today = await journey.clockNow();

    // Act
    const view = await runIndividualCase(anaSouza, { passport: { expiryDate: isoDay(today, -40) } });

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    expect(checkOutcome(view, 'DOCUMENT_NOT_EXPIRED')).toMatchObject({
      outcome: 'FAIL',
      reason: expect.stringMatching(/expired/i),
    });
    const task = await reviewTaskOf(view);
    expect(task).toMatchObject({
      kind: 'KYC_REVIEW',
      status: 'OPEN',
      escalated: false,
      subject: { type: 'KYC_CASE', id: view.caseId },
    });
    expect(task.reasons.join(' ')).toMatch(/expir/i);
    expect(task.evidence.case.checks).toEqual(view.checks);
    expect(JSON.stringify(task)).not.toMatch(/taskToken/);
  });

  it('fails the MRZ check of a passport whose check digit is wrong', async () => {
    // Act
    const view = await runIndividualCase(anaSouza, { passport: { breakCheckDigit: 'birthDate' } });

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    expect(checkOutcome(view, 'MRZ_CHECK_DIGITS')).toMatchObject({
      outcome: 'FAIL',
      reason: expect.stringMatching(/birth/i),
    });
  });

  it('fails the name check when the passport belongs to someone else', async () => {
    // Prepare
    const someoneElse: TestPerson = { ...anaSouza, givenNames: 'Mariana', surname: 'Oliveira' };

    // Act
    const view = await runIndividualCase(someoneElse, { applicant: anaSouza });

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    expect(checkOutcome(view, 'NAME_MATCHES')).toMatchObject({ outcome: 'FAIL' });
  });

  it('finds a sanctioned person who applies under a misspelt name, and records the hit', async () => {
    // Prepare: OFAC SDN lists PUTIN, Vladimir Vladimirovich, born 7 Oct 1952
    const applicant: TestPerson = {
      givenNames: 'Vladimir Vladimirovich',
      surname: 'Poutin',
      dateOfBirth: '1952-10-07',
      nationality: 'RU',
      nationality3: 'RUS',
    };

    // Act
    const view = await runIndividualCase(applicant, { passport: { sex: 'M' } });

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    const hits = view.screening!.parties[0]!.hits;
    expect(hits[0]).toMatchObject({ matchedName: expect.stringMatching(/putin/i), score: expect.any(Number) });
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.7);
    expect(view.risk?.level).toBe('HIGH');
    expect(view.timeline.some((event) => event.type === 'SCREENING_HIT')).toBe(true);
    // no tipping-off: the applicant sees IN_REVIEW and nothing more
    const party = await partyViewOf(view.caseId);
    expect(party.status).toBe('IN_REVIEW');
    for (const member of ['screening', 'risk', 'checks', 'reviewTaskId', 'decision']) {
      expect(party).not.toHaveProperty(member);
    }
    expect(JSON.stringify(party)).not.toMatch(/putin|ofac|russia|sdn|explanation|"score"|matchedName/i);
    expect(party.timeline.map((event: { type: string }) => event.type)).not.toContain('SCREENING_HIT');
  });

  it('screens every director and UBO of a company, and reviews one whose UBO is listed', async () => {
    // Prepare: OFAC SDN lists ROTENBERG, Arkady Romanovich, born 15 Dec 1951
    const today = await journey.clockNow();
    const company: TestCompany = {
      legalName: 'Nordic Timber Trading AB',
      registrationNumber: '5591234567',
      taxId: 'SE559123456701',
      country: 'SE',
      address: { line1: 'Sveavagen 20', city: 'Stockholm', postalCode: '11157', country: 'SE' },
    };
    const director = {
      givenNames: 'Erik',
      surname: 'Lindqvist',
      dateOfBirth: '1975-03-02',
      nationality: 'SE',
      nationality3: 'SWE',
    };
    const ubo = {
      givenNames: 'Arkady Romanovich',
      surname: 'Rotenberg',
      dateOfBirth: '1951-12-15',
      nationality: 'RU',
      nationality3: 'RUS',
    };
    const caseId = await journey.openCase(
      client,
      businessApplication(company, [
        { ...director, role: 'DIRECTOR', ownershipPercent: 0 },
        { ...ubo, role: 'UBO', ownershipPercent: 75 },
      ]),
    );
    for (const [type, bytes] of await companyDocumentsOf(company, today)) {
      await journey.uploadDocument(client, caseId, type, bytes);
    }

    // Act
    await journey.submit(client, caseId);
    const view: CaseView = await waitForStaffView(caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    expect(view.screening!.parties.map((party) => party.role)).toEqual(['COMPANY', 'DIRECTOR', 'UBO']);
    const uboHits = view.screening!.parties.find((party) => party.role === 'UBO')!.hits;
    expect(uboHits[0]?.matchedName).toMatch(/rotenberg/i);
    expect(view.screening!.parties.find((party) => party.role === 'DIRECTOR')!.hits).toEqual([]);
    expect(checkOutcome(view, 'REGISTRATION_NUMBER_MATCHES')?.outcome).toBe('PASS');
    expect(checkOutcome(view, 'TAX_ID_MATCHES')?.outcome).toBe('PASS');
    const party = await partyViewOf(caseId);
    expect(party.status).toBe('IN_REVIEW');
    expect(JSON.stringify(party)).not.toMatch(/rotenberg,|ofac|sdn|matchedName|explanation/i);
  });

  it('asks for a missing proof of address, refuses a resubmission without it, and approves once it is uploaded', async () => {
    // Prepare
    const today = await journey.clockNow();
    const first = await runIndividualCase(anaSouza, { withBill: false });
    expect(first.status).toBe('INFO_REQUESTED');
    expect(first.requestedDocuments?.map((request) => request.requirement)).toEqual(['PROOF_OF_ADDRESS']);

    // Act
    const tooEarly = await journey.submit(client, first.caseId);
    await journey.uploadDocument(client, first.caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
    const resubmitted = await journey.submit(client, first.caseId);
    const view: CaseView = await waitForStaffView(first.caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);

    // Assess
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.detail).toMatch(/requested documents/);
    expect(resubmitted.status).toBe(202);
    expect(view.status).toBe('APPROVED');
    expect(
      view.timeline.filter((event) => event.type === 'PROCESSING_STARTED').map((event) => event.detail.round),
    ).toEqual([1, 2]);
    expect(view.requestedDocuments).toBeUndefined();
  });

  it('asks again for a document the OCR cannot read, saying it was unreadable', async () => {
    // Prepare
    const today = await journey.clockNow();
    const caseId = await journey.openCase(client, individualApplication(anaSouza));
    await journey.uploadDocument(client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.uploadDocument(client, caseId, 'PROOF_OF_ADDRESS', await renderUnreadable({ kind: 'noise' }));

    // Act
    await journey.submit(client, caseId);
    const view: CaseView = await waitForStaffView(caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);

    // Assess
    expect(view.status).toBe('INFO_REQUESTED');
    expect(view.requestedDocuments).toEqual([
      expect.objectContaining({ requirement: 'PROOF_OF_ADDRESS', reason: expect.stringMatching(/unreadable/i) }),
    ]);
    expect(view.documents.find((document) => document.type === 'PROOF_OF_ADDRESS')?.extraction?.readable).toBe(false);
  });

  it('lets a reviewer approve, with the reason and the reviewer on the case, and refuses a second decision', async () => {
    // Prepare
    const view = await runIndividualCase(anaSouza, { passport: { breakCheckDigit: 'documentNumber' } });
    expect(view.status).toBe('IN_REVIEW');

    // Act
    const decided = await decide(view.reviewTaskId!, {
      decision: 'APPROVE',
      reason: 'MRZ misprint confirmed with the issuer',
    });
    const again = await decide(view.reviewTaskId!, { decision: 'REJECT', reason: 'Second opinion' }, tokens.reviewer2);
    const final: CaseView = await waitForStaffView(view.caseId, ['APPROVED', 'REJECTED']);

    // Assess
    expect(decided.status).toBe(200);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/problem\+json/);
    expect(again.body).toMatchObject({ decision: 'APPROVE' });
    expect(final.status).toBe('APPROVED');
    expect(final.decision).toMatchObject({
      reasons: ['MRZ misprint confirmed with the issuer'],
      decidedBy: { kind: 'USER', subject: expect.any(String) },
    });
    expect(final.timeline.map((event) => event.type)).toContain('REVIEW_DECIDED');
    const party = await partyViewOf(view.caseId);
    expect(party.decision).toEqual({
      status: 'APPROVED',
      decidedAt: final.decision!.decidedAt,
      message: expect.stringMatching(/verification is complete/),
    });
    expect(JSON.stringify(party)).not.toContain('MRZ misprint confirmed with the issuer');
    expect(party.timeline.find((event: { type: string }) => event.type === 'CASE_DECIDED')?.actor).toEqual({
      kind: 'STAFF',
    });
  });

  it('lets a reviewer reject, and a reviewer ask for documents, which puts the case back to the applicant', async () => {
    // Prepare
    const today = await journey.clockNow();
    const toReject = await runIndividualCase(anaSouza, { passport: { expiryDate: isoDay(today, -10) } });
    const toAsk = await runIndividualCase(anaSouza, { passport: { expiryDate: isoDay(today, -5) } });

    // Act
    const rejected = await decide(toReject.reviewTaskId!, { decision: 'REJECT', reason: 'Identity document expired' });
    const asked = await decide(toAsk.reviewTaskId!, {
      decision: 'REQUEST_INFO',
      reason: 'Passport expired',
      requestedDocuments: [{ type: 'PASSPORT', reason: 'Upload your renewed passport' }],
    });
    const rejectedView: CaseView = await waitForStaffView(toReject.caseId, ['REJECTED']);
    const askedView: CaseView = await waitForStaffView(toAsk.caseId, ['INFO_REQUESTED']);

    // Assess
    expect(rejected.status).toBe(200);
    expect(asked.status).toBe(200);
    expect(rejectedView.decision).toMatchObject({ status: 'REJECTED', reasons: ['Identity document expired'] });
    expect(askedView.requestedDocuments).toEqual([
      { requirement: 'PASSPORT', acceptedTypes: ['PASSPORT'], reason: 'Upload your renewed passport' },
    ]);
  });

  it('lists open KYC reviews earliest due first, without tokens', async () => {
    // Act
    const queue = await callApi(apiUrl, 'GET', '/review/tasks?status=OPEN&kind=KYC_REVIEW&limit=100', {
      token: tokens.reviewer,
    });

    // Assess
    expect(queue.status).toBe(200);
    const dueTimes = queue.body.tasks.map((task: { dueAt: string }) => task.dueAt);
    expect(dueTimes.length).toBeGreaterThan(0);
    expect([...dueTimes].sort()).toEqual(dueTimes);
    expect(
      queue.body.tasks.every(
        (task: { kind: string; status: string }) => task.kind === 'KYC_REVIEW' && task.status === 'OPEN',
      ),
    ).toBe(true);
    expect(JSON.stringify(queue.body)).not.toMatch(/taskToken/);
  });

  it('refuses the wrong role, bad decisions and unknown tasks with precise problems', async () => {
    // Prepare
    const view = await runIndividualCase(anaSouza, { applicant: { ...anaSouza, surname: 'Santos' } });
    expect(view.status).toBe('IN_REVIEW');
    const taskId = view.reviewTaskId!;

    // Act
    const clientQueue = await callApi(apiUrl, 'GET', '/review/tasks', { token: client });
    const clientDecision = await decide(taskId, { decision: 'APPROVE', reason: 'Looks fine to me' }, client);
    const adminDecision = await decide(taskId, { decision: 'APPROVE', reason: 'Admins do not decide' }, tokens.admin);
    const reviewerSubmit = await journey.submit(tokens.reviewer, view.caseId);
    const noDocuments = await decide(taskId, { decision: 'REQUEST_INFO', reason: 'Need more' });
    const disputeDecision = await decide(taskId, { decision: 'REFUND', reason: 'Wrong kind', amount: 100 });
    const noReason = await decide(taskId, { decision: 'APPROVE' });
    const unknown = await decide('task_doesnotexist', { decision: 'APPROVE', reason: 'Nothing to decide' });
    const badQuery = await callApi(apiUrl, 'GET', '/review/tasks?kind=LOAN', { token: tokens.reviewer });

    // Assess
    expect(clientQueue.status).toBe(403);
    expect(clientDecision.status).toBe(403);
    expect(adminDecision.status).toBe(403);
    expect(reviewerSubmit.status).toBe(403);
    expect(noDocuments.status).toBe(400);
    expect(noDocuments.body.detail).toMatch(/requestedDocuments/);
    expect(disputeDecision.status).toBe(400);
    expect(disputeDecision.body.detail).toMatch(/APPROVE, REJECT, REQUEST_INFO/);
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toMatch(/reason/);
    expect(unknown.status).toBe(404);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.detail).toMatch(/kind/);
    const task = await reviewTaskOf(view);
    expect(task.status).toBe('OPEN');
  });

  it('treats a repeated submit as the same submission, and refuses one after the decision', async () => {
    // Prepare
    const today = await journey.clockNow();
    const caseId = await journey.openCase(client, individualApplication(anaSouza));
    await journey.uploadDocument(client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.uploadDocument(client, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));

    // Act
    const first = await journey.submit(client, caseId);
    const second = await journey.submit(client, caseId);
    const view: CaseView = await waitForStaffView(caseId, ['APPROVED', 'IN_REVIEW']);
    const afterDecision = await journey.submit(client, caseId);
    const otherClient = await journey.submit(tokens.client2, caseId);

    // Assess
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(view.timeline.filter((event) => event.type === 'CASE_SUBMITTED')).toHaveLength(1);
    expect(view.timeline.filter((event) => event.type === 'PROCESSING_STARTED')).toHaveLength(1);
    expect(afterDecision.status).toBe(409);
    // RFC 9457: `status` is the HTTP status; the case's own status travels as `caseStatus`.
    expect(afterDecision.body).toMatchObject({ status: 409, caseStatus: view.status });
    expect(otherClient.status).toBe(403);
  });

  it('refuses to submit a case without any document', async () => {
    // Prepare
    const caseId = await journey.openCase(client, individualApplication(anaSouza));

    // Act
    const response = await journey.submit(client, caseId);

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/at least one document/);
  });
});

describe('KYC standing', () => {
  /** The caller's party and its standing, as `GET /parties/{partyId}/kyc` shows it. */
  async function standingOf(partyId: string, token = client) {
    return callApi(apiUrl, 'GET', `/parties/${partyId}/kyc`, { token });
  }

  it("keeps a reviewer's rejection: a clean new case goes to review, and only a reviewer changes the standing", async () => {
    // Prepare: a case with someone else's passport, rejected by a reviewer
    const identity = await signUp(apiUrl, 'client');
    client = identity.token;
    const someoneElse: TestPerson = { ...anaSouza, givenNames: 'Mariana', surname: 'Oliveira' };
    const first = await runIndividualCase(someoneElse, { applicant: anaSouza });
    expect(
      (await decide(first.reviewTaskId!, { decision: 'REJECT', reason: 'Passport of another person' })).status,
    ).toBe(200);
    await journey.waitForStatus(client, first.caseId, ['REJECTED']);

    // Act: the party applies again with its own, valid documents
    const second = await runIndividualCase(anaSouza);
    const whileInReview = await standingOf(identity.partyId!);
    const task = await reviewTaskOf(second);
    const proposed = await decide(second.reviewTaskId!, { decision: 'APPROVE', reason: 'Own passport now' });
    const stillRejected = await standingOf(identity.partyId!);
    const approved = await callApi(apiUrl, 'POST', `/review/tasks/${second.reviewTaskId}/approval`, {
      token: tokens.reviewer2,
      body: { approve: true, reason: 'Identity confirmed against the issuer' },
    });
    await journey.waitForStatus(client, second.caseId, ['APPROVED']);
    const afterReview = await standingOf(identity.partyId!);

    // Assess
    expect(second.status).toBe('IN_REVIEW');
    expect(task.reasons[0]).toMatch(/^PREVIOUSLY_REJECTED: /);
    expect(whileInReview.body).toMatchObject({ standing: 'REJECTED', caseId: first.caseId, tier: null });
    // approving a party rejected before needs four eyes: it waits for a second reviewer
    expect(proposed.status).toBe(202);
    expect(proposed.body.proposal.ruleIds).toEqual(['four-eyes/kyc-approve-risky']);
    expect(stillRejected.body.standing).toBe('REJECTED');
    expect(approved.status).toBe(200);
    expect(afterReview.body).toMatchObject({ standing: 'APPROVED', caseId: second.caseId, tier: 'STANDARD' });
  });

  it('shows a new party NONE, PENDING while its first case is open, then APPROVED with its tier; staff see more', async () => {
    // Prepare
    const identity = await signUp(apiUrl, 'client');
    client = identity.token;
    const before = await standingOf(identity.partyId!);

    // Act
    const caseId = await journey.openCase(client, individualApplication(anaSouza));
    const pending = await standingOf(identity.partyId!);
    const today = await journey.clockNow();
    await journey.uploadDocument(client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.uploadDocument(client, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today));
    await journey.submit(client, caseId);
    await journey.waitForStatus(client, caseId, ['APPROVED']);
    const approved = await standingOf(identity.partyId!);
    const asStaff = await standingOf(identity.partyId!, tokens.reviewer);
    const asOtherClient = await standingOf(identity.partyId!, tokens.client2);

    // Assess
    expect(before.body).toEqual({
      partyId: identity.partyId,
      standing: 'NONE',
      tier: null,
      caseId: null,
      decidedAt: null,
    });
    expect(pending.body.standing).toBe('PENDING');
    expect(approved.body).toEqual({
      partyId: identity.partyId,
      standing: 'APPROVED',
      tier: 'STANDARD',
      caseId,
      decidedAt: expect.any(String),
    });
    expect(asStaff.body).toMatchObject({ standing: 'APPROVED', riskLevel: 'LOW', reviewDueAt: expect.any(String) });
    expect(Date.parse(asStaff.body.reviewDueAt) - Date.parse(asStaff.body.decidedAt)).toBeGreaterThan(
      3 * 364 * 86_400_000,
    );
    expect(asOtherClient.status).toBe(403);
  });

  it('refuses a fourth open case with 409 TOO_MANY_OPEN_CASES, naming the open ones', async () => {
    // Prepare
    const opened = [];
    for (let i = 0; i < 3; i += 1) opened.push(await journey.openCase(client, individualApplication(anaSouza)));

    // Act
    const fourth = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: individualApplication(anaSouza),
    });

    // Assess
    expect(fourth.status).toBe(409);
    expect(fourth.headers.get('content-type')).toMatch(/problem\+json/);
    expect(fourth.body).toMatchObject({ status: 409, code: 'TOO_MANY_OPEN_CASES', maxOpenCases: 3 });
    expect([...fourth.body.openCaseIds].sort()).toEqual([...opened].sort());
    expect(fourth.body.detail).toMatch(/3 open KYC cases/);
  });

  it('frees the slot of a case the applicant withdraws before submitting it, for good', async () => {
    // Prepare: a party at its 3 open cases, none submitted
    const applicant = (await signUp(apiUrl, 'client')).token;
    const opened = [];
    for (let i = 0; i < 3; i += 1) opened.push(await journey.openCase(applicant, individualApplication(anaSouza)));
    const full = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: applicant,
      body: individualApplication(anaSouza),
    });

    // Act
    const withdrawn = await callApi(apiUrl, 'POST', `/kyc/cases/${opened[0]}/withdrawal`, {
      token: applicant,
      body: { reason: 'Opened by mistake' },
    });
    const again = await callApi(apiUrl, 'POST', `/kyc/cases/${opened[0]}/withdrawal`, { token: applicant, body: {} });
    const byOther = await callApi(apiUrl, 'POST', `/kyc/cases/${opened[1]}/withdrawal`, { token: client, body: {} });
    const submit = await callApi(apiUrl, 'POST', `/kyc/cases/${opened[0]}/submit`, { token: applicant });
    const reopened = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: applicant,
      body: individualApplication(anaSouza),
    });
    const view = await callApi(apiUrl, 'GET', `/kyc/cases/${opened[0]}`, { token: applicant });

    // Assess
    expect(full.status).toBe(409);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ caseId: opened[0], status: 'WITHDRAWN' });
    expect(again.body).toEqual({ caseId: opened[0], status: 'WITHDRAWN' });
    expect(byOther.status).toBe(403);
    expect(submit.status).toBe(409);
    expect(reopened.status).toBe(201);
    expect(view.body.status).toBe('WITHDRAWN');
    expect(view.body.timeline.at(-1)).toMatchObject({
      type: 'STATUS_CHANGED',
      actor: { kind: 'PARTY' },
      detail: { from: 'AWAITING_DOCUMENTS', to: 'WITHDRAWN' },
    });
  });
});

describe('questions in a request for information', () => {
  it('asks questions, takes each answer once, and returns the answered case to a reviewer', async () => {
    // Prepare: a case in review, and a reviewer who asks rather than decides
    const view = await runIndividualCase(anaSouza, { passport: { breakCheckDigit: 'documentNumber' } });
    expect(view.status).toBe('IN_REVIEW');
    const asked = await decide(view.reviewTaskId!, {
      decision: 'REQUEST_INFO',
      reason: 'MRZ misprint or forgery?',
      questions: [{ text: 'Where and when was your passport issued?' }, { text: 'Have you held another passport?' }],
    });
    const waiting = await journey.waitForStatus(client, view.caseId, ['INFO_REQUESTED']);
    const [first, second] = waiting.questions as { questionId: string; text: string }[];

    // Act
    const tooEarly = await journey.submit(client, view.caseId);
    const unknown = await answer(view.caseId, [{ questionId: 'q_doesnotexist', text: 'Berlin' }]);
    const partly = await answer(view.caseId, [{ questionId: first!.questionId, text: 'Brasilia, in 2024' }]);
    const again = await answer(view.caseId, [{ questionId: first!.questionId, text: 'Somewhere else' }]);
    const rest = await answer(view.caseId, [{ questionId: second!.questionId, text: 'No, never' }]);
    const submitted = await journey.submit(client, view.caseId);
    const reviewed = await waitForStaffView(view.caseId, ['IN_REVIEW', 'APPROVED']);
    const task = await reviewTaskOf(reviewed);

    // Assess
    expect(asked.status).toBe(200);
    expect(waiting.questions).toEqual([
      { questionId: expect.stringMatching(/^q_/), text: 'Where and when was your passport issued?' },
      { questionId: expect.stringMatching(/^q_/), text: 'Have you held another passport?' },
    ]);
    expect(waiting).not.toHaveProperty('requestedDocuments.0');
    expect(tooEarly).toMatchObject({ status: 409, body: { code: 'QUESTIONS_UNANSWERED' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { pointer: '/answers/0/questionId', detail: 'no question q_doesnotexist on this case' },
    ]);
    expect(partly.body).toMatchObject({ unanswered: [second!.questionId] });
    expect(again).toMatchObject({ status: 409, body: { code: 'QUESTION_ALREADY_ANSWERED' } });
    expect(rest.body.unanswered).toEqual([]);
    expect(submitted.status).toBe(202);
    // a human asked, a human reads: however clean the rest, the case goes back to review
    expect(reviewed.status).toBe('IN_REVIEW');
    expect(task.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^ANSWERS_TO_READ: /)]));
    expect(task.evidence.case.questions).toEqual([
      expect.objectContaining({ answer: 'Brasilia, in 2024' }),
      expect.objectContaining({ answer: 'No, never' }),
    ]);
  });

  it('refuses an empty request for information, and answers to a case that asks nothing', async () => {
    // Prepare
    const view = await runIndividualCase(anaSouza, { passport: { breakCheckDigit: 'documentNumber' } });

    // Act
    const empty = await decide(view.reviewTaskId!, { decision: 'REQUEST_INFO', reason: 'Need more' });
    const notAsked = await answer(view.caseId, [{ questionId: 'q_1', text: 'An answer' }]);
    const malformed = await answer(view.caseId, []);

    // Assess
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toMatch(/requestedDocuments, questions or both/);
    expect(notAsked).toMatchObject({ status: 409, body: { caseStatus: 'IN_REVIEW' } });
    expect(malformed).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^answers: /) } });
  });
});

function answer(caseId: string, answers: { questionId: string; text: string }[]) {
  return callApi(apiUrl, 'POST', `/kyc/cases/${caseId}/answers`, { token: client, body: { answers } });
}

describe('step-up for high-value trade', () => {
  const { endpoints } = suiteStack();
  const table = connectStackTable(endpoints);
  const fixtures = orderFixtures(table, apiUrl);

  afterAll(() => table.db.destroy());

  /** An order of USD 60,000.00 (6,000,000 minor units), over the USD 50,000 step-up amount. */
  async function largeOrder(token: string, supplierId: string) {
    const body = await fixtures.orderBody(supplierId, {
      items: [{ description: 'CNC milling machine', hsCode: '845961', quantity: 10, unitPrice: 600_000 }],
    });
    return callApi(apiUrl, 'POST', '/orders', { token, body });
  }

  it('refuses a large order of a STANDARD buyer, and approves its upgrade case on the financial statements alone', async () => {
    // Prepare: a brand-new buyer approved at STANDARD, and a supplier whose Trade Assurance covers the order
    const identity = await signUp(apiUrl, 'client');
    client = identity.token;
    const approved = await runIndividualCase(anaSouza);
    expect(approved.status).toBe('APPROVED');
    const supplierId = await fixtures.createSupplier({ limit: 50_000_000 });

    // Act
    const refused = await largeOrder(client, supplierId);
    const notApproved = await callApi(
      apiUrl,
      'POST',
      `/kyc/cases/${await journey.openCase(client, individualApplication(anaSouza))}/upgrade`,
      { token: client },
    );
    const upgrade = await callApi(apiUrl, 'POST', `/kyc/cases/${approved.caseId}/upgrade`, { token: client });
    const twice = await callApi(apiUrl, 'POST', `/kyc/cases/${approved.caseId}/upgrade`, { token: client });
    const byOther = await callApi(apiUrl, 'POST', `/kyc/cases/${approved.caseId}/upgrade`, { token: tokens.client2 });
    const today = await journey.clockNow();
    await journey.uploadDocument(
      client,
      upgrade.body.caseId,
      'FINANCIAL_STATEMENT',
      await renderFinancialStatement({ companyName: 'Ana Souza', periodEnd: isoDay(today, -90) }),
    );
    expect((await journey.submit(client, upgrade.body.caseId)).status).toBe(202);
    const upgraded = await waitForStaffView(upgrade.body.caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);
    const standing = await callApi(apiUrl, 'GET', `/parties/${identity.partyId}/kyc`, { token: client });
    const accepted = await largeOrder(client, supplierId);

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'KYC_STEP_UP_REQUIRED',
      requiredTier: 'HIGH_VALUE',
      requiredDocuments: ['FINANCIAL_STATEMENT'],
      upgradeCaseId: approved.caseId,
    });
    expect(refused.body.detail).toMatch(/USD 60,000\.00 is at or above the USD 50,000\.00/);
    expect(notApproved).toMatchObject({
      status: 409,
      body: { code: 'CASE_NOT_UPGRADABLE', caseStatus: 'AWAITING_DOCUMENTS' },
    });
    expect(upgrade.status).toBe(201);
    expect(upgrade.body.requiredDocuments.map((r: { requirement: string }) => r.requirement)).toEqual([
      'FINANCIAL_STATEMENT',
    ]);
    expect(twice).toMatchObject({
      status: 409,
      body: { code: 'UPGRADE_ALREADY_OPEN', upgradeCaseId: upgrade.body.caseId },
    });
    expect(byOther.status).toBe(403);
    // the identity documents carried over, read already: only the statement was uploaded and read
    expect(upgraded.status).toBe('APPROVED');
    expect(upgraded.documents.map((d) => d.type).sort()).toEqual([
      'FINANCIAL_STATEMENT',
      'PASSPORT',
      'PROOF_OF_ADDRESS',
    ]);
    expect(upgraded.timeline.filter((e) => e.type === 'DOCUMENT_EXTRACTED')).toHaveLength(1);
    expect(standing.body).toMatchObject({ standing: 'APPROVED', tier: 'HIGH_VALUE', caseId: upgrade.body.caseId });
    expect(accepted.status).toBe(201);
  });

  it('lets the seeded HIGH_VALUE buyer place a large order at once', async () => {
    // Prepare
    const supplierId = await fixtures.createSupplier({ limit: 50_000_000 });

    // Act
    const order = await largeOrder(tokens.bigBuyer, supplierId);

    // Assess
    expect(order.status).toBe(201);
  });
});

describe('address verification', () => {
  const berlin = { line1: 'Lindenstr. 12', postalCode: '10969', city: 'Berlin', country: 'DE' };

  async function caseWithBillAt(address: string) {
    const today = await journey.clockNow();
    const application = individualApplication(anaSouza);
    const caseId = await journey.openCase(client, {
      ...application,
      applicant: { ...application.applicant, residentialAddress: berlin },
    });
    await journey.uploadDocument(client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.uploadDocument(client, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Souza', today, address));
    expect((await journey.submit(client, caseId)).status).toBe(202);
    return waitForStaffView(caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED']);
  }

  it('approves an applicant whose bill shows the residential address given, in another spelling', async () => {
    // Act
    const view = await caseWithBillAt('LINDENSTRASSE 12, 10969 BERLIN, GERMANY');

    // Assess
    expect(checkOutcome(view, 'ADDRESS_MATCHES')).toMatchObject({ outcome: 'PASS' });
    expect(view.status).toBe('APPROVED');
  });

  it('hands a bill at another address to a reviewer, saying what differs', async () => {
    // Act
    const view = await caseWithBillAt('Hauptstrasse 5, 80331 Muenchen, Germany');

    // Assess
    expect(view.status).toBe('IN_REVIEW');
    expect(checkOutcome(view, 'ADDRESS_MATCHES')).toMatchObject({
      outcome: 'FAIL',
      reason: expect.stringMatching(/does not show the street "Lindenstr\. 12" and does not show the postcode 10969/),
    });
  });

  it('refuses a residential address outside the country of residence, naming the field', async () => {
    // Act
    const application = individualApplication(anaSouza);
    const response = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: {
        ...application,
        applicant: { ...application.applicant, residentialAddress: { ...berlin, country: 'AT' } },
      },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { pointer: '/applicant/residentialAddress/country', detail: 'must be the countryOfResidence, DE' },
    ]);
  });
});
