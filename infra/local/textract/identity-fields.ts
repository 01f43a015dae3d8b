/**
 * AnalyzeID's IdentityDocumentFields for one page. Textract returns every normalised field type, with
 * an empty Text when the document does not show it; so does this. Values come from the MRZ when there
 * is one (ICAO 9303 TD1, TD2 or TD3, parsed with `mrz`), and from the labelled visual zone otherwise or
 * for what the MRZ does not carry (issue date, address, place of birth, class).
 */
import type { IdentityDocumentField, ValueType } from '@aws-sdk/client-textract';
import { parseMrzDate, parseVisualDate } from './document-dates';
import type { FormField } from './form-fields';
import { mrzField, readMrz, type MrzReading } from './mrz-reading';
import type { PageText } from './page-text';

/** Every field type AnalyzeID reports, in the order Textract lists them. */
export const identityFieldTypes = [
  'FIRST_NAME',
  'LAST_NAME',
  'MIDDLE_NAME',
  'SUFFIX',
  'CITY_IN_ADDRESS',
  'ZIP_CODE_IN_ADDRESS',
  'STATE_IN_ADDRESS',
  'STATE_NAME',
  'DOCUMENT_NUMBER',
  'EXPIRATION_DATE',
  'DATE_OF_BIRTH',
  'DATE_OF_ISSUE',
  'ID_TYPE',
  'ENDORSEMENTS',
  'VETERAN',
  'RESTRICTIONS',
  'CLASS',
  'ADDRESS',
  'COUNTY',
  'PLACE_OF_BIRTH',
  'MRZ_CODE',
] as const;

/** One of {@link identityFieldTypes}. */
export type IdentityFieldType = (typeof identityFieldTypes)[number];

const dateFields = new Set<IdentityFieldType>(['EXPIRATION_DATE', 'DATE_OF_BIRTH', 'DATE_OF_ISSUE']);

/** Visual-zone labels, by field. Matched against the whole key, case-insensitively. */
const labelPatterns: [IdentityFieldType | 'GIVEN_NAMES', RegExp][] = [
  ['LAST_NAME', /^(surname|last name|family name|nom)$/i],
  ['GIVEN_NAMES', /^(given names?|first names?|forenames?|prénoms?)$/i],
  ['MIDDLE_NAME', /^middle names?$/i],
  ['SUFFIX', /^suffix$/i],
  ['DATE_OF_BIRTH', /^(date of birth|birth date|dob|born)$/i],
  ['EXPIRATION_DATE', /^(date of expiry|expiry date|date of expiration|expiration date|expires|valid until|exp)$/i],
  ['DATE_OF_ISSUE', /^(date of issue|issue date|issued|issued on|iss)$/i],
  [
    'DOCUMENT_NUMBER',
    /^(document|passport|card|licen[cs]e|driver'?s? licen[cs]e|id|dl)\s*(no\.?|number|nr\.?|#)$|^(document|passport|licen[cs]e) ?#$/i,
  ],
  ['PLACE_OF_BIRTH', /^place of birth$/i],
  ['ADDRESS', /^(address|residence|residential address)$/i],
  ['COUNTY', /^county$/i],
  ['STATE_NAME', /^(issuing state|state|issuing country|issuing authority country)$/i],
  ['CLASS', /^(class|classes|categories|category)$/i],
  ['RESTRICTIONS', /^(restrictions?|restr)$/i],
  ['ENDORSEMENTS', /^(endorsements?|end)$/i],
  ['VETERAN', /^veteran$/i],
];

interface FieldValue {
  text: string;
  confidence: number;
  /** YYYY-MM-DD, for date fields whose text could be read as a date. */
  date?: string;
}

function fromVisualZone(fields: readonly FormField[]): Map<IdentityFieldType | 'GIVEN_NAMES', FieldValue> {
  const found = new Map<IdentityFieldType | 'GIVEN_NAMES', FieldValue>();
  for (const field of fields) {
    if (field.value === '') continue;
    const match = labelPatterns.find(([, pattern]) => pattern.test(field.key.replace(/\.$/, '').trim()));
    if (!match || found.has(match[0])) continue;
    found.set(match[0], { text: field.value, confidence: field.confidence });
  }
  return found;
}

/** Splits given names the way Textract does: the first is FIRST_NAME, the rest MIDDLE_NAME. */
function splitGivenNames(givenNames: FieldValue | undefined): { first?: FieldValue; middle?: FieldValue } {
  if (!givenNames) return {};
  const [first, ...rest] = givenNames.text.trim().split(/\s+/);
  return {
    first: { ...givenNames, text: first ?? '' },
    middle: rest.length > 0 ? { ...givenNames, text: rest.join(' ') } : undefined,
  };
}

function idType(page: PageText, mrz: MrzReading | undefined): string {
  const text = page.lines.map((line) => line.text).join('\n');
  if (mrz?.format === 'TD3' && mrz.lines[0]!.startsWith('P')) return 'PASSPORT';
  if (/driv(ing|er'?s?)\s+licen[cs]e|permis de conduire|führerschein/i.test(text)) return 'DRIVER LICENSE FRONT';
  if (!mrz && /passport|passeport|reisepass/i.test(text)) return 'PASSPORT';
  return text.trim() === '' ? '' : 'OTHER';
}

function mrzValues(mrz: MrzReading): Map<IdentityFieldType | 'GIVEN_NAMES', FieldValue> {
  const values = new Map<IdentityFieldType | 'GIVEN_NAMES', FieldValue>();
  const confidence = mrz.confidence;
  const put = (type: IdentityFieldType | 'GIVEN_NAMES', text: string | undefined, date?: string) => {
    if (text) values.set(type, { text, confidence, date });
  };
  put('LAST_NAME', mrzField(mrz, 'lastName'));
  put('GIVEN_NAMES', mrzField(mrz, 'firstName'));
  put('DOCUMENT_NUMBER', mrzField(mrz, 'documentNumber'));
  // MRZ dates are YYMMDD: the century is decided here; pick() then shows the visual zone's text or the ISO date
  const birth = mrzField(mrz, 'birthDate');
  put('DATE_OF_BIRTH', birth, birth && parseMrzDate(birth, 'past'));
  const expiry = mrzField(mrz, 'expirationDate');
  put('EXPIRATION_DATE', expiry, expiry && parseMrzDate(expiry, 'expiry'));
  put('MRZ_CODE', mrz.lines.join('\n'));
  return values;
}

/** As the MRZ writes names: upper case, Latin letters only, anything else a filler. */
function mrzName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Folds OCR look-alikes together (`O`/`Q`/`0`, `I`/`1`…), to compare two readings of the same print. */
function foldLookAlikes(text: string): string {
  return text
    .replace(/[OQD0]/g, 'O')
    .replace(/[IL1]/g, 'I')
    .replace(/[S5]/g, 'S')
    .replace(/[Z2]/g, 'Z')
    .replace(/[B8]/g, 'B')
    .replace(/[G6]/g, 'G');
}

/**
 * Whether the visual zone and the MRZ say the same. Names are compared up to OCR look-alikes, since the
 * MRZ's names line has no check digit to catch a misread (and the MRZ may truncate long names).
 */
function sameValue(type: IdentityFieldType | 'GIVEN_NAMES', printed: FieldValue, fromMrz: FieldValue): boolean {
  if (fromMrz.date) return parseVisualDate(printed.text) === fromMrz.date;
  if (type === 'LAST_NAME' || type === 'GIVEN_NAMES') {
    const machine = foldLookAlikes(mrzName(fromMrz.text));
    return machine !== '' && foldLookAlikes(mrzName(printed.text)).startsWith(machine);
  }
  return printed.text.replace(/\s+/g, '').toUpperCase() === fromMrz.text.replace(/<+/g, '');
}

/** The IdentityDocumentFields of one page (every type present, unknown ones with empty Text). */
export function identityDocumentFields(page: PageText, formFields: readonly FormField[]): IdentityDocumentField[] {
  const visual = fromVisualZone(formFields);
  const mrz = readMrz(page.lines, {
    surname: visual.get('LAST_NAME')?.text,
    givenNames: visual.get('GIVEN_NAMES')?.text,
  });
  const machine = mrz ? mrzValues(mrz) : new Map<IdentityFieldType | 'GIVEN_NAMES', FieldValue>();
  const pick = (type: IdentityFieldType | 'GIVEN_NAMES') => {
    const fromMrz = machine.get(type);
    const printed = visual.get(type);
    // The MRZ decides; the visual zone's text is kept when it says the same thing, since it is what
    // Textract would show (`12 AUG 1974` rather than `740812`, `Müller-Lüdenscheidt` rather than a
    // transliterated, possibly truncated `MULLER<LUDENSCHEIDT`).
    if (fromMrz && printed && sameValue(type, printed, fromMrz)) return { ...printed, date: fromMrz.date };
    if (fromMrz?.date) return { ...fromMrz, text: fromMrz.date };
    return fromMrz ?? printed;
  };
  const values = new Map<IdentityFieldType, FieldValue>();
  for (const type of identityFieldTypes) {
    const value = pick(type);
    if (value) values.set(type, value);
  }
  const given = splitGivenNames(pick('GIVEN_NAMES'));
  if (given.first) values.set('FIRST_NAME', given.first);
  if (given.middle && !values.has('MIDDLE_NAME')) values.set('MIDDLE_NAME', given.middle);
  const type = idType(page, mrz);
  // a classification rather than a reading: a fixed, high confidence whenever the page had text to classify
  if (type) values.set('ID_TYPE', { text: type, confidence: 95 });

  return identityFieldTypes.map((fieldType) => {
    const value = values.get(fieldType);
    const date = dateFields.has(fieldType) && value ? (value.date ?? parseVisualDate(value.text)) : undefined;
    return {
      Type: { Text: fieldType },
      ValueDetection: {
        Text: value?.text ?? '',
        // Textract's NormalizedValue says "Date" on the wire, whatever the SDK's enum spells
        ...(date ? { NormalizedValue: { Value: `${date}T00:00:00`, ValueType: 'Date' as ValueType } } : {}),
        Confidence: value?.confidence ?? 0,
      },
    };
  });
}
