import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityType } from '../../functions/screening/lists/sanctioned-entity';

/** The labelled evaluation files live beside the project, in ../shared; SCREENING_EVAL_DIR points elsewhere. */
export const EVAL_DIR =
  process.env.SCREENING_EVAL_DIR ?? path.resolve(__dirname, '../../../shared/data/sanctions/eval');

function readCsv(file: string): Record<string, string>[] {
  const full = path.join(EVAL_DIR, file);
  if (!existsSync(full)) {
    throw new Error(`${full} is missing: the evaluation reads ../shared/data/sanctions/eval (or SCREENING_EVAL_DIR)`);
  }
  return parse(readFileSync(full, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** A hand-labelled pair of names. */
export interface LabelledPair {
  type: EntityType | undefined;
  name1: string;
  name2: string;
  isMatch: boolean;
  split: 'tuning' | 'held-back';
}

const SCHEMA_TYPES: Record<string, EntityType | undefined> = {
  Person: 'PERSON',
  Company: 'ORGANIZATION',
  Organization: 'ORGANIZATION',
  Vessel: 'VESSEL',
  LegalEntity: undefined,
};

/**
 * 30% of the pairs are held back from tuning, chosen by a hash of the pair so the split is stable and blind to
 * the label: parameters are only ever chosen on the tuning split.
 */
export function splitOf(name1: string, name2: string): LabelledPair['split'] {
  const bucket = createHash('sha256').update(`${name1}\u0000${name2}`).digest()[0]! % 10;
  return bucket < 3 ? 'held-back' : 'tuning';
}

export function readLabelledPairs(): LabelledPair[] {
  return readCsv('labelled-name-pairs.csv').map((row) => ({
    type: SCHEMA_TYPES[row.schema ?? ''],
    name1: row.name1 ?? '',
    name2: row.name2 ?? '',
    isMatch: row.is_match === 'true',
    split: splitOf(row.name1 ?? '', row.name2 ?? ''),
  }));
}

/** A person as a customer would type them, from the positives or the negatives file. */
export interface EvaluationPerson {
  name: string;
  dateOfBirth?: string;
  /** Country name or ISO code as in the file. */
  nationality?: string;
}

function readPeople(file: string): EvaluationPerson[] {
  return readCsv(file).map((row) => ({
    name: row.full_name ?? '',
    dateOfBirth: row.date_of_birth || undefined,
    nationality: row.nationality || undefined,
  }));
}

export const readUnPositives = (): EvaluationPerson[] => readPeople('positives-un.csv');
export const readSyntheticNegatives = (): EvaluationPerson[] => readPeople('negatives-synthetic-global.csv');

/** A query and a result with the score OFAC's Sanctions List Search gave the result. */
export interface OfacScoredResult {
  query: string;
  result: string;
  ofacScore: number;
}

export function readOfacSearchScores(): OfacScoredResult[] {
  return readCsv('ofac-search-scores.csv').map((row) => ({
    query: row.query_name ?? '',
    result: row.result_name ?? '',
    ofacScore: Number(row.ofac_score),
  }));
}
