import { defaultCheckSettings } from '../../../../functions/kyc/checks/check-settings';
import type { CheckedDocument, DocumentCheckInput } from '../../../../functions/kyc/checks/check-input';
import type { DocumentType } from '../../../../functions/kyc/models/document';
import type { ExtractedField, ExtractedFieldName } from '../../../../functions/kyc/models/document-extraction';
import { createCaseRequestSchema, listRequiredDocuments } from '../../../../functions/kyc/models/kyc-case';
import { businessCaseRequest, individualCaseRequest } from '../../../fixtures/kyc-requests';
import { GERMAN_TD3 } from '../extraction/textract-fixtures';

/** The business time of every check test. */
export const NOW = new Date('2026-03-10T09:00:00Z');

/** A field value, or `[value, confidence]` to make it doubtful. */
export type FieldSpec = string | [string, number];

/** A document as extraction leaves it: uploaded, readable unless `unreadableReason` is given. */
export function uploaded(
  documentId: string,
  type: DocumentType,
  fields: Partial<Record<ExtractedFieldName, FieldSpec>>,
  options: { unreadableReason?: string; status?: CheckedDocument['status'] } = {},
): CheckedDocument {
  const extracted: Partial<Record<ExtractedFieldName, ExtractedField>> = {};
  for (const [name, spec] of Object.entries(fields) as [ExtractedFieldName, FieldSpec][]) {
    extracted[name] =
      typeof spec === 'string' ? { value: spec, confidence: 97.5 } : { value: spec[0], confidence: spec[1] };
  }
  const identity = ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'].includes(type);
  return {
    documentId,
    type,
    status: options.status ?? 'UPLOADED',
    extraction: {
      documentId,
      documentType: type,
      source: identity ? 'ANALYZE_ID' : 'ANALYZE_DOCUMENT',
      readable: options.unreadableReason === undefined,
      ...(options.unreadableReason ? { unreadableReason: options.unreadableReason } : {}),
      fields: extracted,
      pageCount: 1,
      extractedAt: '2026-03-10T08:59:00.000Z',
    },
  };
}

/** Erika Mustermann's German passport (the specimen), valid until 2027-02-28. */
export function erikaPassport(fields: Partial<Record<ExtractedFieldName, FieldSpec>> = {}): CheckedDocument {
  return uploaded('doc-passport', 'PASSPORT', {
    givenNames: 'ERIKA',
    surname: 'MUSTERMANN',
    fullName: 'ERIKA MUSTERMANN',
    dateOfBirth: '1964-08-12',
    expiryDate: '2027-02-28',
    issueDate: '2017-03-01',
    documentNumber: 'C01X00T47',
    nationality: 'DE',
    issuingCountry: 'DE',
    sex: 'F',
    mrz: GERMAN_TD3.join('\n'),
    ...fields,
  });
}

/** A utility bill addressed to Erika Mustermann, dated a month before {@link NOW}. */
export function erikaUtilityBill(fields: Partial<Record<ExtractedFieldName, FieldSpec>> = {}): CheckedDocument {
  return uploaded('doc-bill', 'PROOF_OF_ADDRESS', {
    fullName: 'Frau Erika Mustermann',
    address: 'Heidestraße 17, 51147 Köln',
    statementDate: '2026-02-10',
    ...fields,
  });
}

/** Check input for an individual case of Erika Mustermann. */
export function individualInput(
  documents: CheckedDocument[],
  overrides: { applicant?: Record<string, unknown>; tier?: 'STANDARD' | 'HIGH_VALUE' } = {},
): DocumentCheckInput {
  const request = createCaseRequestSchema.parse({
    ...individualCaseRequest({
      fullName: 'Erika Mustermann',
      dateOfBirth: '1964-08-12',
      nationality: 'DE',
      countryOfResidence: 'DE',
      ...overrides.applicant,
    }),
    tier: overrides.tier ?? 'STANDARD',
  });
  return {
    kycCase: {
      partyType: request.partyType,
      tier: request.tier,
      applicant: request.applicant,
      requiredDocuments: listRequiredDocuments(request.partyType, request.tier),
    },
    documents,
    now: NOW,
    settings: { ...defaultCheckSettings },
  };
}

/** The company documents of Shenzhen Bright Tools Co., Ltd., all consistent with its application. */
export function brightToolsDocuments(): CheckedDocument[] {
  return [
    uploaded('doc-registration', 'COMPANY_REGISTRATION', {
      companyName: 'SHENZHEN BRIGHT TOOLS CO., LTD.',
      registrationNumber: '91440300MA5F000000',
      address: '88 Keji Road, Nanshan District, Shenzhen',
      issueDate: '2019-03-08',
    }),
    uploaded('doc-licence', 'BUSINESS_LICENSE', {
      companyName: 'Shenzhen Bright Tools Company Limited',
      registrationNumber: '9144 0300 MA5F 0000 00',
      issueDate: '2019-03-08',
      expiryDate: '2039-03-07',
    }),
    uploaded('doc-tax', 'TAX_REGISTRATION', {
      companyName: 'Shenzhen Bright Tools Co Ltd',
      taxId: '91440300-MA5F000000',
    }),
    uploaded('doc-company-bill', 'PROOF_OF_ADDRESS', {
      fullName: 'Shenzhen Bright Tools Co., Ltd.',
      address: '88 Keji Road, Shenzhen',
      statementDate: '2026-01-31',
    }),
  ];
}

/** Li Wei's passport: a director of Shenzhen Bright Tools. */
export function liWeiPassport(fields: Partial<Record<ExtractedFieldName, FieldSpec>> = {}): CheckedDocument {
  return uploaded('doc-li-wei', 'PASSPORT', {
    givenNames: 'WEI',
    surname: 'LI',
    fullName: 'WEI LI',
    dateOfBirth: '1978-09-01',
    expiryDate: '2030-06-30',
    nationality: 'CN',
    ...fields,
  });
}

/** Check input for the business case of Shenzhen Bright Tools Co., Ltd. */
export function businessInput(
  documents: CheckedDocument[],
  tier: 'STANDARD' | 'HIGH_VALUE' = 'STANDARD',
): DocumentCheckInput {
  const request = createCaseRequestSchema.parse(businessCaseRequest(tier));
  return {
    kycCase: {
      partyType: request.partyType,
      tier: request.tier,
      applicant: request.applicant,
      requiredDocuments: listRequiredDocuments(request.partyType, request.tier),
    },
    documents,
    now: NOW,
    settings: { ...defaultCheckSettings },
  };
}
