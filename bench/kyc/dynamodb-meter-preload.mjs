/**
 * Loaded with `--import` (NODE_OPTIONS) into the local stack that `bench:kyc` starts: installs the DynamoDB
 * meter (dynamodb-meter.ts) in the stack's main thread, and does nothing anywhere else (loader and OCR worker
 * threads, other processes). Plain JavaScript, because it runs before TypeScript support is registered.
 */
import { isMainThread } from 'node:worker_threads';

const file = process.env.TRUSTFLOW_BENCH_DYNAMODB_METER;
if (isMainThread && file && /infra[\\/]local[\\/]start\.ts$/.test(process.argv[1] ?? '')) {
  await import('tsx'); // the same registration as the command's own `--import tsx`, made first
  const meter = await import(new URL('./dynamodb-meter.ts', import.meta.url).href);
  (meter.installDynamoDbMeter ?? meter.default.installDynamoDbMeter)(file);
}
