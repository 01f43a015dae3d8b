import { notFound } from '../../commons/http/problem';
import { findPartyRecord, type PartyStore } from '../../parties/repositories/party-repository';
import type { CompletedTransaction, SupplierProfile } from '../models/supplier-profile';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { computeSupplierProfile } from './compute-supplier-profile';

/** The currency of a supplier that has not chosen one. */
const DEFAULT_CURRENCY = 'USD';

/** Reads a supplier's trust profile, computed from its stored history under the current rules. */
export async function getSupplierProfile(
  deps: { parties: PartyStore; rules: TradeAssuranceRules; now: () => Date },
  supplierId: string,
): Promise<SupplierProfile> {
  const now = deps.now();
  const since = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const record = await findPartyRecord(deps.parties, supplierId, since);
  if (!record.profile && record.transactions.length === 0) throw notFound(`There is no supplier ${supplierId}`);
  return computeSupplierProfile({
    supplierId,
    kycApproved: record.profile?.kycStatus === 'APPROVED',
    transactions: record.transactions as unknown as CompletedTransaction[],
    currency: record.tradeAssurance?.currency ?? record.profile?.currency ?? DEFAULT_CURRENCY,
    reserved: record.tradeAssurance?.reserved ?? 0,
    override: record.tradeAssurance?.override,
    now,
    rules: deps.rules,
  });
}
