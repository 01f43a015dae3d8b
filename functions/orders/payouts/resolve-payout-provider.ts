import { createHttpPayoutProvider } from './http-payout-provider';
import type { PayoutProvider } from './payout-provider';

/*
 * The payout provider of this function, from the environment:
 *   PAYOUT_PROVIDER_URL       base URL of the provider's API (the local stack points it at its simulator)
 *   PAYOUT_PROVIDER_API_KEY   the API key, sent as a Bearer token
 *   PAYOUT_PROVIDER_NAME      optional, recorded on each payout (default `http`)
 * Read when first needed, like getConfig(), so that modules load without a full environment.
 */

/** The environment variables the payout provider is configured from. */
export const payoutProviderVariables = {
  url: 'PAYOUT_PROVIDER_URL',
  apiKey: 'PAYOUT_PROVIDER_API_KEY',
  name: 'PAYOUT_PROVIDER_NAME',
} as const;

let cached: PayoutProvider | undefined;

function requireVariable(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`environment variable ${name} is not set: the payout provider cannot be configured`);
  return value;
}

/**
 * The function's payout provider, created once per container (one module-level client, like the SDK
 * clients). Throws a clear error naming the missing variable.
 */
export function resolvePayoutProvider(env: NodeJS.ProcessEnv = process.env): PayoutProvider {
  cached ??= createHttpPayoutProvider({
    name: env[payoutProviderVariables.name]?.trim() || 'http',
    baseUrl: requireVariable(env, payoutProviderVariables.url),
    apiKey: requireVariable(env, payoutProviderVariables.apiKey),
  });
  return cached;
}

/** Forgets the cached provider; for tests that change the environment. */
export function resetPayoutProvider(): void {
  cached = undefined;
}
