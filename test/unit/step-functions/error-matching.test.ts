import {
  computeRetryDelayMs,
  findCatcher,
  findRetrier,
  matchesErrorEquals,
} from '../../../infra/local/step-functions/engine/error-matching';

describe('matchesErrorEquals', () => {
  it.each([
    [['States.ALL'], 'Custom.Error', true],
    [['States.ALL'], 'States.Timeout', true],
    [['States.ALL'], 'States.Runtime', false],
    [['States.Runtime'], 'States.Runtime', false],
    // recorded on AWS (lambda_data_limit_exceeded run 1), contrary to the documentation
    [['States.ALL'], 'States.DataLimitExceeded', true],
    [['States.DataLimitExceeded'], 'States.DataLimitExceeded', true],
    [['States.TaskFailed'], 'Lambda.ServiceException', true],
    [['States.TaskFailed'], 'States.Timeout', false],
    [['A', 'B'], 'B', true],
    [['A'], 'B', false],
  ])('%p against %s is %s', (errorEquals, error, expected) => {
    expect(matchesErrorEquals(errorEquals, error)).toBe(expected);
  });
});

describe('retriers and catchers', () => {
  it('take the first entry that matches', () => {
    // Prepare
    const retriers = [{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'], MaxAttempts: 1 }];
    const catchers = [
      { ErrorEquals: ['B'], Next: 'OnB' },
      { ErrorEquals: ['States.ALL'], Next: 'OnAll' },
    ];

    // Act / Assess
    expect(findRetrier(retriers, 'A')?.index).toBe(0);
    expect(findRetrier(retriers, 'Z')?.index).toBe(1);
    expect(findCatcher(catchers, 'B')?.Next).toBe('OnB');
    expect(findCatcher(catchers, 'States.Runtime')).toBeUndefined();
  });
});

describe('computeRetryDelayMs', () => {
  it('backs off exponentially from the defaults (1 s, x2, 3 attempts)', () => {
    const retrier = { ErrorEquals: ['States.ALL'] };
    expect([0, 1, 2, 3].map((attempt) => computeRetryDelayMs(retrier, attempt))).toEqual([1000, 2000, 4000, undefined]);
  });

  it('caps at MaxDelaySeconds and never retries with MaxAttempts 0', () => {
    expect(
      computeRetryDelayMs(
        { ErrorEquals: ['X'], IntervalSeconds: 10, BackoffRate: 3, MaxDelaySeconds: 25, MaxAttempts: 5 },
        2,
      ),
    ).toBe(25_000);
    expect(computeRetryDelayMs({ ErrorEquals: ['X'], MaxAttempts: 0 }, 0)).toBeUndefined();
  });

  it('draws a FULL jitter delay between zero and the back-off', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 4, JitterStrategy: 'FULL' as const };
    expect(computeRetryDelayMs(retrier, 0, () => 0.25)).toBe(1000);
    expect(computeRetryDelayMs(retrier, 1, () => 0)).toBe(0);
  });
});
