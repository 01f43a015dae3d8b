import * as z from 'zod';
import { eventCatalogue, eventTypes, type EventType } from '../kernel/events/event-catalogue';

/** The channel every event is sent on: the subscriber's endpoint URL, which the document cannot know. */
const channel = 'webhookEndpoint';

/** The component name of an event type (`order.paid` → `order_paid`): AsyncAPI keys allow no dots in `$ref`s. */
function messageName(type: EventType): string {
  return type.replaceAll('.', '_');
}

/** The JSON Schema (draft-07, the dialect AsyncAPI 3.0 payloads use) of one event's body. */
function payloadSchema(type: EventType): Record<string, unknown> {
  const envelope = z
    .object({
      type: z.literal(type),
      id: z.string().meta({ description: 'The event id, equal to the webhook-id header; the same on every attempt' }),
      occurredAt: z.iso.datetime().meta({ description: 'When the change happened (business clock)' }),
      data: eventCatalogue[type],
    })
    .strict();
  const { $schema: _dialect, ...schema } = z.toJSONSchema(envelope, { target: 'draft-07' }) as Record<string, unknown>;
  return schema;
}

/**
 * The AsyncAPI 3.0 document of TrustFlow's outbound events (`GET /asyncapi.json`), generated from the same
 * zod schemas the code validates every emitted event with (`kernel/events/event-catalogue.ts`).
 */
export function buildAsyncApiDocument() {
  const messages = Object.fromEntries(
    eventTypes.map((type) => [
      messageName(type),
      {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: {
          type: 'object',
          required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
          properties: {
            'webhook-id': { type: 'string', description: 'The event id; a receiver deduplicates on it' },
            'webhook-timestamp': { type: 'string', description: 'Unix seconds of this attempt' },
            'webhook-signature': {
              type: 'string',
              description: 'Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per active secret',
            },
          },
        },
        payload: payloadSchema(type),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'TrustFlow outbound events',
      version: '2.0.0',
      description:
        'Signed webhooks per the Standard Webhooks specification, delivered at least once to every endpoint ' +
        'subscribed with POST /webhook-endpoints. Verify them with the `standardwebhooks` npm package.',
    },
    defaultContentType: 'application/json',
    channels: {
      [channel]: {
        address: null,
        description: "The subscriber's endpoint URL",
        messages: Object.fromEntries(
          eventTypes.map((type) => [messageName(type), { $ref: `#/components/messages/${messageName(type)}` }]),
        ),
      },
    },
    operations: {
      sendEvent: {
        action: 'send',
        channel: { $ref: `#/channels/${channel}` },
        messages: eventTypes.map((type) => ({ $ref: `#/channels/${channel}/messages/${messageName(type)}` })),
      },
    },
    components: { messages },
  };
}
