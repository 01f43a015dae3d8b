import * as z from 'zod';
import { countryCodes } from '../../commons/country-codes';
import { countryCodeSchema, isoDateSchema, textSchema } from '../../commons/validation';
import { normaliseHsCode } from './hs-code';
import { normalisePlaceName } from './normalise-place-name';
import { currencySchema } from './trade-order';

/** `2026-11-01`, or `2026-11-01.2` for a second publication on the same day. */
const versionSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/, {
  message: 'must be a date such as 2026-11-01, optionally followed by .N',
});

const sourceSchema = z.object({
  publisher: textSchema(300),
  title: textSchema(500),
  url: z.url({ message: 'must be a URL' }),
  /** The day the entries were last checked against this source. */
  asOf: isoDateSchema,
});

const headerShape = {
  version: versionSchema,
  source: z.array(sourceSchema).min(1, { message: 'must name at least one source' }),
  notes: z.array(textSchema(2000)).default([]),
};

const reasonSchema = textSchema(500);

function ruleIdSchema(family: string) {
  const segment = '[a-z0-9]+(-[a-z0-9]+)*';
  return z.string().regex(new RegExp(`^${family}(/${segment})+$`), {
    message: `must be a kebab-case id starting with ${family}/`,
  });
}

/** zod only says "Invalid key in record"; say what a key must be instead. */
function keyError(message: string) {
  return { error: (issue: z.core.$ZodRawIssue) => (issue.code === 'invalid_key' ? message : undefined) };
}

/** Rule ids end up in audit records and reviewers' filters, so a file must not reuse one. */
function checkUniqueIds(entries: readonly { id: string }[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `repeats ${entry.id}` });
    seen.add(entry.id);
  });
}

// ---------------------------------------------------------------------------------------------- embargoes

/** A place name as written in the file, stored folded so that matching is a plain string search. */
const placeNameSchema = textSchema(200)
  .transform(normalisePlaceName)
  .refine((name) => name !== '', { message: 'must contain letters or digits' });

const embargoActionSchema = z.enum(['BLOCK', 'HOLD']);

const embargoCountrySchema = z.object({
  id: ruleIdSchema('embargo'),
  country: countryCodeSchema,
  name: textSchema(200),
  action: embargoActionSchema,
  programs: z.array(textSchema(300)).min(1),
  reason: reasonSchema,
  notes: textSchema(2000).optional(),
});

const embargoRegionSchema = z
  .object({
    id: ruleIdSchema('embargo'),
    name: textSchema(200),
    /** The country the region belongs to under international law. */
    country: countryCodeSchema,
    /** Countries an address in the region may name instead, e.g. RU for occupied Ukrainian regions. */
    alsoListedUnder: z.array(countryCodeSchema).default([]),
    /** ISO 3166-2 codes of subdivisions that are entirely in scope. */
    regionCodes: z
      .array(z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: 'must be an ISO 3166-2 code such as UA-43' }))
      .default([]),
    /** Names that identify the region wherever they appear: in the region or the city of an address. */
    names: z.array(placeNameSchema).default([]),
    /** Names that identify it only as the region of an address (an oblast name that is also a city). */
    regionNames: z.array(placeNameSchema).default([]),
    /** Names that identify it only as the city, and only under `country` (Donetsk is also a Russian town). */
    cityNames: z.array(placeNameSchema).default([]),
    action: embargoActionSchema,
    programs: z.array(textSchema(300)).min(1),
    reason: reasonSchema,
    notes: textSchema(2000).optional(),
  })
  .superRefine((region, ctx) => {
    region.regionCodes.forEach((code, i) => {
      if (!code.startsWith(`${region.country}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['regionCodes', i],
          message: `must be a subdivision of ${region.country}`,
        });
      }
    });
    const identifiers = [region.regionCodes, region.names, region.regionNames, region.cityNames];
    if (identifiers.every((list) => list.length === 0)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'needs regionCodes, names, regionNames or cityNames' });
    }
  });

/** data/rules/embargoes.json: comprehensively embargoed countries and regions. */
export const embargoRuleSetSchema = z
  .object({
    ...headerShape,
    countries: z.array(embargoCountrySchema),
    regions: z.array(embargoRegionSchema),
  })
  .superRefine((file, ctx) => {
    checkUniqueIds([...file.countries, ...file.regions], [], ctx);
    const countries = new Set<string>();
    file.countries.forEach((entry, i) => {
      if (countries.has(entry.country)) {
        ctx.addIssue({ code: 'custom', path: ['countries', i, 'country'], message: `lists ${entry.country} twice` });
      }
      countries.add(entry.country);
    });
  });

// ------------------------------------------------------------------------------------------ export controls

const groupNameMessage =
  'group names must be upper case letters, digits and _, and not two letters like a country code';

/** Upper case with a digit, an underscore or 3+ letters: never mistaken for a country code. */
const groupNameSchema = z.string().regex(/^(?![A-Z]{2}$)[A-Z][A-Z0-9_]+$/);

const hsPrefixSchema = z
  .string()
  .transform((raw) => normaliseHsCode(raw) ?? '')
  .refine((digits) => digits !== '', { message: 'must be an HS code of 2 to 10 digits' });

const exportControlRuleSchema = z.object({
  id: ruleIdSchema('export-control'),
  /** HS code prefixes, or names of groups in `hsGroups`. */
  hsPrefixes: z.array(z.string().min(1)).min(1),
  /** Country codes, names of groups in `destinationGroups`, or `*` for every destination. */
  destinations: z.array(z.string().min(1)).min(1),
  action: z.enum(['BLOCK', 'HOLD']),
  /** Completes "HS 8542.31 …", so it starts with a verb: "is on the …". */
  reason: reasonSchema,
});

/** data/rules/export-controls.json: HS code prefixes × destinations → BLOCK or HOLD. */
export const exportControlRuleSetSchema = z
  .object({
    ...headerShape,
    destinationGroups: z.record(
      groupNameSchema,
      z.object({ name: textSchema(300), countries: z.array(countryCodeSchema).min(1) }),
      keyError(groupNameMessage),
    ),
    hsGroups: z.record(
      groupNameSchema,
      z.object({ name: textSchema(300), prefixes: z.array(hsPrefixSchema).min(1) }),
      keyError(groupNameMessage),
    ),
    rules: z.array(exportControlRuleSchema).min(1),
  })
  .superRefine((file, ctx) => {
    checkUniqueIds(file.rules, ['rules'], ctx);
    const groups = Object.keys(file.destinationGroups);
    const hsGroups = Object.keys(file.hsGroups);
    file.rules.forEach((rule, r) => {
      rule.hsPrefixes.forEach((prefix, i) => {
        const known = hsGroups.includes(prefix) || normaliseHsCode(prefix) !== undefined;
        if (!known) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', r, 'hsPrefixes', i],
            message: `must be an HS code of 2 to 10 digits or one of the hsGroups (${hsGroups.join(', ')}), got ${prefix}`,
          });
        }
      });
      rule.destinations.forEach((destination, i) => {
        const known = destination === '*' || groups.includes(destination) || countryCodes.has(destination);
        if (!known) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', r, 'destinations', i],
            message: `must be *, a country code or one of the destinationGroups (${groups.join(', ')}), got ${destination}`,
          });
        }
      });
    });
  });

// ------------------------------------------------------------------------------------------------- FATF

/** data/rules/fatf-jurisdictions.json: the FATF "black" and "grey" lists. */
export const fatfRuleSetSchema = z
  .object({
    ...headerShape,
    callForAction: z.array(
      z.object({
        country: countryCodeSchema,
        name: textSchema(200),
        measure: z.enum(['COUNTERMEASURES', 'ENHANCED_DUE_DILIGENCE']),
      }),
    ),
    increasedMonitoring: z.array(z.object({ country: countryCodeSchema, name: textSchema(200) })),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    for (const list of ['callForAction', 'increasedMonitoring'] as const) {
      file[list].forEach((entry, i) => {
        const earlier = seen.get(entry.country);
        if (earlier) {
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'country'],
            message: `${entry.country} is already in ${earlier}`,
          });
        }
        seen.set(entry.country, list);
      });
    }
  });

// -------------------------------------------------------------------------------------------------- AML

const amlActionSchema = z.enum(['HOLD', 'FLAG']);
const positiveIntSchema = z.number().int({ message: 'must be an integer' }).positive({ message: 'must be positive' });

/** data/rules/aml-rules.json: amount threshold, velocity, structuring and corridor settings. */
export const amlRuleSetSchema = z.object({
  ...headerShape,
  largeAmount: z.object({
    action: amlActionSchema,
    unconfiguredCurrencyAction: amlActionSchema,
    /** Minor units per currency: `{ "USD": 1000000 }` is USD 10,000.00. */
    thresholds: z
      .record(
        currencySchema,
        positiveIntSchema.max(Number.MAX_SAFE_INTEGER),
        keyError('thresholds must be keyed by ISO 4217 currency codes, such as USD'),
      )
      .refine((thresholds) => Object.keys(thresholds).length > 0, { message: 'must configure at least one currency' }),
  }),
  velocity: z.object({
    action: amlActionSchema,
    /** More orders than this in the window fire the rule; the order being checked counts. */
    maxOrders: positiveIntSchema,
    windowHours: positiveIntSchema,
  }),
  structuring: z.object({
    action: amlActionSchema,
    /** This many just-under-threshold orders in the window, the order being checked included, fire the rule. */
    minOrders: positiveIntSchema.min(2, { message: 'must be at least 2' }),
    windowDays: positiveIntSchema,
    /** "Just under" starts at this percentage of the threshold. */
    bandPercent: positiveIntSchema.max(99, { message: 'must be below 100' }),
  }),
  highRiskCorridor: z
    .object({
      /** When the buyer, supplier or destination country is FATF call-for-action or embargoed. */
      action: amlActionSchema,
      /** When one of them is under FATF increased monitoring. */
      increasedMonitoringAction: amlActionSchema,
      corridors: z.array(
        z.object({
          id: ruleIdSchema('aml/corridor'),
          /** Buyer countries. */
          from: z.array(countryCodeSchema).min(1),
          /** Destination or supplier countries. */
          to: z.array(countryCodeSchema).min(1),
          action: amlActionSchema,
          reason: reasonSchema,
        }),
      ),
    })
    .superRefine((corridor, ctx) => checkUniqueIds(corridor.corridors, ['corridors'], ctx)),
});

export type EmbargoRuleSet = z.output<typeof embargoRuleSetSchema>;
export type EmbargoRegion = EmbargoRuleSet['regions'][number];
export type ExportControlRuleSet = z.output<typeof exportControlRuleSetSchema>;
export type ExportControlRule = ExportControlRuleSet['rules'][number];
export type FatfRuleSet = z.output<typeof fatfRuleSetSchema>;
export type AmlRuleSet = z.output<typeof amlRuleSetSchema>;
