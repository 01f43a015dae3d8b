import {
  GetSecretValueCommand,
  InternalServiceError,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { PayoutProviderUnavailable } from '../../../../functions/orders/payouts/http-payout-provider';
import type { PayoutRequest } from '../../../../functions/orders/payouts/payout-provider';
import {
  PayoutProviderMisconfigured,
  resetPayoutProvider,
  resolvePayoutProvider,
} from '../../../../functions/orders/payouts/resolve-payout-provider';

const secretsManager = mockClient(SecretsManagerClient);
const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:TrustFlowStack/payout-provider-api-key-AbCdEf';
const fromSecret = {
  PAYOUT_PROVIDER_URL: 'https://payouts.example.com',
  PAYOUT_PROVIDER_API_KEY_SECRET_ARN: secretArn,
};

const request: PayoutRequest = {
  idempotencyKey: 'order_1:release:settlement',
  orderId: 'order_1',
  beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
  amount: 40_000,
  currency: 'USD',
  reference: 'TrustFlow order_1 release',
};

let fetchSpy: jest.SpiedFunction<typeof fetch>;

beforeEach(() => {
  secretsManager.reset();
  // the provider's HTTP side has its own tests; here only the Authorization header it sends matters
  fetchSpy = jest
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async () => new Response(JSON.stringify({ id: 'po_1', status: 'pending' }), { status: 201 }));
});

afterEach(() => {
  fetchSpy.mockRestore();
  resetPayoutProvider();
});

/** The Bearer tokens sent to the provider, one per payout. */
function sentKeys(): unknown[] {
  return fetchSpy.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).Authorization);
}

/** A service error as the SDK builds it from a Secrets Manager answer that it has no class for. */
function serviceError(name: string, httpStatusCode: number): SecretsManagerServiceException {
  return new SecretsManagerServiceException({
    name,
    message: `${name} from the test`,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
  });
}

describe('resolvePayoutProvider', () => {
  it.each([
    [{ PAYOUT_PROVIDER_API_KEY: 'k' }, 'environment variable PAYOUT_PROVIDER_URL is not set'],
    [{ PAYOUT_PROVIDER_URL: ' ', PAYOUT_PROVIDER_API_KEY: 'k' }, 'environment variable PAYOUT_PROVIDER_URL is not set'],
    [
      { PAYOUT_PROVIDER_URL: 'https://payouts.example.com', PAYOUT_PROVIDER_API_KEY_SECRET_ARN: ' ' },
      'neither PAYOUT_PROVIDER_API_KEY nor PAYOUT_PROVIDER_API_KEY_SECRET_ARN is set',
    ],
  ])('names the missing variables (%p)', (env, message) => {
    // Act
    const resolve = () => resolvePayoutProvider(env);

    // Assess
    expect(resolve).toThrow(message);
  });

  it('creates the provider once per container, named from the environment', () => {
    // Prepare
    const env = {
      PAYOUT_PROVIDER_URL: 'https://payouts.example.com',
      PAYOUT_PROVIDER_API_KEY: 'k',
      PAYOUT_PROVIDER_NAME: 'acme',
    };

    // Act
    const first = resolvePayoutProvider(env);
    const second = resolvePayoutProvider({});

    // Assess
    expect(first.name).toBe('acme');
    expect(second).toBe(first);
  });

  it('sends PAYOUT_PROVIDER_API_KEY when it is set, without asking Secrets Manager', async () => {
    // Act
    await resolvePayoutProvider({ ...fromSecret, PAYOUT_PROVIDER_API_KEY: 'sk_local' }).submitPayout(request);

    // Assess
    expect(sentKeys()).toEqual(['Bearer sk_local']);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('reads the key from the secret at the first payout only, and not before', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand, { SecretId: secretArn }).resolves({ SecretString: ' sk_live_1\n' });

    // Act
    const provider = resolvePayoutProvider(fromSecret);
    const callsBeforePayout = secretsManager.calls().length;
    await provider.submitPayout(request);
    await resolvePayoutProvider(fromSecret).submitPayout(request);

    // Assess
    expect(callsBeforePayout).toBe(0);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sentKeys()).toEqual(['Bearer sk_live_1', 'Bearer sk_live_1']);
  });

  it.each([
    ['a 5xx', new InternalServiceError({ message: 'internal', $metadata: { httpStatusCode: 500 } })],
    ['throttling', serviceError('ThrottlingException', 400)],
    ['a network error', Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} })],
  ])('throws PayoutProviderUnavailable for %s, and asks again at the next attempt', async (_case, failure) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).rejectsOnce(failure).resolves({ SecretString: 'sk_live_1' });
    const provider = resolvePayoutProvider(fromSecret);

    // Act
    const first = provider.submitPayout(request);
    await expect(first).rejects.toBeInstanceOf(PayoutProviderUnavailable);
    await provider.submitPayout(request);

    // Assess
    await expect(first).rejects.toThrow(`payout provider API key secret ${secretArn} unreachable`);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(sentKeys()).toEqual(['Bearer sk_live_1']);
  });

  it.each([
    ['AccessDeniedException', serviceError('AccessDeniedException', 400)],
    [
      'ResourceNotFoundException',
      new ResourceNotFoundException({ message: 'no such secret', $metadata: { httpStatusCode: 400 } }),
    ],
  ])('throws PayoutProviderMisconfigured for %s, paying nothing', async (name, failure) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).rejects(failure);

    // Act
    const call = resolvePayoutProvider(fromSecret).submitPayout(request);

    // Assess
    await expect(call).rejects.toBeInstanceOf(PayoutProviderMisconfigured);
    await expect(call).rejects.toThrow(`payout provider API key secret ${secretArn} cannot be read: ${name}`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ['the JSON placeholder', { SecretString: '{"placeholder":"put the key here","random":"x"}' }, 'holds JSON'],
    ['a blank string', { SecretString: '  ' }, 'holds no SecretString'],
    ['only a binary value', { SecretBinary: new Uint8Array([1]) }, 'holds no SecretString'],
  ])('throws PayoutProviderMisconfigured for a secret with %s', async (_case, output, message) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves(output);

    // Act
    const call = resolvePayoutProvider(fromSecret).submitPayout(request);

    // Assess
    await expect(call).rejects.toThrow(PayoutProviderMisconfigured);
    await expect(call).rejects.toThrow(message);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
