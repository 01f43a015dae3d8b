/**
 * `npm start`: TrustFlow on one machine. DynamoDB Local, s3rver, the local API server and the clock,
 * with data under TRUSTFLOW_LOCAL_DIR (default .local/) so a restart keeps everything.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { now, onClockAdvance } from '../../functions/commons/clock';
import { logger } from '../../functions/commons/logger';
import { describeClock, restoreClock } from './clock-store';
import { createApiServer, listen } from './api-server';
import { createLocalRoutes } from './local-routes';
import { devUsers, loadDevIdentities, loadTokenAuthority, type DevUserName } from './dev-identity';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { findFreePort } from './free-port';
import { acquireInstanceLock, StackAlreadyRunningError } from './instance-lock';
import { writeJsonFile } from './json-file';
import { invokeAsync, invokeFunction } from './lambda-runtime';
import { startLocalSchedules, type LocalScheduler } from './local-schedules';
import { startLocalWebhookDispatcher, type LocalDispatcher, type SweepReport } from './local-webhook-dispatcher';
import { startLocalMailbox, type LocalMailbox } from './local-mailbox';
import { localResourceNames, localBrowserOrigins } from './local-stack-config';
import { resolveLocalPaths } from './local-paths';
import { seedDemoParties } from './seed-demo-parties';
import { seedScreeningIndex } from './seed-screening-index';
import { publishLocalLists } from './publish-local-lists';
import { S3Client } from '@aws-sdk/client-s3';
import { createS3IndexArtifactStore } from '../../functions/screening/repositories/index-artifact-store';
import { resolveScreeningIndexCache } from '../../functions/screening/handlers/screening-index-deps';
import { seedWebhookPartners } from './seed-webhook-partners';
import { startS3Local, type S3Local } from './s3-local';
import { startLocalStepFunctions } from './step-functions/start-local-step-functions';
import { startLocalTextract, type LocalTextract } from './textract/textract-endpoint';
import {
  startLocalPayoutProvider,
  type LocalPayoutProvider,
  type PayoutWebhookTarget,
} from './payout-provider/payout-provider-server';

const paths = resolveLocalPaths();
const requestedPort = Number(process.env.PORT ?? 3000);

/** Kills a child and waits for its exit, so that it is reaped rather than left behind as a zombie. */
async function killAndReap(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

async function main(): Promise<void> {
  // Node 20 runs the stack here while Lambdas deploy on Node 22; the SDK's reminder is noise locally.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const lock = acquireInstanceLock(paths.lock, paths.root);
  const log = createWriteStream(path.join(paths.logs, 'stack.log'), { flags: 'a' });
  const say = (line: string) => log.write(`${new Date().toISOString()} ${line}\n`);
  let dynamo: DynamoDbLocal | undefined;
  let javaProcess: ChildProcess | undefined;
  let s3: S3Local | undefined;
  let api: Server | undefined;
  let stepFunctions: Awaited<ReturnType<typeof startLocalStepFunctions>> | undefined;
  let textract: LocalTextract | undefined;
  let payoutProvider: LocalPayoutProvider | undefined;
  // set once the API listens and the payments partner is registered; confirmations wait until then
  let payoutWebhookTarget: PayoutWebhookTarget | undefined;
  let schedules: LocalScheduler | undefined;
  let dispatcher: LocalDispatcher | undefined;
  let mailbox: LocalMailbox | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping TrustFlow…');
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    api?.closeAllConnections();
    schedules?.stop();
    // a run under way finishes against DynamoDB Local before it stops, but never holds the shutdown long
    await Promise.race([schedules?.idle(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    // an attempt under way is recorded or, if cut short, its lease lapses and the next start makes it again
    await Promise.race([dispatcher?.stop(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await stepFunctions?.stop();
    await textract?.stop().catch(() => undefined);
    await payoutProvider?.stop().catch(() => undefined);
    await mailbox?.stop().catch(() => undefined);
    await s3?.stop().catch(() => undefined);
    if (dynamo) await dynamo.stop().catch(() => undefined);
    else if (javaProcess) await killAndReap(javaProcess);
    lock.release();
    log.end();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // last resort if the process dies another way: never leave java running
  process.on('exit', () => {
    if (javaProcess && javaProcess.exitCode === null) javaProcess.kill('SIGKILL');
  });

  try {
    restoreClock(paths.clock);
    dynamo = await startDynamoDbLocal(paths.dynamodb, await findFreePort(), paths.logs, (child) => {
      javaProcess = child;
      lock.update({ javaPid: child.pid });
    });
    dynamo.process.once('exit', (code) => {
      if (!stopping) {
        console.error(
          `DynamoDB Local exited unexpectedly (code ${code}); see ${path.join(paths.logs, 'dynamodb.log')}`,
        );
        void stop(1);
      }
    });

    s3 = await startS3Local({
      directory: paths.s3,
      bucket: localResourceNames.documentsBucket,
      otherBuckets: [localResourceNames.screeningBucket],
      allowedOrigins: localBrowserOrigins,
      onObjectCreated: (event) =>
        void invokeAsync('processDocumentUpload', event, (error) =>
          say(`processDocumentUpload failed after retries: ${(error as Error).stack ?? String(error)}`),
        ),
    });

    // Handlers find the local services only through the standard SDK variables.
    Object.assign(process.env, {
      AWS_REGION: localResourceNames.region,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      TABLE_NAME: localResourceNames.tableName,
      DOCUMENTS_BUCKET: localResourceNames.documentsBucket,
      SCREENING_BUCKET: localResourceNames.screeningBucket,
      POWERTOOLS_SERVICE_NAME: 'trustflow',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      // a receiver on the developer's machine: http on loopback (never on AWS)
      WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
    });
    // the shared logger was made at import, before the level above was set
    logger.setLogLevel(process.env.POWERTOOLS_LOG_LEVEL as Parameters<typeof logger.setLogLevel>[0]);
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    const dynamoClient = new DynamoDBClient({});
    await ensureTable(dynamoClient, localResourceNames.tableName);
    dynamoClient.destroy();
    const screeningListVersion = await seedScreeningIndex(localResourceNames.screeningBucket);
    say(`screening lists in service: ${screeningListVersion}`);

    // SES's counterpart: the applicant's emails land in a mailbox (GET /_local/mailbox)
    mailbox = await startLocalMailbox(path.join(paths.root, 'mailbox.jsonl'));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SESV2: mailbox.url,
      MAIL_SENDER: 'TrustFlow <no-reply@trustflow.local>',
    });

    // Before the engine, like Textract: a resumed settle step may pay out at once.
    payoutProvider = await startLocalPayoutProvider({
      apiKey: `sk_local_${randomBytes(12).toString('hex')}`,
      webhookTarget: () => payoutWebhookTarget,
      dataFile: path.join(paths.root, 'payout-provider.json'),
      log: say,
    });
    Object.assign(process.env, {
      PAYOUT_PROVIDER_URL: payoutProvider.url,
      PAYOUT_PROVIDER_API_KEY: payoutProvider.apiKey,
      PAYOUT_PROVIDER_NAME: 'local',
    });

    // Before the engine: its tasks may call Textract as soon as they resume.
    textract = await startLocalTextract({ log: say });
    process.env.AWS_ENDPOINT_URL_TEXTRACT = textract.url;

    stepFunctions = await startLocalStepFunctions({
      journalFile: paths.stepFunctionsJournal,
      log: say,
      s3Endpoint: s3.endpoint,
    });
    process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.url;
    Object.assign(process.env, stepFunctions.workflowArnVariables);

    const tokens = await loadTokenAuthority(paths.signingKey);
    const services = {
      dynamodb: dynamo.endpoint,
      s3: s3.endpoint,
      sfn: stepFunctions.url,
      textract: textract.url,
      payouts: payoutProvider.url,
      ses: mailbox.url,
    };
    api = createApiServer({
      tokens,
      localRoutes: createLocalRoutes({
        services,
        clockFile: paths.clock,
        tokens,
        beforeClockMoves: () => stepFunctions!.whenSettled(),
        mailbox: (to) => mailbox!.list(to),
        // the daily refresh's local counterpart: a new list version, then monitoring screens the change
        publishLists: async (request) => {
          const s3 = new S3Client({});
          const store = createS3IndexArtifactStore(s3, localResourceNames.screeningBucket);
          const { published, added, replaced } = await publishLocalLists(store, request, now()).finally(() =>
            s3.destroy(),
          );
          resolveScreeningIndexCache().checkPointerNow();
          const monitoring = await invokeFunction('monitorListChanges', {});
          return { listVersion: published.listVersion, added, replaced, monitoring };
        },
      }),
      allowedOrigins: localBrowserOrigins,
      log: (line) => {
        // a request may have written events: sweep now rather than at the next idle poll
        dispatcher?.nudge();
        say(line);
        if (process.env.TRUSTFLOW_QUIET !== '1') console.log(line);
      },
    });
    let port: number;
    try {
      port = await listen(api, requestedPort);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`Port ${requestedPort} is in use. Choose another with PORT=<port> npm start`);
      }
      throw error;
    }
    const apiUrl = `http://127.0.0.1:${port}`;
    lock.update({ apiUrl });

    const identities = loadDevIdentities(paths.identities);
    const seeded = await seedDemoParties(localResourceNames.tableName, {
      buyer: identities.users.client.partyId!,
      supplier: identities.users.supplier.partyId!,
      bigBuyer: identities.users.bigBuyer.partyId!,
    });
    if (seeded) say('seeded the demo buyer and supplier (KYC-approved, six months of supplier history)');
    // the one-off migration AWS runs at deploy: parties approved before approvals recorded their country
    say(`party facts backfilled: ${JSON.stringify(await invokeFunction('backfillPartyFacts', {}))}`);
    await seedWebhookPartners(localResourceNames.tableName, identities.webhooks);
    // ongoing monitoring: every party on file in the monitored-name index, and the lists in service as the
    // version screened (parties were screened against it when onboarded)
    say(`monitored names backfilled: ${JSON.stringify(await invokeFunction('backfillMonitoredNames', {}))}`);
    say(`monitoring: ${JSON.stringify(await invokeFunction('monitorListChanges', {}))}`);
    // the local payout provider confirms payouts as the payouts partner, as a real provider would
    payoutWebhookTarget = { url: `${apiUrl}/webhooks/payouts`, ...identities.webhooks.payouts };
    // EventBridge Scheduler's daily schedules, on the business clock's day boundaries (local-schedules.ts)
    schedules = startLocalSchedules({
      schedules: [
        { name: 'recomputeTradeAssurance', run: () => invokeFunction('recomputeTradeAssuranceSchedule', {}) },
        { name: 'runPeriodicReviews', run: () => invokeFunction('runPeriodicReviews', {}) },
      ],
      now,
      onClockAdvance,
      log: say,
    });
    // the webhook dispatcher: the AWS sweep's code, continuously on the local clock (local-webhook-dispatcher.ts)
    dispatcher = startLocalWebhookDispatcher({
      sweep: async () => (await invokeFunction('sweepWebhookDeliveries', {})) as SweepReport,
      onClockAdvance,
      log: say,
    });
    const issued = {} as Record<DevUserName, string>;
    for (const name of Object.keys(devUsers) as DevUserName[]) {
      const user = identities.users[name];
      issued[name] = await tokens.issue({ ...user, role: devUsers[name].role, username: name });
    }
    writeJsonFile(paths.endpoints, { api: apiUrl, ...services });
    writeJsonFile(paths.devCredentials, {
      apiUrl,
      tokens: issued,
      parties: {
        client: identities.users.client.partyId,
        client2: identities.users.client2.partyId,
        supplier: identities.users.supplier.partyId,
        bigBuyer: identities.users.bigBuyer.partyId,
      },
      webhooks: identities.webhooks,
      // the local payout provider's key changes at every start; with it, scripts and tests can call it directly
      payoutProvider: { url: payoutProvider.url, apiKey: payoutProvider.apiKey },
    });

    console.log(
      [
        '',
        `TrustFlow is running at ${apiUrl}`,
        `  DynamoDB Local ${dynamo.endpoint}   S3 ${s3.endpoint}   Step Functions ${stepFunctions.url}`,
        `  Textract       ${textract.url}   Payouts ${payoutProvider.url}   SES ${mailbox.url}`,
        `  clock          ${describeClock().now}`,
        `  endpoints      ${paths.endpoints}`,
        `  credentials    ${paths.devCredentials}`,
        `  logs           ${paths.logs}`,
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`\nTrustFlow could not start: ${(error as Error).message}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  if (error instanceof StackAlreadyRunningError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
