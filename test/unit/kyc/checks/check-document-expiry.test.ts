import { checkDocumentExpiry } from '../../../../functions/kyc/checks/check-document-expiry';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  liWeiPassport,
  uploaded,
} from './check-fixtures';

// NOW is 2026-03-10; the default minimum remaining validity is 30 days.
describe('checkDocumentExpiry', () => {
  it('passes a passport valid for long enough', () => {
    // Prepare / Act
    const result = checkDocumentExpiry(individualInput([erikaPassport(), erikaUtilityBill()]));
    // Assess
    expect(result).toMatchObject({
      outcome: 'PASS',
      reason: 'PASSPORT doc-passport is valid until 2027-02-28',
      documentIds: ['doc-passport'],
      evidence: {
        'doc-passport': 'expires 2027-02-28 (355 days)',
        today: '2026-03-10',
        minimumRemainingValidityDays: 30,
      },
    });
  });

  it('fails an expired passport, saying when it expired', () => {
    // Prepare / Act
    const result = checkDocumentExpiry(individualInput([erikaPassport({ expiryDate: '2012-04-15' })]));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe('PASSPORT doc-passport expired on 2012-04-15');
  });

  it.each([
    ['2026-04-09', 'PASS', 'PASSPORT doc-passport is valid until 2026-04-09'],
    ['2026-04-08', 'FAIL', 'PASSPORT doc-passport expires in 29 days (2026-04-08), fewer than the 30 days required'],
    ['2026-03-11', 'FAIL', 'PASSPORT doc-passport expires in 1 day (2026-03-11), fewer than the 30 days required'],
    ['2026-03-10', 'FAIL', 'PASSPORT doc-passport expires today (2026-03-10), fewer than the 30 days required'],
  ])('with expiry %s (30 days from today is 2026-04-09) is %s', (expiryDate, outcome, reason) => {
    // Prepare / Act
    const result = checkDocumentExpiry(individualInput([erikaPassport({ expiryDate })]));
    // Assess
    expect(result).toMatchObject({ outcome, reason });
  });

  it('follows a configured minimum remaining validity', () => {
    // Prepare
    const input = individualInput([erikaPassport({ expiryDate: '2026-04-08' })]);
    input.settings.minimumRemainingValidityDays = 0;
    // Act
    const result = checkDocumentExpiry(input);
    // Assess
    expect(result.outcome).toBe('PASS');
  });

  it('notes an expired passport replaced by a new one of the same person instead of failing it', () => {
    // Prepare
    const expired = { ...erikaPassport({ expiryDate: '2025-12-31' }), documentId: 'doc-old-passport' };
    // Act
    const result = checkDocumentExpiry(individualInput([expired, erikaPassport()]));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence?.['doc-old-passport']).toBe('expires 2025-12-31 (-69 days), replaced by doc-passport');
  });

  it('still fails an expired document beside a valid one of another person', () => {
    // Prepare
    const someoneElse = {
      ...erikaPassport({ fullName: 'MAX MUSTERMANN', surname: 'MUSTERMANN' }),
      documentId: 'doc-max',
    };
    const expired = erikaPassport({ expiryDate: '2025-12-31' });
    // Act
    const result = checkDocumentExpiry(individualInput([expired, someoneElse]));
    // Assess
    expect(result.outcome).toBe('FAIL');
  });

  it('asks for the identity document again when its expiry date was read too doubtfully', () => {
    // Prepare / Act
    const result = checkDocumentExpiry(individualInput([erikaPassport({ expiryDate: ['2027-02-28', 40] })]));
    // Assess
    expect(result.outcome).toBe('INCOMPLETE');
    expect(result.requests?.[0]).toMatchObject({
      requirement: 'IDENTITY_DOCUMENT',
      reason: 'unreadable: no expiry date could be read',
    });
  });

  it('is incomplete for an individual without a readable identity document', () => {
    // Prepare / Act
    const result = checkDocumentExpiry(individualInput([erikaUtilityBill()]));
    // Assess
    expect(result).toMatchObject({
      outcome: 'INCOMPLETE',
      reason: 'No readable identity document of the applicant',
      requests: [{ requirement: 'IDENTITY_DOCUMENT', reason: 'missing' }],
    });
  });

  it('checks a business licence that has an expiry date, and a representative’s passport', () => {
    // Prepare
    const documents = brightToolsDocuments();
    const licence = uploaded('doc-licence', 'BUSINESS_LICENSE', { companyName: 'X', expiryDate: '2026-03-31' });
    // Act
    const valid = checkDocumentExpiry(businessInput([...documents, liWeiPassport()]));
    const expiring = checkDocumentExpiry(businessInput([licence]));
    // Assess
    expect(valid.outcome).toBe('PASS');
    expect(valid.documentIds).toEqual(['doc-li-wei', 'doc-licence']);
    expect(expiring.reason).toBe(
      'BUSINESS_LICENSE doc-licence expires in 21 days (2026-03-31), fewer than the 30 days required',
    );
  });

  it('does not apply to a company with no dated document', () => {
    // Prepare
    const undated = brightToolsDocuments().filter((d) => d.type !== 'BUSINESS_LICENSE');
    // Act
    const result = checkDocumentExpiry(businessInput(undated));
    // Assess
    expect(result.outcome).toBe('NOT_APPLICABLE');
  });
});
