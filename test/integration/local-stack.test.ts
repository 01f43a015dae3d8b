import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { caseKey } from '../../functions/kyc/repositories/case-keys';
import { partyProfileKey } from '../../functions/kernel/parties/repositories/party-repository';
import { businessCaseRequest, individualCaseRequest } from '../fixtures/kyc-requests';
import { connectStackTable } from './support/stack-table';
import { createSfnClient, findTaskToken, localRoleArn } from './support/sfn-client';
import { callApi, readStackFile, type DevCredentials } from './support/api-client';
import {
  createDataDir,
  spawnStack,
  startStack,
  stopStack,
  waitForExit,
  type StackProcess,
} from './support/stack-process';

/** True while the process runs; a zombie (exited, not yet reaped) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false; // gone between the two checks
  }
}

/** A party profile as KYC approvals wrote it before they recorded the party's facts. */
function legacyProfile(partyId: string, caseId: string, at: string) {
  return {
    ...partyProfileKey(partyId),
    entity: 'PARTY_PROFILE',
    partyId,
    kycStatus: 'APPROVED',
    kycCaseId: caseId,
    kycDecidedAt: at,
  };
}

/** The approved case of such a party. */
function legacyCase(partyId: string, caseId: string, request: { partyType: string; tier: string; applicant: unknown }) {
  return { ...caseKey(caseId), entity: 'KYC_CASE', caseId, partyId, status: 'APPROVED', ...request };
}

describe('local stack lifecycle', () => {
  let dataDir: string;
  let stack: StackProcess;

  beforeAll(async () => {
    dataDir = createDataDir('lifecycle');
    stack = await startStack(dataDir);
  });

  afterAll(async () => {
    if (stack) await stopStack(stack);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes endpoints.json and dev-credentials.json in the documented shape', () => {
    // Act
    const endpoints = readStackFile<Record<string, string>>(dataDir, 'endpoints.json');
    const credentials = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');

    // Assess
    expect(endpoints).toEqual({
      api: stack.apiUrl,
      dynamodb: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      s3: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      sfn: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      textract: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      payouts: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      ses: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(credentials.apiUrl).toBe(stack.apiUrl);
    expect(Object.keys(credentials.tokens).sort()).toEqual([
      'admin',
      'admin2',
      'bigBuyer',
      'client',
      'client2',
      'reviewer',
      'reviewer2',
      'supplier',
    ]);
    expect(credentials.parties.client).toMatch(/^party_/);
    expect(credentials.parties.client2).toMatch(/^party_/);
    expect(credentials.parties.client).not.toBe(credentials.parties.client2);
    expect(credentials.parties.supplier).toMatch(/^party_/);
    expect(credentials.parties.bigBuyer).toMatch(/^party_/);
    for (const partner of ['payments', 'logistics'] as const) {
      expect(credentials.webhooks[partner]).toEqual({
        partnerId: expect.any(String),
        secret: expect.stringMatching(/^whsec_.{20,}/),
      });
    }
  });

  it('answers the health check', async () => {
    // Act
    const health = await callApi(stack.apiUrl, 'GET', '/_local/health');

    // Assess
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      services: {
        dynamodb: expect.any(String),
        s3: expect.any(String),
        sfn: expect.any(String),
        textract: expect.any(String),
      },
    });
  });

  it('advances the clock by an ISO 8601 duration, and tokens still work 31 days later', async () => {
    // Prepare
    const credentials = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    const before = await callApi(stack.apiUrl, 'GET', '/_local/clock');

    // Act
    const advanced = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: 'P31D' } });
    const created = await callApi(stack.apiUrl, 'POST', '/kyc/cases', {
      token: credentials.tokens.client,
      body: individualCaseRequest(),
    });

    // Assess
    expect(advanced.status).toBe(200);
    expect(advanced.body.offsetMs - before.body.offsetMs).toBe(31 * 86_400_000);
    expect(Date.parse(advanced.body.now) - Date.parse(before.body.now)).toBeGreaterThanOrEqual(31 * 86_400_000);
    expect(created.status).toBe(201);
    const view = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${created.body.caseId}`, {
      token: credentials.tokens.client,
    });
    expect(Date.parse(view.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(advanced.body.now));
  });

  it('refuses a malformed or negative clock advance with 400', async () => {
    // Act
    const malformed = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: '31 days' } });
    const negative = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: '-P1D' } });
    const missing = await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: {} });

    // Assess
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/ISO 8601 duration/);
    expect(negative.status).toBe(400);
    expect(negative.body.detail).toMatch(/only moves forward/);
    expect(missing.status).toBe(400);
  });

  it('signs up brand-new identities: a client with a party of its own, and staff without one', async () => {
    // Act
    const client = await callApi(stack.apiUrl, 'POST', '/_local/identities', {
      body: { role: 'client', name: 'new.buyer' },
    });
    const reviewer = await callApi(stack.apiUrl, 'POST', '/_local/identities', { body: { role: 'reviewer' } });
    const opened = await callApi(stack.apiUrl, 'POST', '/kyc/cases', {
      token: client.body.token,
      body: individualCaseRequest(),
    });
    const queue = await callApi(stack.apiUrl, 'GET', '/review/tasks?status=OPEN', { token: reviewer.body.token });
    const clientOnQueue = await callApi(stack.apiUrl, 'GET', '/review/tasks?status=OPEN', {
      token: client.body.token,
    });
    const badRole = await callApi(stack.apiUrl, 'POST', '/_local/identities', { body: { role: 'root' } });
    const badName = await callApi(stack.apiUrl, 'POST', '/_local/identities', {
      body: { role: 'client', name: 'a b' },
    });
    const notJson = await callApi(stack.apiUrl, 'POST', '/_local/identities', { rawBody: '{role' });

    // Assess
    const credentials = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    expect(client.status).toBe(201);
    expect(client.body).toEqual({
      token: expect.any(String),
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      role: 'client',
      username: 'new.buyer',
      partyId: expect.stringMatching(/^party_[0-9a-f]{16}$/),
    });
    expect(Object.values(credentials.parties)).not.toContain(client.body.partyId);
    expect(reviewer.status).toBe(201);
    expect(reviewer.body).not.toHaveProperty('partyId');
    expect(reviewer.body.username).toMatch(/^reviewer-/);
    expect(opened.status).toBe(201);
    const view = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${opened.body.caseId}`, { token: client.body.token });
    expect(view.body.partyId).toBe(client.body.partyId);
    expect(queue.status).toBe(200);
    expect(clientOnQueue.status).toBe(403);
    expect(badRole).toMatchObject({ status: 400, body: { status: 400, detail: expect.stringMatching(/^role: /) } });
    expect(badRole.body.errors).toEqual([{ pointer: '/role', detail: 'must be client, reviewer or admin' }]);
    expect(badName).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/^name: /) } });
    expect(notJson).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/not valid JSON/) } });
  });

  it('records country, name and type of parties approved before approvals did, at the next start', async () => {
    // Prepare: an approved case whose party profile predates the facts, a party approved without a case
    // on file, and a party that has its facts already
    const endpoints = readStackFile<Record<string, string>>(dataDir, 'endpoints.json');
    const table = connectStackTable(endpoints);
    const approvedAt = '2026-01-05T10:00:00.000Z';
    const legacy = { partyId: 'party_legacy0000000001', caseId: 'kyc_legacy01' };
    const business = { partyId: 'party_legacy0000000002', caseId: 'kyc_legacy02' };
    const items = [
      legacyProfile(legacy.partyId, legacy.caseId, approvedAt),
      legacyCase(legacy.partyId, legacy.caseId, individualCaseRequest({ countryOfResidence: 'FR' })),
      legacyProfile(business.partyId, business.caseId, approvedAt),
      legacyCase(business.partyId, business.caseId, businessCaseRequest()),
      legacyProfile('party_legacy0000000003', 'kyc_missing', approvedAt),
      { ...legacyProfile('party_legacy0000000004', 'kyc_legacy01', approvedAt), country: 'JP', displayName: 'Kept' },
    ];
    for (const Item of items) await table.db.send(new PutCommand({ TableName: table.tableName, Item }));
    table.db.destroy();

    // Act
    await stopStack(stack);
    stack = await startStack(dataDir);

    // Assess
    const after = connectStackTable(readStackFile<Record<string, string>>(dataDir, 'endpoints.json'));
    const profileOf = async (partyId: string) =>
      (await after.db.send(new GetCommand({ TableName: after.tableName, Key: partyProfileKey(partyId) }))).Item;
    expect(await profileOf(legacy.partyId)).toMatchObject({
      kycStatus: 'APPROVED',
      kycDecidedAt: approvedAt,
      country: 'FR',
      displayName: 'Ana Souza',
      partyType: 'INDIVIDUAL',
    });
    expect(await profileOf(business.partyId)).toMatchObject({
      country: 'CN',
      displayName: 'Shenzhen Bright Tools Co., Ltd.',
      partyType: 'BUSINESS',
    });
    expect(await profileOf('party_legacy0000000003')).not.toHaveProperty('country');
    expect(await profileOf('party_legacy0000000004')).toMatchObject({ country: 'JP', displayName: 'Kept' });
    after.db.destroy();
  });

  it('refuses a second start on the same data directory, clearly, and keeps the first running', async () => {
    // Act
    const second = spawnStack({ dataDir, port: stack.port + 1 });
    const code = await waitForExit(second);

    // Assess
    expect(code).toBe(1);
    const output = readFileSync(path.join(dataDir, 'stack-output.log'), 'utf8');
    expect(output).toContain(
      `A TrustFlow local stack is already running on this data directory (pid ${stack.child.pid}`,
    );
    expect((await callApi(stack.apiUrl, 'GET', '/_local/health')).status).toBe(200);
  });

  it('stops every child on SIGTERM and keeps data, clock and identities across a restart', async () => {
    // Prepare
    const credentials = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    const created = await callApi(stack.apiUrl, 'POST', '/kyc/cases', {
      token: credentials.tokens.client,
      body: individualCaseRequest(),
    });
    const clockBefore = await callApi(stack.apiUrl, 'GET', '/_local/clock');
    const javaPid = JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8')).javaPid as number;
    expect(isAlive(javaPid)).toBe(true);

    // Act
    const exitCode = await stopStack(stack);
    const javaAliveAfterStop = isAlive(javaPid);
    const lockLeft = existsSync(path.join(dataDir, 'stack.lock'));
    stack = await startStack(dataDir);

    // Assess
    expect(exitCode).toBe(0);
    expect(javaAliveAfterStop).toBe(false);
    expect(lockLeft).toBe(false);
    const restarted = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    expect(restarted.parties).toEqual(credentials.parties);
    const view = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${created.body.caseId}`, {
      token: restarted.tokens.client,
    });
    expect(view.status).toBe(200);
    expect(view.body.caseId).toBe(created.body.caseId);
    const clockAfter = await callApi(stack.apiUrl, 'GET', '/_local/clock');
    expect(clockAfter.body.offsetMs).toBe(clockBefore.body.offsetMs);
  });

  it('recovers after kill -9: the next start stops the orphaned DynamoDB Local and keeps the data', async () => {
    // Prepare
    const credentials = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    const created = await callApi(stack.apiUrl, 'POST', '/kyc/cases', {
      token: credentials.tokens.client,
      body: individualCaseRequest(),
    });
    const orphanJavaPid = JSON.parse(readFileSync(path.join(dataDir, 'stack.lock'), 'utf8')).javaPid as number;

    // Act
    const exited = waitForExit(stack.child);
    stack.child.kill('SIGKILL');
    await exited;
    const orphanAliveAfterCrash = isAlive(orphanJavaPid);
    stack = await startStack(dataDir);

    // Assess
    expect(orphanAliveAfterCrash).toBe(true);
    expect(isAlive(orphanJavaPid)).toBe(false);
    const restarted = readStackFile<DevCredentials>(dataDir, 'dev-credentials.json');
    const view = await callApi(stack.apiUrl, 'GET', `/kyc/cases/${created.body.caseId}`, {
      token: restarted.tokens.client,
    });
    expect(view.status).toBe(200);
  });

  it('resumes Step Functions executions after kill -9: waits keep their due time, task tokens still work', async () => {
    // Prepare
    const sfn = createSfnClient(readStackFile<Record<string, string>>(dataDir, 'endpoints.json').sfn!);
    const create = async (name: string, definition: object) =>
      (
        await sfn.send(
          new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: localRoleArn }),
        )
      ).stateMachineArn!;
    const waiting = await create('ten-days', {
      StartAt: 'Ten days',
      States: { 'Ten days': { Type: 'Wait', Seconds: 10 * 86_400, End: true } },
    });
    const reviewing = await create('review', {
      StartAt: 'Review',
      States: {
        Review: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'processDocumentUpload', Payload: { Records: [], 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    const wait = await sfn.send(new StartExecutionCommand({ stateMachineArn: waiting, input: '{"n":1}' }));
    const review = await sfn.send(new StartExecutionCommand({ stateMachineArn: reviewing, input: '{}' }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: review.executionArn }));
    const taskToken = findTaskToken(history.events as never);
    sfn.destroy();

    // Act
    const exited = waitForExit(stack.child);
    stack.child.kill('SIGKILL');
    await exited;
    stack = await startStack(dataDir);
    const restarted = createSfnClient(readStackFile<Record<string, string>>(dataDir, 'endpoints.json').sfn!);
    const stillWaiting = await restarted.send(new DescribeExecutionCommand({ executionArn: wait.executionArn }));
    await restarted.send(new SendTaskSuccessCommand({ taskToken, output: '{"decision":"APPROVE"}' }));
    await callApi(stack.apiUrl, 'POST', '/_local/clock', { body: { advance: 'P11D' } });
    const waited = await restarted.send(new DescribeExecutionCommand({ executionArn: wait.executionArn }));
    const reviewed = await restarted.send(new DescribeExecutionCommand({ executionArn: review.executionArn }));
    restarted.destroy();

    // Assess
    expect(stillWaiting.status).toBe('RUNNING');
    expect(waited).toMatchObject({ status: 'SUCCEEDED', output: '{"n":1}' });
    expect(reviewed).toMatchObject({ status: 'SUCCEEDED', output: '{"decision":"APPROVE"}' });
  });
});

describe('local stack without Java', () => {
  it('fails with a message that says how to install Java', async () => {
    // Prepare: a PATH that has node but no java
    const binDir = mkdtempSync(path.join(tmpdir(), 'trustflow-nojava-'));
    symlinkSync(process.execPath, path.join(binDir, 'node'));
    const dataDir = createDataDir('nojava');

    // Act
    const child = spawnStack({ dataDir, port: 0, env: { PATH: binDir } });
    const code = await waitForExit(child);

    // Assess
    expect(code).toBe(1);
    const output = readFileSync(path.join(dataDir, 'stack-output.log'), 'utf8');
    expect(output).toContain('DynamoDB Local needs a Java runtime (17 or newer)');
    expect(existsSync(path.join(dataDir, 'stack.lock'))).toBe(false);
    rmSync(binDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('local stack stopped while starting', () => {
  it('kills DynamoDB Local even when Ctrl-C comes before it is ready', async () => {
    // Prepare
    const dataDir = createDataDir('early-stop');
    const child = spawnStack({ dataDir, port: 0 });
    const lockFile = path.join(dataDir, 'stack.lock');
    let javaPid: number | undefined;
    for (let waited = 0; !javaPid && waited < 30_000; waited += 20) {
      if (existsSync(lockFile)) javaPid = JSON.parse(readFileSync(lockFile, 'utf8')).javaPid;
      if (!javaPid) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(javaPid).toBeDefined();
    const readyBeforeStop = existsSync(path.join(dataDir, 'dev-credentials.json'));

    // Act
    const exited = waitForExit(child);
    child.kill('SIGINT');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Assess
    expect(readyBeforeStop).toBe(false);
    expect(isAlive(javaPid!)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
