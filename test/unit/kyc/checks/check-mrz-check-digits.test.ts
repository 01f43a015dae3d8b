import { checkMrzCheckDigits } from '../../../../functions/kyc/checks/check-mrz-check-digits';
import { SPECIMEN_TD1, SPECIMEN_TD3 } from '../extraction/textract-fixtures';
import { erikaPassport, individualInput, uploaded } from './check-fixtures';

function passportWithMrz(lines: string[], confidence = 96) {
  return erikaPassport({ mrz: [lines.join('\n'), confidence] });
}

describe('checkMrzCheckDigits', () => {
  it('passes the ICAO specimen passport: its unknown state UTO is not a check-digit failure', () => {
    // Prepare
    const input = individualInput([passportWithMrz(SPECIMEN_TD3)]);
    // Act
    const result = checkMrzCheckDigits(input);
    // Assess
    expect(result).toEqual({
      checkId: 'MRZ_CHECK_DIGITS',
      outcome: 'PASS',
      reason: 'The TD3 MRZ check digits of PASSPORT doc-passport are correct',
      documentIds: ['doc-passport'],
      evidence: { 'doc-passport.format': 'TD3' },
    });
  });

  it('passes a TD1 identity card whose document number overflows into the optional field', () => {
    // Prepare
    const card = uploaded('doc-card', 'NATIONAL_ID', { mrz: SPECIMEN_TD1.join('\n') });
    // Act
    const result = checkMrzCheckDigits(individualInput([card]));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toEqual({ 'doc-card.format': 'TD1' });
  });

  it('fails naming the document number when its check digit is wrong (and the composite with it)', () => {
    // Prepare: check digit 6 of L898902C3 changed to 7
    const tampered = [SPECIMEN_TD3[0] as string, 'L898902C37UTO7408122F1204159ZE184226B<<<<<10'];
    // Act
    const result = checkMrzCheckDigits(individualInput([passportWithMrz(tampered)]));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe(
      'The document number check digit in the MRZ of PASSPORT doc-passport is wrong (7, expected 6); ' +
        'the composite (whole zone) check digit in the MRZ of PASSPORT doc-passport is wrong (0, expected 7)',
    );
    expect(result.evidence).toMatchObject({
      'doc-passport.documentNumberCheckDigit': '7, expected 6',
      'doc-passport.compositeCheckDigit': '0, expected 7',
    });
  });

  it('fails naming the date of birth of a TD1 card whose birth date was altered', () => {
    // Prepare: 740812 → 750812, check digit left as it was
    const altered = [SPECIMEN_TD1[0], '7508122F1204159UTO<<<<<<<<<<<2', SPECIMEN_TD1[2]] as string[];
    const card = uploaded('doc-card', 'NATIONAL_ID', { mrz: altered.join('\n') });
    // Act
    const result = checkMrzCheckDigits(individualInput([card]));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toMatch(
      /^The date of birth check digit in the MRZ of NATIONAL_ID doc-card is wrong \(2, expected \d\)/,
    );
  });

  it('does not apply when no identity document has an MRZ, as with a driving licence', () => {
    // Prepare
    const licence = uploaded('doc-dl', 'DRIVERS_LICENSE', { fullName: 'ERIKA MUSTERMANN' });
    // Act
    const result = checkMrzCheckDigits(individualInput([licence]));
    // Assess
    expect(result).toEqual({
      checkId: 'MRZ_CHECK_DIGITS',
      outcome: 'NOT_APPLICABLE',
      reason: 'No identity document with a machine-readable zone was read',
      documentIds: [],
    });
  });

  it.each([
    [
      'read with too little confidence',
      passportWithMrz(SPECIMEN_TD3, 35),
      'unreadable: its machine-readable zone was read with confidence 35, below the minimum of 50',
    ],
    [
      'cut short',
      passportWithMrz(['P<UTOERIKSSON<<ANNA<MARIA', 'L898902C36UTO7408122F']),
      'unreadable: its machine-readable zone fits no ICAO format',
    ],
  ])('asks for the document again when its MRZ was %s', (_case, passport, reason) => {
    // Prepare / Act
    const result = checkMrzCheckDigits(individualInput([passport]));
    // Assess
    expect(result.outcome).toBe('INCOMPLETE');
    expect(result.requests).toEqual([
      { requirement: 'IDENTITY_DOCUMENT', acceptedTypes: ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'], reason },
    ]);
  });
});
