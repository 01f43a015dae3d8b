import * as z from 'zod';
// A JSON import, not an fs read: esbuild bundles the policy into the Lambda, so a deployed function scores
// with the configuration it was tested with.
import shippedConfig from '../../../data/rules/kyc-risk-scoring.json';
import { RuleSetError } from '../../kernel/trade-rules/load-rule-sets';
import { kycCheckIds } from '../models/case-assessment';

/** Where the scoring configuration lives; error messages name this path. */
export const kycRiskConfigFile = 'data/rules/kyc-risk-scoring.json';

const points = z
  .number({ message: 'must be a number of points' })
  .int({ message: 'must be a whole number of points' })
  .min(0, { message: 'must be 0 or more points' })
  .max(1000, { message: 'must be at most 1000 points' });

const countryLevelPoints = z.object({ HIGH: points, ELEVATED: points }).strict();

function descending<T>(values: readonly T[], key: (value: T) => number): boolean {
  return values.every((value, i) => i === 0 || key(value) < key(values[i - 1] as T));
}

/** Schema of {@link kycRiskConfigFile}. */
export const kycRiskConfigSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/, {
      message: 'must be a date such as 2026-11-01, optionally followed by .N',
    }),
    notes: z.array(z.string()).default([]),
    levels: z
      .object({
        /** Lowest score that is MEDIUM. */
        medium: points.min(1, { message: 'must be at least 1, or no case could be LOW' }),
        /** Lowest score that is HIGH. */
        high: points,
      })
      .strict()
      .refine((levels) => levels.medium < levels.high, {
        message: 'medium must be lower than high',
        path: ['high'],
      }),
    screening: z
      .object({
        hitBands: z
          .array(
            z
              .object({ minScore: z.number().min(0).max(1, { message: 'must be a score from 0 to 1' }), points })
              .strict(),
          )
          .min(1, { message: 'must have at least one band' })
          .refine((bands) => descending(bands, (band) => band.minScore), {
            message: 'must be ordered by minScore, highest first, without repeats',
          }),
        minimumLevelOnHit: z.enum(['MEDIUM', 'HIGH'], { message: 'must be MEDIUM or HIGH' }),
      })
      .strict(),
    failedChecks: z.record(z.enum(kycCheckIds), points),
    countryRisk: z
      .object({
        residence: countryLevelPoints,
        incorporation: countryLevelPoints,
        nationality: countryLevelPoints,
        representativeNationality: countryLevelPoints,
      })
      .strict(),
    partyType: z.object({ INDIVIDUAL: points, BUSINESS: points }).strict(),
    tier: z.object({ STANDARD: points, HIGH_VALUE: points }).strict(),
    ownership: z
      .object({
        uboCountBands: z
          .array(z.object({ minCount: z.number().int().min(1, { message: 'must be at least 1' }), points }).strict())
          .refine((bands) => descending(bands, (band) => band.minCount), {
            message: 'must be ordered by minCount, highest first, without repeats',
          }),
        noUboDeclared: points,
      })
      .strict(),
  })
  .strict();

/** The validated scoring configuration. */
export type KycRiskConfig = z.output<typeof kycRiskConfigSchema>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates a scoring configuration.
 * @throws RuleSetError naming the file and every invalid field
 */
export function parseKycRiskConfig(raw: unknown): KycRiskConfig {
  const result = kycRiskConfigSchema.safeParse(raw);
  if (!result.success) throw new RuleSetError(kycRiskConfigFile, result.error.issues);
  return deepFreeze(result.data);
}

let loaded: KycRiskConfig | undefined;

/**
 * The shipped configuration, validated on first use and kept, frozen, for the life of the process.
 * @throws RuleSetError if the shipped file is invalid, which the unit tests make sure never ships
 */
export function loadKycRiskConfig(): KycRiskConfig {
  loaded ??= parseKycRiskConfig(shippedConfig);
  return loaded;
}
