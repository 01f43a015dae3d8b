/**
 * `npm run bench:kyc`: the KYC workflow on the local stack, OCR included.
 * - end-to-end cases per minute on the auto-approve path (open, two uploads, submit, APPROVED);
 * - OCR time per page for each kind of page, through the local Textract endpoint;
 * - state transitions per case, counted from the execution history;
 * - the estimated AWS cost per 1,000 cases at list prices, with the prices used.
 * Set BENCH_KYC_CASES (default 20) and BENCH_KYC_CONCURRENCY (default 4).
 */
import { AnalyzeDocumentCommand, AnalyzeIDCommand, TextractClient } from '@aws-sdk/client-textract';
import { SFNClient } from '@aws-sdk/client-sfn';
import { documentQueries } from '../functions/kyc/extraction/document-queries';
import { callApi, readStackFile, signUp, type DevCredentials } from '../test/integration/support/api-client';
import { anaSouza, individualApplication, passportOf, utilityBillOf } from '../test/integration/support/kyc-documents';
import { createKycJourney } from '../test/integration/support/kyc-journey';
import { createDataDir, startStack, stopStack } from '../test/integration/support/stack-process';
import { renderCompanyRegistration, renderNationalId } from '../test/support/documents';
import { assumedLambdaCosts, awsListPrices } from './kyc/aws-prices';
import { readExecutionHistory } from './support/read-execution-history';
import { runConcurrently } from './support/run-concurrently';

const CASES = Number(process.env.BENCH_KYC_CASES ?? 20);
const CONCURRENCY = Number(process.env.BENCH_KYC_CONCURRENCY ?? 4);
const OCR_SAMPLES = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measureOcr(textract: TextractClient, today: Date) {
  const pages: [string, Buffer, (bytes: Buffer) => Promise<unknown>][] = [
    [
      'passport (PNG, AnalyzeID)',
      await passportOf(anaSouza, today),
      (b) => textract.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: b }] })),
    ],
    [
      'national ID (JPEG, AnalyzeID)',
      await renderNationalId({
        surname: 'Souza',
        givenNames: 'Ana',
        documentNumber: 'D23145890',
        nationality: 'BRA',
        dateOfBirth: '1990-04-12',
        sex: 'F',
        expiryDate: '2031-04-15',
        format: 'jpeg',
      }),
      (b) => textract.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: b }] })),
    ],
    [
      'utility bill (PNG, AnalyzeDocument)',
      await utilityBillOf('Ana Souza', today),
      (b) => analyzeDocument(textract, b, 'PROOF_OF_ADDRESS'),
    ],
    [
      'company registration (PDF text layer, AnalyzeDocument)',
      await renderCompanyRegistration({
        companyName: 'Nordic Timber Trading AB',
        registrationNumber: '5591234567',
        address: 'Sveavagen 20, 11157 Stockholm',
        issueDate: '2024-01-10',
        format: 'pdf',
      }),
      (b) => analyzeDocument(textract, b, 'COMPANY_REGISTRATION'),
    ],
  ];
  const rows: string[] = [];
  for (const [label, bytes, call] of pages) {
    await call(bytes); // warm the OCR workers
    const times: number[] = [];
    for (let i = 0; i < OCR_SAMPLES; i++) {
      const started = performance.now();
      await call(bytes);
      times.push(performance.now() - started);
    }
    rows.push(
      `| ${label} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${Math.max(...times).toFixed(0)} |`,
    );
  }
  return rows;
}

function analyzeDocument(textract: TextractClient, bytes: Buffer, type: keyof typeof documentQueries) {
  const queries = documentQueries[type] ?? [];
  return textract.send(
    new AnalyzeDocumentCommand({
      Document: { Bytes: bytes },
      FeatureTypes: ['FORMS', 'QUERIES'],
      QueriesConfig: { Queries: queries.map((q) => ({ Text: q.text, Alias: q.alias })) },
    }),
  );
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log(`bench:kyc: starting a local stack (${CASES} auto-approve cases, ${CONCURRENCY} at a time)…`);
  const stack = await startStack(createDataDir('bench-kyc'));
  try {
    const credentials = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json');
    const endpoints = readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json');
    const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    const textract = new TextractClient({
      endpoint: endpoints.textract,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    const sfn = new SFNClient({ endpoint: endpoints.sfn, region: 'us-east-1', credentials: localCredentials });
    const journey = createKycJourney(stack.apiUrl);
    const today = await journey.clockNow();
    const passport = await passportOf(anaSouza, today);
    const bill = await utilityBillOf('Ana Souza', today);

    const ocrRows = await measureOcr(textract, today);

    // One warm-up case loads every handler and the screening index, as a warm Lambda fleet would have.
    // each case is a new applicant's, signed up locally: a party may have only 3 cases open at once
    const runCase = async () => {
      const { token } = await signUp(stack.apiUrl, 'client');
      const caseId = await journey.openCase(token, individualApplication(anaSouza));
      await journey.uploadDocument(token, caseId, 'PASSPORT', passport);
      await journey.uploadDocument(token, caseId, 'PROOF_OF_ADDRESS', bill);
      await journey.submit(token, caseId);
      const view = await journey.waitForStatus(token, caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED'], 300_000);
      if (view.status !== 'APPROVED') throw new Error(`case ${caseId} ended ${view.status}, not APPROVED`);
      return caseId;
    };
    await runCase();

    const started = performance.now();
    const { results: caseIds, latencies } = await runConcurrently(CASES, CONCURRENCY, runCase);
    const elapsedMs = performance.now() - started;

    const arnPrefix = endpoints.kycCaseStateMachineArn ?? 'arn:aws:states:us-east-1:000000000000:stateMachine:kyc-case';
    const histories = await Promise.all(
      caseIds.map((caseId) =>
        readExecutionHistory(sfn, `${arnPrefix.replace(':stateMachine:', ':execution:')}:${caseId}`),
      ),
    );
    const transitions = histories.map((events) => events.filter((e) => e.type?.endsWith('StateEntered')).length);
    const invocations = new Map<string, number>();
    for (const events of histories) {
      for (const event of events) {
        const fn = event.lambdaFunctionScheduledEventDetails?.resource ?? event.taskScheduledEventDetails?.parameters;
        if (!fn) continue;
        const name = Object.keys(assumedLambdaCosts).find((id) => fn.includes(id));
        if (name) invocations.set(name, (invocations.get(name) ?? 0) + 1);
      }
    }

    const perCase = (id: string) => (invocations.get(id) ?? 0) / caseIds.length;
    const apiInvocations: Record<string, number> = {
      createKycCase: 1,
      requestDocumentUpload: 2,
      processDocumentUpload: 2,
      submitKycCase: 1,
    };
    const lambdaRows = Object.entries(assumedLambdaCosts).map(([id, assumed]) => {
      const count = apiInvocations[id] ?? perCase(id);
      const cost =
        count *
        ((assumed.ms / 1000) * (assumed.memoryMb / 1024) * awsListPrices.lambdaArmPerGbSecond +
          awsListPrices.lambdaPerRequest);
      return { id, count, assumed, cost };
    });
    const meanTransitions = transitions.reduce((a, b) => a + b, 0) / transitions.length;
    // DynamoDB units from one approved case as stored: every write goes through a transaction (2 WRU per KB).
    const sample = (
      await callApi(stack.apiUrl, 'GET', `/kyc/cases/${caseIds[0]}`, { token: credentials.tokens.reviewer })
    ).body as { timeline: unknown[]; documents: unknown[] };
    const { timeline, documents, ...caseItem } = sample;
    const caseKb = Math.ceil(Buffer.byteLength(JSON.stringify(caseItem)) / 1024);
    const partitionKb = Math.ceil(Buffer.byteLength(JSON.stringify(sample)) / 1024);
    const caseUpdates = 8; // create, 2 document registrations, submit, round, screening, assessment, decision
    const writeUnits = 2 * (timeline.length + documents.length * 3 + caseUpdates * caseKb);
    const readUnits = 25 * Math.ceil(partitionKb / 4); // consistent partition reads by the steps and the API
    const costs = {
      'Step Functions': meanTransitions * awsListPrices.stepFunctionsPerTransition,
      Lambda: lambdaRows.reduce((sum, row) => sum + row.cost, 0),
      DynamoDB: writeUnits * awsListPrices.dynamoDbPerWriteUnit + readUnits * awsListPrices.dynamoDbPerReadUnit,
      'Textract AnalyzeID (1 page)': awsListPrices.textractAnalyzeIdPerPage,
      'Textract AnalyzeDocument Forms+Queries (1 page)': awsListPrices.textractFormsAndQueriesPerPage,
    };
    const total = Object.values(costs).reduce((a, b) => a + b, 0);

    console.log('\n## KYC workflow on the local stack (auto-approve path: passport PNG + utility bill PNG)\n');
    console.log('| figure | value |\n| --- | --- |');
    console.log(`| cases | ${caseIds.length} (${CONCURRENCY} concurrent) |`);
    console.log(`| throughput | ${((caseIds.length / elapsedMs) * 60_000).toFixed(1)} cases/minute |`);
    console.log(
      `| case latency p50 / max | ${(median(latencies) / 1000).toFixed(2)} s / ${(Math.max(...latencies) / 1000).toFixed(2)} s |`,
    );
    console.log(
      `| state transitions per case | ${meanTransitions.toFixed(1)} (min ${Math.min(...transitions)}, max ${Math.max(...transitions)}) |`,
    );
    console.log('\n## OCR per page (local Textract endpoint, tesseract.js; median of 5 after a warm-up)\n');
    console.log('| page | median ms | min ms | max ms |\n| --- | --- | --- | --- |');
    for (const row of ocrRows) console.log(row);
    console.log('\n## Estimated AWS cost per 1,000 auto-approved cases (us-east-1 list prices)\n');
    console.log('| service | per 1,000 cases (USD) |\n| --- | --- |');
    for (const [service, cost] of Object.entries(costs)) console.log(`| ${service} | ${(cost * 1000).toFixed(2)} |`);
    console.log(`| **total** | **${(total * 1000).toFixed(2)}** |`);
    console.log('\nPrices used:');
    console.log(
      `- Step Functions Standard $${(awsListPrices.stepFunctionsPerTransition * 1000).toFixed(3)} per 1,000 transitions`,
    );
    console.log(
      `- Lambda arm64 $${awsListPrices.lambdaArmPerGbSecond} per GB-s + $0.20 per 1M requests; assumed per invocation:`,
    );
    for (const row of lambdaRows)
      console.log(
        `  - ${row.id}: ${row.count.toFixed(1)} per case × ${row.assumed.ms} ms at ${row.assumed.memoryMb} MB`,
      );
    console.log(
      `- DynamoDB on-demand $0.625 per 1M WRU, $0.125 per 1M RRU; per case ${writeUnits} WRU (${timeline.length} timeline ` +
        `entries, ${documents.length} documents, ${caseUpdates} updates of a ${caseKb} KB case item, all transactional) ` +
        `and ~${readUnits} RRU`,
    );
    console.log(
      `- Textract AnalyzeID $${awsListPrices.textractAnalyzeIdPerPage} per page; AnalyzeDocument Forms $0.05 + Queries $0.015 per page`,
    );
  } finally {
    await stopStack(stack);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
