import * as z from 'zod';
import { countryCodeSchema, isoDateSchema, textSchema } from '../../commons/validation';
import { MAX_HIT_LIMIT } from '../matching/screening-settings';

const entityTypes = ['PERSON', 'ORGANIZATION', 'VESSEL', 'AIRCRAFT'] as const;

const dateOrYearSchema = z.union([isoDateSchema, z.string().regex(/^(19|20)\d{2}$/)], {
  message: 'must be a date (YYYY-MM-DD) or a year (YYYY)',
});

/** `POST /screening/search` body. Unknown fields are refused so that a misspelt filter is not silently ignored. */
export const screeningSearchRequestSchema = z
  .strictObject({
    name: textSchema(300).meta({ example: 'Vladimir Putin' }),
    type: z.enum(entityTypes).optional(),
    dateOfBirth: dateOrYearSchema.optional().meta({ description: 'YYYY-MM-DD or YYYY', example: '1952-10-07' }),
    country: countryCodeSchema.optional(),
    identifiers: z
      .array(textSchema(64))
      .max(10)
      .optional()
      .meta({ description: 'Passport, national id or registration numbers' }),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_HIT_LIMIT)
      .optional()
      .meta({ description: `1–${MAX_HIT_LIMIT}, default 10` }),
    includeBelowThreshold: z.boolean().optional(),
  })
  .meta({ id: 'ScreeningSearchRequest' });

/** A validated search request. */
export type ScreeningSearchRequest = z.output<typeof screeningSearchRequestSchema>;

const explanationSchema = z.object({
  feature: z.enum(['NAME', 'WEAK_ALIAS', 'DATE_OF_BIRTH', 'COUNTRY', 'IDENTIFIER']),
  effect: z.number().meta({ description: 'What the feature added to the score (negative: took away)' }),
  detail: z.string(),
});

/** `POST /screening/search` response, documented in the OpenAPI document. */
export const screeningSearchResponseSchema = z
  .object({
    listVersion: z.string().meta({ example: 'ofac-sdn@2024-05+ofac-cons@2025-12+un@2026-02-27+bis-dpl@2022-09' }),
    threshold: z.number(),
    hits: z.array(
      z.object({
        entityId: z.string(),
        type: z.enum(entityTypes),
        name: z.string(),
        matchedName: z.string(),
        score: z.number(),
        lists: z.array(z.string()),
        programs: z.array(z.string()),
        explanation: z.array(explanationSchema),
      }),
    ),
  })
  .meta({ id: 'ScreeningSearchResponse' });
