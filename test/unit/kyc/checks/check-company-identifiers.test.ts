import { checkRegistrationNumber } from '../../../../functions/kyc/checks/check-registration-number';
import { checkTaxId } from '../../../../functions/kyc/checks/check-tax-id';
import type { CheckedDocument } from '../../../../functions/kyc/checks/check-input';
import { brightToolsDocuments, businessInput, erikaPassport, individualInput, uploaded } from './check-fixtures';

function replace(documents: CheckedDocument[], replacement: CheckedDocument): CheckedDocument[] {
  return documents.map((document) => (document.documentId === replacement.documentId ? replacement : document));
}

describe('checkRegistrationNumber', () => {
  it('passes when every company document shows the number, spaces and case aside, under a resembling name', () => {
    // Prepare / Act
    const result = checkRegistrationNumber(businessInput(brightToolsDocuments()));
    // Assess
    expect(result).toMatchObject({
      checkId: 'REGISTRATION_NUMBER_MATCHES',
      outcome: 'PASS',
      documentIds: ['doc-registration', 'doc-licence'],
      evidence: {
        expected: '91440300MA5F000000',
        'doc-registration': '91440300MA5F000000',
        'doc-licence': '9144 0300 MA5F 0000 00',
        'doc-registration.companyName': 'EXACT: "SHENZHEN BRIGHT TOOLS CO., LTD."',
        'doc-licence.companyName': 'EXACT: "Shenzhen Bright Tools Company Limited"',
      },
    });
  });

  it('fails a registration showing another number', () => {
    // Prepare
    const documents = replace(
      brightToolsDocuments(),
      uploaded('doc-registration', 'COMPANY_REGISTRATION', {
        companyName: 'Shenzhen Bright Tools Co., Ltd.',
        registrationNumber: '91440300MA5F000001',
      }),
    );
    // Act
    const result = checkRegistrationNumber(businessInput(documents));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe(
      'COMPANY_REGISTRATION doc-registration shows the registration number 91440300MA5F000001, not 91440300MA5F000000',
    );
  });

  it('fails a registration issued to a company of another name or legal form, tolerating a city prefix', () => {
    // Prepare
    const renamed = (companyName: string) =>
      replace(
        brightToolsDocuments(),
        uploaded('doc-registration', 'COMPANY_REGISTRATION', { companyName, registrationNumber: '91440300MA5F000000' }),
      );
    // Act
    const other = checkRegistrationNumber(businessInput(renamed('Shenzhen Bright Lights Co., Ltd.')));
    const withoutCity = checkRegistrationNumber(businessInput(renamed('Bright Tools Co., Ltd.')));
    const otherForm = checkRegistrationNumber(businessInput(renamed('Shenzhen Bright Tools GmbH')));
    // Assess
    expect(other.outcome).toBe('FAIL');
    expect(other.reason).toContain(
      'is issued to "Shenzhen Bright Lights Co., Ltd.", not "Shenzhen Bright Tools Co., Ltd."',
    );
    expect(withoutCity.outcome).toBe('PASS');
    expect(withoutCity.evidence?.['doc-registration.companyName']).toBe(
      'TOLERATED: "Bright Tools Co., Ltd." ("shenzhen" only in "Shenzhen Bright Tools Co., Ltd.")',
    );
    expect(otherForm.outcome).toBe('FAIL');
    expect(otherForm.reason).toContain('the legal forms differ: co ltd and gmbh');
  });

  it('is incomplete when the company registration is missing or shows no readable number', () => {
    // Prepare
    const withoutRegistration = brightToolsDocuments().filter((d) => d.type !== 'COMPANY_REGISTRATION');
    const doubtful = replace(
      brightToolsDocuments(),
      uploaded('doc-registration', 'COMPANY_REGISTRATION', { registrationNumber: ['9I44O3OO', 30], companyName: 'X' }),
    );
    // Act
    const missing = checkRegistrationNumber(businessInput(withoutRegistration));
    const unreadable = checkRegistrationNumber(businessInput(doubtful));
    // Assess
    expect(missing.outcome).toBe('INCOMPLETE');
    expect(missing.requests).toEqual([
      { requirement: 'COMPANY_REGISTRATION', acceptedTypes: ['COMPANY_REGISTRATION'], reason: 'missing' },
    ]);
    expect(unreadable.outcome).toBe('INCOMPLETE');
    expect(unreadable.requests?.[0]?.reason).toBe('unreadable: no registration number could be read');
  });

  it('does not apply to an individual', () => {
    // Prepare / Act
    const result = checkRegistrationNumber(individualInput([erikaPassport()]));
    // Assess
    expect(result).toEqual({
      checkId: 'REGISTRATION_NUMBER_MATCHES',
      outcome: 'NOT_APPLICABLE',
      reason: 'An individual has no company registration number',
      documentIds: [],
    });
  });
});

describe('checkTaxId', () => {
  it('passes a tax registration showing the tax id with punctuation', () => {
    // Prepare / Act
    const result = checkTaxId(businessInput(brightToolsDocuments()));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.reason).toBe('TAX_REGISTRATION doc-tax shows the tax id 91440300-MA5F000000');
  });

  it('tolerates a VAT country prefix of the country of incorporation on one side only', () => {
    // Prepare
    const input = businessInput(
      replace(brightToolsDocuments(), uploaded('doc-tax', 'TAX_REGISTRATION', { taxId: 'CN 91440300MA5F000000' })),
    );
    // Act
    const result = checkTaxId(input);
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence?.['doc-tax']).toBe(
      'CN 91440300MA5F000000 (the country prefix CN is written on one side only)',
    );
  });

  it('fails a tax registration with another tax id, and is incomplete without one', () => {
    // Prepare
    const other = replace(
      brightToolsDocuments(),
      uploaded('doc-tax', 'TAX_REGISTRATION', { taxId: '91440300MA5F999999' }),
    );
    const none = brightToolsDocuments().filter((d) => d.type !== 'TAX_REGISTRATION');
    // Act
    const failed = checkTaxId(businessInput(other));
    const missing = checkTaxId(businessInput(none));
    // Assess
    expect(failed.outcome).toBe('FAIL');
    expect(failed.reason).toBe('TAX_REGISTRATION doc-tax shows the tax id 91440300MA5F999999, not 91440300MA5F000000');
    expect(missing).toMatchObject({
      outcome: 'INCOMPLETE',
      requests: [{ requirement: 'TAX_REGISTRATION', reason: 'missing' }],
    });
  });

  it('does not apply to an individual', () => {
    // Prepare / Act
    const result = checkTaxId(individualInput([erikaPassport()]));
    // Assess
    expect(result).toMatchObject({ outcome: 'NOT_APPLICABLE', reason: 'An individual has no company tax id' });
  });
});
