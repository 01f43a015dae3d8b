import {
  DEFAULT_MATCH_THRESHOLD,
  readMatchThreshold,
} from '../../../../functions/screening/matching/screening-settings';

describe('readMatchThreshold', () => {
  it('defaults to 0.7 when SCREENING_THRESHOLD is unset or empty', () => {
    // Prepare / Act / Assess
    expect(DEFAULT_MATCH_THRESHOLD).toBe(0.7);
    expect(readMatchThreshold({})).toBe(0.7);
    expect(readMatchThreshold({ SCREENING_THRESHOLD: '' })).toBe(0.7);
  });

  it('reads a valid override, 1 included', () => {
    // Prepare / Act / Assess
    expect(readMatchThreshold({ SCREENING_THRESHOLD: '0.85' })).toBe(0.85);
    expect(readMatchThreshold({ SCREENING_THRESHOLD: '1' })).toBe(1);
  });

  it.each(['abc', '0', '1.5', '-0.2', 'NaN', 'Infinity'])('rejects "%s"', (raw) => {
    // Prepare / Act
    const read = (): number => readMatchThreshold({ SCREENING_THRESHOLD: raw });

    // Assess
    expect(read).toThrow(`SCREENING_THRESHOLD must be a number in (0, 1], got "${raw}"`);
  });

  it('reads process.env by default', () => {
    // Prepare
    const saved = process.env.SCREENING_THRESHOLD;
    process.env.SCREENING_THRESHOLD = '0.55';

    try {
      // Act
      const threshold = readMatchThreshold();

      // Assess
      expect(threshold).toBe(0.55);
    } finally {
      if (saved === undefined) delete process.env.SCREENING_THRESHOLD;
      else process.env.SCREENING_THRESHOLD = saved;
    }
  });
});
