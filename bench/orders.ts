/**
 * `npm run bench:orders`: assured orders on the local stack, through the happy path.
 * - orders per minute, placed, confirmed by the supplier, paid, shipped, delivered, received, and released after the claim window
 *   (the business clock is advanced once for the whole run), payout confirmed by the local provider;
 * - state transitions per order, counted from the execution history;
 * - the estimated AWS cost per 1,000 orders at list prices, with the prices used.
 * Set BENCH_ORDERS (default 20) and BENCH_ORDERS_CONCURRENCY (default 4).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { tableSchema } from '../functions/commons/storage/table-schema';
import { localResourceNames } from '../infra/local/local-stack-config';
import { callApi, eventually, readStackFile, type DevCredentials } from '../test/integration/support/api-client';
import { createOrderJourney } from '../test/integration/support/order-journey';
import { createDataDir, repositoryRoot, startStack, stopStack } from '../test/integration/support/stack-process';
import { assumedOrderLambdaCosts, orderPrices } from './orders/aws-prices';
import { readExecutionHistory } from './support/read-execution-history';
import { itemSize, readTableStream, type StreamRecord } from './support/table-stream';
import { runConcurrently } from './support/run-concurrently';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_ORDERS_CONCURRENCY ?? 4);
/** 100 × USD 5.00: far below the AML large-amount and structuring bands, and small against the coverage. */
const UNIT_PRICE = 500;
const QUANTITY = 100;
const ORDER_TOTAL = UNIT_PRICE * QUANTITY;
const day = 86_400_000;
const WAIT_MS = 120_000;
/** Every PRE_SHIPMENT_EVERY-th order has PRE_SHIPMENT quality protection: an inspection PASSED before it ships. */
const PRE_SHIPMENT_EVERY = Number(process.env.BENCH_ORDERS_PRE_SHIPMENT_EVERY ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const velocity = (
    JSON.parse(readFileSync(path.join(repositoryRoot, 'data/rules/aml-rules.json'), 'utf8')) as {
      velocity: { maxOrders: number; windowHours: number };
    }
  ).velocity;
  const perDay = velocity.maxOrders;
  console.log(`bench:orders: starting a local stack (${ORDERS} happy-path orders, ${CONCURRENCY} at a time)…`);
  const stack = await startStack(createDataDir('bench-orders'));
  try {
    const credentials = readStackFile<DevCredentials>(stack.dataDir, 'dev-credentials.json');
    const endpoints = readStackFile<Record<string, string>>(stack.dataDir, 'endpoints.json');
    const sfn = new SFNClient({
      endpoint: endpoints.sfn,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    const machineArn = machines.stateMachines?.find((m) => m.name === 'assured-order')?.stateMachineArn;
    if (!machineArn) throw new Error('the local stack has no assured-order state machine');
    const journey = createOrderJourney(stack.apiUrl, credentials);
    const buyer = credentials.tokens.client;
    const supplierId = credentials.parties.supplier;

    // Coverage: every order of the run is open at once until the single P31D jump, plus the warm-up.
    const profile = await callApi(stack.apiUrl, 'GET', `/suppliers/${supplierId}/profile`, { token: buyer });
    const coverage = profile.body.tradeAssurance as { qualified: boolean; limit: number; available: number };
    const needed = (ORDERS + 1) * ORDER_TOTAL;
    let coverageNote = `demo supplier's Trade Assurance available USD ${(coverage.available / 100).toFixed(2)} covers the run`;
    if (!coverage.qualified || coverage.available < needed) {
      const limit = Math.max(coverage.limit ?? 0, needed * 2);
      const override = await callApi(stack.apiUrl, 'PUT', `/admin/suppliers/${supplierId}/trade-assurance`, {
        token: credentials.tokens.admin,
        body: { limit, reason: 'bench:orders: every order of the run is open at once' },
      });
      if (override.status !== 202) throw new Error(`override: ${override.status} ${JSON.stringify(override.body)}`);
      // four eyes: a second admin approves the override before it takes effect
      const approval = await callApi(stack.apiUrl, 'POST', `/review/tasks/${override.body.taskId}/approval`, {
        token: credentials.tokens.admin2,
        body: { approve: true, reason: 'bench:orders: approved for the run' },
      });
      if (approval.status !== 200) throw new Error(`approval: ${approval.status} ${JSON.stringify(approval.body)}`);
      coverageNote = `Trade Assurance raised by an admin override (approved by a second admin) to USD ${(limit / 100).toFixed(2)}`;
    }

    const orderBody = async (qualityProtection: 'PRE_SHIPMENT' | 'POST_DELIVERY') => ({
      supplierId,
      qualityProtection,
      items: [{ description: 'Cotton T-shirts, 180 gsm', hsCode: '610910', quantity: QUANTITY, unitPrice: UNIT_PRICE }],
      currency: 'USD',
      coverage: 'FULL',
      shipBy: new Date((await journey.clockNow()).getTime() + 60 * day).toISOString().slice(0, 10),
      destinationCountry: 'DE',
      qualitySpec: '100% cotton, 180 gsm, sizes S-XL as per the size chart',
    });

    // The AML velocity rule holds a buyer's order beyond `perDay` in 24 h, so placements are serialised
    // and the business clock moves one day after each `perDay` orders. Orders already placed are not
    // affected: their timers (7-day payment, ship-by 60 days out, 30-day claim window) are far away.
    let placedToday = 0;
    let dayJumps = 0;
    let placing: Promise<unknown> = Promise.resolve();
    let placedCount = 0;
    let preShipmentOrders = 0;
    let measuring = false;
    const place = (): Promise<{ orderId: string; preShipment: boolean }> => {
      const placed = placing.then(async () => {
        if (placedToday >= perDay) {
          const moved = await journey.advanceClock('P1D');
          if (moved.status !== 200) throw new Error(`POST /_local/clock: ${moved.status}`);
          dayJumps++;
          placedToday = 0;
        }
        const preShipment = ++placedCount % PRE_SHIPMENT_EVERY === 0;
        if (preShipment && measuring) preShipmentOrders++;
        const orderId = await journey.placeOrder(
          buyer,
          await orderBody(preShipment ? 'PRE_SHIPMENT' : 'POST_DELIVERY'),
        );
        placedToday++;
        return { orderId, preShipment };
      });
      placing = placed.catch(() => undefined);
      return placed;
    };

    /** One order from placement to the open claim window. */
    const toClaimWindow = async () => {
      const { orderId, preShipment } = await place();
      const ready = await eventually(
        () => journey.readOrder(buyer, orderId),
        (view) => view.waitingFor?.milestone === 'CONFIRMATION' || view.status === 'COMPLIANCE_HOLD',
        WAIT_MS,
      );
      if (ready.status === 'COMPLIANCE_HOLD') {
        throw new Error(`order ${orderId} is held: ${JSON.stringify(ready.compliance?.outcomes)}`);
      }
      // the supplier agrees to the order, which reserves its coverage
      await journey.confirmOrder(credentials.tokens.supplier, orderId);
      await journey.waitForMilestone(buyer, orderId, 'PAYMENT', WAIT_MS);
      const paid = await journey.pay(orderId, ORDER_TOTAL);
      if (paid.status !== 200) throw new Error(`payment webhook: ${paid.status} ${JSON.stringify(paid.body)}`);
      await journey.waitForMilestone(buyer, orderId, 'SHIPMENT', WAIT_MS);
      const now = (await journey.clockNow()).toISOString();
      if (preShipment) {
        // the inspection agency's report: the shipment counts once it PASSED
        const inspected = await journey.postWebhook('inspections', {
          eventId: `evt_inspection_${orderId}`,
          type: 'inspection.completed',
          orderId,
          result: 'PASSED',
          reportId: `bench-${orderId}`,
          occurredAt: now,
        });
        if (inspected.status !== 200) throw new Error(`inspection webhook: ${inspected.status}`);
      }
      const shipped = await journey.reportShipment(orderId, 'SHIPPED', now);
      if (shipped.status !== 200) throw new Error(`SHIPPED webhook: ${shipped.status}`);
      await journey.waitForStatus(buyer, orderId, ['SHIPPED'], WAIT_MS);
      const delivered = await journey.reportShipment(orderId, 'DELIVERED', now);
      if (delivered.status !== 200) throw new Error(`DELIVERED webhook: ${delivered.status}`);
      await journey.waitForStatus(buyer, orderId, ['DELIVERED'], WAIT_MS);
      const receipt = await callApi(stack.apiUrl, 'POST', `/orders/${orderId}/receipt`, { token: buyer });
      if (receipt.status !== 200) throw new Error(`POST /orders/${orderId}/receipt: ${receipt.status}`);
      await journey.waitForMilestone(buyer, orderId, 'CLAIM', WAIT_MS);
      return orderId;
    };

    const completeAfterClaimWindow = async (orderIds: string[]) => {
      const moved = await journey.advanceClock('P31D');
      if (moved.status !== 200) throw new Error(`POST /_local/clock: ${moved.status}`);
      return Promise.all(orderIds.map((id) => journey.waitForStatus(buyer, id, ['COMPLETED'], WAIT_MS * 2)));
    };

    // One warm-up order through the whole path loads every handler and the screening index, as a warm
    // Lambda fleet would have. Its P31D jump also empties the velocity window.
    await completeAfterClaimWindow([await toClaimWindow()]);
    placedToday = 0;
    measuring = true;
    // The stream's timestamps are whole minutes locally: the measured run starts after this sequence number.
    const tableStream = () => readTableStream(endpoints.dynamodb!, localResourceNames.tableName);
    const sequenceOf = (record: StreamRecord) => BigInt(record.dynamodb.SequenceNumber);
    const measuredAfter = (await tableStream()).reduce((max, r) => (sequenceOf(r) > max ? sequenceOf(r) : max), 0n);

    const started = performance.now();
    const { results: orderIds, latencies } = await runConcurrently(ORDERS, CONCURRENCY, toClaimWindow);
    const claimWindowReachedMs = performance.now() - started;
    const completed = await completeAfterClaimWindow(orderIds);
    const elapsedMs = performance.now() - started;
    const settleMs = elapsedMs - claimWindowReachedMs;

    for (const order of completed) {
      const payouts = (order.settlement?.payouts ?? []) as { status: string }[];
      if (order.settlement?.outcome !== 'NO_CLAIM' || payouts.some((p) => p.status !== 'PAID')) {
        throw new Error(`order ${order.orderId} completed without a paid release: ${JSON.stringify(order.settlement)}`);
      }
    }
    const payoutsPerOrder =
      completed.reduce((sum, order) => sum + (order.settlement.payouts as unknown[]).length, 0) / completed.length;

    // Transitions and Lambda invocations from each order's execution history.
    const executionPrefix = machineArn.replace(':stateMachine:', ':execution:');
    const histories = await Promise.all(
      orderIds.map(async (id) => {
        const executionArn = `${executionPrefix}:${id}`;
        const execution = await eventually(
          () => sfn.send(new DescribeExecutionCommand({ executionArn })),
          (described) => described.status !== 'RUNNING',
          WAIT_MS,
        );
        if (execution.status !== 'SUCCEEDED') throw new Error(`execution ${id} ended ${execution.status}`);
        return readExecutionHistory(sfn, executionArn);
      }),
    );
    const transitions = histories.map((events) => events.filter((e) => e.type?.endsWith('StateEntered')).length);
    const meanTransitions = transitions.reduce((a, b) => a + b, 0) / transitions.length;
    const invocations = new Map<string, number>();
    for (const events of histories) {
      for (const event of events) {
        if (event.type !== 'TaskScheduled' && event.type !== 'LambdaFunctionScheduled') continue;
        const fn = event.lambdaFunctionScheduledEventDetails?.resource ?? event.taskScheduledEventDetails?.parameters;
        const id = fn && Object.keys(assumedOrderLambdaCosts).find((candidate) => fn.includes(candidate));
        if (id) invocations.set(id, (invocations.get(id) ?? 0) + 1);
      }
    }
    const preShipmentShare = preShipmentOrders / orderIds.length;
    const apiInvocations: Record<string, number> = {
      createOrder: 1,
      confirmOrder: 1,
      receivePaymentWebhook: 1,
      receivePayoutWebhook: payoutsPerOrder, // the provider's payout.paid
      receiveInspectionWebhook: preShipmentShare, // the agency's PASSED report of a PRE_SHIPMENT order
      receiveLogisticsWebhook: 2,
      confirmOrderReceipt: 1,
    };
    const apiRequests = Object.values(apiInvocations).reduce((a, b) => a + b, 0);
    const lambdaRows = Object.entries(assumedOrderLambdaCosts).map(([id, assumed]) => {
      const count = apiInvocations[id] ?? (invocations.get(id) ?? 0) / orderIds.length;
      const cost =
        count *
        ((assumed.ms / 1000) * (assumed.memoryMb / 1024) * orderPrices.lambdaArmPerGbSecond +
          orderPrices.lambdaPerRequest);
      return { id, count, assumed, cost };
    });
    const invocationsPerOrder = lambdaRows.reduce((sum, row) => sum + row.count, 0);

    // DynamoDB writes: every stream record of the measured run (NEW_AND_OLD_IMAGES), billed on the larger
    // image in 1 KB units, ×2 inside a transaction, plus 1 unit per KB for each GSI the item is in.
    const records = (await tableStream()).filter((r) => sequenceOf(r) > measuredAfter);
    const gsiKeys = tableSchema.globalSecondaryIndexes.map((index) => index.partitionKey);
    let writeUnits = 0;
    const writesByKind = new Map<string, number>();
    for (const record of records) {
      const { NewImage, OldImage, Keys } = record.dynamodb;
      const kb = Math.max(
        1,
        Math.ceil(Math.max(NewImage ? itemSize(NewImage) : 0, OldImage ? itemSize(OldImage) : 0) / 1024),
      );
      const pk = (Keys.pk?.S as string | undefined) ?? '';
      const transactional = !pk.startsWith('WEBHOOK_EVENT#');
      const indexes = gsiKeys.filter((key) => NewImage?.[key] ?? OldImage?.[key]).length;
      writeUnits += kb * (transactional ? 2 : 1) + kb * indexes;
      const kind = pk.startsWith('ORDER#')
        ? `ORDER# ${((Keys.sk?.S as string) ?? '').split('#')[0]}`
        : pk.split('#')[0]!;
      writesByKind.set(kind, (writesByKind.get(kind) ?? 0) + 1);
    }
    const writeUnitsPerOrder = writeUnits / orderIds.length;
    const writesPerOrder = records.length / orderIds.length;

    // The order's partition as stored: reads are estimated as one consistent read of it per invocation.
    const sampleWrites = records.filter((r) => r.dynamodb.Keys.pk?.S === `ORDER#${orderIds[0]}`);
    const partition = new Map<string, number>();
    for (const record of sampleWrites) {
      const sk = record.dynamodb.Keys.sk?.S as string;
      if (record.dynamodb.NewImage) partition.set(sk, itemSize(record.dynamodb.NewImage));
      else partition.delete(sk);
    }
    const partitionBytes = [...partition.values()].reduce((a, b) => a + b, 0);
    const partitionItemKb = [...partition.values()].reduce((sum, size) => sum + Math.ceil(size / 1024), 0);
    const readUnitsPerOrder = invocationsPerOrder * Math.ceil(partitionBytes / 4096);

    const costs = {
      'Step Functions Standard': meanTransitions * orderPrices.stepFunctionsPerTransition,
      Lambda: lambdaRows.reduce((sum, row) => sum + row.cost, 0),
      DynamoDB:
        writeUnitsPerOrder * orderPrices.dynamoDbPerWriteUnit + readUnitsPerOrder * orderPrices.dynamoDbPerReadUnit,
      'API Gateway HTTP API': apiRequests * orderPrices.httpApiPerRequest,
    };
    const total = Object.values(costs).reduce((a, b) => a + b, 0);
    const minutes = elapsedMs / 60_000;

    console.log('\n## Assured orders on the local stack (happy path, released after the claim window)\n');
    console.log('| figure | value |\n| --- | --- |');
    console.log(
      `| orders | ${orderIds.length} (${CONCURRENCY} concurrent), USD ${(ORDER_TOTAL / 100).toFixed(2)} each, ` +
        `${preShipmentOrders} of them PRE_SHIPMENT (an inspection PASSED before shipment) |`,
    );
    console.log(`| throughput, placed → COMPLETED | ${(orderIds.length / minutes).toFixed(1)} orders/minute |`);
    console.log(
      `| wall time | ${(elapsedMs / 1000).toFixed(1)} s: ${(claimWindowReachedMs / 1000).toFixed(1)} s to bring all to the ` +
        `claim window, ${(settleMs / 1000).toFixed(1)} s from the P31D jump to all COMPLETED |`,
    );
    console.log(
      `| order latency to claim window p50 / max | ${(median(latencies) / 1000).toFixed(2)} s / ` +
        `${(Math.max(...latencies) / 1000).toFixed(2)} s |`,
    );
    console.log(
      `| state transitions per order | ${meanTransitions.toFixed(1)} (min ${Math.min(...transitions)}, max ` +
        `${Math.max(...transitions)}) |`,
    );
    console.log(`| Lambda invocations per order | ${invocationsPerOrder.toFixed(1)} |`);
    console.log(
      `| DynamoDB item writes per order | ${writesPerOrder.toFixed(1)} (${writeUnitsPerOrder.toFixed(1)} WRU) |`,
    );
    console.log(`| API requests per order | ${apiRequests.toFixed(1)} |`);
    console.log(
      `\nClock: one P31D jump for all ${orderIds.length} orders (the claim window is 30 days); the AML velocity rule ` +
        `holds a buyer's order beyond ${perDay} in ${velocity.windowHours} h, so placements moved the clock P1D after ` +
        `every ${perDay} orders (${dayJumps} times) while earlier orders were still in flight. A warm-up order ran the ` +
        `whole path first and is not counted. Clock jumps take no wall time beyond the work they release, so the ` +
        `throughput is the stack's processing rate, not a calendar rate. ${coverageNote}.`,
    );
    console.log('\n## Estimated AWS cost per 1,000 orders (us-east-1 list prices)\n');
    console.log('| service | per 1,000 orders (USD) |\n| --- | --- |');
    for (const [service, cost] of Object.entries(costs)) console.log(`| ${service} | ${(cost * 1000).toFixed(3)} |`);
    console.log(`| **total** | **${(total * 1000).toFixed(3)}** |`);
    console.log('\nPrices used:');
    console.log('| price | USD |\n| --- | --- |');
    console.log(
      `| Step Functions Standard, per 1,000 state transitions | ${(orderPrices.stepFunctionsPerTransition * 1000).toFixed(3)} |`,
    );
    console.log(`| Lambda arm64, per GB-second | ${orderPrices.lambdaArmPerGbSecond} |`);
    console.log(`| Lambda, per 1M requests | ${(orderPrices.lambdaPerRequest * 1_000_000).toFixed(2)} |`);
    console.log(
      `| DynamoDB on-demand, per 1M write request units | ${(orderPrices.dynamoDbPerWriteUnit * 1_000_000).toFixed(3)} |`,
    );
    console.log(
      `| DynamoDB on-demand, per 1M read request units | ${(orderPrices.dynamoDbPerReadUnit * 1_000_000).toFixed(3)} |`,
    );
    console.log(
      `| API Gateway HTTP API, per 1M requests | ${(orderPrices.httpApiPerRequest * 1_000_000).toFixed(2)} |`,
    );
    console.log('\nAssumptions:');
    console.log('- Lambda, per order (memory from functions/function-catalog.ts; durations assumed, not measured):');
    for (const row of lambdaRows)
      console.log(`  - ${row.id}: ${row.count.toFixed(1)} × ${row.assumed.ms} ms at ${row.assumed.memoryMb} MB`);
    console.log(
      `- DynamoDB writes: every table stream record of the measured run / ${orderIds.length} orders, each billed on the ` +
        'larger of its old and new image rounded up to 1 KB, ×2 as transactional (all but webhook-event items; an ' +
        `upper bound), plus 1 WRU per KB per GSI the item is in. Records per order: ` +
        [...writesByKind.entries()].map(([kind, n]) => `${kind} ${(n / orderIds.length).toFixed(1)}`).join(', '),
    );
    console.log(
      `- DynamoDB reads: the order partition holds ${partition.size} items, ${partitionBytes} bytes ` +
        `(${partitionItemKb} KB in 1 KB units) at the end; one strongly consistent read of it per Lambda invocation: ` +
        `${readUnitsPerOrder.toFixed(1)} RRU per order. The bench's own GET /orders polling is not counted.`,
    );
    console.log(
      `- API Gateway: ${apiRequests.toFixed(1)} requests per order (POST /orders, the confirmation, payment, ` +
        `${preShipmentShare.toFixed(2)} inspection report, SHIPPED, DELIVERED, receipt, ${payoutsPerOrder} payout.paid); polling and the daily Trade Assurance recompute are not counted.`,
    );
  } finally {
    await stopStack(stack);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
