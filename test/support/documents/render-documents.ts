/**
 * Realistic, synthetic KYC documents for the tests and the bench: identity documents with ICAO 9303
 * MRZs, and the business and address documents the product asks Textract questions about. Visual-zone
 * dates on identity documents are printed as `15 APR 2031` (as on passports); business documents print
 * YYYY-MM-DD.
 */
import { LayoutBuilder, type DocumentFormat, type DocumentLayout } from './document-layout';
import { td1Lines, td3Lines, type BrokenCheckDigit, type MrzData } from './icao-mrz';
import { renderLayoutToPdf } from './pdf-renderer';
import { encodeBitmap, paintLayout } from './raster-renderer';

export type { BrokenCheckDigit, DocumentFormat };

/** Every renderer's output format; PNG unless said otherwise. */
export interface RenderOptions {
  format?: DocumentFormat;
}

/** Renders a layout to the requested format. */
export async function renderLayout(layout: DocumentLayout, format: DocumentFormat = 'png'): Promise<Buffer> {
  if (format === 'pdf') return renderLayoutToPdf(layout);
  return encodeBitmap(paintLayout(layout), format);
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** YYYY-MM-DD → `15 APR 2031`, the ICAO visual-zone style. */
export function formatVisualDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day} ${months[Number(month) - 1]} ${year}`;
}

function yearsBefore(isoDate: string, years: number): string {
  return `${Number(isoDate.slice(0, 4)) - years}${isoDate.slice(4)}`;
}

/** A person on an identity document. Dates YYYY-MM-DD; states and nationality ICAO alpha-3 codes. */
export interface IdentityDocumentInput extends RenderOptions {
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | 'X';
  expiryDate: string;
  /** Defaults to `nationality`. */
  issuingState?: string;
  /** Defaults to ten years before expiry. */
  issueDate?: string;
  placeOfBirth?: string;
  /** Makes one MRZ check digit wrong; the rest of the MRZ stays consistent with it. */
  breakCheckDigit?: BrokenCheckDigit;
}

function mrzData(input: IdentityDocumentInput, documentCode: string): MrzData {
  return {
    documentCode,
    issuingState: input.issuingState ?? input.nationality,
    surname: input.surname,
    givenNames: input.givenNames,
    documentNumber: input.documentNumber,
    nationality: input.nationality,
    dateOfBirth: input.dateOfBirth,
    sex: input.sex,
    expiryDate: input.expiryDate,
    breakCheckDigit: input.breakCheckDigit,
  };
}

/** The TD3 MRZ lines {@link renderPassport} prints for `input`. */
export function passportMrz(input: IdentityDocumentInput): [string, string] {
  return td3Lines(mrzData(input, 'P'));
}

/** The TD1 MRZ lines {@link renderNationalId} prints for `input`. */
export function nationalIdMrz(input: IdentityDocumentInput): [string, string, string] {
  return td1Lines(mrzData(input, 'ID'));
}

/** Photo placeholder: flat shapes, so OCR finds no text in it. */
function photo(builder: LayoutBuilder, x: number, y: number, width: number, height: number): void {
  builder.rect(x, y, width, height, '#c8ccd2');
  builder.rect(x + width * 0.3, y + height * 0.15, width * 0.4, height * 0.35, '#a9aeb6');
  builder.rect(x + width * 0.15, y + height * 0.58, width * 0.7, height * 0.42, '#a9aeb6');
}

/** A passport data page (ID-3, 1200×850 px) with a TD3 MRZ. */
export function renderPassport(input: IdentityDocumentInput): Promise<Buffer> {
  const issuingState = input.issuingState ?? input.nationality;
  const builder = new LayoutBuilder(1200, 850, '#f5f2ea', 20);
  builder.rect(0, 0, 1200, 90, '#dfe7ef');
  builder.line(`PASSPORT  ${issuingState}`, { size: 36, font: 'sans-bold', spacing: 1.4 });
  photo(builder, 60, 130, 250, 320);
  builder.y = 110;
  const x = 360;
  builder
    .field('Type', 'P', { x })
    .field('Issuing state', issuingState, { x })
    .field('Passport no', input.documentNumber, { x })
    .field('Surname', input.surname.toUpperCase(), { x })
    .field('Given names', input.givenNames.toUpperCase(), { x })
    .field('Nationality', input.nationality, { x })
    .field('Date of birth', formatVisualDate(input.dateOfBirth), { x })
    .field('Sex', input.sex, { x });
  if (input.placeOfBirth) builder.field('Place of birth', input.placeOfBirth.toUpperCase(), { x });
  builder
    .field('Date of issue', formatVisualDate(input.issueDate ?? yearsBefore(input.expiryDate, 10)), { x })
    .field('Date of expiry', formatVisualDate(input.expiryDate), { x });
  builder.rect(0, 640, 1200, 210, '#ffffff');
  const [line1, line2] = passportMrz(input);
  builder.y = 650;
  builder.line(line1, { x: 50, size: 36, font: 'mono-bold', spacing: 1.5 });
  builder.line(line2, { x: 50, size: 36, font: 'mono-bold', spacing: 1.6 });
  return renderLayout(builder.build(), input.format);
}

/** An identity card (ID-1 proportions, 1200×760 px), front and back side by side in one image, TD1 MRZ. */
export function renderNationalId(input: IdentityDocumentInput): Promise<Buffer> {
  const issuingState = input.issuingState ?? input.nationality;
  const builder = new LayoutBuilder(1200, 760, '#eef3ee', 20);
  builder.line(`IDENTITY CARD  ${issuingState}`, { size: 34, font: 'sans-bold', spacing: 1.4 });
  photo(builder, 50, 110, 220, 280);
  builder.y = 90;
  const x = 320;
  builder
    .field('Surname', input.surname.toUpperCase(), { x })
    .field('Given names', input.givenNames.toUpperCase(), { x })
    .field('Sex', input.sex, { x })
    .field('Nationality', input.nationality, { x })
    .field('Date of birth', formatVisualDate(input.dateOfBirth), { x })
    .field('Document no', input.documentNumber, { x })
    .field('Date of expiry', formatVisualDate(input.expiryDate), { x });
  builder.rect(0, 520, 1200, 240, '#ffffff');
  const lines = nationalIdMrz(input);
  builder.y = 530;
  for (const line of lines) builder.line(line, { x: 60, size: 42, font: 'mono-bold', spacing: 1.5 });
  return renderLayout(builder.build(), input.format);
}

/** A driving licence holder. No MRZ: everything is read from labelled fields. */
export interface DriversLicenceInput extends RenderOptions {
  surname: string;
  givenNames: string;
  dateOfBirth: string;
  licenceNumber: string;
  expiryDate: string;
  issueDate?: string;
  /** Printed as `Issuing state: …` (e.g. `GBR`). */
  issuingState?: string;
  address?: string;
  categories?: string;
}

/** A card-style driving licence (1200×760 px) with labelled fields only. */
export function renderDriversLicence(input: DriversLicenceInput): Promise<Buffer> {
  const builder = new LayoutBuilder(1200, 760, '#fbf3e6', 20);
  builder.line('DRIVING LICENCE', { size: 36, font: 'sans-bold', spacing: 1.4 });
  photo(builder, 50, 110, 220, 280);
  builder.y = 90;
  const x = 320;
  builder
    .field('Surname', input.surname.toUpperCase(), { x })
    .field('Given names', input.givenNames.toUpperCase(), { x })
    .field('Date of birth', formatVisualDate(input.dateOfBirth), { x })
    .field('Date of issue', formatVisualDate(input.issueDate ?? yearsBefore(input.expiryDate, 10)), { x })
    .field('Date of expiry', formatVisualDate(input.expiryDate), { x })
    .field('Licence no', input.licenceNumber, { x });
  if (input.issuingState) builder.field('Issuing state', input.issuingState, { x });
  if (input.address) builder.field('Address', input.address, { x });
  builder.field('Class', input.categories ?? 'B', { x });
  return renderLayout(builder.build(), input.format);
}

/** A letter-style business page: a title, an issuer line, some prose, then labelled fields. */
function businessPage(title: string, issuer: string, prose: string[], fields: [string, string][]): LayoutBuilder {
  const builder = new LayoutBuilder(1240, 1400, '#ffffff', 40);
  builder.rect(0, 0, 1240, 16, '#2d4a6b');
  builder.line(issuer, { size: 24, color: '#2d4a6b' });
  builder.line(title, { size: 38, font: 'sans-bold', spacing: 2 });
  builder.gap(20);
  for (const sentence of prose) builder.line(sentence, { size: 24 });
  builder.gap(30);
  for (const [label, value] of fields) builder.field(label, value, { size: 26, spacing: 1.8 });
  return builder;
}

/** A utility bill: proof of address. */
export interface ProofOfAddressInput extends RenderOptions {
  holderName: string;
  address: string;
  /** YYYY-MM-DD. */
  statementDate: string;
}

export function renderProofOfAddress(input: ProofOfAddressInput): Promise<Buffer> {
  const builder = businessPage(
    'Electricity bill',
    'Northwind Energy plc',
    ['Thank you for being a Northwind Energy customer.', 'Please pay the amount due within 14 days.'],
    [
      ['Account holder', input.holderName],
      ['Address', input.address],
      ['Statement date', input.statementDate],
      ['Account number', '0048 2291 7730'],
      ['Amount due', 'EUR 84.20'],
    ],
  );
  return renderLayout(builder.build(), input.format);
}

/** A company's registry extract. Dates YYYY-MM-DD. */
export interface CompanyRegistrationInput extends RenderOptions {
  companyName: string;
  registrationNumber: string;
  address: string;
  issueDate: string;
}

export function renderCompanyRegistration(input: CompanyRegistrationInput): Promise<Buffer> {
  const builder = businessPage(
    'Certificate of Incorporation',
    'Registrar of Companies',
    [
      'This certifies that the company named below is incorporated',
      'under the Companies Act and entered in the register.',
    ],
    [
      ['Company name', input.companyName],
      ['Registration number', input.registrationNumber],
      ['Address', input.address],
      ['Date of issue', input.issueDate],
    ],
  );
  return renderLayout(builder.build(), input.format);
}

export interface BusinessLicenceInput extends RenderOptions {
  companyName: string;
  registrationNumber: string;
  issueDate: string;
  expiryDate: string;
}

export function renderBusinessLicence(input: BusinessLicenceInput): Promise<Buffer> {
  const builder = businessPage(
    'Business Licence',
    'Department of Commerce',
    ['The business named below is licensed to trade', 'for the period shown on this licence.'],
    [
      ['Company name', input.companyName],
      ['Registration number', input.registrationNumber],
      ['Licence number', `BL-${input.registrationNumber.replace(/\W/g, '')}`],
      ['Date of issue', input.issueDate],
      ['Expiry date', input.expiryDate],
    ],
  );
  return renderLayout(builder.build(), input.format);
}

export interface TaxRegistrationInput extends RenderOptions {
  companyName: string;
  taxId: string;
  registrationNumber: string;
}

export function renderTaxRegistration(input: TaxRegistrationInput): Promise<Buffer> {
  const builder = businessPage(
    'Tax Registration Certificate',
    'Federal Tax Office',
    ['The taxpayer below is registered for value added tax.'],
    [
      ['Company name', input.companyName],
      ['Tax identification number', input.taxId],
      ['Registration number', input.registrationNumber],
    ],
  );
  return renderLayout(builder.build(), input.format);
}

export interface FinancialStatementInput extends RenderOptions {
  companyName: string;
  /** YYYY-MM-DD. */
  periodEnd: string;
}

export function renderFinancialStatement(input: FinancialStatementInput): Promise<Buffer> {
  const builder = businessPage(
    'Annual Financial Statement',
    'Audited accounts',
    ['Balance sheet and income statement for the financial year.'],
    [
      ['Company name', input.companyName],
      ['Period end', input.periodEnd],
      ['Currency', 'EUR'],
      ['Revenue', '4,812,300'],
      ['Total assets', '2,106,950'],
    ],
  );
  return renderLayout(builder.build(), input.format);
}

/** Seeded PRNG (mulberry32), so that the "unreadable" image is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A photo of nothing legible: grey blotches and noise (`noise`, the default) or an empty white page
 * (`blank`). As PDF it is a page without a text layer.
 */
export function renderUnreadable(options: RenderOptions & { kind?: 'noise' | 'blank' } = {}): Promise<Buffer> {
  const builder = new LayoutBuilder(1000, 700, options.kind === 'blank' ? '#ffffff' : '#d8d8d8');
  if (options.kind !== 'blank') {
    const random = seededRandom(9303);
    for (let i = 0; i < 400; i++) {
      const size = 4 + random() * 40;
      const shade = Math.floor(120 + random() * 120)
        .toString(16)
        .padStart(2, '0');
      builder.rect(random() * 1000, random() * 700, size, size * (0.3 + random()), `#${shade}${shade}${shade}`);
    }
  }
  return renderLayout(builder.build(), options.format);
}
