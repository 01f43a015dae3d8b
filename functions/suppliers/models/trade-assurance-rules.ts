import * as z from 'zod';
import tradeAssurance from '../../../data/rules/trade-assurance.json';

/** The Trade Assurance rules (data/rules/trade-assurance.json). */
export const tradeAssuranceRulesSchema = z
  .object({
    version: z.string().min(1),
    description: z.string(),
    /** The qualification window: about six months. */
    windowDays: z.number().int().positive(),
    minCompletedOrders: z.number().int().nonnegative(),
    minOnTimeShipmentRate: z.number().min(0).max(1),
    maxDisputeRate: z.number().min(0).max(1),
    /** Share of the window's turnover that becomes the amount. */
    amountShareOfTurnover: z.number().positive().max(1),
    /** The amount is rounded down to a multiple of this many minor units. */
    roundTo: z.number().int().positive(),
    /** Ceiling per currency, in minor units; a currency not listed gets no amount. */
    maxAmount: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().positive()),
  })
  .strict();

/** Parsed rules. */
export type TradeAssuranceRules = z.output<typeof tradeAssuranceRulesSchema>;

let loaded: TradeAssuranceRules | undefined;

/** The shipped rules, validated once. */
export function loadTradeAssuranceRules(): TradeAssuranceRules {
  loaded ??= tradeAssuranceRulesSchema.parse(tradeAssurance);
  return loaded;
}
