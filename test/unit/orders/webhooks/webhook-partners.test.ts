import { cachePartnerLookup, type WebhookPartner } from '../../../../functions/orders/webhooks/webhook-partners';
import { readWebhookCall } from '../../../../functions/orders/handlers/webhook-deps';
import type { HttpEvent } from '../../../../functions/commons/http/http-handler';

describe('cachePartnerLookup', () => {
  it('reads a partner (or its absence) once per minute', async () => {
    // Prepare
    let time = 0;
    const partner: WebhookPartner = { partnerId: 'p', kind: 'payments', secrets: ['s'] };
    const load = jest.fn(async (id: string) => (id === 'p' ? partner : undefined));
    const lookup = cachePartnerLookup(load, { clock: () => time });

    // Act
    const first = await lookup('p');
    await lookup('p');
    await lookup('nobody');
    await lookup('nobody');
    time = 60_001;
    await lookup('p');

    // Assess
    expect(first).toEqual(partner);
    expect(load.mock.calls.map(([id]) => id)).toEqual(['p', 'nobody', 'p']);
  });
});

describe('readWebhookCall', () => {
  it('reads the headers case-insensitively as API Gateway lowercases them, and decodes a base64 body to bytes', () => {
    // Prepare
    const raw = '{"eventId":"é"}';
    const event = {
      headers: { 'trustflow-partner': 'p', 'trustflow-signature': 't=1,v1=ab' },
      body: Buffer.from(raw, 'utf8').toString('base64'),
      isBase64Encoded: true,
    } as unknown as HttpEvent;

    // Act
    const call = readWebhookCall(event);

    // Assess
    expect(call.partnerHeader).toBe('p');
    expect(call.signatureHeader).toBe('t=1,v1=ab');
    expect(Buffer.from(call.rawBody).toString('utf8')).toBe(raw);
  });
});
