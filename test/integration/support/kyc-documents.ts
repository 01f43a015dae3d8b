import {
  renderBusinessLicence,
  renderCompanyRegistration,
  renderPassport,
  renderProofOfAddress,
  renderTaxRegistration,
  type IdentityDocumentInput,
} from '../../support/documents';
import { isoDay } from './kyc-journey';

/** A person as the tests apply and print them. */
export interface TestPerson {
  givenNames: string;
  surname: string;
  dateOfBirth: string;
  /** ISO alpha-2 for the API, ICAO alpha-3 for the passport. */
  nationality: string;
  nationality3: string;
}

/** Ana Souza, a Brazilian living in Berlin: on no list. */
export const anaSouza: TestPerson = {
  givenNames: 'Ana',
  surname: 'Souza',
  dateOfBirth: '1990-04-12',
  nationality: 'BR',
  nationality3: 'BRA',
};

/** The individual applicant for a person. */
export function individualApplication(person: TestPerson, email = 'applicant@example.com') {
  return {
    partyType: 'INDIVIDUAL',
    tier: 'STANDARD',
    applicant: {
      fullName: `${person.givenNames} ${person.surname}`,
      dateOfBirth: person.dateOfBirth,
      nationality: person.nationality,
      countryOfResidence: 'DE',
      email,
      phone: '+4930123456',
    },
  };
}

/** A passport of the person, valid for five years from `today` unless overridden. */
export function passportOf(person: TestPerson, today: Date, overrides: Partial<IdentityDocumentInput> = {}) {
  return renderPassport({
    surname: person.surname,
    givenNames: person.givenNames,
    documentNumber: 'C01X00T47',
    nationality: person.nationality3,
    dateOfBirth: person.dateOfBirth,
    sex: 'F',
    expiryDate: isoDay(today, 5 * 365),
    ...overrides,
  });
}

/** A utility bill at the person's Berlin address (or `address`), ten days old. */
export function utilityBillOf(holderName: string, today: Date, address = 'Lindenstrasse 12, 10969 Berlin') {
  return renderProofOfAddress({ holderName, address, statementDate: isoDay(today, -10) });
}

/** A company with its registration and tax ids. */
export interface TestCompany {
  legalName: string;
  registrationNumber: string;
  taxId: string;
  country: string;
  address: { line1: string; city: string; postalCode: string; country: string };
}

/** The business applicant for a company and its representatives. */
export function businessApplication(
  company: TestCompany,
  representatives: (TestPerson & { role: 'DIRECTOR' | 'UBO'; ownershipPercent: number })[],
) {
  return {
    partyType: 'BUSINESS',
    tier: 'STANDARD',
    applicant: {
      legalName: company.legalName,
      registrationNumber: company.registrationNumber,
      countryOfIncorporation: company.country,
      taxId: company.taxId,
      address: company.address,
      representatives: representatives.map((person) => ({
        fullName: `${person.givenNames} ${person.surname}`,
        dateOfBirth: person.dateOfBirth,
        nationality: person.nationality,
        role: person.role,
        ownershipPercent: person.ownershipPercent,
      })),
    },
  };
}

/** The four documents a STANDARD business case requires, consistent with the company. */
export async function companyDocumentsOf(company: TestCompany, today: Date): Promise<[string, Buffer][]> {
  const address = `${company.address.line1}, ${company.address.postalCode} ${company.address.city}`;
  return [
    [
      'COMPANY_REGISTRATION',
      await renderCompanyRegistration({
        companyName: company.legalName,
        registrationNumber: company.registrationNumber,
        address,
        issueDate: isoDay(today, -900),
        format: 'pdf',
      }),
    ],
    [
      'BUSINESS_LICENSE',
      await renderBusinessLicence({
        companyName: company.legalName,
        registrationNumber: company.registrationNumber,
        issueDate: isoDay(today, -400),
        expiryDate: isoDay(today, 3 * 365),
      }),
    ],
    [
      'TAX_REGISTRATION',
      await renderTaxRegistration({
        companyName: company.legalName,
        taxId: company.taxId,
        registrationNumber: company.registrationNumber,
        format: 'jpeg',
      }),
    ],
    [
      'PROOF_OF_ADDRESS',
      await renderProofOfAddress({ holderName: company.legalName, address, statementDate: isoDay(today, -20) }),
    ],
  ];
}
