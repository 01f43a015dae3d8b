import { createDataDir, startStack } from './support/stack-process';

/** Starts one local stack on free ports for the integration suite, as `npm start` would. */
export default async function globalSetup(): Promise<void> {
  const dataDir = createDataDir('it');
  const stack = await startStack(dataDir);
  (globalThis as { trustflowStack?: unknown }).trustflowStack = stack;
  // test workers are spawned after this and inherit the environment
  process.env.TRUSTFLOW_TEST_DATA_DIR = dataDir;
}
