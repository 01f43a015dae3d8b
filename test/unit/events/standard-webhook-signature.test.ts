import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  signStandardWebhook,
  standardWebhookHeaders,
} from '../../../functions/events/models/standard-webhook-signature';

describe('Standard Webhooks signatures', () => {
  it("matches the standardwebhooks library's own test vector", () => {
    // Act
    const signature = signStandardWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1_614_265_330_000),
      '{"test": 2432232314}',
    );

    // Assess
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies with the library under either secret during a rotation, and not under a third', () => {
    // Prepare
    const [previous, current, stranger] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const body = JSON.stringify({ type: 'order.paid', id: 'evt_1', occurredAt: '2026-12-04T10:00:00.000Z', data: {} });

    // Act
    const headers = standardWebhookHeaders([current, previous], 'evt_1', new Date(), body);

    // Assess
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ type: 'order.paid' });
    expect(new Webhook(previous).verify(body, headers)).toMatchObject({ id: 'evt_1' });
    expect(() => new Webhook(stranger).verify(body, headers)).toThrow('No matching signature found');
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow('No matching signature found');
  });

  it('makes secrets of 32 random bytes with the whsec_ prefix, and refuses ids with a dot', () => {
    // Act
    const secret = generateWebhookSecret();

    // Assess
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(secret).not.toBe(generateWebhookSecret());
    expect(() => signStandardWebhook(secret, 'evt.1', new Date(), '{}')).toThrow(/dot/);
    expect(() => signStandardWebhook('plain', 'evt_1', new Date(), '{}')).toThrow(/whsec_/);
  });
});
