import type { ExtractedField } from '../models/document-extraction';

/** Text as OCR returned it, with runs of whitespace (including line breaks) collapsed to one space. */
export function cleanText(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** A field, or undefined when its text is empty: empty answers are absent fields, not empty values. */
export function toField(value: string | undefined, confidence: number | undefined): ExtractedField | undefined {
  const text = cleanText(value);
  return text ? { value: text, confidence: roundConfidence(confidence) } : undefined;
}

/** Textract reports confidence with 13 decimals; two are plenty for reviewers and thresholds. */
export function roundConfidence(confidence: number | undefined): number {
  return Math.round((confidence ?? 0) * 100) / 100;
}
