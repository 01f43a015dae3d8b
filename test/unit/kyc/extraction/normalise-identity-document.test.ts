import { normaliseIdentityDocument } from '../../../../functions/kyc/extraction/normalise-identity-document';
import { analyzeIdResponse, GERMAN_TD3, SPECIMEN_TD1, specimenPassportFields } from './textract-fixtures';

const now = new Date('2026-03-10T09:00:00Z');

describe('normaliseIdentityDocument', () => {
  it('normalises the ICAO specimen passport: names as printed, ISO dates, MRZ lines, sex from the MRZ', () => {
    // Prepare
    const response = analyzeIdResponse(specimenPassportFields());
    // Act
    const result = normaliseIdentityDocument(response, { now });
    // Assess
    expect(result.readable).toBe(true);
    expect(result.unreadableReason).toBeUndefined();
    expect(result.pageCount).toBe(1);
    const values = Object.fromEntries(Object.entries(result.fields).map(([name, field]) => [name, field.value]));
    expect(values).toEqual({
      givenNames: 'ANNA MARIA',
      surname: 'ERIKSSON',
      fullName: 'ANNA MARIA ERIKSSON',
      dateOfBirth: '1974-08-12',
      expiryDate: '2012-04-15',
      issueDate: '2007-04-16',
      documentNumber: 'L898902C3',
      sex: 'F',
      mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
    });
    // Utopia is no country: no nationality or issuing country rather than a made-up code.
    expect(result.fields.nationality).toBeUndefined();
    expect(result.fields.dateOfBirth?.confidence).toBe(98.77);
  });

  it('leaves fields with empty text out instead of storing empty values', () => {
    // Prepare
    const response = analyzeIdResponse({ ...specimenPassportFields(), MIDDLE_NAME: '', PLACE_OF_BIRTH: '  ' });
    // Act
    const { fields } = normaliseIdentityDocument(response, { now });
    // Assess
    expect(fields.givenNames?.value).toBe('ANNA MARIA');
    expect(Object.values(fields).every((field) => field.value.trim() !== '')).toBe(true);
  });

  it('maps the German MRZ code D to DE for nationality and issuing country', () => {
    // Prepare
    const response = analyzeIdResponse({
      FIRST_NAME: 'ERIKA',
      LAST_NAME: 'MUSTERMANN',
      DATE_OF_BIRTH: { text: '12.08.1964', normalizedDate: '1964-08-12' },
      EXPIRATION_DATE: { text: '28.02.2027', normalizedDate: '2027-02-28' },
      MRZ_CODE: GERMAN_TD3.join('\n'),
    });
    // Act
    const { fields } = normaliseIdentityDocument(response, { now });
    // Assess
    expect(fields.nationality?.value).toBe('DE');
    expect(fields.issuingCountry?.value).toBe('DE');
    expect(fields.documentNumber?.value).toBe('C01X00T47');
  });

  it('reads a US driving licence: printed dates month-first, issuing country from the state, address joined', () => {
    // Prepare: no NormalizedValue, as when AnalyzeID gives only the printed text
    const response = analyzeIdResponse({
      FIRST_NAME: 'JENNIFER',
      MIDDLE_NAME: 'ANN',
      LAST_NAME: 'SAMPLE',
      DOCUMENT_NUMBER: 'D1234567',
      DATE_OF_BIRTH: '04/05/1990',
      EXPIRATION_DATE: '04/05/2030',
      DATE_OF_ISSUE: '04/05/2022',
      STATE_NAME: 'CALIFORNIA',
      ADDRESS: '123 MAIN STREET',
      CITY_IN_ADDRESS: 'SACRAMENTO',
      STATE_IN_ADDRESS: 'CA',
      ZIP_CODE_IN_ADDRESS: '95814',
      ID_TYPE: 'DRIVER LICENSE FRONT',
    });
    // Act
    const { fields, readable } = normaliseIdentityDocument(response, { now });
    // Assess
    expect(readable).toBe(true);
    expect(fields.fullName?.value).toBe('JENNIFER ANN SAMPLE');
    expect(fields.givenNames?.value).toBe('JENNIFER ANN');
    expect(fields.dateOfBirth?.value).toBe('1990-04-05');
    expect(fields.expiryDate?.value).toBe('2030-04-05');
    expect(fields.issuingCountry?.value).toBe('US');
    expect(fields.address?.value).toBe('123 MAIN STREET, SACRAMENTO, CA, 95814');
    expect(fields.mrz).toBeUndefined();
  });

  it('fills names and dates from a TD1 MRZ when the card side did not give them, with the MRZ confidence', () => {
    // Prepare: the back of a national identity card, whose only field is the MRZ
    const response = analyzeIdResponse({ MRZ_CODE: { text: SPECIMEN_TD1.join('\n'), confidence: 88.5 } });
    // Act
    const { fields, readable } = normaliseIdentityDocument(response, { now });
    // Assess
    expect(readable).toBe(true);
    expect(fields.surname).toEqual({ value: 'ERIKSSON', confidence: 88.5 });
    expect(fields.fullName?.value).toBe('ANNA MARIA ERIKSSON');
    expect(fields.dateOfBirth?.value).toBe('1974-08-12');
    expect(fields.expiryDate?.value).toBe('2012-04-15');
    expect(fields.documentNumber?.value).toBe('D23145890123');
    expect(fields.mrz?.value.split('\n')).toEqual(SPECIMEN_TD1);
  });

  it('merges the front and back of a card, keeping the most confident reading of each field', () => {
    // Prepare
    const front = { FIRST_NAME: 'ANNA', LAST_NAME: { text: 'ERIKSSON', confidence: 99 }, DATE_OF_BIRTH: '12.08.1974' };
    const back = { LAST_NAME: { text: 'ERIKSS0N', confidence: 61 }, EXPIRATION_DATE: '15.04.2031' };
    // Act
    const result = normaliseIdentityDocument(analyzeIdResponse(front, back), { now });
    // Assess
    expect(result.pageCount).toBe(2);
    expect(result.fields.surname?.value).toBe('ERIKSSON');
    expect(result.fields.expiryDate?.value).toBe('2031-04-15');
    expect(result.readable).toBe(true);
  });

  it('does not take a date from an MRZ whose check digit for it is wrong', () => {
    // Prepare: birth date check digit 2 changed to 3
    const broken = [SPECIMEN_TD1[0], '7408123F1204159UTO<<<<<<<<<<<2', SPECIMEN_TD1[2]].join('\n');
    // Act
    const result = normaliseIdentityDocument(analyzeIdResponse({ MRZ_CODE: broken }), { now });
    // Assess
    expect(result.fields.dateOfBirth).toBeUndefined();
    expect(result.readable).toBe(false);
    expect(result.unreadableReason).toBe('no date of birth could be read');
  });

  it.each([
    [{ DATE_OF_BIRTH: '' }, 'no date of birth could be read'],
    [{ DATE_OF_BIRTH: 'AUG 1974' }, 'the date of birth "AUG 1974" could not be read as a date'],
    [
      { EXPIRATION_DATE: { text: '15 APR 2031', normalizedDate: '2031-04-15', confidence: 42.1 } },
      'the expiry date was read with confidence 42.1, below the minimum of 50',
    ],
    [{ LAST_NAME: '', DATE_OF_BIRTH: '' }, 'no surname could be read; no date of birth could be read'],
  ])('is unreadable with a precise reason when %p', (override, reason) => {
    // Prepare
    const fields = { ...specimenPassportFields(), MRZ_CODE: '' } as Record<string, unknown>;
    Object.assign(fields, override);
    // Act
    const result = normaliseIdentityDocument(analyzeIdResponse(fields as never), { now });
    // Assess
    expect(result).toMatchObject({ readable: false, unreadableReason: reason });
  });

  it('keeps a low-confidence field, with its confidence, for reviewers', () => {
    // Prepare
    const response = analyzeIdResponse({
      ...specimenPassportFields(),
      DATE_OF_BIRTH: { text: '12 AUG 74', normalizedDate: '1974-08-12', confidence: 30 },
      MRZ_CODE: '',
    });
    // Act
    const result = normaliseIdentityDocument(response, { now, minimumConfidence: 50 });
    // Assess
    expect(result.fields.dateOfBirth).toEqual({ value: '1974-08-12', confidence: 30 });
    expect(result.readable).toBe(false);
  });

  it('is unreadable when AnalyzeID found no identity document', () => {
    // Prepare / Act
    const result = normaliseIdentityDocument({ IdentityDocuments: [], DocumentMetadata: { Pages: 1 } }, { now });
    // Assess
    expect(result).toEqual({
      fields: {},
      readable: false,
      unreadableReason: 'no identity document was found on the pages',
      pageCount: 1,
    });
  });

  it('accepts the lower-case type names of the AnalyzeID documentation and a written nationality', () => {
    // Prepare
    const response = analyzeIdResponse({
      'first name': 'jennifer',
      'last name': 'sample',
      'date of birth': { text: '1990-04-05', normalizedDate: '1990-04-05' },
      'expiration date': { text: '2031-01-01', normalizedDate: '2031-01-01' },
      NATIONALITY: 'UNITED STATES OF AMERICA',
    });
    // Act
    const { fields, readable } = normaliseIdentityDocument(response, { now });
    // Assess
    expect(readable).toBe(true);
    expect(fields.fullName?.value).toBe('jennifer sample');
    expect(fields.nationality?.value).toBe('US');
  });
});
