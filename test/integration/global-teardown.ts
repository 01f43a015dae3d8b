import { rmSync } from 'node:fs';
import { stopStack, type StackProcess } from './support/stack-process';

/** Stops the suite's local stack and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { trustflowStack?: StackProcess }).trustflowStack;
  if (!stack) return;
  await stopStack(stack);
  if (process.env.TRUSTFLOW_KEEP_TEST_DATA !== '1') rmSync(stack.dataDir, { recursive: true, force: true });
}
