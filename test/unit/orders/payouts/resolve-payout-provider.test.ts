import {
  resetPayoutProvider,
  resolvePayoutProvider,
} from '../../../../functions/orders/payouts/resolve-payout-provider';

afterEach(() => resetPayoutProvider());

describe('resolvePayoutProvider', () => {
  it.each([
    [{ PAYOUT_PROVIDER_API_KEY: 'k' }, 'PAYOUT_PROVIDER_URL'],
    [{ PAYOUT_PROVIDER_URL: 'https://payouts.example.com' }, 'PAYOUT_PROVIDER_API_KEY'],
    [{ PAYOUT_PROVIDER_URL: ' ', PAYOUT_PROVIDER_API_KEY: 'k' }, 'PAYOUT_PROVIDER_URL'],
  ])('names the missing variable (%p)', (env, missing) => {
    // Act
    const resolve = () => resolvePayoutProvider(env);

    // Assess
    expect(resolve).toThrow(`environment variable ${missing} is not set`);
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
});
