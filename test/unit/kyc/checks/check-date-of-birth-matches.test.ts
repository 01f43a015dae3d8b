import { checkDateOfBirthMatches } from '../../../../functions/kyc/checks/check-date-of-birth-matches';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  liWeiPassport,
} from './check-fixtures';

describe('checkDateOfBirthMatches', () => {
  it('passes when the passport gives the applicant’s date of birth', () => {
    // Prepare / Act
    const result = checkDateOfBirthMatches(individualInput([erikaPassport()]));
    // Assess
    expect(result).toMatchObject({
      outcome: 'PASS',
      reason: "PASSPORT doc-passport gives the applicant's date of birth 1964-08-12",
      evidence: { 'doc-passport': '1964-08-12', applicant: '1964-08-12' },
    });
  });

  it('fails a date one day off: dates have no harmless variants', () => {
    // Prepare / Act
    const result = checkDateOfBirthMatches(individualInput([erikaPassport({ dateOfBirth: '1964-08-13' })]));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe('PASSPORT doc-passport gives 1964-08-13 as the date of birth, the applicant 1964-08-12');
  });

  it('is incomplete when the date of birth was read too doubtfully or no identity document is there', () => {
    // Prepare / Act
    const doubtful = checkDateOfBirthMatches(individualInput([erikaPassport({ dateOfBirth: ['1964-08-12', 12] })]));
    const none = checkDateOfBirthMatches(individualInput([erikaUtilityBill()]));
    // Assess
    expect(doubtful.requests?.[0]?.reason).toBe('unreadable: no date of birth could be read');
    expect(none).toMatchObject({
      outcome: 'INCOMPLETE',
      requests: [{ requirement: 'IDENTITY_DOCUMENT', reason: 'missing' }],
    });
  });

  it('compares a representative’s passport with the date declared for that representative', () => {
    // Prepare / Act
    const same = checkDateOfBirthMatches(businessInput([...brightToolsDocuments(), liWeiPassport()]));
    const different = checkDateOfBirthMatches(businessInput([liWeiPassport({ dateOfBirth: '1982-02-17' })]));
    // Assess
    expect(same.outcome).toBe('PASS');
    expect(same.reason).toBe("PASSPORT doc-li-wei gives Li Wei's date of birth 1978-09-01");
    // 1982-02-17 is Zhang Min's date of birth, but the passport is Li Wei's.
    expect(different.outcome).toBe('FAIL');
    expect(different.reason).toBe(
      'PASSPORT doc-li-wei gives 1982-02-17 as the date of birth, the case declares Li Wei 1978-09-01',
    );
  });

  it('does not apply to a company without identity documents of its representatives', () => {
    // Prepare / Act
    const result = checkDateOfBirthMatches(businessInput(brightToolsDocuments()));
    // Assess
    expect(result.outcome).toBe('NOT_APPLICABLE');
  });
});
