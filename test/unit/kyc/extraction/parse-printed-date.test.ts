import { parsePrintedDate } from '../../../../functions/kyc/extraction/parse-printed-date';

const now = new Date('2026-03-10T09:00:00Z');

describe('parsePrintedDate', () => {
  it.each([
    ['2031-04-15', '2031-04-15'],
    ['2031-04-15T00:00:00', '2031-04-15'],
    ['2031/4/5', '2031-04-05'],
    ['20310415', '2031-04-15'],
    ['15.04.2031', '2031-04-15'],
    ['15-04-2031', '2031-04-15'],
    ['5/4/2031', '2031-04-05'],
    ['15 APR 2031', '2031-04-15'],
    ['15-Apr-2031', '2031-04-15'],
    ['12 AUG/AOUT 1974', '1974-08-12'],
    ['1st March 2026', '2026-03-01'],
    ['14. Februar 2026', '2026-02-14'],
    ['3 févr. 2026', '2026-02-03'],
    ['April 15, 2031', '2031-04-15'],
    ['Sept 1 2025', '2025-09-01'],
    ['2031年4月15日', '2031-04-15'],
  ])('reads %p as %p', (text, expected) => {
    // Prepare / Act / Assess
    expect(parsePrintedDate(text)).toBe(expected);
  });

  it('reads slashed dates day-first unless told the document is month-first, but never against the numbers', () => {
    // Prepare / Act / Assess
    expect(parsePrintedDate('04/05/2030')).toBe('2030-05-04');
    expect(parsePrintedDate('04/05/2030', { monthFirst: true })).toBe('2030-04-05');
    expect(parsePrintedDate('04/25/2030')).toBe('2030-04-25');
    expect(parsePrintedDate('25/04/2030', { monthFirst: true })).toBe('2030-04-25');
  });

  it('completes two-digit years backwards for past dates and around today for expiry dates', () => {
    // Prepare
    const past = { twoDigitYears: { now, direction: 'PAST' as const } };
    const future = { twoDigitYears: { now, direction: 'FUTURE' as const } };
    // Act / Assess
    expect(parsePrintedDate('12 AUG/AOUT 74', past)).toBe('1974-08-12');
    expect(parsePrintedDate('01.01.26', past)).toBe('2026-01-01');
    expect(parsePrintedDate('01.01.27', past)).toBe('1927-01-01');
    expect(parsePrintedDate('15 APR/AVR 12', future)).toBe('2012-04-15');
    expect(parsePrintedDate('15.04.74', future)).toBe('2074-04-15');
    expect(parsePrintedDate('15.04.74')).toBeUndefined();
  });

  it.each(['31.02.2026', '2026-13-01', '00.01.2026', 'AUG 1974', 'tomorrow', '', '15 Foo 2026'])(
    'refuses %p, which is no calendar date',
    (text) => {
      // Prepare / Act / Assess
      expect(parsePrintedDate(text)).toBeUndefined();
    },
  );
});
