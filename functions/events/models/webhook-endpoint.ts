import * as z from 'zod';
import { eventTypes, type EventType } from '../../kernel/events/event-catalogue';
import { textSchema } from '../../commons/validation';

/** An endpoint subscribed to outbound events, as stored. Its secrets never leave the back end after creation. */
export interface WebhookEndpoint {
  endpointId: string;
  url: string;
  /** The types it receives; `["*"]` for every type. */
  eventTypes: (EventType | '*')[];
  description?: string;
  disabled: boolean;
  /** Why and when it was disabled (by an admin, or after failing for 5 days). */
  disabledReason?: string;
  /** Since when every attempt has failed; cleared by a delivered one. Five days of it disable the endpoint. */
  failingSince?: string;
  /**
   * The signing secrets, newest first. A rotated-out secret keeps signing beside the new one until
   * `expiresAt` (24 hours), so receivers can switch without losing a delivery.
   */
  secrets: { secret: string; createdAt: string; expiresAt?: string }[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

const eventTypeListSchema = z
  .array(z.union([z.enum(eventTypes as [EventType, ...EventType[]]), z.literal('*')]))
  .min(1, { message: 'must name at least one event type, or "*" for all' })
  .max(eventTypes.length, { message: `must name at most ${eventTypes.length} event types` })
  .refine((types) => !types.includes('*') || types.length === 1, { message: '"*" stands alone: it means every type' })
  .refine((types) => new Set(types).size === types.length, { message: 'must not name a type twice' })
  .meta({ description: 'Event types of GET /asyncapi.json, or ["*"] for every type' });

const urlSchema = z
  .string()
  .trim()
  .max(2000, { message: 'must be at most 2000 characters' })
  .meta({ description: 'https; on the local stack also http on loopback' });

/** Body of `POST /webhook-endpoints`. */
export const createWebhookEndpointSchema = z
  .object({ url: urlSchema, eventTypes: eventTypeListSchema, description: textSchema(500).optional() })
  .strict()
  .meta({ id: 'CreateWebhookEndpoint' });

/** Parsed body of `POST /webhook-endpoints`. */
export type CreateWebhookEndpointRequest = z.output<typeof createWebhookEndpointSchema>;

/** Body of `PATCH /webhook-endpoints/{endpointId}`. */
export const updateWebhookEndpointSchema = z
  .object({
    url: urlSchema.optional(),
    eventTypes: eventTypeListSchema.optional(),
    disabled: z.boolean().optional().meta({ description: 'false re-enables an endpoint, and its failures count anew' }),
    description: textSchema(500).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must change at least one of url, eventTypes, disabled, description',
  })
  .meta({ id: 'UpdateWebhookEndpoint' });

/** Parsed body of `PATCH /webhook-endpoints/{endpointId}`. */
export type UpdateWebhookEndpointRequest = z.output<typeof updateWebhookEndpointSchema>;

/** An endpoint as the API shows it: never a secret, only when each was made and until when it signs. */
export const webhookEndpointViewSchema = z
  .object({
    endpointId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().optional(),
    disabled: z.boolean(),
    disabledReason: z.string().optional(),
    failingSince: z
      .string()
      .optional()
      .meta({ description: 'Every attempt since then failed; after 5 days TrustFlow disables the endpoint' }),
    secrets: z.array(z.object({ createdAt: z.string(), expiresAt: z.string().optional() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

/** Response of the creation and of a rotation: the new secret, shown this once. */
export const webhookEndpointWithSecretSchema = webhookEndpointViewSchema
  .extend({ secret: z.string().meta({ description: '`whsec_…`: shown once; store it to verify deliveries' }) })
  .meta({ id: 'WebhookEndpointWithSecret' });

/** Response of `GET /webhook-endpoints`. */
export const webhookEndpointListSchema = z
  .object({ endpoints: z.array(webhookEndpointViewSchema) })
  .meta({ id: 'WebhookEndpoints' });

/** The API's view of an endpoint. */
export function toWebhookEndpointView(endpoint: WebhookEndpoint): z.input<typeof webhookEndpointViewSchema> {
  return {
    endpointId: endpoint.endpointId,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    disabled: endpoint.disabled,
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
    ...(endpoint.failingSince ? { failingSince: endpoint.failingSince } : {}),
    secrets: endpoint.secrets.map(({ createdAt, expiresAt }) => ({ createdAt, ...(expiresAt ? { expiresAt } : {}) })),
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}

/** The secrets that sign a delivery at `now`: the current one and any rotated-out one not yet expired. */
export function activeSecrets(endpoint: Pick<WebhookEndpoint, 'secrets'>, now: Date): string[] {
  return endpoint.secrets
    .filter((entry) => !entry.expiresAt || Date.parse(entry.expiresAt) > now.getTime())
    .map((entry) => entry.secret);
}

/** Whether an endpoint takes events of a type. */
export function subscribesTo(endpoint: Pick<WebhookEndpoint, 'eventTypes' | 'disabled'>, type: EventType): boolean {
  return !endpoint.disabled && (endpoint.eventTypes.includes('*') || endpoint.eventTypes.includes(type));
}
