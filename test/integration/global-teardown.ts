import { stopAndRemoveStack, type StackProcess } from './support/stack-process';

/** Stops the suite's local stack and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { trustflowStack?: StackProcess }).trustflowStack;
  if (!stack) return;
  await stopAndRemoveStack(stack);
}
