import { Webhook } from 'standardwebhooks';
import { standardWebhookHeaders } from '../../functions/events/models/standard-webhook-signature';
import { callApi, suiteStack } from './support/api-client';

const { credentials } = suiteStack();
const { apiUrl, tokens } = credentials;

function createEndpoint(body: unknown, token = tokens.admin, headers: Record<string, string> = {}) {
  return callApi(apiUrl, 'POST', '/webhook-endpoints', { token, body, headers });
}

describe('webhook endpoints (admins)', () => {
  it('subscribes an endpoint with a whsec_ secret shown once, and never shows it again', async () => {
    // Act
    const created = await createEndpoint({
      url: 'http://127.0.0.1:4010/trustflow',
      eventTypes: ['order.paid', 'order.refunded'],
      description: 'Marketplace order sync',
    });
    const read = await callApi(apiUrl, 'GET', `/webhook-endpoints/${created.body.endpointId}`, { token: tokens.admin });
    const listed = await callApi(apiUrl, 'GET', '/webhook-endpoints', { token: tokens.admin });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/webhook-endpoints/${created.body.endpointId}`);
    expect(created.body).toEqual({
      endpointId: expect.stringMatching(/^we_/),
      url: 'http://127.0.0.1:4010/trustflow',
      eventTypes: ['order.paid', 'order.refunded'],
      description: 'Marketplace order sync',
      disabled: false,
      secrets: [{ createdAt: expect.any(String) }],
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // the secret verifies what TrustFlow signs, with the standardwebhooks library
    const body = '{"type":"order.paid"}';
    expect(
      new Webhook(created.body.secret).verify(
        body,
        standardWebhookHeaders([created.body.secret], 'evt_1', new Date(), body),
      ),
    ).toEqual({
      type: 'order.paid',
    });
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    expect(listed.body.endpoints.map((endpoint: { endpointId: string }) => endpoint.endpointId)).toContain(
      created.body.endpointId,
    );
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  it('replays the creation for the same Idempotency-Key: one endpoint, one secret', async () => {
    // Prepare
    const body = { url: 'http://localhost:4011/hook', eventTypes: ['*'] };
    const headers = { 'Idempotency-Key': `endpoint-${Date.now()}` };

    // Act
    const first = await createEndpoint(body, tokens.admin, headers);
    const again = await createEndpoint(body, tokens.admin, headers);

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('rotates the secret: both sign for 24 hours, and only the new one is shown', async () => {
    // Prepare
    const created = await createEndpoint({ url: 'http://127.0.0.1:4012/hook', eventTypes: ['*'] });

    // Act
    const rotated = await callApi(apiUrl, 'POST', `/webhook-endpoints/${created.body.endpointId}/secret/rotate`, {
      token: tokens.admin,
    });

    // Assess
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.secrets).toEqual([
      { createdAt: expect.any(String) },
      { createdAt: created.body.secrets[0].createdAt, expiresAt: expect.any(String) },
    ]);
    const { expiresAt } = rotated.body.secrets[1];
    expect(Date.parse(expiresAt) - Date.parse(rotated.body.secrets[0].createdAt)).toBe(24 * 3_600_000);
  });

  it('disables and re-enables an endpoint, and changes its event types', async () => {
    // Prepare
    const created = await createEndpoint({ url: 'http://127.0.0.1:4013/hook', eventTypes: ['order.paid'] });
    const patch = (body: unknown) =>
      callApi(apiUrl, 'PATCH', `/webhook-endpoints/${created.body.endpointId}`, { token: tokens.admin, body });

    // Act
    const disabled = await patch({ disabled: true });
    const enabled = await patch({ disabled: false, eventTypes: ['order.paid', 'claim.opened'] });
    const empty = await patch({});
    const badUrl = await patch({ url: 'http://10.0.0.8/hook' });

    // Assess
    expect(disabled.body).toMatchObject({ disabled: true, disabledReason: 'Disabled by an admin' });
    expect(enabled.body).toMatchObject({ disabled: false, eventTypes: ['order.paid', 'claim.opened'] });
    expect(enabled.body).not.toHaveProperty('disabledReason');
    expect(empty.status).toBe(400);
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors).toEqual([{ pointer: '/url', detail: 'must be https (or http on loopback, locally)' }]);
  });

  it('refuses bad subscriptions with 400 naming the field, and everyone but admins with 403', async () => {
    // Act
    const unknownType = await createEndpoint({ url: 'http://127.0.0.1:4014/hook', eventTypes: ['order.teleported'] });
    const starAndMore = await createEndpoint({ url: 'http://127.0.0.1:4014/hook', eventTypes: ['*', 'order.paid'] });
    const metadata = await createEndpoint({ url: 'https://169.254.169.254/latest', eventTypes: ['*'] });
    const asReviewer = await createEndpoint({ url: 'http://127.0.0.1:4014/hook', eventTypes: ['*'] }, tokens.reviewer);
    const listAsClient = await callApi(apiUrl, 'GET', '/webhook-endpoints', { token: tokens.client });
    const missing = await callApi(apiUrl, 'GET', '/webhook-endpoints/we_missing', { token: tokens.admin });

    // Assess
    expect(unknownType.status).toBe(400);
    expect(unknownType.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownType.body.errors[0].pointer).toBe('/eventTypes/0');
    expect(starAndMore.status).toBe(400);
    expect(starAndMore.body.errors[0].detail).toContain('"*" stands alone');
    expect(metadata.status).toBe(400);
    expect(metadata.body.errors).toEqual([
      { pointer: '/url', detail: 'must not point at a private, loopback, link-local or reserved address' },
    ]);
    expect(asReviewer.status).toBe(403);
    expect(listAsClient.status).toBe(403);
    expect(missing.status).toBe(404);
  });
});

describe('GET /asyncapi.json', () => {
  it('serves the catalogue of outbound events without a token', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', '/asyncapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.asyncapi).toBe('3.0.0');
    expect(Object.keys(response.body.components.messages)).toContain('order_paid');
  });
});
