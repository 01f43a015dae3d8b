import { buildAsyncApiDocument } from '../../../functions/api/asyncapi-document';
import { eventTypes } from '../../../functions/kernel/events/event-catalogue';

/** Follows a local `$ref` (`#/a/b`) in the document. */
function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('GET /asyncapi.json', () => {
  const document = buildAsyncApiDocument();

  it('is an AsyncAPI 3.0 document with one message per event type of the catalogue', () => {
    // Assess
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.components.messages).map((message) => message.name)).toEqual(eventTypes);
    expect(document.operations.sendEvent.action).toBe('send');
    expect(document.operations.sendEvent.messages).toHaveLength(eventTypes.length);
  });

  it('resolves every $ref of its channel and operation', () => {
    // Act
    const refs = [
      document.operations.sendEvent.channel.$ref,
      ...document.operations.sendEvent.messages.map((message) => message.$ref),
      ...Object.values(document.channels.webhookEndpoint.messages).map((message) => message.$ref),
    ];

    // Assess
    for (const ref of refs) expect(resolve(document, ref)).toBeDefined();
  });

  it("describes each body as {type, id, occurredAt, data} with the type's own data schema, in draft-07", () => {
    // Prepare
    const paid = document.components.messages.order_paid!.payload as {
      required: string[];
      properties: Record<string, { const?: string; required?: string[]; properties?: Record<string, unknown> }>;
      $schema?: string;
    };

    // Assess
    expect(paid.$schema).toBeUndefined();
    expect(paid.required).toEqual(['type', 'id', 'occurredAt', 'data']);
    expect(paid.properties.type!.const).toBe('order.paid');
    expect(paid.properties.data!.required).toEqual(['orderId', 'status']);
    expect(Object.keys(paid.properties.data!.properties!)).toEqual(['orderId', 'status', 'amount', 'currency']);
  });
});
