import type { DocumentType } from '../models/document';
import type { ExtractedFieldName } from '../models/document-extraction';

/** Document types read with AnalyzeID; the others go through AnalyzeDocument. */
export const identityDocumentTypes: readonly DocumentType[] = ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'];

/** A Textract query and the field its answer fills. */
export interface DocumentQuery {
  /** Question as Textract's QUERIES feature takes it. */
  text: string;
  /** Textract alias; answers come back under it. */
  alias: string;
  field: ExtractedFieldName;
}

const companyName: DocumentQuery = { text: 'What is the company name?', alias: 'COMPANY_NAME', field: 'companyName' };
const registrationNumber: DocumentQuery = {
  text: 'What is the registration number?',
  alias: 'REGISTRATION_NUMBER',
  field: 'registrationNumber',
};
const taxId: DocumentQuery = { text: 'What is the tax identification number?', alias: 'TAX_ID', field: 'taxId' };
const address: DocumentQuery = { text: 'What is the address?', alias: 'ADDRESS', field: 'address' };
const issueDate: DocumentQuery = { text: 'What is the date of issue?', alias: 'ISSUE_DATE', field: 'issueDate' };

/**
 * The AnalyzeDocument (FORMS + QUERIES) questions asked of each business or address document. Queries
 * are asked in English; the answers are normalised by the extraction module.
 */
export const documentQueries: Readonly<Partial<Record<DocumentType, readonly DocumentQuery[]>>> = {
  COMPANY_REGISTRATION: [companyName, registrationNumber, address, issueDate],
  BUSINESS_LICENSE: [
    companyName,
    registrationNumber,
    issueDate,
    { ...issueDate, text: 'What is the expiry date?', alias: 'EXPIRY_DATE', field: 'expiryDate' },
  ],
  TAX_REGISTRATION: [companyName, taxId, registrationNumber],
  PROOF_OF_ADDRESS: [
    { text: 'What is the name of the account holder?', alias: 'HOLDER_NAME', field: 'fullName' },
    address,
    { text: 'What is the statement date?', alias: 'STATEMENT_DATE', field: 'statementDate' },
  ],
  FINANCIAL_STATEMENT: [
    companyName,
    { text: 'What is the period end date?', alias: 'PERIOD_END', field: 'statementDate' },
  ],
};
