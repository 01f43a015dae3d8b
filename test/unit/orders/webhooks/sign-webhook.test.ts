import { signWebhook } from '../../../../functions/orders/webhooks/sign-webhook';
import { verifyWebhookSignature } from '../../../../functions/orders/webhooks/verify-webhook-signature';

// The README's worked example. The expected value was computed independently with
// `printf '%s' "1767225600.$BODY" | openssl dgst -sha256 -hmac whsec_test_4f9d2c`.
const exampleSecret = 'whsec_test_4f9d2c';
const exampleBody =
  '{"eventId":"evt_1001","type":"payment.succeeded","orderId":"order_7f3a","amount":125000,"currency":"EUR"}';
const exampleHeader = 't=1767225600,v1=7da059a4006de4daef8dea202e58603d505d257754e9e899f18a17a69ae5507b';

describe('signWebhook', () => {
  it('produces the header of the worked example in the README', () => {
    // Act
    const header = signWebhook({
      secret: exampleSecret,
      rawBody: exampleBody,
      timestamp: new Date('2026-01-01T00:00:00Z'),
    });

    // Assess
    expect(header).toBe(exampleHeader);
  });

  it('signs the same bytes whether given a string or its UTF-8 Buffer', () => {
    // Prepare
    const body = '{"carrier":"Zürich Post 🚚"}';
    const timestamp = new Date('2026-01-01T00:00:00Z');

    // Act
    const fromString = signWebhook({ secret: exampleSecret, rawBody: body, timestamp });
    const fromBuffer = signWebhook({ secret: exampleSecret, rawBody: Buffer.from(body, 'utf8'), timestamp });

    // Assess
    expect(fromBuffer).toBe(fromString);
  });

  it('truncates the timestamp to whole seconds', () => {
    const header = signWebhook({ secret: exampleSecret, rawBody: exampleBody, timestamp: new Date(1767225600_999) });

    expect(header).toBe(exampleHeader);
  });

  it('refuses an empty secret and an invalid date', () => {
    expect(() => signWebhook({ secret: '', rawBody: exampleBody, timestamp: new Date() })).toThrow(RangeError);
    expect(() => signWebhook({ secret: 's', rawBody: exampleBody, timestamp: new Date('nope') })).toThrow(RangeError);
  });

  it('agrees with verifyWebhookSignature across bodies, secrets and times', () => {
    // Prepare
    const cases = [
      { secret: 'a', rawBody: '', at: 0 },
      { secret: exampleSecret, rawBody: exampleBody, at: 1767225600 },
      { secret: 'sécret with spaces, commas=and equals', rawBody: 't=1,v1=00\n\u0000', at: 2000000000 },
      { secret: 'k'.repeat(200), rawBody: 'x'.repeat(100_000), at: 1234567890 },
    ];

    for (const { secret, rawBody, at } of cases) {
      const now = new Date(at * 1000 + 299_000);

      // Act
      const result = verifyWebhookSignature({
        partnerHeader: 'p',
        signatureHeader: signWebhook({ secret, rawBody, timestamp: new Date(at * 1000) }),
        rawBody,
        now,
        secretsOf: (partnerId) => (partnerId === 'p' ? [secret] : undefined),
      });

      // Assess
      expect(result).toEqual({ ok: true, partnerId: 'p', timestamp: new Date(at * 1000) });
    }
  });
});
