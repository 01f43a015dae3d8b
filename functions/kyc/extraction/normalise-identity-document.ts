import type { AnalyzeIDCommandOutput, AnalyzeIDDetections } from '@aws-sdk/client-textract';
import type { FieldName } from 'mrz';
import { countryCodes } from '../../commons/country-codes';
import { countryNameToCode } from '../../commons/country-names';
import type { ExtractedField, ExtractedFieldName } from '../models/document-extraction';
import { MINIMUM_FIELD_CONFIDENCE } from './extraction-settings';
import type { NormalisedExtraction } from './normalised-extraction';
import { cleanText, roundConfidence, toField } from './field-text';
import { icaoCodeToAlpha2 } from './icao-country-codes';
import { formatCalendarDate, parsePrintedDate } from './parse-printed-date';
import { mrzDetail, mrzRawText, readMrz, splitMrzLines, type MrzReading } from './read-mrz';

/** What normalising an AnalyzeID response depends on. */
export interface IdentityNormaliseOptions {
  /** Completes two-digit years (`12 AUG 74`, the MRZ's YYMMDD). */
  now: Date;
  /** Defaults to {@link MINIMUM_FIELD_CONFIDENCE}. */
  minimumConfidence?: number;
}

type AnalyzeIdOutput = Pick<AnalyzeIDCommandOutput, 'IdentityDocuments' | 'DocumentMetadata'>;

interface Detection {
  text: string;
  normalised?: string;
  confidence: number;
}

/** The fields the document checks need, with the words a reason uses for them. */
const REQUIRED_FIELDS: readonly (readonly [ExtractedFieldName, string])[] = [
  ['surname', 'surname'],
  ['dateOfBirth', 'date of birth'],
  ['expiryDate', 'expiry date'],
];

const SEX_VALUES: ReadonlyMap<string, string> = new Map([
  ['M', 'M'],
  ['MALE', 'M'],
  ['F', 'F'],
  ['FEMALE', 'F'],
  ['X', 'X'],
  ['<', 'X'],
]);

// AnalyzeID names its types FIRST_NAME, DATE_OF_BIRTH…; the documentation's examples also show "first name".
function typeKey(type: AnalyzeIDDetections | undefined): string {
  return cleanText(type?.Text)
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/** The detection with the highest confidence per field type, over every page; empty texts are dropped. */
function collectDetections(output: AnalyzeIdOutput): Map<string, Detection> {
  const best = new Map<string, Detection>();
  for (const document of output.IdentityDocuments ?? []) {
    for (const field of document.IdentityDocumentFields ?? []) {
      const key = typeKey(field.Type);
      const value = field.ValueDetection;
      const text = key === 'MRZ_CODE' ? (value?.Text ?? '').trim() : cleanText(value?.Text);
      if (!key || !text) continue;
      const detection: Detection = {
        text,
        normalised: value?.NormalizedValue?.Value,
        confidence: roundConfidence(value?.Confidence),
      };
      const current = best.get(key);
      if (!current || detection.confidence > current.confidence) best.set(key, detection);
    }
  }
  return best;
}

function toCountryCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countryCodes.has(upper)) return upper;
  if (/^[A-Z<]{1,3}$/.test(upper)) return icaoCodeToAlpha2(upper);
  return countryNameToCode(text);
}

function mrzDate(yymmdd: string | undefined, now: Date, direction: 'PAST' | 'FUTURE'): string | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const text = `${yymmdd.slice(4, 6)}.${yymmdd.slice(2, 4)}.${yymmdd.slice(0, 2)}`;
  return parsePrintedDate(text, { twoDigitYears: { now, direction } });
}

/** A parsed MRZ value, only when the field and the check digit protecting it are valid. */
function checkedMrzValue(mrz: MrzReading, field: FieldName, checkDigit: FieldName): string | undefined {
  const value = mrzDetail(mrz, field);
  return value?.valid && mrzDetail(mrz, checkDigit)?.valid ? (value.value ?? undefined) : undefined;
}

function minimum(...confidences: number[]): number {
  return Math.min(...confidences);
}

/**
 * Builds the field set from AnalyzeID's detections, filling what AnalyzeID does not report (nationality,
 * issuing country and sex on passports) or could not read from the MRZ. MRZ values carry the MRZ's
 * confidence, and dates and document numbers are only taken from it when their check digit holds.
 */
function buildFields(
  detections: Map<string, Detection>,
  mrz: MrzReading | undefined,
  now: Date,
): { fields: Partial<Record<ExtractedFieldName, ExtractedField>>; unparsedDates: Map<ExtractedFieldName, string> } {
  const fields: Partial<Record<ExtractedFieldName, ExtractedField>> = {};
  const unparsedDates = new Map<ExtractedFieldName, string>();
  const take = (name: ExtractedFieldName, field: ExtractedField | undefined) => {
    if (field && fields[name] === undefined) fields[name] = field;
  };
  const detected = (key: string) => detections.get(key);
  const mrzConfidence = detected('MRZ_CODE')?.confidence ?? 0;
  const fromMrz = (value: string | null | undefined) => toField(value ?? undefined, mrzConfidence);

  // Countries first: whether the document is from the US decides how its slashed dates read.
  const nationality = detected('NATIONALITY');
  if (nationality) take('nationality', toField(toCountryCode(nationality.text), nationality.confidence));
  const issuing = detected('ISSUING_COUNTRY') ?? detected('COUNTRY');
  if (issuing) take('issuingCountry', toField(toCountryCode(issuing.text), issuing.confidence));
  if (mrz) {
    take('nationality', fromMrz(icaoCodeToAlpha2(mrzRawText(mrz, 'nationality') ?? '')));
    take('issuingCountry', fromMrz(icaoCodeToAlpha2(mrzRawText(mrz, 'issuingState') ?? '')));
  }
  // AnalyzeID reads driving licences of US states only; a state name means a US licence.
  const state = detected('STATE_NAME');
  if (state) take('issuingCountry', { value: 'US', confidence: state.confidence });
  const monthFirst = fields.issuingCountry?.value === 'US';

  const surname = detected('LAST_NAME');
  const givenParts = [detected('FIRST_NAME'), detected('MIDDLE_NAME')].filter((d): d is Detection => !!d);
  const givenText = givenParts.map((d) => d.text).join(' ');
  take('surname', surname && toField(surname.text, surname.confidence));
  take(
    'givenNames',
    givenParts.length ? toField(givenText, minimum(...givenParts.map((d) => d.confidence))) : undefined,
  );
  if (mrz) {
    take('surname', fromMrz(mrz.result.fields.lastName));
    take('givenNames', fromMrz(mrz.result.fields.firstName));
  }
  const nameParts = [fields.givenNames, fields.surname].filter((f): f is ExtractedField => !!f);
  if (nameParts.length) {
    take('fullName', {
      value: nameParts.map((f) => f.value).join(' '),
      confidence: minimum(...nameParts.map((f) => f.confidence)),
    });
  }

  const dates: [ExtractedFieldName, string, 'PAST' | 'FUTURE'][] = [
    ['dateOfBirth', 'DATE_OF_BIRTH', 'PAST'],
    ['expiryDate', 'EXPIRATION_DATE', 'FUTURE'],
    ['issueDate', 'DATE_OF_ISSUE', 'PAST'],
  ];
  for (const [name, key, direction] of dates) {
    const detection = detected(key);
    if (!detection) continue;
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(detection.normalised ?? '');
    const value =
      (iso ? formatCalendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined) ??
      parsePrintedDate(detection.text, { monthFirst, twoDigitYears: { now, direction } });
    if (value) take(name, { value, confidence: detection.confidence });
    else unparsedDates.set(name, detection.text);
  }
  if (mrz) {
    take('dateOfBirth', fromMrz(mrzDate(checkedMrzValue(mrz, 'birthDate', 'birthDateCheckDigit'), now, 'PAST')));
    take(
      'expiryDate',
      fromMrz(mrzDate(checkedMrzValue(mrz, 'expirationDate', 'expirationDateCheckDigit'), now, 'FUTURE')),
    );
  }

  const documentNumber = detected('DOCUMENT_NUMBER');
  take('documentNumber', documentNumber && toField(documentNumber.text, documentNumber.confidence));
  if (mrz && mrzDetail(mrz, 'documentNumberCheckDigit')?.valid)
    take('documentNumber', fromMrz(mrz.result.documentNumber));

  const sex = detected('SEX') ?? detected('GENDER');
  if (sex) take('sex', toField(SEX_VALUES.get(sex.text.toUpperCase()), sex.confidence));
  if (mrz) take('sex', fromMrz(SEX_VALUES.get(mrzRawText(mrz, 'sex') ?? '<')));

  const addressParts = ['ADDRESS', 'CITY_IN_ADDRESS', 'STATE_IN_ADDRESS', 'ZIP_CODE_IN_ADDRESS']
    .map(detected)
    .filter((d): d is Detection => !!d);
  if (addressParts.length) {
    take(
      'address',
      toField(addressParts.map((d) => d.text).join(', '), minimum(...addressParts.map((d) => d.confidence))),
    );
  }

  const mrzCode = detected('MRZ_CODE');
  const mrzLines = splitMrzLines(mrzCode?.text ?? '');
  if (mrzCode && mrzLines.length) take('mrz', { value: mrzLines.join('\n'), confidence: mrzCode.confidence });
  return { fields, unparsedDates };
}

/**
 * Normalises an AnalyzeID response (passport, national identity card or driving licence): names
 * (`fullName` is the given names and surname as printed), dates as YYYY-MM-DD (AnalyzeID's normalised
 * value, else the printed text), countries as ISO alpha-2 (from the MRZ's alpha-3 or ICAO codes), sex as
 * M, F or X, and the MRZ lines. Several pages (front and back) are merged, the most confident reading of
 * each field winning.
 *
 * The document is readable when its surname, date of birth and expiry date were read with at least the
 * minimum confidence; otherwise `unreadableReason` says which was not, e.g. "no date of birth could be read".
 */
export function normaliseIdentityDocument(
  output: AnalyzeIdOutput,
  options: IdentityNormaliseOptions,
): NormalisedExtraction {
  const minimumConfidence = options.minimumConfidence ?? MINIMUM_FIELD_CONFIDENCE;
  const detections = collectDetections(output);
  const pageCount = output.DocumentMetadata?.Pages ?? output.IdentityDocuments?.length ?? 0;
  if (detections.size === 0) {
    return { fields: {}, readable: false, unreadableReason: 'no identity document was found on the pages', pageCount };
  }
  const mrzText = detections.get('MRZ_CODE')?.text;
  const mrz = mrzText ? readMrz(mrzText) : undefined;
  const { fields, unparsedDates } = buildFields(detections, mrz, options.now);

  const problems: string[] = [];
  for (const [name, label] of REQUIRED_FIELDS) {
    const field = fields[name];
    const unparsed = unparsedDates.get(name);
    if (!field && unparsed !== undefined) problems.push(`the ${label} "${unparsed}" could not be read as a date`);
    else if (!field) problems.push(`no ${label} could be read`);
    else if (field.confidence < minimumConfidence) {
      problems.push(
        `the ${label} was read with confidence ${field.confidence}, below the minimum of ${minimumConfidence}`,
      );
    }
  }
  return problems.length
    ? { fields, readable: false, unreadableReason: problems.join('; '), pageCount }
    : { fields, readable: true, pageCount };
}
