/** Kinds of document an applicant can upload. */
export const documentTypes = [
  'PASSPORT',
  'NATIONAL_ID',
  'DRIVERS_LICENSE',
  'PROOF_OF_ADDRESS',
  'COMPANY_REGISTRATION',
  'BUSINESS_LICENSE',
  'TAX_REGISTRATION',
  'FINANCIAL_STATEMENT',
] as const;

/** One of {@link documentTypes}. */
export type DocumentType = (typeof documentTypes)[number];
