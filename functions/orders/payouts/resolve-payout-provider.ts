import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createHttpPayoutProvider, PayoutProviderUnavailable } from './http-payout-provider';
import type { PayoutProvider } from './payout-provider';

/*
 * The payout provider of this function, from the environment:
 *   PAYOUT_PROVIDER_URL                 base URL of the provider's API (the local stack points it at its simulator)
 *   PAYOUT_PROVIDER_API_KEY             the API key itself, sent as a Bearer token (the local stack, tests)
 *   PAYOUT_PROVIDER_API_KEY_SECRET_ARN  or: the Secrets Manager secret that holds it (AWS, so that the key is not
 *                                       shown in the Lambda console); used only when PAYOUT_PROVIDER_API_KEY is unset
 *   PAYOUT_PROVIDER_NAME                optional, recorded on each payout (default `http`)
 * Read when first needed, like getConfig(), so that modules load without a full environment.
 *
 * The secret's SecretString is the API key itself, as the provider issued it (not JSON): that is what
 * `aws secretsmanager put-secret-value --secret-string <key>` stores. A JSON value is refused, because the
 * stack creates the secret with a JSON placeholder until someone puts the key in it.
 */

/** The environment variables the payout provider is configured from. */
export const payoutProviderVariables = {
  url: 'PAYOUT_PROVIDER_URL',
  apiKey: 'PAYOUT_PROVIDER_API_KEY',
  apiKeySecretArn: 'PAYOUT_PROVIDER_API_KEY_SECRET_ARN',
  name: 'PAYOUT_PROVIDER_NAME',
} as const;

/**
 * The payout provider cannot be used as deployed: its API key secret does not exist, may not be read, or does
 * not hold a key. Retrying cannot help (unlike {@link PayoutProviderUnavailable}); someone must fix the secret
 * or the function's permissions.
 */
export class PayoutProviderMisconfigured extends Error {
  override name = 'PayoutProviderMisconfigured';
}

// one client per container, like the other SDK clients; the region and credentials come from the Lambda runtime
const secretsManager = new SecretsManagerClient({});

/** Error names Secrets Manager gives when it sheds load: worth retrying later, like a 5xx. */
const throttlingErrors = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * Whether a failed GetSecretValue may succeed later. The SDK has already retried it (3 attempts), so this
 * only decides whether the workflow should retry the step or stop and wait for someone.
 */
function isTransient(error: unknown): boolean {
  const failure = error as { name?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  if (failure.$fault === 'server' || throttlingErrors.has(failure.name ?? '')) return true;
  if (failure.$fault === 'client') return false;
  const status = failure.$metadata?.httpStatusCode;
  // no HTTP answer at all: a network error or a timeout on the way to Secrets Manager
  if (status === undefined) return true;
  return status === 429 || status >= 500;
}

/** Reads the API key from the secret; each failure says whether to retry (see {@link isTransient}). */
async function readApiKeySecret(secretArn: string, client: SecretsManagerClient): Promise<string> {
  let secretString: string | undefined;
  try {
    ({ SecretString: secretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn })));
  } catch (error) {
    const reason = `${(error as Error).name}: ${(error as Error).message}`;
    if (isTransient(error)) {
      const message = `payout provider API key secret ${secretArn} unreachable: ${reason}`;
      throw new PayoutProviderUnavailable(message, undefined, { cause: error });
    }
    // AccessDenied, ResourceNotFound, DecryptionFailure, a secret scheduled for deletion: no retry fixes these
    throw new PayoutProviderMisconfigured(`payout provider API key secret ${secretArn} cannot be read: ${reason}`, {
      cause: error,
    });
  }
  const key = secretString?.trim();
  if (!key) throw new PayoutProviderMisconfigured(`payout provider API key secret ${secretArn} holds no SecretString`);
  if (key.startsWith('{')) {
    throw new PayoutProviderMisconfigured(
      `payout provider API key secret ${secretArn} holds JSON (the placeholder created with the stack?): ` +
        `put the provider's API key itself in it as the secret string`,
    );
  }
  return key;
}

/**
 * The key from the secret, fetched at the first payout and then kept for the life of the container. A failed
 * fetch is not kept, so the next attempt (a workflow retry in the same container) asks again.
 */
function cachedSecretApiKey(secretArn: string, client: SecretsManagerClient): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= readApiKeySecret(secretArn, client).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function requireVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`environment variable ${name} is not set: the payout provider cannot be configured`);
  return value;
}

let cached: PayoutProvider | undefined;

/**
 * The function's payout provider, created once per container (one module-level client, like the SDK
 * clients). Synchronous, so callers need not change: a key kept in Secrets Manager is fetched at the first
 * payout, not here.
 * @param client used to read the secret; tests may pass their own
 * @throws a clear error naming the missing variable (for the key: both variables that can give it)
 */
export function resolvePayoutProvider(
  env: NodeJS.ProcessEnv = process.env,
  client: SecretsManagerClient = secretsManager,
): PayoutProvider {
  if (cached) return cached;
  const baseUrl = requireVariable(env, payoutProviderVariables.url);
  const plainKey = env[payoutProviderVariables.apiKey]?.trim();
  const secretArn = env[payoutProviderVariables.apiKeySecretArn]?.trim();
  // the key itself wins: the local stack and tests set it, and it needs no call to Secrets Manager
  const apiKey = plainKey || (secretArn ? cachedSecretApiKey(secretArn, client) : undefined);
  if (!apiKey) {
    throw new Error(
      `neither ${payoutProviderVariables.apiKey} nor ${payoutProviderVariables.apiKeySecretArn} is set: ` +
        'the payout provider has no API key',
    );
  }
  cached = createHttpPayoutProvider({
    name: env[payoutProviderVariables.name]?.trim() || 'http',
    baseUrl,
    apiKey,
  });
  return cached;
}

/** Forgets the cached provider (and a key fetched for it); for tests that change the environment. */
export function resetPayoutProvider(): void {
  cached = undefined;
}
