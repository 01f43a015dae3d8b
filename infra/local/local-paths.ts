import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Files and folders of one local stack's data directory. */
export interface LocalPaths {
  root: string;
  dynamodb: string;
  s3: string;
  logs: string;
  lock: string;
  clock: string;
  signingKey: string;
  identities: string;
  endpoints: string;
  devCredentials: string;
  /** The local Step Functions engine's journal of state machines and executions. */
  stepFunctionsJournal: string;
}

/**
 * Resolves the data directory (`TRUSTFLOW_LOCAL_DIR`, default `.local/` in the project) and creates
 * its folders. Two stacks with different directories share nothing.
 */
export function resolveLocalPaths(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LocalPaths {
  const root = path.resolve(cwd, env.TRUSTFLOW_LOCAL_DIR || '.local');
  const paths: LocalPaths = {
    root,
    dynamodb: path.join(root, 'dynamodb'),
    s3: path.join(root, 's3'),
    logs: path.join(root, 'logs'),
    lock: path.join(root, 'stack.lock'),
    clock: path.join(root, 'clock.json'),
    signingKey: path.join(root, 'jwt-signing-key.json'),
    identities: path.join(root, 'dev-identities.json'),
    endpoints: path.join(root, 'endpoints.json'),
    devCredentials: path.join(root, 'dev-credentials.json'),
    stepFunctionsJournal: path.join(root, 'step-functions.jsonl'),
  };
  for (const dir of [paths.root, paths.dynamodb, paths.s3, paths.logs]) mkdirSync(dir, { recursive: true });
  return paths;
}
