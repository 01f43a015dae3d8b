import { isKycApproved } from '../../kernel/parties/models/kyc-standing';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../commons/http/problem';
import {
  findPartyRecord,
  tradeAssuranceKey,
  type PartyStore,
  type TradeAssuranceAccount,
} from '../../kernel/parties/repositories/party-repository';
import type { CompletedTransaction } from '../../kernel/parties/models/completed-transaction';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { tradeAssuranceIndexKeys } from '../repositories/trade-assurance-index';
import { computeSupplierProfile } from './compute-supplier-profile';

/** The currency of a supplier that has not chosen one. */
export const DEFAULT_TRADE_ASSURANCE_CURRENCY = 'USD';

/** What recomputing needs. */
export interface RecomputeTradeAssuranceDeps {
  parties: PartyStore;
  rules: TradeAssuranceRules;
  now: () => Date;
}

/**
 * Recomputes a supplier's Trade Assurance qualification and amount from its stored history (and keeps an
 * admin's override), and stores them on its TRADE_ASSURANCE item, which it creates if needed. `reserved`
 * is never touched: `available` is rewritten as `limit - reserved` in the same update, from the stored
 * `reserved`, so a reservation running at the same time cannot be lost. Run after the history changes
 * (a completed order, the demo seed) and on a schedule.
 * @returns the account as stored after the update
 */
export async function recomputeTradeAssurance(
  deps: RecomputeTradeAssuranceDeps,
  supplierId: string,
): Promise<TradeAssuranceAccount> {
  const now = deps.now();
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const record = await findPartyRecord(deps.parties, supplierId, since);
  if (!record.profile && record.transactions.length === 0) throw notFound(`There is no supplier ${supplierId}`);
  const currency = record.tradeAssurance?.currency ?? record.profile?.currency ?? DEFAULT_TRADE_ASSURANCE_CURRENCY;
  const profile = computeSupplierProfile({
    supplierId,
    kycApproved: isKycApproved(record.profile),
    transactions: record.transactions as unknown as CompletedTransaction[],
    currency,
    reserved: record.tradeAssurance?.reserved ?? 0,
    override: record.tradeAssurance?.override,
    now,
    rules: deps.rules,
  });
  const result = await deps.parties.db.send(
    new UpdateCommand({
      TableName: deps.parties.tableName,
      Key: tradeAssuranceKey(supplierId),
      UpdateExpression:
        'SET entity = :entity, partyId = :partyId, currency = if_not_exists(currency, :currency), ' +
        'reserved = if_not_exists(reserved, :zero), #limit = :limit, available = :limit - if_not_exists(reserved, :zero), ' +
        'qualified = :qualified, computedAt = :at, rulesVersion = :version, reasons = :reasons, ' +
        'gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
      ExpressionAttributeNames: { '#limit': 'limit' },
      ExpressionAttributeValues: {
        ':entity': 'TRADE_ASSURANCE',
        ':partyId': supplierId,
        ':currency': currency,
        ':zero': 0,
        ':limit': profile.tradeAssurance.limit,
        ':qualified': profile.tradeAssurance.qualified,
        ':at': now.toISOString(),
        ':version': profile.tradeAssurance.rulesVersion,
        ':reasons': profile.tradeAssurance.reasons,
        // listed for the daily recompute (trade-assurance-index.ts)
        ':gsi1pk': tradeAssuranceIndexKeys(supplierId).gsi1pk,
        ':gsi1sk': tradeAssuranceIndexKeys(supplierId).gsi1sk,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    partyId: _partyId,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    ...account
  } = result.Attributes ?? {};
  return account as unknown as TradeAssuranceAccount;
}
