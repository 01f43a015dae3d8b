import { computeWebhookSignature, signWebhook } from '../../../../functions/orders/webhooks/sign-webhook';
import {
  verifyWebhookSignature,
  type VerifyWebhookSignatureInput,
} from '../../../../functions/orders/webhooks/verify-webhook-signature';

const secret = 'whsec_current_8c1f';
const previousSecret = 'whsec_previous_27be';
const now = new Date('2026-06-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const rawBody = '{"eventId":"evt_1","type":"payment.succeeded","orderId":"order_1","amount":1999,"currency":"EUR"}';
const partners: Record<string, readonly string[]> = {
  'pay-partner': [secret],
  'rotating-partner': [previousSecret, secret],
  'keyless-partner': [],
};

/** Verifies a request from `pay-partner`, with any part of it overridden. */
function verify(overrides: Partial<VerifyWebhookSignatureInput> = {}) {
  return verifyWebhookSignature({
    partnerHeader: 'pay-partner',
    signatureHeader: signWebhook({ secret, rawBody, timestamp: now }),
    rawBody,
    now,
    secretsOf: (partnerId) => partners[partnerId],
    ...overrides,
  });
}

function hmacHex(key: string, t: number | string, body: string | Buffer = rawBody): string {
  return computeWebhookSignature(key, String(t), body).toString('hex');
}

describe('verifyWebhookSignature accepts', () => {
  it('a signature made with the partner secret, and returns the partner and signed time', () => {
    // Act
    const result = verify();

    // Assess
    expect(result).toEqual({ ok: true, partnerId: 'pay-partner', timestamp: now });
  });

  it('a header with two v1 values when only the second matches', () => {
    // Prepare
    const header = `t=${nowSeconds},v1=${hmacHex('some-other-secret', nowSeconds)},v1=${hmacHex(secret, nowSeconds)}`;

    // Act
    const result = verify({ signatureHeader: header });

    // Assess
    expect(result.ok).toBe(true);
  });

  it("a signature made with the partner's second active secret (rotation)", () => {
    // Prepare
    const header = signWebhook({ secret, rawBody, timestamp: now });

    // Act
    const result = verify({ partnerHeader: 'rotating-partner', signatureHeader: header });

    // Assess
    expect(result).toEqual({ ok: true, partnerId: 'rotating-partner', timestamp: now });
  });

  it("a signature made with the partner's first active secret while rotating", () => {
    const header = signWebhook({ secret: previousSecret, rawBody, timestamp: now });

    expect(verify({ partnerHeader: 'rotating-partner', signatureHeader: header }).ok).toBe(true);
  });

  it('elements in any order, with spaces around them, ignoring unknown schemes such as v0', () => {
    // Prepare
    const header = `  v0=deadbeef , v1=${hmacHex(secret, nowSeconds)} ,t = ${nowSeconds}, v2=abc,  `;

    // Act
    const result = verify({ signatureHeader: header, partnerHeader: '  pay-partner ' });

    // Assess
    expect(result).toEqual({ ok: true, partnerId: 'pay-partner', timestamp: now });
  });

  it('upper-case hex', () => {
    const header = `t=${nowSeconds},v1=${hmacHex(secret, nowSeconds).toUpperCase()}`;

    expect(verify({ signatureHeader: header }).ok).toBe(true);
  });

  it('a Buffer body, byte for byte, even when it is not valid UTF-8', () => {
    // Prepare: 0xff can never appear in UTF-8, so decoding it to a string would change the bytes.
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const header = signWebhook({ secret, rawBody: bytes, timestamp: now });

    // Act
    const asBytes = verify({ signatureHeader: header, rawBody: bytes });
    const asDecodedText = verify({ signatureHeader: header, rawBody: bytes.toString('utf8') });

    // Assess
    expect(asBytes.ok).toBe(true);
    expect(asDecodedText).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it.each([
    ['300 s old', -300],
    ['300 s in the future', 300],
  ])('a timestamp %s, the edge of the window', (_label, offsetSeconds) => {
    // Prepare
    const timestamp = new Date(now.getTime() + offsetSeconds * 1000);

    // Act
    const result = verify({ signatureHeader: signWebhook({ secret, rawBody, timestamp }) });

    // Assess
    expect(result).toEqual({ ok: true, partnerId: 'pay-partner', timestamp });
  });
});

describe('verifyWebhookSignature refuses', () => {
  it('a signature made with another secret, without revealing the secret', () => {
    // Act
    const result = verify({ signatureHeader: signWebhook({ secret: 'whsec_wrong', rawBody, timestamp: now }) });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
      detail: expect.stringContaining('1 v1 signature given, none matches an active secret of partner "pay-partner"'),
    });
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('a body changed by one byte after signing', () => {
    // Prepare
    const header = signWebhook({ secret, rawBody, timestamp: now });
    const tampered = rawBody.replace('1999', '1998');

    // Act
    const result = verify({ signatureHeader: header, rawBody: tampered });

    // Assess
    expect(tampered).toHaveLength(rawBody.length);
    expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('a valid v1 replayed under a fresh t, because the HMAC covers t', () => {
    // Prepare: signed 10 minutes ago, then t rewritten to now to slip into the window.
    const oldSignature = hmacHex(secret, nowSeconds - 600);

    // Act
    const result = verify({ signatureHeader: `t=${nowSeconds},v1=${oldSignature}` });

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('a t with leading zeros whose v1 was computed over the unpadded t', () => {
    const header = `t=0${nowSeconds},v1=${hmacHex(secret, nowSeconds)}`;

    expect(verify({ signatureHeader: header })).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('a timestamp 301 s old as stale, even when correctly signed', () => {
    // Prepare
    const timestamp = new Date(now.getTime() - 301_000);

    // Act
    const result = verify({ signatureHeader: signWebhook({ secret, rawBody, timestamp }) });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'STALE_TIMESTAMP',
      detail: `t=${nowSeconds - 301} (2026-06-01T11:54:59.000Z) is 301 s before now; at most 300 s is allowed`,
    });
  });

  it('a timestamp 301 s in the future', () => {
    // Prepare
    const timestamp = new Date(now.getTime() + 301_000);

    // Act
    const result = verify({ signatureHeader: signWebhook({ secret, rawBody, timestamp }) });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'FUTURE_TIMESTAMP',
      detail: `t=${nowSeconds + 301} (2026-06-01T12:05:01.000Z) is 301 s after now; at most 300 s is allowed`,
    });
  });

  it('a timestamp outside a narrower window when one is configured', () => {
    const timestamp = new Date(now.getTime() - 61_000);

    const result = verify({ signatureHeader: signWebhook({ secret, rawBody, timestamp }), toleranceSeconds: 60 });

    expect(result).toMatchObject({ ok: false, reason: 'STALE_TIMESTAMP', detail: expect.stringContaining('60 s') });
  });

  it('an unknown partner', () => {
    // Act
    const result = verify({ partnerHeader: 'stranger' });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'UNKNOWN_PARTNER', detail: 'no partner "stranger" is registered' });
  });

  it('a partner without an active secret', () => {
    const result = verify({ partnerHeader: 'keyless-partner' });

    expect(result).toEqual({
      ok: false,
      reason: 'UNKNOWN_PARTNER',
      detail: 'partner "keyless-partner" has no active signing secret',
    });
  });

  it('a signature under an empty secret, which anyone could compute', () => {
    // Prepare: a misconfigured empty secret next to a real one.
    const header = `t=${nowSeconds},v1=${hmacHex('', nowSeconds)}`;

    // Act
    const withRealSecret = verify({ signatureHeader: header, secretsOf: () => ['', secret] });
    const onlyEmpty = verify({ signatureHeader: header, secretsOf: () => [''] });

    // Assess
    expect(withRealSecret).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(onlyEmpty).toMatchObject({ ok: false, reason: 'UNKNOWN_PARTNER' });
  });

  it.each([
    ['the partner header is absent', { partnerHeader: undefined }, 'TrustFlow-Partner header is missing or empty'],
    ['the partner header is blank', { partnerHeader: '   ' }, 'TrustFlow-Partner header is missing or empty'],
    [
      'the signature header is absent',
      { signatureHeader: undefined },
      'TrustFlow-Signature header is missing or empty',
    ],
    ['the signature header is empty', { signatureHeader: '' }, 'TrustFlow-Signature header is missing or empty'],
    [
      'both headers are absent',
      { partnerHeader: undefined, signatureHeader: undefined },
      'TrustFlow-Partner and TrustFlow-Signature headers are missing or empty',
    ],
  ])('a request where %s', (_label, overrides, detail) => {
    expect(verify(overrides)).toEqual({ ok: false, reason: 'MISSING_HEADER', detail });
  });

  const validV1 = () => hmacHex(secret, nowSeconds);
  it.each([
    ['no t', () => `v1=${validV1()}`, 't=<unix seconds> is missing'],
    ['an empty t', () => `t=,v1=${validV1()}`, 't must be whole unix seconds (1-12 digits), got ""'],
    [
      'a non-numeric t',
      () => `t=yesterday,v1=${validV1()}`,
      't must be whole unix seconds (1-12 digits), got "yesterday"',
    ],
    ['a negative t', () => `t=-5,v1=${validV1()}`, 't must be whole unix seconds (1-12 digits), got "-5"'],
    ['a fractional t', () => `t=${nowSeconds}.5,v1=${validV1()}`, `got "${nowSeconds}.5"`],
    ['a t in milliseconds past 12 digits', () => `t=${now.getTime()}0,v1=${validV1()}`, '1-12 digits'],
    ['two t values', () => `t=${nowSeconds},t=${nowSeconds},v1=${validV1()}`, 't appears more than once'],
    ['no v1', () => `t=${nowSeconds}`, 'no v1=<hex HMAC-SHA256> signature'],
    ['only a v0', () => `t=${nowSeconds},v0=${validV1()}`, 'no v1=<hex HMAC-SHA256> signature (found only "v0")'],
    ['garbage', () => 'garbage', 'element "garbage" is not of the form key=value'],
    ['a bare hex signature', () => validV1(), 'is not of the form key=value'],
    ['an element with no key', () => `t=${nowSeconds},=${validV1()}`, 'is not of the form key=value'],
  ])('a signature header with %s as malformed', (_label, header, detail) => {
    // Act
    const result = verify({ signatureHeader: header() });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'MALFORMED_SIGNATURE',
      detail: expect.stringContaining(detail),
    });
    if (!result.ok) expect(result.detail).toMatch(/^TrustFlow-Signature: /);
  });

  it('cuts a huge header short in the detail', () => {
    const result = verify({ signatureHeader: 'x'.repeat(10_000) });

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail.length).toBeLessThan(200);
  });

  it.each([
    ['non-hex', 'zz'.repeat(32)],
    ['one hex digit short', 'a'.repeat(63)],
    ['one byte long', 'ab'.repeat(33)],
    ['empty', ''],
    ['a valid prefix followed by garbage', `${'ab'.repeat(32)}!`],
  ])('a %s v1 as a mismatch, without throwing', (_label, v1) => {
    // Act
    const result = verify({ signatureHeader: `t=${nowSeconds},v1=${v1}` });

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
      detail: expect.stringContaining('(1 is not 64 hex digits)'),
    });
  });

  it('never reveals a secret in any refusal', () => {
    // Prepare
    const headers = [
      undefined,
      'garbage',
      signWebhook({ secret: 'other', rawBody, timestamp: now }),
      signWebhook({ secret, rawBody, timestamp: new Date(now.getTime() - 3_600_000) }),
    ];

    // Act
    const details = headers.map((signatureHeader) => JSON.stringify(verify({ signatureHeader })));

    // Assess
    for (const detail of details) {
      expect(detail).toContain('"ok":false');
      expect(detail).not.toContain(secret);
    }
  });
});

describe('verifyWebhookSignature guards its configuration', () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('throws for a tolerance of %p', (toleranceSeconds) => {
    expect(() => verify({ toleranceSeconds })).toThrow(RangeError);
  });

  it('throws for an invalid now', () => {
    expect(() => verify({ now: new Date('not a date') })).toThrow(RangeError);
  });
});
