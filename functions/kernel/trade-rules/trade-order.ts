import * as z from 'zod';
import { countryCodeSchema } from '../../commons/validation';

const isoCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 alphabetic currency code, as known to the runtime's ICU data. */
export const currencySchema = z.string().refine((code) => /^[A-Z]{3}$/.test(code) && isoCurrencies.has(code), {
  message: 'must be an ISO 4217 currency code, such as USD',
});

/** Money in integer minor units (cents for USD, yen for JPY): no floating point ever touches an amount. */
export const minorUnitsSchema = z
  .number()
  .int({ message: 'must be an integer amount in minor units' })
  .nonnegative({ message: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER);

/** What the AML rules need of any order, past or present. */
export const orderAmountSchema = z.object({
  orderId: z.string().min(1),
  amount: minorUnitsSchema,
  currency: currencySchema,
  /** ISO 8601 with an offset; the rules' only notion of time. */
  createdAt: z.iso.datetime({ offset: true }),
});

/** Where the goods go. `region` is an ISO 3166-2 code (UA-43, or just 43) or free text ("Crimea"). */
export const tradeDestinationSchema = z.object({
  country: countryCodeSchema,
  region: z.string().optional(),
  city: z.string().optional(),
});

/** One line of an order. `hsCode` is checked by the export-control rules, which hold codes they cannot read. */
export const tradeItemSchema = z.object({
  hsCode: z.string(),
  description: z.string().optional(),
});

/** The order as the trade rules see it. */
export const tradeOrderSchema = orderAmountSchema.extend({
  buyerCountry: countryCodeSchema,
  supplierCountry: countryCodeSchema,
  destination: tradeDestinationSchema,
  items: z.array(tradeItemSchema).min(1, { message: 'must list at least one item' }),
});

/** Validates a {@link TradeRulesContext}. */
export const tradeRulesContextSchema = z.object({
  /** The same buyer's recent orders; the current order may be in it and is then ignored. */
  buyerHistory: z.array(orderAmountSchema),
});

export type OrderAmount = z.output<typeof orderAmountSchema>;
export type TradeDestination = z.output<typeof tradeDestinationSchema>;
export type TradeItem = z.output<typeof tradeItemSchema>;
export type TradeOrder = z.output<typeof tradeOrderSchema>;

/** What the rules know besides the order itself; read-only, the rules never change it. */
export interface TradeRulesContext {
  readonly buyerHistory: readonly OrderAmount[];
}
