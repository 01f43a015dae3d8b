import { badRequest, conflict, notFound } from '../../commons/http/problem';
import type { Principal } from '../../commons/http/principal';
import { generateId } from '../../commons/ids';
import { generateWebhookSecret } from '../models/standard-webhook-signature';
import {
  toWebhookEndpointView,
  type CreateWebhookEndpointRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookEndpoint,
} from '../models/webhook-endpoint';
import { assessWebhookUrl, type WebhookTargetPolicy } from '../models/webhook-target';
import {
  findEndpoint,
  listEndpoints,
  saveEndpoint,
  type EndpointStore,
} from '../repositories/webhook-endpoint-repository';

/** What managing endpoints needs. */
export interface EndpointDeps {
  endpoints: EndpointStore;
  now: () => Date;
  targets: WebhookTargetPolicy;
}

/**
 * Endpoints a deployment may have: each event is written and sent once per endpoint, so the cap bounds what
 * one change costs (Stripe allows 16 per account).
 */
export const maxEndpoints = 30;

/** How long a rotated-out secret keeps signing beside the new one. */
const rotationOverlapMs = 24 * 3_600_000;

function checkUrl(url: string, targets: WebhookTargetPolicy): void {
  const problem = assessWebhookUrl(url, targets);
  if (problem) throw badRequest(`url ${problem}`, [{ pointer: '/url', detail: problem }]);
}

/**
 * Subscribes an endpoint (admins): the URL is checked against the deployment's target policy, and a new
 * `whsec_` secret is made and shown in this response only.
 * @throws ProblemError 400 naming `/url` for a URL TrustFlow may not send to
 */
export async function createWebhookEndpoint(
  deps: EndpointDeps,
  principal: Principal,
  request: CreateWebhookEndpointRequest,
) {
  checkUrl(request.url, deps.targets);
  const existing = await listEndpoints(deps.endpoints);
  if (existing.length >= maxEndpoints) {
    throw conflict(
      `A deployment has at most ${maxEndpoints} webhook endpoints; reuse one (PATCH its url and eventTypes)`,
      { code: 'TOO_MANY_ENDPOINTS', maxEndpoints },
    );
  }
  const at = deps.now().toISOString();
  const secret = generateWebhookSecret();
  const endpoint: WebhookEndpoint = {
    endpointId: generateId('we'),
    url: request.url,
    eventTypes: request.eventTypes,
    ...(request.description ? { description: request.description } : {}),
    disabled: false,
    secrets: [{ secret, createdAt: at }],
    createdAt: at,
    updatedAt: at,
    createdBy: principal.subject,
  };
  await saveEndpoint(deps.endpoints, endpoint);
  return { ...toWebhookEndpointView(endpoint), secret };
}

/** Every endpoint, without secrets. */
export async function listWebhookEndpoints(deps: Pick<EndpointDeps, 'endpoints'>) {
  return { endpoints: (await listEndpoints(deps.endpoints)).map(toWebhookEndpointView) };
}

async function requireEndpoint(deps: Pick<EndpointDeps, 'endpoints'>, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await findEndpoint(deps.endpoints, endpointId);
  if (!endpoint) throw notFound(`There is no webhook endpoint ${endpointId}`);
  return endpoint;
}

/** One endpoint, without secrets. @throws ProblemError 404 */
export async function getWebhookEndpoint(deps: Pick<EndpointDeps, 'endpoints'>, endpointId: string) {
  return toWebhookEndpointView(await requireEndpoint(deps, endpointId));
}

/**
 * Applies a change to the endpoint as read, written only if nobody changed it meanwhile; a lost race
 * reads again and re-applies, a few times.
 */
async function changeEndpoint(
  deps: EndpointDeps,
  endpointId: string,
  change: (endpoint: WebhookEndpoint, at: string) => WebhookEndpoint,
): Promise<WebhookEndpoint> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await requireEndpoint(deps, endpointId);
    const at = deps.now().toISOString();
    // a change within the same millisecond as the last one still moves updatedAt, the write's guard
    const updatedAt = at > current.updatedAt ? at : new Date(Date.parse(current.updatedAt) + 1).toISOString();
    const changed = { ...change(current, at), updatedAt };
    if (await saveEndpoint(deps.endpoints, changed, current.updatedAt)) return changed;
  }
  throw conflict(`Webhook endpoint ${endpointId} is being changed by someone else; try again`);
}

/**
 * Changes an endpoint's URL, event types, description, or disables or re-enables it (admins).
 * @throws ProblemError 400 naming `/url`, 404
 */
export async function updateWebhookEndpoint(
  deps: EndpointDeps,
  endpointId: string,
  request: UpdateWebhookEndpointRequest,
) {
  if (request.url !== undefined) checkUrl(request.url, deps.targets);
  const changed = await changeEndpoint(deps, endpointId, (endpoint) => {
    // re-enabled: the reason goes, and its failures count anew
    const { disabledReason: _reason, failingSince: _failingSince, ...rest } = endpoint;
    const next: WebhookEndpoint = {
      ...(request.disabled === false ? rest : endpoint),
      ...(request.url !== undefined ? { url: request.url } : {}),
      ...(request.eventTypes !== undefined ? { eventTypes: request.eventTypes } : {}),
      ...(request.description !== undefined ? { description: request.description } : {}),
      ...(request.disabled !== undefined ? { disabled: request.disabled } : {}),
    };
    return request.disabled === true && !endpoint.disabled ? { ...next, disabledReason: 'Disabled by an admin' } : next;
  });
  return toWebhookEndpointView(changed);
}

/**
 * Rotates an endpoint's secret (admins): the new secret signs from now on, shown in this response only;
 * the previous one keeps signing beside it for 24 hours, so each delivery carries both signatures until
 * the receiver has switched. Secrets already expired are dropped.
 * @throws ProblemError 404
 */
export async function rotateWebhookEndpointSecret(deps: EndpointDeps, endpointId: string) {
  const secret = generateWebhookSecret();
  const changed = await changeEndpoint(deps, endpointId, (endpoint, at) => {
    const expiresAt = new Date(Date.parse(at) + rotationOverlapMs).toISOString();
    const kept = endpoint.secrets
      .filter((entry) => !entry.expiresAt || entry.expiresAt > at)
      .map((entry) => (entry.expiresAt ? entry : { ...entry, expiresAt }));
    return { ...endpoint, secrets: [{ secret, createdAt: at }, ...kept] };
  });
  return { ...toWebhookEndpointView(changed), secret };
}
