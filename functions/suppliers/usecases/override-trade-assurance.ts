import * as z from 'zod';
import { userActor } from '../../commons/timeline-actor';
import type { Principal } from '../../commons/http/principal';
import { notFound } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { transactWrite } from '../../commons/storage/transact-write';
import { textSchema } from '../../commons/validation';
import {
  findPartyRecord,
  tradeAssuranceKey,
  type PartyStore,
} from '../../kernel/parties/repositories/party-repository';
import type { SupplierProfile } from '../models/supplier-profile';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { tradeAssuranceIndexKeys } from '../repositories/trade-assurance-index';
import { getSupplierProfile } from './get-supplier-profile';
import { DEFAULT_TRADE_ASSURANCE_CURRENCY, recomputeTradeAssurance } from './recompute-trade-assurance';

/** Body of `PUT /admin/suppliers/{supplierId}/trade-assurance`: a fixed amount, or `null` to go back to the rules. */
export const tradeAssuranceOverrideSchema = z
  .object({
    limit: z
      .number()
      .int({ message: 'must be a whole amount in minor units' })
      .min(0, { message: 'must not be negative' })
      .max(Number.MAX_SAFE_INTEGER)
      .nullable()
      .meta({
        description: 'Trade Assurance amount in minor units of the supplier currency; null removes the override',
      }),
    reason: textSchema(1000),
  })
  .strict()
  .meta({ id: 'TradeAssuranceOverride' });

/** Parsed body of an override. */
export type TradeAssuranceOverride = z.output<typeof tradeAssuranceOverrideSchema>;

/**
 * Sets or removes an admin's override of a supplier's Trade Assurance amount, with an append-only audit
 * entry (who, when, the previous and new amount, why) in the same transaction, then recomputes the
 * stored account so orders reserve against the new amount at once.
 */
export async function overrideTradeAssurance(
  deps: { parties: PartyStore; rules: TradeAssuranceRules; now: () => Date },
  principal: Principal,
  supplierId: string,
  request: TradeAssuranceOverride,
): Promise<SupplierProfile> {
  const at = deps.now().toISOString();
  const record = await findPartyRecord(deps.parties, supplierId, at);
  if (!record.profile) throw notFound(`There is no supplier ${supplierId}`);
  const previous = record.tradeAssurance?.override ?? null;
  const override =
    request.limit === null
      ? null
      : { limit: request.limit, reason: request.reason, setBy: principal.subject, setAt: at };
  await transactWrite(deps.parties.db, `ta-override:${supplierId}:${at}`, {
    TransactItems: [
      {
        Update: {
          TableName: deps.parties.tableName,
          Key: tradeAssuranceKey(supplierId),
          // the index keys too: this Update may create the item (trade-assurance-index.ts)
          UpdateExpression: override
            ? 'SET #override = :override, currency = if_not_exists(currency, :currency), ' +
              'reserved = if_not_exists(reserved, :zero), gsi1pk = :gsi1pk, gsi1sk = :gsi1sk'
            : 'REMOVE #override',
          // OVERRIDE is a DynamoDB reserved word
          ExpressionAttributeNames: { '#override': 'override' },
          ExpressionAttributeValues: override
            ? {
                ':override': override,
                ':currency': DEFAULT_TRADE_ASSURANCE_CURRENCY,
                ':zero': 0,
                ':gsi1pk': tradeAssuranceIndexKeys(supplierId).gsi1pk,
                ':gsi1sk': tradeAssuranceIndexKeys(supplierId).gsi1sk,
              }
            : undefined,
        },
      },
      {
        Put: {
          TableName: deps.parties.tableName,
          Item: {
            pk: `PARTY#${supplierId}`,
            sk: `AUDIT#${at}#${generateId('aud')}`,
            entity: 'AUDIT_EVENT',
            at,
            type: override ? 'TRADE_ASSURANCE_OVERRIDDEN' : 'TRADE_ASSURANCE_OVERRIDE_REMOVED',
            actor: userActor(principal),
            detail: { previous, limit: request.limit, reason: request.reason },
          },
          // audit entries are append-only
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
  });
  await recomputeTradeAssurance(deps, supplierId);
  return getSupplierProfile(deps, supplierId);
}
