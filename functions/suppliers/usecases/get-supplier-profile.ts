import { isKycApproved } from '../../kernel/parties/models/kyc-standing';
import { notFound } from '../../commons/http/problem';
import { findPartyRecord, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { CompletedTransaction } from '../../kernel/parties/models/completed-transaction';
import type { SupplierProfile } from '../models/supplier-profile';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { computeSupplierProfile } from './compute-supplier-profile';
import { DEFAULT_TRADE_ASSURANCE_CURRENCY } from './recompute-trade-assurance';

/**
 * Reads a supplier's trust profile, computed from its stored history under the current rules. The Trade
 * Assurance figures are the stored ones when the account has been computed (`recomputeTradeAssurance`):
 * orders reserve against that stored `limit`, so the profile shows what an order can actually get.
 */
export async function getSupplierProfile(
  deps: { parties: PartyStore; rules: TradeAssuranceRules; now: () => Date },
  supplierId: string,
): Promise<SupplierProfile> {
  const now = deps.now();
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const record = await findPartyRecord(deps.parties, supplierId, since);
  if (!record.profile && record.transactions.length === 0) throw notFound(`There is no supplier ${supplierId}`);
  const account = record.tradeAssurance;
  const profile = computeSupplierProfile({
    supplierId,
    kycApproved: isKycApproved(record.profile),
    transactions: record.transactions as unknown as CompletedTransaction[],
    currency: account?.currency ?? record.profile?.currency ?? DEFAULT_TRADE_ASSURANCE_CURRENCY,
    reserved: account?.reserved ?? 0,
    override: account?.override,
    enrolled: account?.enrolled,
    now,
    rules: deps.rules,
  });
  if (account?.limit === undefined) return profile;
  const reserved = account.reserved ?? 0;
  return {
    ...profile,
    tradeAssurance: {
      ...profile.tradeAssurance,
      qualified: account.qualified ?? false,
      limit: account.limit,
      reserved,
      available: Math.max(0, account.available ?? account.limit - reserved),
      reasons: account.reasons ?? profile.tradeAssurance.reasons,
      rulesVersion: account.rulesVersion ?? profile.tradeAssurance.rulesVersion,
    },
  };
}
