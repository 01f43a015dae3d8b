import { checkNameMatches } from '../../../../functions/kyc/checks/check-name-matches';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  liWeiPassport,
  uploaded,
} from './check-fixtures';

describe('checkNameMatches', () => {
  it('passes when the passport and the bill name the applicant (title and case aside)', () => {
    // Prepare / Act
    const result = checkNameMatches(individualInput([erikaPassport(), erikaUtilityBill()]));
    // Assess
    expect(result).toMatchObject({
      outcome: 'PASS',
      documentIds: ['doc-passport', 'doc-bill'],
      evidence: { 'doc-passport': 'EXACT: "ERIKA MUSTERMANN"', 'doc-bill': 'EXACT: "Frau Erika Mustermann"' },
    });
  });

  it('passes a name written surname first, with diacritics and a middle name on the passport only', () => {
    // Prepare
    const passport = erikaPassport({
      fullName: 'JOSÉ MARÍA GARCÍA LÓPEZ',
      givenNames: 'JOSÉ MARÍA',
      surname: 'GARCÍA LÓPEZ',
    });
    const input = individualInput([passport], { applicant: { fullName: 'Garcia Lopez, Jose' } });
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence?.['doc-passport']).toBe(
      'TOLERATED: "JOSÉ MARÍA GARCÍA LÓPEZ" ("maria" only in "JOSÉ MARÍA GARCÍA LÓPEZ")',
    );
  });

  it('passes an applicant who wrote their name in Cyrillic against the Latin passport', () => {
    // Prepare
    const passport = erikaPassport({ fullName: 'ANNA MARIA ERIKSSON', givenNames: 'ANNA MARIA', surname: 'ERIKSSON' });
    const input = individualInput([passport], { applicant: { fullName: 'Анна Мария Эрикссон' } });
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.reason).toContain('"mariya" and "maria" are spellings of one name');
  });

  it('passes a one-letter typo in a long name, noting it', () => {
    // Prepare
    const input = individualInput([erikaPassport()], { applicant: { fullName: 'Erika Musterman' } });
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence?.['doc-passport']).toMatch(/^TOLERATED: "ERIKA MUSTERMANN" \(/);
  });

  it('fails a passport with a different given name', () => {
    // Prepare
    const input = individualInput([erikaPassport({ fullName: 'ERIK MUSTERMANN', givenNames: 'ERIK' })]);
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe(
      'The name on PASSPORT doc-passport, "ERIK MUSTERMANN", does not match the applicant "Erika Mustermann" ("erika" and "erik" are different names)',
    );
  });

  it('fails a passport that shares only the given names and lacks the surname the document prints', () => {
    // Prepare
    const input = individualInput([erikaPassport()], { applicant: { fullName: 'Erika' } });
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('FAIL');
  });

  it('accepts initials and joint holders on a proof of address, but not someone else’s bill', () => {
    // Prepare
    const initials = erikaUtilityBill({ fullName: 'MR M MUSTERMANN & MRS E MUSTERMANN' });
    const stranger = erikaUtilityBill({ fullName: 'Hans Schmidt' });
    // Act
    const joint = checkNameMatches(individualInput([erikaPassport(), initials]));
    const other = checkNameMatches(individualInput([erikaPassport(), stranger]));
    // Assess
    expect(joint.outcome).toBe('PASS');
    expect(joint.evidence?.['doc-bill']).toContain('match by initials only');
    expect(other.outcome).toBe('FAIL');
    expect(other.reason).toContain('The name on PROOF_OF_ADDRESS doc-bill, "Hans Schmidt", does not match');
  });

  it('asks for a bill again when its holder name could not be read, and for a missing identity document', () => {
    // Prepare
    const input = individualInput([erikaUtilityBill({ fullName: ['Erika Mustermann', 20] })]);
    // Act
    const result = checkNameMatches(input);
    // Assess
    expect(result.outcome).toBe('INCOMPLETE');
    expect(result.requests).toEqual([
      expect.objectContaining({
        requirement: 'PROOF_OF_ADDRESS',
        reason: 'unreadable: no account holder name could be read',
      }),
      expect.objectContaining({ requirement: 'IDENTITY_DOCUMENT', reason: 'missing' }),
    ]);
  });

  it('matches a representative’s passport to the listed director, in either name order', () => {
    // Prepare / Act
    const result = checkNameMatches(businessInput([...brightToolsDocuments(), liWeiPassport()]));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.reason).toContain('The name on PASSPORT doc-li-wei matches director "Li Wei"');
    expect(result.reason).toContain('the name on PROOF_OF_ADDRESS doc-company-bill matches the company');
  });

  it('fails a passport of someone who is not a listed representative, and a bill of another company', () => {
    // Prepare
    const stranger = liWeiPassport({ fullName: 'WANG FANG', givenNames: 'FANG', surname: 'WANG' });
    const bill = uploaded('doc-company-bill', 'PROOF_OF_ADDRESS', {
      fullName: 'Dongguan Precision Parts Co., Ltd.',
      statementDate: '2026-02-01',
    });
    // Act
    const result = checkNameMatches(businessInput([stranger, bill]));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toContain('"WANG FANG", matches no listed director or UBO');
    expect(result.reason).toContain('"Dongguan Precision Parts Co., Ltd.", does not match the company');
  });

  it('does not apply to a company without identity documents or a readable bill', () => {
    // Prepare
    const records = brightToolsDocuments().filter((d) => d.type !== 'PROOF_OF_ADDRESS');
    // Act
    const result = checkNameMatches(businessInput(records));
    // Assess
    expect(result.outcome).toBe('NOT_APPLICABLE');
  });
});
