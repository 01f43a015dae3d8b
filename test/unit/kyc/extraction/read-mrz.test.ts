import { mrzRawText, readMrz, splitMrzLines } from '../../../../functions/kyc/extraction/read-mrz';
import { SPECIMEN_TD1, SPECIMEN_TD3 } from './textract-fixtures';

describe('splitMrzLines', () => {
  it.each([
    ['separated by a line break', SPECIMEN_TD3.join('\n')],
    ['separated by a space', SPECIMEN_TD3.join(' ')],
    ['run together', SPECIMEN_TD3.join('')],
    ['with spaces inside a line and lower case', `p<utoeriksson<<anna<maria<< <<<<<<<<<<<<<<<<<\r\n${SPECIMEN_TD3[1]}`],
    ['with « read for <', SPECIMEN_TD3.join('\n').replace('<<ANNA', '«<ANNA')],
  ])('recovers the two TD3 lines %s', (_case, text) => {
    // Prepare / Act / Assess
    expect(splitMrzLines(text)).toEqual(SPECIMEN_TD3);
  });

  it('splits a run-together TD1 zone into three lines of 30', () => {
    // Prepare / Act / Assess
    expect(splitMrzLines(SPECIMEN_TD1.join(''))).toEqual(SPECIMEN_TD1);
  });
});

describe('readMrz', () => {
  it('parses the specimen and gives the raw state code that the parser rejects', () => {
    // Prepare / Act
    const reading = readMrz(SPECIMEN_TD3.join('\n'));
    // Assess
    expect(reading?.format).toBe('TD3');
    expect(reading?.result.fields.issuingState).toBeNull();
    expect(reading && mrzRawText(reading, 'issuingState')).toBe('UTO');
    expect(reading && mrzRawText(reading, 'nationality')).toBe('UTO');
  });

  it('returns undefined for text that fits no MRZ format', () => {
    // Prepare / Act / Assess
    expect(readMrz('P<UTOERIKSSON<<ANNA\nL898902C36UTO')).toBeUndefined();
  });
});
