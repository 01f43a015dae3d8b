import type { AnalyzeDocumentCommandOutput, Block } from '@aws-sdk/client-textract';
import type { DocumentType } from '../models/document';
import type { ExtractedField, ExtractedFieldName } from '../models/document-extraction';
import type { DocumentQuery } from './document-queries';
import { MINIMUM_FIELD_CONFIDENCE } from './extraction-settings';
import { cleanText, roundConfidence } from './field-text';
import type { NormalisedExtraction } from './normalised-extraction';
import { parsePrintedDate } from './parse-printed-date';

/** What normalising an AnalyzeDocument response depends on. */
export interface BusinessNormaliseOptions {
  documentType: DocumentType;
  /** Completes two-digit years. */
  now: Date;
  /** Read slashed dates month-first; set it for documents from the US. */
  monthFirst?: boolean;
  /** Defaults to {@link MINIMUM_FIELD_CONFIDENCE}. */
  minimumConfidence?: number;
}

type AnalyzeDocumentOutput = Pick<AnalyzeDocumentCommandOutput, 'Blocks' | 'DocumentMetadata'>;

interface Candidate {
  field: ExtractedFieldName;
  value: string;
  confidence: number;
  /** 2: the key is exactly a known label; 1: it contains one; query answers rank above both. */
  rank: number;
}

/** Words a reason uses for each field. */
const FIELD_LABELS: Readonly<Partial<Record<ExtractedFieldName, string>>> = {
  companyName: 'company name',
  registrationNumber: 'registration number',
  taxId: 'tax id',
  address: 'address',
  issueDate: 'issue date',
  expiryDate: 'expiry date',
  statementDate: 'statement date',
  fullName: 'account holder name',
  dateOfBirth: 'date of birth',
};

/**
 * The fields that make a document of each type worth checking: without any of them it is unreadable.
 * Checks that need a particular field report it missing themselves.
 */
export const essentialFields: Readonly<Partial<Record<DocumentType, readonly ExtractedFieldName[]>>> = {
  COMPANY_REGISTRATION: ['registrationNumber', 'companyName'],
  BUSINESS_LICENSE: ['registrationNumber', 'companyName'],
  TAX_REGISTRATION: ['taxId', 'companyName'],
  PROOF_OF_ADDRESS: ['statementDate', 'address', 'fullName'],
  FINANCIAL_STATEMENT: ['statementDate', 'companyName'],
};

const DATE_FIELDS: ReadonlyMap<ExtractedFieldName, 'PAST' | 'FUTURE'> = new Map([
  ['dateOfBirth', 'PAST'],
  ['issueDate', 'PAST'],
  ['statementDate', 'PAST'],
  ['expiryDate', 'FUTURE'],
]);

/**
 * Labels a form key may carry for each field, folded to lower-case words. `phrases` match anywhere in the
 * key as whole words ("Registered company number" has "company number"); `exact` ones, too generic to
 * search for ("Name", "Date", "VAT"), only match a key that is nothing else.
 */
// prettier-ignore
const KEY_LABELS: Readonly<Partial<Record<ExtractedFieldName, { phrases: string[]; exact: string[] }>>> = {
  companyName: {
    phrases: ['company name', 'name of company', 'name of the company', 'business name', 'legal name', 'entity name',
      'registered name', 'enterprise name', 'name of enterprise', 'firm name', 'name of business', 'taxpayer name', 'firma'],
    exact: ['company', 'name', 'firm', 'entity', 'taxpayer'],
  },
  registrationNumber: {
    phrases: ['registration number', 'registration no', 'reg no', 'registered number', 'company number', 'company no',
      'registry number', 'register number', 'commercial register', 'handelsregister', 'unified social credit code',
      'credit code', 'incorporation number', 'business registration number'],
    exact: ['crn', 'cin', 'registration', 'hrb', 'hra'],
  },
  taxId: {
    phrases: ['tax id', 'tax identification', 'tax number', 'tax no', 'tax registration number', 'taxpayer identification',
      'vat number', 'vat no', 'vat id', 'vat registration', 'ust idnr', 'steuernummer', 'tax reference', 'gst number'],
    exact: ['tin', 'ein', 'vat', 'nif', 'utr', 'gstin'],
  },
  address: {
    phrases: ['address', 'registered office', 'place of business', 'domicile', 'service address', 'supply address'],
    exact: ['addr'],
  },
  issueDate: { phrases: ['date of issue', 'issue date', 'issued on', 'date issued', 'issuing date'], exact: ['issued'] },
  expiryDate: {
    phrases: ['expiry date', 'expiration date', 'date of expiry', 'valid until', 'valid to', 'valid thru', 'valid through',
      'expires', 'expiry'],
    exact: [],
  },
  statementDate: {
    phrases: ['statement date', 'date of statement', 'bill date', 'billing date', 'invoice date', 'date of issue',
      'issue date', 'period end', 'period ended', 'year ended', 'year end', 'balance sheet date', 'as at', 'as of'],
    exact: ['date'],
  },
  fullName: {
    phrases: ['account holder', 'account name', 'customer name', 'holder name', 'bill to'],
    exact: ['name'],
  },
  dateOfBirth: { phrases: ['date of birth', 'birth date'], exact: ['dob'] },
};

function foldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** 2 when the key is exactly a label of the field, 1 when it contains one as whole words, else 0. */
export function rankKeyForField(key: string, field: ExtractedFieldName): number {
  const labels = KEY_LABELS[field];
  const folded = foldKey(key);
  if (!labels || !folded) return 0;
  if (labels.phrases.includes(folded) || labels.exact.includes(folded)) return 2;
  return labels.phrases.some((phrase) => ` ${folded} `.includes(` ${phrase} `)) ? 1 : 0;
}

function related(block: Block, type: string, byId: ReadonlyMap<string, Block>): Block[] {
  return (block.Relationships ?? [])
    .filter((relationship) => relationship.Type === type)
    .flatMap((relationship) => relationship.Ids ?? [])
    .map((id) => byId.get(id))
    .filter((b): b is Block => b !== undefined);
}

function wordsOf(block: Block, byId: ReadonlyMap<string, Block>): string {
  return cleanText(
    related(block, 'CHILD', byId)
      .filter((child) => child.BlockType === 'WORD')
      .map((child) => child.Text ?? '')
      .join(' '),
  );
}

function queryAnswers(blocks: readonly Block[], byId: ReadonlyMap<string, Block>, queries: readonly DocumentQuery[]) {
  const candidates: Candidate[] = [];
  for (const block of blocks) {
    if (block.BlockType !== 'QUERY') continue;
    const query =
      queries.find((q) => block.Query?.Alias !== undefined && q.alias === block.Query.Alias) ??
      queries.find((q) => q.text === block.Query?.Text);
    if (!query) continue;
    for (const answer of related(block, 'ANSWER', byId)) {
      if (answer.BlockType !== 'QUERY_RESULT') continue;
      candidates.push({
        field: query.field,
        value: answer.Text ?? '',
        confidence: roundConfidence(answer.Confidence),
        rank: 3,
      });
    }
  }
  return candidates;
}

function formPairs(blocks: readonly Block[], byId: ReadonlyMap<string, Block>, fields: readonly ExtractedFieldName[]) {
  const candidates: Candidate[] = [];
  for (const block of blocks) {
    if (block.BlockType !== 'KEY_VALUE_SET' || !block.EntityTypes?.includes('KEY')) continue;
    const key = wordsOf(block, byId);
    for (const valueBlock of related(block, 'VALUE', byId)) {
      const value = wordsOf(valueBlock, byId);
      const confidence = roundConfidence(Math.min(block.Confidence ?? 0, valueBlock.Confidence ?? 0));
      for (const field of fields) {
        const rank = rankKeyForField(key, field);
        if (rank > 0) candidates.push({ field, value, confidence, rank });
      }
    }
  }
  return candidates;
}

function normaliseValue(candidate: Candidate, options: BusinessNormaliseOptions): string | undefined {
  const text = cleanText(candidate.value);
  const direction = DATE_FIELDS.get(candidate.field);
  if (!text || !direction) return text || undefined;
  return parsePrintedDate(text, { monthFirst: options.monthFirst, twoDigitYears: { now: options.now, direction } });
}

/**
 * Normalises an AnalyzeDocument (QUERIES + FORMS) response for a business or address document. Each field
 * comes from the answers to its query, the most confident one winning; when no answer reaches the minimum
 * confidence, from a form key/value pair whose key reads like the field ("Registration No.", "VAT").
 * Dates are YYYY-MM-DD; values that are not dates are dropped from date fields.
 *
 * The document is unreadable when none of the {@link essentialFields} of its type was read with the
 * minimum confidence.
 */
export function normaliseBusinessDocument(
  output: AnalyzeDocumentOutput,
  queries: readonly DocumentQuery[],
  options: BusinessNormaliseOptions,
): NormalisedExtraction {
  const minimumConfidence = options.minimumConfidence ?? MINIMUM_FIELD_CONFIDENCE;
  const blocks = output.Blocks ?? [];
  const byId = new Map(blocks.filter((b) => b.Id !== undefined).map((b) => [b.Id as string, b]));
  const pageCount = output.DocumentMetadata?.Pages ?? blocks.filter((b) => b.BlockType === 'PAGE').length;
  const wanted = [...new Set(queries.map((q) => q.field))];

  const candidates = [...queryAnswers(blocks, byId, queries), ...formPairs(blocks, byId, wanted)];
  const fields: Partial<Record<ExtractedFieldName, ExtractedField>> = {};
  for (const field of wanted) {
    const usable = candidates
      .filter((c) => c.field === field)
      .map((c) => ({ ...c, value: normaliseValue(c, options) }))
      .filter((c): c is Candidate => c.value !== undefined);
    // A confident answer beats any form pair; among the rest, the trusted beat the doubtful.
    usable.sort(
      (a, b) =>
        Number(b.confidence >= minimumConfidence) - Number(a.confidence >= minimumConfidence) ||
        b.rank - a.rank ||
        b.confidence - a.confidence,
    );
    const best = usable[0];
    if (best) fields[field] = { value: best.value, confidence: best.confidence };
  }

  if (blocks.length === 0) {
    return { fields, readable: false, unreadableReason: 'no text was found on the pages', pageCount };
  }
  const essential = essentialFields[options.documentType] ?? wanted;
  if (essential.some((name) => (fields[name]?.confidence ?? -1) >= minimumConfidence)) {
    return { fields, readable: true, pageCount };
  }
  const labels = essential.map((name) => FIELD_LABELS[name] ?? name);
  const doubtful = essential.filter((name) => fields[name] !== undefined);
  const reason =
    labels.length === 1
      ? `no ${labels[0]} could be read`
      : `none of ${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]} could be read`;
  const detail = doubtful.length
    ? ` (${doubtful.map((name) => `${FIELD_LABELS[name] ?? name} read with confidence ${fields[name]?.confidence}`).join(', ')}, below the minimum of ${minimumConfidence})`
    : '';
  return { fields, readable: false, unreadableReason: reason + detail, pageCount };
}
