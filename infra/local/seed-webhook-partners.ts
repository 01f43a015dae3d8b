import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putWebhookPartner, type WebhookKind } from '../../functions/orders/webhooks/webhook-partners';
import type { DevIdentities } from './dev-identity';

/**
 * Registers the dev webhook partners (from dev-credentials.json) in the table, the way partners are
 * registered on AWS: `PARTNER#<partnerId> / WEBHOOK {partnerId, kind, secrets}`. Idempotent: each start
 * writes the same items again.
 */
export async function seedWebhookPartners(tableName: string, webhooks: DevIdentities['webhooks']): Promise<void> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    for (const kind of ['payments', 'logistics', 'payouts', 'inspections'] as const satisfies readonly WebhookKind[]) {
      const { partnerId, secret } = webhooks[kind];
      await putWebhookPartner({ db, tableName }, { partnerId, kind, secrets: [secret] });
    }
  } finally {
    db.destroy();
  }
}
