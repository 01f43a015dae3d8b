import * as z from 'zod';
import type { Principal } from '../../commons/http/principal';
import { notFound } from '../../commons/http/problem';
import { formatMinorUnits } from '../../commons/money';
import { textSchema } from '../../commons/validation';
import { findPartyRecord, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { DecisionOutcome, RequestReviewDecision } from '../../kernel/review/review-opening';
import { DEFAULT_TRADE_ASSURANCE_CURRENCY } from './recompute-trade-assurance';

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
 * `PUT /admin/suppliers/{supplierId}/trade-assurance`: an admin asks to set or remove the override of a
 * supplier's Trade Assurance amount. It is a decision on a TRADE_ASSURANCE_OVERRIDE review task about the
 * supplier (SET with the amount, or REMOVE), so four eyes apply (`data/rules/four-eyes.json`): it waits,
 * PENDING_APPROVAL, until a second admin approves it with `POST /review/tasks/{taskId}/approval`. The
 * supplier subject (`trade-assurance-review-subject.ts`) then writes it with its audit entries and
 * recomputes the amount.
 */
export async function overrideTradeAssurance(
  deps: { parties: PartyStore; now: () => Date; requestReviewDecision: RequestReviewDecision },
  principal: Principal,
  supplierId: string,
  request: TradeAssuranceOverride,
): Promise<DecisionOutcome> {
  const record = await findPartyRecord(deps.parties, supplierId, deps.now().toISOString());
  if (!record.profile) throw notFound(`There is no supplier ${supplierId}`);
  const asked =
    request.limit === null
      ? `Remove the override of the Trade Assurance amount: ${request.reason}`
      : `Set the Trade Assurance amount to ${formatMinorUnits(request.limit, record.tradeAssurance?.currency ?? DEFAULT_TRADE_ASSURANCE_CURRENCY)}: ${request.reason}`;
  return deps.requestReviewDecision(
    principal,
    {
      kind: 'TRADE_ASSURANCE_OVERRIDE',
      // the supplier's record is its party's own: no user of it may decide
      subject: { type: 'SUPPLIER', id: supplierId, partyId: supplierId, openedBy: supplierId },
      reasons: [asked],
    },
    request.limit === null
      ? { decision: 'REMOVE', reason: request.reason }
      : { decision: 'SET', amount: request.limit, reason: request.reason },
  );
}
