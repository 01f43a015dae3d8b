/**
 * `npm run bench:kyc`: the KYC workflow on the local stack, OCR included.
 * - end-to-end cases per minute on the auto-approve path (open, two uploads, submit, APPROVED);
 * - OCR time per page for each kind of page, through the local Textract endpoint;
 * - state transitions and Lambda invocations per case, counted from the execution histories and the
 *   requests the stack served;
 * - DynamoDB writes per case counted on the table stream and sized on the stored items, and reads per
 *   case metered on the functions' DynamoDB client (kyc/dynamodb-meter.ts);
 * - the estimated AWS cost per 1,000 cases at list prices, with every assumption printed as one.
 * Set BENCH_KYC_CASES (default 20) and BENCH_KYC_CONCURRENCY (default 4).
 */
import { AnalyzeDocumentCommand, AnalyzeIDCommand, TextractClient } from '@aws-sdk/client-textract';
import { DescribeExecutionCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionCatalog } from '../functions/function-catalog';
import { localResourceNames } from '../infra/local/local-stack-config';
import { matchRoute } from '../infra/local/api-gateway-event';
import { documentQueries } from '../functions/kyc/extraction/document-queries';
import { eventually, readStackFile, signUp } from '../test/integration/support/api-client';
import { anaSouza, individualApplication, passportOf, utilityBillOf } from '../test/integration/support/kyc-documents';
import { createKycJourney } from '../test/integration/support/kyc-journey';
import { createDataDir, repositoryRoot, startStack, stopStack } from '../test/integration/support/stack-process';
import { renderCompanyRegistration, renderNationalId } from '../test/support/documents';
import { assumedKycLambdaCosts, assumedTextractPagesPerRequest, awsListPrices } from './kyc/aws-prices';
import type { MeteredCall, ServedRequest } from './kyc/dynamodb-meter';
import { measureReads, measureWrites, readMeterLog, storedPartition, type Source } from './kyc/dynamodb-usage';
import { readExecutionHistory } from './support/read-execution-history';
import { runConcurrently } from './support/run-concurrently';
import { readTableStream, type StreamRecord } from './support/table-stream';

const CASES = Number(process.env.BENCH_KYC_CASES ?? 20);
const CONCURRENCY = Number(process.env.BENCH_KYC_CONCURRENCY ?? 4);
const OCR_SAMPLES = 5;
const WAIT_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sequenceOf = (record: StreamRecord) => BigInt(record.dynamodb.SequenceNumber);
const portOf = (url: string | undefined) => Number(new URL(url ?? 'http://localhost:0').port);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
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

/** The function a Lambda task of an execution history invoked, from its resource or parameters. */
function invokedFunction(event: HistoryEvent): string | undefined {
  if (event.type !== 'TaskScheduled' && event.type !== 'LambdaFunctionScheduled') return undefined;
  let resource = event.lambdaFunctionScheduledEventDetails?.resource ?? '';
  const parameters = event.taskScheduledEventDetails?.parameters;
  if (parameters) {
    try {
      resource = String((JSON.parse(parameters) as { FunctionName?: string }).FunctionName ?? parameters);
    } catch {
      resource = parameters;
    }
  }
  const ids = Object.keys(functionCatalog).sort((a, b) => b.length - a.length);
  return ids.find((id) => resource.includes(id)) ?? `unknown (${resource.slice(0, 60)})`;
}

const perCase = (value: number, cases: number, digits = 1) => (value / cases).toFixed(digits);
const describeSizes = (sizes: number[]) => `median ${median(sizes)} bytes, max ${Math.max(...sizes)} bytes`;

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.log(`bench:kyc: starting a local stack (${CASES} auto-approve cases, ${CONCURRENCY} at a time)…`);
  const dataDir = createDataDir('bench-kyc');
  // the meter (kyc/dynamodb-meter.ts) logs the functions' DynamoDB calls and the requests the stack serves
  const meterFile = path.join(dataDir, 'dynamodb-meter.jsonl');
  const preload = pathToFileURL(path.join(repositoryRoot, 'bench/kyc/dynamodb-meter-preload.mjs')).href;
  const stack = await startStack(dataDir, undefined, {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim(),
    TRUSTFLOW_BENCH_DYNAMODB_METER: meterFile,
  });
  try {
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

    // Each case is a new applicant's (a party may have only 3 cases open at once), signed up locally
    // before the measured run, which then holds the cases' work only.
    const tokens: string[] = [];
    for (let i = 0; i <= CASES; i++) tokens.push((await signUp(stack.apiUrl, 'client')).token);
    let nextToken = 0;
    const runCase = async () => {
      const token = tokens[nextToken++]!;
      const caseId = await journey.openCase(token, individualApplication(anaSouza));
      await journey.uploadDocument(token, caseId, 'PASSPORT', passport);
      await journey.uploadDocument(token, caseId, 'PROOF_OF_ADDRESS', bill);
      await journey.submit(token, caseId);
      const view = await journey.waitForStatus(token, caseId, ['APPROVED', 'IN_REVIEW', 'INFO_REQUESTED'], WAIT_MS);
      if (view.status !== 'APPROVED') throw new Error(`case ${caseId} ended ${view.status}, not APPROVED`);
      return caseId;
    };
    const arnPrefix = endpoints.kycCaseStateMachineArn ?? 'arn:aws:states:us-east-1:000000000000:stateMachine:kyc-case';
    const executionArn = (caseId: string) => `${arnPrefix.replace(':stateMachine:', ':execution:')}:${caseId}`;
    const finished = (caseId: string) =>
      eventually(
        () => sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(caseId) })),
        (described) => described.status !== 'RUNNING',
        WAIT_MS,
      );
    const tableStream = () => readTableStream(endpoints.dynamodb!, localResourceNames.tableName);
    /** The stream once nothing was written for 2 s: the webhook sweep fans events out after the workflow. */
    const quietStream = async () => {
      let records = await tableStream();
      for (let waited = 0; waited < 60_000; waited += 2000) {
        await sleep(2000);
        const again = await tableStream();
        if (again.length === records.length) break;
        records = again;
      }
      return records.sort((a, b) => (sequenceOf(a) < sequenceOf(b) ? -1 : 1));
    };

    // One warm-up case loads every handler and the screening index, as a warm Lambda fleet would have.
    await finished(await runCase());
    const measuredAfter = (await quietStream()).reduce((max, r) => (sequenceOf(r) > max ? sequenceOf(r) : max), 0n);
    const windowStart = Date.now();

    const started = performance.now();
    const { results: caseIds, latencies } = await runConcurrently(CASES, CONCURRENCY, runCase);
    const elapsedMs = performance.now() - started;
    const cases = caseIds.length;

    for (const [index, execution] of (await Promise.all(caseIds.map(finished))).entries()) {
      if (execution.status !== 'SUCCEEDED') throw new Error(`execution ${caseIds[index]} ended ${execution.status}`);
    }
    const histories = await Promise.all(caseIds.map((caseId) => readExecutionHistory(sfn, executionArn(caseId))));
    const allRecords = await quietStream();
    const windowEnd = Date.now();
    const records = allRecords.filter((record) => sequenceOf(record) > measuredAfter);
    await sleep(1000); // the meter appends to its log every 200 ms
    const lines = readMeterLog(meterFile).filter((line) => line.at >= windowStart && line.at <= windowEnd);
    const served = lines.filter(
      (line): line is ServedRequest & { kind: 'request'; at: number } => line.kind === 'request',
    );
    const calls = lines.filter((line): line is MeteredCall => line.kind === 'dynamodb');

    // Where each request and call came from: the stack's endpoints by port, API routes by the route table.
    const ports = {
      api: stack.port,
      s3: portOf(endpoints.s3),
      sfn: portOf(endpoints.sfn),
      textract: portOf(endpoints.textract),
    };
    const routeOf = (request: ServedRequest) => {
      const match = request.port === ports.api ? matchRoute(request.method, request.path) : undefined;
      return match?.kind === 'matched' ? match.route : undefined;
    };
    // Calls made outside any request are the local webhook sweep's: one sweep at a time, each opening with
    // the endpoint list, then a Query per outbox and due-delivery shard, then the work it found (fan-out,
    // in-process subscribers). Its polling is local: on AWS the table stream wakes the dispatcher. So
    // sweeps that found nothing, and the shard Queries that found nothing, are not the cases' cost.
    const sweepPolling = new Set<MeteredCall>();
    const pollsShard = (call: MeteredCall) =>
      /^(OUTBOX|WEBHOOK_DUE)#/.test(call.partition ?? '') && !call.writes && !call.itemSizes?.length;
    let sweep: MeteredCall[] = [];
    const closeSweep = () => {
      const busy = sweep.some(
        (call) => call.writes || (call.itemSizes?.length && call.partition !== 'WEBHOOK_ENDPOINTS'),
      );
      for (const call of sweep) if (!busy || pollsShard(call)) sweepPolling.add(call);
      sweep = [];
    };
    for (const call of calls.filter((c) => !c.servedRequest).sort((a, b) => a.at - b.at)) {
      if (call.operation === 'Query' && call.partition === 'WEBHOOK_ENDPOINTS') closeSweep();
      sweep.push(call);
    }
    closeSweep();
    const sourceOf = (call: MeteredCall): Source => {
      const request = call.servedRequest;
      if (!request) {
        return sweepPolling.has(call)
          ? { label: "the local webhook sweep's polling", counted: false }
          : { label: 'webhook dispatch: local sweeps that found work, in-process subscribers', counted: true };
      }
      if (request.port === ports.api) {
        const route = routeOf(request);
        if (!route) return { label: `API ${request.method} ${request.path}`, counted: true };
        if (route.function === 'getKycCase')
          return { label: `API GET ${route.path} (the bench's polling)`, counted: false };
        return { label: `API ${route.method} ${route.path} (${route.function})`, counted: true };
      }
      if (request.port === ports.s3) return { label: 'S3 upload notification (processDocumentUpload)', counted: true };
      if (request.port === ports.sfn) return { label: 'Step Functions workflow tasks', counted: true };
      return { label: `request on port ${request.port}: ${request.method} ${request.path}`, counted: true };
    };

    // Lambda invocations: the workflow's from the execution histories, the API's and S3's from the requests served.
    const invocations = new Map<string, number>();
    const invoked = (id: string, count = 1) => invocations.set(id, (invocations.get(id) ?? 0) + count);
    for (const events of histories) {
      for (const event of events) {
        const id = invokedFunction(event);
        if (id) invoked(id);
      }
    }
    let polls = 0;
    const textractRequests = new Map<string, number>();
    for (const request of served) {
      const route = routeOf(request);
      if (route?.function === 'getKycCase') polls++;
      else if (route) invoked(route.function);
      else if (request.port === ports.s3 && (request.method === 'POST' || request.method === 'PUT')) {
        invoked('processDocumentUpload'); // the object-created notification of the upload
      } else if (request.port === ports.textract && request.target) {
        const operation = request.target.split('.')[1] ?? request.target;
        textractRequests.set(operation, (textractRequests.get(operation) ?? 0) + 1);
      }
    }
    const lambdaRows = [...invocations.entries()].map(([id, count]) => {
      const assumed = assumedKycLambdaCosts[id];
      const cost = assumed
        ? (count / cases) *
          ((assumed.ms / 1000) * (assumed.memoryMb / 1024) * awsListPrices.lambdaArmPerGbSecond +
            awsListPrices.lambdaPerRequest)
        : 0;
      return { id, count, assumed, cost };
    });
    const transitions = histories.map((events) => events.filter((e) => e.type?.endsWith('StateEntered')).length);
    const meanTransitions = transitions.reduce((a, b) => a + b, 0) / transitions.length;

    // DynamoDB: writes from the stream, billed on the stored images; reads from the metered calls.
    const writes = measureWrites(records, calls, sourceOf, allRecords);
    const reads = measureReads(calls, sourceOf);
    const streamUnits = writes.rows.reduce((sum, row) => sum + row.writeUnits, 0);
    const { unstreamed } = writes;
    const writeUnits =
      streamUnits + unstreamed.conditionCheckUnits + unstreamed.refusedUnits + unstreamed.unchangedUnits;
    const itemWrites = writes.rows.reduce((sum, row) => sum + row.records, 0);
    const counted = reads.filter((row) => row.source.counted);
    const readUnits = counted.reduce((sum, row) => sum + row.readUnits, 0);
    const readCalls = counted.reduce((sum, row) => sum + row.calls, 0);
    const lowerBound = counted.reduce((sum, row) => sum + row.lowerBound, 0);
    const rowsOf = (kind: string, event?: string) =>
      writes.rows.filter((row) => row.kind === kind && (!event || row.event === event));
    const recordsOf = (kind: string, event?: string) => rowsOf(kind, event).reduce((sum, row) => sum + row.records, 0);
    const sizesOf = (kind: string) => rowsOf(kind).flatMap((row) => row.sizes);
    const partitions = caseIds.map((caseId) => storedPartition(allRecords, `CASE#${caseId}`));
    const partitionItems = partitions.reduce((sum, p) => sum + p.size, 0) / cases;
    const partitionBytes = partitions.reduce((sum, p) => sum + [...p.values()].reduce((a, b) => a + b, 0), 0) / cases;
    const casePartitionReads = (operation: string) =>
      counted
        .filter((row) => row.operation === operation && row.target.startsWith('CASE'))
        .reduce((sum, row) => sum + row.calls, 0);
    const documentsPerCase = recordsOf('CASE/DOCUMENT', 'INSERT') / cases;

    const textractIdPages = ((textractRequests.get('AnalyzeID') ?? 0) / cases) * assumedTextractPagesPerRequest;
    const textractDocumentPages =
      ((textractRequests.get('AnalyzeDocument') ?? 0) / cases) * assumedTextractPagesPerRequest;
    const costs: [string, number, string][] = [
      [
        'Step Functions Standard',
        meanTransitions * awsListPrices.stepFunctionsPerTransition,
        'measured transitions × list price',
      ],
      [
        'Lambda',
        lambdaRows.reduce((sum, row) => sum + row.cost, 0),
        'measured invocations × assumed durations (below)',
      ],
      ['DynamoDB writes', (writeUnits / cases) * awsListPrices.dynamoDbPerWriteUnit, 'measured WRU × list price'],
      [
        'DynamoDB reads',
        (readUnits / cases) * awsListPrices.dynamoDbPerReadUnit,
        `measured RRU × list price${lowerBound > 0 ? ' (a lower bound, below)' : ''}`,
      ],
      [
        'Textract AnalyzeID',
        textractIdPages * awsListPrices.textractAnalyzeIdPerPage,
        'measured requests × assumed pages × list price',
      ],
      [
        'Textract AnalyzeDocument (Forms + Queries)',
        textractDocumentPages * awsListPrices.textractFormsAndQueriesPerPage,
        'measured requests × assumed pages × list price',
      ],
    ];
    const total = costs.reduce((sum, [, cost]) => sum + cost, 0);

    console.log('\n## KYC workflow on the local stack (auto-approve path: passport PNG + utility bill PNG)\n');
    console.log('Every figure below is measured in this run, unless it says (assumed).\n');
    console.log('| figure | value | measured from |\n| --- | --- | --- |');
    console.log(`| cases | ${cases} (${CONCURRENCY} concurrent) | |`);
    console.log(`| throughput | ${((cases / elapsedMs) * 60_000).toFixed(1)} cases/minute | wall clock |`);
    console.log(
      `| case latency p50 / max | ${(median(latencies) / 1000).toFixed(2)} s / ${(Math.max(...latencies) / 1000).toFixed(2)} s | wall clock |`,
    );
    console.log(
      `| state transitions per case | ${meanTransitions.toFixed(1)} (min ${Math.min(...transitions)}, max ${Math.max(...transitions)}) | execution histories |`,
    );
    console.log(
      `| Lambda invocations per case | ${perCase(
        lambdaRows.reduce((sum, row) => sum + row.count, 0),
        cases,
      )} | execution histories; API requests (the bench's polling aside) and S3 uploads the stack served |`,
    );
    console.log(
      `| Textract requests per case | AnalyzeID ${perCase(textractRequests.get('AnalyzeID') ?? 0, cases)}, ` +
        `AnalyzeDocument ${perCase(textractRequests.get('AnalyzeDocument') ?? 0, cases)} | requests to the local Textract endpoint |`,
    );
    console.log(
      `| DynamoDB item writes per case | ${perCase(itemWrites, cases)} (${perCase(writeUnits, cases)} WRU) | table stream, stored item sizes |`,
    );
    console.log(
      `| case item writes per case | 1 insert + ${perCase(recordsOf('CASE/CASE', 'MODIFY'), cases)} updates, ` +
        `stored ${describeSizes(sizesOf('CASE/CASE'))} | table stream |`,
    );
    console.log(
      `| document item writes per document | ${(recordsOf('CASE/DOCUMENT') / (documentsPerCase * cases)).toFixed(1)} ` +
        `(${documentsPerCase.toFixed(1)} documents per case), stored ${describeSizes(sizesOf('CASE/DOCUMENT'))} | table stream |`,
    );
    console.log(
      `| timeline entries per case | ${perCase(recordsOf('CASE/EVENT', 'INSERT'), cases)}, stored ` +
        `${describeSizes(sizesOf('CASE/EVENT'))} | table stream |`,
    );
    console.log(
      `| case partition at the end | ${partitionItems.toFixed(1)} items, ${partitionBytes.toFixed(0)} bytes | table stream |`,
    );
    console.log(
      `| DynamoDB reads per case | ${perCase(readCalls, cases)} calls, ${perCase(readUnits, cases)} RRU; of them ` +
        `${perCase(casePartitionReads('Query'), cases)} Queries of the whole case partition and ` +
        `${perCase(casePartitionReads('GetItem'), cases)} GetItems of one of its items | metered calls of the functions |`,
    );

    console.log('\n### DynamoDB writes per case (table stream)\n');
    console.log('| item | stream event | per case | stored bytes, median / max | WRU per case | write | by |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of writes.rows.sort((a, b) => b.records - a.records)) {
      console.log(
        `| ${row.kind} | ${row.event} | ${perCase(row.records, cases, 2)} | ${median(row.sizes)} / ${Math.max(...row.sizes)} | ` +
          `${perCase(row.writeUnits, cases, 2)} | ${[...row.modes].join(', ')}` +
          `${row.indexed ? `; ${row.indexed} of ${row.records} in a GSI` : ''} | ` +
          `${[...row.sources].join('; ')} |`,
      );
    }
    console.log(
      `| ConditionCheck in transactions | — | ${perCase(unstreamed.conditionChecks, cases, 2)} | — | ` +
        `${perCase(unstreamed.conditionCheckUnits, cases, 2)} (assumed billing, below) | transactional | metered calls |`,
    );
    console.log(
      `| refused writes (failed condition, cancelled transaction) | — | ${perCase(unstreamed.refused, cases, 2)} | — | ` +
        `${perCase(unstreamed.refusedUnits, cases, 2)} (assumed 1 KB) | | metered calls |`,
    );
    console.log(
      `| committed writes with no stream record | — | ${perCase(unstreamed.unchanged, cases, 2)} | — | ` +
        `${perCase(unstreamed.unchangedUnits, cases, 2)} (assumed 1 KB) | | metered calls |`,
    );

    console.log('\n### DynamoDB reads per case (metered calls)\n');
    console.log('| made while serving | operation | partition read | calls per case | items per case | RRU per case |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const row of counted.sort((a, b) => b.readUnits - a.readUnits)) {
      console.log(
        `| ${row.source.label} | ${row.operation} | ${row.target || '—'} | ${perCase(row.calls, cases, 2)} | ` +
          `${perCase(row.items, cases, 2)} | ${perCase(row.readUnits, cases, 2)}${row.lowerBound ? ` (≥; ${row.lowerBound} calls filtered or projected)` : ''} |`,
      );
    }
    const left = new Map<string, { calls: number; readUnits: number }>();
    for (const row of reads.filter((r) => !r.source.counted)) {
      const sum = left.get(row.source.label) ?? { calls: 0, readUnits: 0 };
      left.set(row.source.label, { calls: sum.calls + row.calls, readUnits: sum.readUnits + row.readUnits });
    }
    console.log(
      `\nNot counted, over the whole run: ${[...left.entries()]
        .map(([label, sum]) => `${label}, ${sum.calls} reads (${sum.readUnits.toFixed(1)} RRU)`)
        .join('; ')}; ${polls} GET /kyc/cases/{caseId} requests in all` +
        `${writes.excluded ? `; ${writes.excluded} item writes made by those` : ''}.`,
    );

    console.log('\n## OCR per page (local Textract endpoint, tesseract.js; median of 5 after a warm-up)\n');
    console.log('| page | median ms | min ms | max ms |\n| --- | --- | --- | --- |');
    for (const row of ocrRows) console.log(row);

    console.log('\n## Estimated AWS cost per 1,000 auto-approved cases (us-east-1 list prices)\n');
    console.log('| service | per 1,000 cases (USD) | from |\n| --- | --- | --- |');
    for (const [service, cost, basis] of costs) console.log(`| ${service} | ${(cost * 1000).toFixed(3)} | ${basis} |`);
    console.log(`| **total** | **${(total * 1000).toFixed(3)}** | |`);
    console.log('\nList prices used (assumed current: check https://aws.amazon.com/pricing before quoting):');
    console.log('| price | USD |\n| --- | --- |');
    console.log(
      `| Step Functions Standard, per 1,000 state transitions | ${(awsListPrices.stepFunctionsPerTransition * 1000).toFixed(3)} |`,
    );
    console.log(`| Lambda arm64, per GB-second | ${awsListPrices.lambdaArmPerGbSecond} |`);
    console.log(`| Lambda, per 1M requests | ${(awsListPrices.lambdaPerRequest * 1_000_000).toFixed(2)} |`);
    console.log(
      `| DynamoDB on-demand, per 1M write request units | ${(awsListPrices.dynamoDbPerWriteUnit * 1_000_000).toFixed(3)} |`,
    );
    console.log(
      `| DynamoDB on-demand, per 1M read request units | ${(awsListPrices.dynamoDbPerReadUnit * 1_000_000).toFixed(3)} |`,
    );
    console.log(`| Textract AnalyzeID, per page | ${awsListPrices.textractAnalyzeIdPerPage} |`);
    console.log(
      `| Textract AnalyzeDocument Forms + Queries, per page | ${awsListPrices.textractFormsAndQueriesPerPage.toFixed(3)} |`,
    );

    console.log('\nAssumptions (not measured):');
    console.log(
      '- Lambda billed durations (assumed; invocations per case measured, memory from functions/function-catalog.ts):',
    );
    for (const row of lambdaRows.sort((a, b) => a.id.localeCompare(b.id))) {
      console.log(
        row.assumed
          ? `  - ${row.id}: ${perCase(row.count, cases)} per case × ${row.assumed.ms} ms (assumed) at ${row.assumed.memoryMb} MB`
          : `  - ${row.id}: ${perCase(row.count, cases)} per case, no duration assumed: not costed`,
      );
    }
    console.log(
      `- Textract: ${assumedTextractPagesPerRequest} page per request (assumed: the reader sends one page per call and ` +
        'the documents are single images; the local endpoint does not report pages).',
    );
    console.log(
      '- DynamoDB writes: each stream record billed on the larger of its old and new image in 1 KB units, ×2 when ' +
        'the metered call that wrote it was a TransactWriteItems; plus 1 WRU per KB for each GSI the item is in ' +
        '(assumed, as bench:orders). A ConditionCheck is billed as a transactional write of the checked item, 2 WRU ' +
        'per KB of its stored size (assumed: AWS documents it only as consuming write capacity). Refused writes and ' +
        'committed writes with no stream record are billed as 1 KB (assumed).',
    );
    console.log(
      '- DynamoDB reads: billed on the items each call returned, in 4 KB units (½ when eventually consistent, ×2 ' +
        'in TransactGetItems); items a filter dropped or attributes a projection left out are not seen, so calls ' +
        "marked ≥ are lower bounds. The bench's own GET /kyc/cases/{caseId} polling and the local sweep's idle " +
        'polls are not counted; on AWS the dispatcher runs on the table stream and a one-minute sweep (see bench:events).',
    );
    console.log(
      "- Not in the estimate: the webhook dispatcher's own Lambda (see bench:events), API Gateway, S3 requests and " +
        'storage, SES, CloudWatch, DynamoDB storage.',
    );
    console.log(`\nRaw data: ${dataDir} (dynamodb-meter.jsonl: every metered call and request).`);
  } finally {
    await stopStack(stack);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
