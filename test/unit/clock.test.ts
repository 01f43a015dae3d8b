import { advanceClock, getClockOffsetMs, now, onClockAdvance, setClockOffsetMs } from '../../functions/commons/clock';
import { measureDuration } from '../../infra/local/clock-store';

describe('clock', () => {
  it('runs ahead of real time by the offset and notifies listeners when advanced', () => {
    // Prepare
    const seen: Date[] = [];
    const unsubscribe = onClockAdvance((current) => seen.push(current));
    const before = now().getTime();

    // Act
    const after = advanceClock(3_600_000);
    unsubscribe();
    advanceClock(1);

    // Assess
    expect(after.getTime() - before).toBeGreaterThanOrEqual(3_600_000);
    expect(after.getTime() - before).toBeLessThan(3_600_000 + 1000);
    expect(seen).toHaveLength(1);
  });

  it('never runs backwards', () => {
    // Prepare
    const current = getClockOffsetMs();

    // Act / Assess
    expect(() => setClockOffsetMs(current - 1)).toThrow(RangeError);
    expect(() => advanceClock(-5)).toThrow(RangeError);
    expect(getClockOffsetMs()).toBe(current);
  });
});

describe('measureDuration', () => {
  const from = new Date('2026-01-31T12:00:00.000Z');

  it.each([
    ['P31D', 31 * 86_400_000],
    ['PT6H', 6 * 3_600_000],
    ['P1W', 7 * 86_400_000],
    ['PT1.5S', 1500],
    ['P1DT2H3M4S', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000],
  ])('measures %s', (duration, expected) => {
    expect(measureDuration(duration, from)).toBe(expected);
  });

  it('steps months and years on the calendar', () => {
    // Act
    const oneMonth = measureDuration('P1M', new Date('2026-03-15T00:00:00Z'));
    const oneYear = measureDuration('P1Y', new Date('2027-03-01T00:00:00Z'));

    // Assess
    expect(oneMonth).toBe(31 * 86_400_000);
    expect(oneYear).toBe(366 * 86_400_000);
  });

  it('refuses text that is not a duration and negative durations', () => {
    expect(() => measureDuration('31 days', from)).toThrow(/not an ISO 8601 duration/);
    expect(() => measureDuration('-P1D', from)).toThrow(/only moves forward/);
  });
});
