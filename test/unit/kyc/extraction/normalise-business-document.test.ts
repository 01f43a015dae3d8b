import { documentQueries } from '../../../../functions/kyc/extraction/document-queries';
import {
  normaliseBusinessDocument,
  rankKeyForField,
} from '../../../../functions/kyc/extraction/normalise-business-document';
import { analyzeDocumentResponse } from './textract-fixtures';

const now = new Date('2026-03-10T09:00:00Z');
const registrationQueries = documentQueries.COMPANY_REGISTRATION ?? [];
const addressQueries = documentQueries.PROOF_OF_ADDRESS ?? [];

describe('normaliseBusinessDocument', () => {
  it('takes each field from the most confident answer to its query and normalises dates', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        {
          alias: 'COMPANY_NAME',
          text: 'What is the company name?',
          answers: [
            { text: 'Bright Tools', confidence: 61 },
            { text: 'Shenzhen Bright Tools Co., Ltd.', confidence: 93.456 },
          ],
        },
        {
          alias: 'REGISTRATION_NUMBER',
          text: 'What is the registration number?',
          answers: [{ text: '91440300MA5F000000', confidence: 97 }],
        },
        {
          alias: 'ISSUE_DATE',
          text: 'What is the date of issue?',
          answers: [{ text: '2019年3月8日', confidence: 90 }],
        },
        { alias: 'ADDRESS', text: 'What is the address?', answers: [] },
      ],
    });
    // Act
    const result = normaliseBusinessDocument(response, registrationQueries, {
      documentType: 'COMPANY_REGISTRATION',
      now,
    });
    // Assess
    expect(result).toEqual({
      fields: {
        companyName: { value: 'Shenzhen Bright Tools Co., Ltd.', confidence: 93.46 },
        registrationNumber: { value: '91440300MA5F000000', confidence: 97 },
        issueDate: { value: '2019-03-08', confidence: 90 },
      },
      readable: true,
      pageCount: 1,
    });
  });

  it('falls back to a form pair whose key reads like the field when no query answer is confident', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        {
          alias: 'REGISTRATION_NUMBER',
          text: 'What is the registration number?',
          answers: [{ text: 'HRB I2345 B', confidence: 31 }],
        },
      ],
      forms: [
        { key: 'Registration No.:', value: 'HRB 12345 B', confidence: 88 },
        { key: 'Firma', value: 'Musterbau GmbH', confidence: 92 },
        { key: 'Date of birth', value: '01.01.1970' },
        { key: 'Tag der Eintragung', value: '01.02.2015' },
      ],
    });
    // Act
    const { fields } = normaliseBusinessDocument(response, registrationQueries, {
      documentType: 'COMPANY_REGISTRATION',
      now,
    });
    // Assess
    expect(fields.registrationNumber).toEqual({ value: 'HRB 12345 B', confidence: 88 });
    expect(fields.companyName?.value).toBe('Musterbau GmbH');
    expect(fields.issueDate).toBeUndefined();
  });

  it('prefers a confident query answer to a form pair, however confident', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        {
          alias: 'STATEMENT_DATE',
          text: 'What is the statement date?',
          answers: [{ text: '14 Feb 2026', confidence: 80 }],
        },
      ],
      forms: [{ key: 'Date', value: '01/01/2026', confidence: 99 }],
    });
    // Act
    const { fields } = normaliseBusinessDocument(response, addressQueries, { documentType: 'PROOF_OF_ADDRESS', now });
    // Assess
    expect(fields.statementDate).toEqual({ value: '2026-02-14', confidence: 80 });
  });

  it('reads a US bill month-first when told to, and drops a date field whose text is no date', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        {
          alias: 'STATEMENT_DATE',
          text: 'What is the statement date?',
          answers: [{ text: '02/03/2026', confidence: 90 }],
        },
        {
          alias: 'HOLDER_NAME',
          text: 'What is the name of the account holder?',
          answers: [{ text: 'J SAMPLE', confidence: 90 }],
        },
      ],
      forms: [{ key: 'Bill date', value: 'see overleaf' }],
    });
    // Act
    const us = normaliseBusinessDocument(response, addressQueries, {
      documentType: 'PROOF_OF_ADDRESS',
      now,
      monthFirst: true,
    });
    const noDate = normaliseBusinessDocument(
      analyzeDocumentResponse({ forms: [{ key: 'Bill date', value: 'see overleaf' }] }),
      addressQueries,
      { documentType: 'PROOF_OF_ADDRESS', now },
    );
    // Assess
    expect(us.fields.statementDate?.value).toBe('2026-02-03');
    expect(us.fields.fullName?.value).toBe('J SAMPLE');
    expect(noDate.fields.statementDate).toBeUndefined();
  });

  it('is unreadable, naming the fields that matter, when none of them was found', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        { alias: 'ADDRESS', text: 'What is the address?', answers: [{ text: '88 Keji Road', confidence: 95 }] },
      ],
    });
    // Act
    const result = normaliseBusinessDocument(response, registrationQueries, {
      documentType: 'COMPANY_REGISTRATION',
      now,
    });
    // Assess
    expect(result.readable).toBe(false);
    expect(result.unreadableReason).toBe('none of registration number or company name could be read');
    expect(result.fields.address?.value).toBe('88 Keji Road');
  });

  it('says which fields were read too doubtfully to count', () => {
    // Prepare
    const response = analyzeDocumentResponse({
      queries: [
        {
          alias: 'TAX_ID',
          text: 'What is the tax identification number?',
          answers: [{ text: 'DE1234', confidence: 22.5 }],
        },
      ],
    });
    // Act
    const result = normaliseBusinessDocument(response, documentQueries.TAX_REGISTRATION ?? [], {
      documentType: 'TAX_REGISTRATION',
      now,
    });
    // Assess
    expect(result.unreadableReason).toBe(
      'none of tax id or company name could be read (tax id read with confidence 22.5, below the minimum of 50)',
    );
    expect(result.fields.taxId).toEqual({ value: 'DE1234', confidence: 22.5 });
  });

  it('is unreadable when Textract found no text at all, and counts pages', () => {
    // Prepare / Act
    const empty = normaliseBusinessDocument({ Blocks: [] }, addressQueries, { documentType: 'PROOF_OF_ADDRESS', now });
    const pages = normaliseBusinessDocument(analyzeDocumentResponse({ pages: 3 }), addressQueries, {
      documentType: 'PROOF_OF_ADDRESS',
      now,
    });
    // Assess
    expect(empty).toMatchObject({ readable: false, unreadableReason: 'no text was found on the pages', pageCount: 0 });
    expect(pages.pageCount).toBe(3);
  });
});

describe('rankKeyForField', () => {
  it.each([
    ['Registration No.', 'registrationNumber', 2],
    ['Registered company number', 'registrationNumber', 1],
    ['VAT', 'taxId', 2],
    ['VAT number (EU)', 'taxId', 1],
    ['Date', 'statementDate', 2],
    ['Due date', 'statementDate', 0],
    ['Date of birth', 'statementDate', 0],
    ['Name', 'fullName', 2],
    ['Name of account holder', 'fullName', 1],
    ['Company name', 'fullName', 0],
  ] as const)('ranks key %p for %s as %d', (key, field, rank) => {
    // Prepare / Act / Assess
    expect(rankKeyForField(key, field)).toBe(rank);
  });
});
