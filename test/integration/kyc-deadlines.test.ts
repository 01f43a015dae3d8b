import { callApi, readStackFile, type DevCredentials } from './support/api-client';
import { anaSouza, individualApplication, passportOf, utilityBillOf } from './support/kyc-documents';
import { createKycJourney } from './support/kyc-journey';
import { createDataDir, startStack, stopAndRemoveStack, type StackProcess } from './support/stack-process';

/*
 * Deadlines of KYC cases, driven by the local clock. These tests move the clock by days, so they run on
 * a stack of their own rather than the suite's shared one.
 */

jest.setTimeout(240_000);

let stack: StackProcess;
let tokens: DevCredentials['tokens'];
let journey: ReturnType<typeof createKycJourney>;

beforeAll(async () => {
  stack = await startStack(createDataDir('kyc-deadlines'));
  tokens = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json').tokens;
  journey = createKycJourney(stack.apiUrl);
});

afterAll(async () => {
  if (stack) await stopAndRemoveStack(stack);
});

function advanceClock(duration: string) {
  return callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: duration } });
}

describe('KYC deadlines on the local clock', () => {
  it('escalates a review that is still open after 3 business days, flagged in the queue and on the timeline', async () => {
    // Prepare: a name mismatch goes to review
    const today = await journey.clockNow();
    const caseId = await journey.openCase(tokens.client, individualApplication({ ...anaSouza, surname: 'Santos' }));
    await journey.uploadDocument(tokens.client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.uploadDocument(tokens.client, caseId, 'PROOF_OF_ADDRESS', await utilityBillOf('Ana Santos', today));
    await journey.submit(tokens.client, caseId);
    await journey.waitForStatus(tokens.client, caseId, ['IN_REVIEW']);
    const view = await journey.waitForStatus(tokens.reviewer, caseId, ['IN_REVIEW']);
    const before = await callApi(stack.apiUrl, 'GET', `/review/tasks/${view.reviewTaskId}`, { token: tokens.reviewer });

    // Act: five calendar days cover three business days from any weekday
    await advanceClock('P5D');
    const after = await eventuallyEscalated(view.reviewTaskId);
    const queue = await callApi(stack.apiUrl, 'GET', '/review/tasks?kind=KYC_REVIEW', { token: tokens.reviewer });
    const escalatedCase = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.reviewer });
    const asApplicant = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.client });

    // Assess
    expect(before.body).toMatchObject({ escalated: false, overdue: false });
    expect(Date.parse(before.body.dueAt) - Date.parse(before.body.createdAt)).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(after).toMatchObject({ escalated: true, overdue: true, escalatedAt: expect.any(String) });
    expect(queue.body.tasks.find((task: { taskId: string }) => task.taskId === view.reviewTaskId)).toMatchObject({
      escalated: true,
      overdue: true,
    });
    expect(escalatedCase.body.timeline.map((event: { type: string }) => event.type)).toContain('REVIEW_TASK_ESCALATED');
    // the escalation is the staff's business: the applicant still just sees the case in review
    expect(asApplicant.body.status).toBe('IN_REVIEW');
    expect(asApplicant.body.timeline.map((event: { type: string }) => event.type)).not.toContain(
      'REVIEW_TASK_ESCALATED',
    );
  });

  it('expires a case whose requested documents do not come within 14 days', async () => {
    // Prepare: no proof of address, so the case asks for it
    const today = await journey.clockNow();
    const caseId = await journey.openCase(tokens.client, individualApplication(anaSouza));
    await journey.uploadDocument(tokens.client, caseId, 'PASSPORT', await passportOf(anaSouza, today));
    await journey.submit(tokens.client, caseId);
    await journey.waitForStatus(tokens.client, caseId, ['INFO_REQUESTED']);

    // Act
    await advanceClock('P13D');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const onDay13 = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.client });
    await advanceClock('P2D');
    await journey.waitForStatus(tokens.client, caseId, ['EXPIRED'], 30_000);
    const view = (await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.reviewer })).body;
    const asApplicant = (await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.client })).body;
    const resubmit = await journey.submit(tokens.client, caseId);

    // Assess
    expect(onDay13.body.status).toBe('INFO_REQUESTED');
    expect(asApplicant.decision).toEqual({
      status: 'EXPIRED',
      decidedAt: view.decision.decidedAt,
      message: expect.stringMatching(/did not receive .* in time/),
    });
    expect(view.decision).toMatchObject({ status: 'EXPIRED', decidedBy: { kind: 'SYSTEM' } });
    expect(view.decision.reasons[0]).toMatch(/14 days/);
    expect(resubmit.status).toBe(409);
    expect(Date.parse(view.decision.decidedAt) - today.getTime()).toBeGreaterThanOrEqual(14 * 86_400_000);
  });
});

async function eventuallyEscalated(taskId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const task = await callApi(stack.apiUrl, 'GET', `/review/tasks/${taskId}`, { token: tokens.reviewer });
    if (task.body.escalated || Date.now() > deadline) return task.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
