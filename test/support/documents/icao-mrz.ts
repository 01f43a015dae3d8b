/**
 * Machine-readable zones per ICAO Doc 9303 (parts 4–6), computed rather than copied, so that tests can
 * make any holder's MRZ and break exactly one check digit on purpose.
 */

/** Which check digit to make wrong (the others, including the composite, stay consistent with it). */
export type BrokenCheckDigit = 'documentNumber' | 'birthDate' | 'expiryDate' | 'composite';

/** The holder and document data an MRZ encodes. Dates are YYYY-MM-DD, states ICAO alpha-3 codes. */
export interface MrzData {
  /** Document code, e.g. `P` (passport), `I` or `ID` (identity card). */
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | 'X';
  expiryDate: string;
  /** TD3: personal number; TD1: optional data of line 1. */
  optionalData?: string;
  breakCheckDigit?: BrokenCheckDigit;
}

const weights = [7, 3, 1];

/** ICAO 9303 check digit: weights 7-3-1, digits as themselves, A–Z as 10–35, `<` as 0. */
export function mrzCheckDigit(text: string): string {
  let sum = 0;
  for (const [index, char] of [...text].entries()) {
    let value: number;
    if (char >= '0' && char <= '9') value = char.charCodeAt(0) - 48;
    else if (char >= 'A' && char <= 'Z') value = char.charCodeAt(0) - 55;
    else if (char === '<') value = 0;
    else throw new Error(`not an MRZ character: ${JSON.stringify(char)}`);
    sum += value * weights[index % 3]!;
  }
  return String(sum % 10);
}

/** A digit that is certainly not `digit`, for a deliberately wrong check digit. */
function wrongDigit(digit: string): string {
  return String((Number(digit) + 1) % 10);
}

/** Upper-cases and transliterates the few Latin letters tests use; anything else becomes a filler. */
export function toMrzText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '<')
    .replace(/^<+|<+$/g, '');
}

function pad(text: string, length: number): string {
  return text.slice(0, length).padEnd(length, '<');
}

/** YYYY-MM-DD → YYMMDD. */
function mrzDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`expected YYYY-MM-DD, got ${date}`);
  return `${match[1]!.slice(2)}${match[2]}${match[3]}`;
}

function nameField(data: MrzData, length: number): string {
  return pad(`${toMrzText(data.surname)}<<${toMrzText(data.givenNames)}`, length);
}

function sexCode(sex: MrzData['sex']): string {
  return sex === 'X' ? '<' : sex;
}

function withCheck(field: string, broken: boolean): string {
  const digit = mrzCheckDigit(field);
  return field + (broken ? wrongDigit(digit) : digit);
}

/** TD3 (passport booklet): two lines of 44 characters. */
export function td3Lines(data: MrzData): [string, string] {
  const broken = data.breakCheckDigit;
  const line1 = pad(`${pad(data.documentCode, 2)}${pad(data.issuingState, 3)}${nameField(data, 39)}`, 44);
  const documentNumber = withCheck(pad(toMrzText(data.documentNumber), 9), broken === 'documentNumber');
  const birth = withCheck(mrzDate(data.dateOfBirth), broken === 'birthDate');
  const expiry = withCheck(mrzDate(data.expiryDate), broken === 'expiryDate');
  const personalNumber = pad(toMrzText(data.optionalData ?? ''), 14);
  // An all-filler personal number may carry a filler as its check digit (9303-4, 4.2.2.2).
  const personalCheck = /^<+$/.test(personalNumber) ? '<' : mrzCheckDigit(personalNumber);
  const body = `${documentNumber}${pad(data.nationality, 3)}${birth}${sexCode(data.sex)}${expiry}${personalNumber}${personalCheck}`;
  const compositeInput = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  const composite = mrzCheckDigit(compositeInput);
  return [line1, body + (broken === 'composite' ? wrongDigit(composite) : composite)];
}

/** TD1 (identity card): three lines of 30 characters. */
export function td1Lines(data: MrzData): [string, string, string] {
  const broken = data.breakCheckDigit;
  const documentNumber = withCheck(pad(toMrzText(data.documentNumber), 9), broken === 'documentNumber');
  const line1 = `${pad(data.documentCode, 2)}${pad(data.issuingState, 3)}${documentNumber}${pad(toMrzText(data.optionalData ?? ''), 15)}`;
  const birth = withCheck(mrzDate(data.dateOfBirth), broken === 'birthDate');
  const expiry = withCheck(mrzDate(data.expiryDate), broken === 'expiryDate');
  const line2Body = `${birth}${sexCode(data.sex)}${expiry}${pad(data.nationality, 3)}${pad('', 11)}`;
  const compositeInput = line1.slice(5, 30) + line2Body.slice(0, 7) + line2Body.slice(8, 15) + line2Body.slice(18, 29);
  const composite = mrzCheckDigit(compositeInput);
  return [line1, line2Body + (broken === 'composite' ? wrongDigit(composite) : composite), nameField(data, 30)];
}

/** TD2 (older identity cards, visas): two lines of 36 characters. */
export function td2Lines(data: MrzData): [string, string] {
  const broken = data.breakCheckDigit;
  const line1 = `${pad(data.documentCode, 2)}${pad(data.issuingState, 3)}${nameField(data, 31)}`;
  const documentNumber = withCheck(pad(toMrzText(data.documentNumber), 9), broken === 'documentNumber');
  const birth = withCheck(mrzDate(data.dateOfBirth), broken === 'birthDate');
  const expiry = withCheck(mrzDate(data.expiryDate), broken === 'expiryDate');
  const body = `${documentNumber}${pad(data.nationality, 3)}${birth}${sexCode(data.sex)}${expiry}${pad(toMrzText(data.optionalData ?? ''), 7)}`;
  const composite = mrzCheckDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35));
  return [line1, body + (broken === 'composite' ? wrongDigit(composite) : composite)];
}
