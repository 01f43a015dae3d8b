import { startLocalSchedules, type LocalScheduleOptions } from '../../infra/local/local-schedules';

/** A business clock and a real-time ticker the test moves by hand. */
function fakeClock(startIso: string) {
  let current = new Date(startIso).getTime();
  const listeners = new Set<() => void>();
  let tick: () => void = () => undefined;
  return {
    now: () => new Date(current),
    onClockAdvance: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    every: (check: () => void) => {
      tick = check;
      return () => (tick = () => undefined);
    },
    /** Moves the clock as POST /_local/clock does: listeners are told. */
    advance(ms: number) {
      current += ms;
      for (const listener of listeners) listener();
    },
    /** Real time passes: only the ticker notices. */
    pass(ms: number) {
      current += ms;
      tick();
    },
  };
}

const hour = 3_600_000;

function start(clock: ReturnType<typeof fakeClock>, run: () => Promise<unknown>) {
  const log: string[] = [];
  const options: LocalScheduleOptions = {
    schedules: [{ name: 'recompute', run }],
    now: clock.now,
    onClockAdvance: clock.onClockAdvance,
    every: clock.every,
    log: (line) => log.push(line),
  };
  return { scheduler: startLocalSchedules(options), log };
}

describe('local daily schedules', () => {
  it('runs once when the clock is moved across a UTC day boundary, and not within a day', async () => {
    // Prepare
    const clock = fakeClock('2026-11-23T22:00:00.000Z');
    const runs: string[] = [];
    const { scheduler } = start(clock, async () => runs.push(clock.now().toISOString()));

    // Act
    clock.advance(hour); // 23:00, same day
    await scheduler.idle();
    const beforeMidnight = runs.length;
    clock.advance(2 * hour); // 01:00 next day
    await scheduler.idle();

    // Assess
    expect(beforeMidnight).toBe(0);
    expect(runs).toEqual(['2026-11-24T01:00:00.000Z']);
    scheduler.stop();
  });

  it('runs once, not once per day, when the clock jumps several days', async () => {
    // Prepare
    const clock = fakeClock('2026-11-23T12:00:00.000Z');
    const run = jest.fn(async () => undefined);
    const { scheduler } = start(clock, run);

    // Act
    clock.advance(3 * 24 * hour);
    await scheduler.idle();

    // Assess
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('runs when real time passes midnight', async () => {
    // Prepare
    const clock = fakeClock('2026-11-23T23:59:00.000Z');
    const run = jest.fn(async () => undefined);
    const { scheduler } = start(clock, run);

    // Act
    clock.pass(30_000);
    await scheduler.idle();
    const beforeMidnight = run.mock.calls.length;
    clock.pass(60_000);
    await scheduler.idle();

    // Assess
    expect(beforeMidnight).toBe(0);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('queues one more run for a crossing during a run, and logs a failure without stopping', async () => {
    // Prepare: the first run waits until released and fails
    const clock = fakeClock('2026-11-23T12:00:00.000Z');
    let release: () => void = () => undefined;
    let calls = 0;
    const { scheduler, log } = start(clock, async () => {
      calls++;
      if (calls === 1) {
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('table unavailable');
      }
    });

    // Act: three crossings while the first run is under way
    clock.advance(24 * hour);
    clock.advance(24 * hour);
    clock.advance(24 * hour);
    release();
    await scheduler.idle();

    // Assess
    expect(calls).toBe(2);
    expect(log[0]).toMatch(/^schedule recompute failed at .*table unavailable/);
    expect(log[1]).toMatch(/^schedule recompute ran at /);
    scheduler.stop();
  });

  it('stops watching the clock when stopped', async () => {
    // Prepare
    const clock = fakeClock('2026-11-23T12:00:00.000Z');
    const run = jest.fn(async () => undefined);
    const { scheduler } = start(clock, run);

    // Act
    scheduler.stop();
    clock.advance(24 * hour);
    clock.pass(24 * hour);
    await scheduler.idle();

    // Assess
    expect(run).not.toHaveBeenCalled();
  });
});
