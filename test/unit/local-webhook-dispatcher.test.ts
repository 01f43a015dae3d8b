import {
  startLocalWebhookDispatcher,
  type LocalDispatcher,
  type SweepReport,
} from '../../infra/local/local-webhook-dispatcher';

const idle: SweepReport = { fannedOut: 0, attempted: 0 };
const hour = 3_600_000;

/** The local clock's move notifications, moved by hand. */
function fakeClock() {
  const listeners = new Set<() => void>();
  return {
    listeners,
    onClockAdvance: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Moves the clock as POST /_local/clock does: listeners are told. */
    advance() {
      for (const listener of listeners) listener();
    },
  };
}

/** A sweep whose every call the test answers by hand, in order. */
function handSweep() {
  const pending: { resolve: (report: SweepReport) => void; reject: (error: Error) => void }[] = [];
  const sweep = jest.fn(() => new Promise<SweepReport>((resolve, reject) => pending.push({ resolve, reject })));
  return {
    sweep,
    /** Answers the oldest unanswered call. */
    answer(report: SweepReport | Error) {
      const call = pending.shift();
      if (!call) throw new Error('no sweep is under way');
      if (report instanceof Error) call.reject(report);
      else call.resolve(report);
    },
    underWay: () => pending.length,
  };
}

/** Lets every pending promise callback run (the loop only waits on promises and its poll timer). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Tracks whether a promise has resolved. */
function watch(promise: Promise<void>) {
  const state = { resolved: false };
  void promise.then(() => (state.resolved = true));
  return state;
}

const running: LocalDispatcher[] = [];

/** Starts the loop with polls long enough that only a nudge, a clock move or work can explain a sweep. */
function start(sweep: () => Promise<SweepReport>, clock = fakeClock(), log: string[] = []) {
  const dispatcher = startLocalWebhookDispatcher({
    sweep,
    onClockAdvance: clock.onClockAdvance,
    pollMs: hour,
    idlePollMs: hour,
    log: (line) => log.push(line),
  });
  running.push(dispatcher);
  return dispatcher;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((dispatcher) => dispatcher.stop()));
  jest.useRealTimers();
});

describe('local webhook dispatcher', () => {
  it('sweeps at once on start, then waits', async () => {
    // Prepare
    const sweep = jest.fn(async () => idle);

    // Act
    start(sweep);
    const atStart = sweep.mock.calls.length;
    for (let turn = 0; turn < 5; turn++) await flush();

    // Assess
    expect(atStart).toBe(1);
    expect(sweep).toHaveBeenCalledTimes(1);
  });

  it('sweeps back to back while a sweep finds work, and stops at the first that finds none', async () => {
    // Prepare
    const reports: SweepReport[] = [
      { fannedOut: 2, attempted: 0 },
      { fannedOut: 0, attempted: 3 },
      { fannedOut: 1, attempted: 1 },
      idle,
      { fannedOut: 5, attempted: 5 },
    ];
    const sweep = jest.fn(async () => reports.shift()!);

    // Act
    start(sweep);
    for (let turn = 0; turn < 10; turn++) await flush();

    // Assess
    expect(sweep).toHaveBeenCalledTimes(4);
  });

  it('sweeps at once when nudged while waiting a long poll', async () => {
    // Prepare
    const sweep = jest.fn(async () => idle);
    const dispatcher = start(sweep);
    for (let turn = 0; turn < 5; turn++) await flush();
    const beforeNudge = sweep.mock.calls.length;

    // Act
    dispatcher.nudge();
    await flush();

    // Assess
    expect(beforeNudge).toBe(1);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('sweeps once more after a sweep during which it was nudged', async () => {
    // Prepare
    const hand = handSweep();
    const dispatcher = start(hand.sweep);

    // Act: nudged twice while the first sweep runs
    dispatcher.nudge();
    dispatcher.nudge();
    hand.answer(idle);
    await flush();
    const afterFirst = hand.sweep.mock.calls.length;
    hand.answer(idle);
    await flush();

    // Assess
    expect(afterFirst).toBe(2);
    expect(hand.sweep).toHaveBeenCalledTimes(2);
  });

  it('sweeps at once when the clock moves while waiting a long poll', async () => {
    // Prepare
    const clock = fakeClock();
    const sweep = jest.fn(async () => idle);
    start(sweep, clock);
    await flush();

    // Act
    clock.advance();
    await flush();
    clock.advance();
    await flush();

    // Assess
    expect(sweep).toHaveBeenCalledTimes(3);
  });

  it('settles only after a sweep that starts after the call and finds nothing', async () => {
    // Prepare: the first sweep is under way when settled() is asked
    const hand = handSweep();
    const dispatcher = start(hand.sweep);

    // Act
    const settled = watch(dispatcher.settled());
    hand.answer(idle); // began before the call: does not count
    await flush();
    const afterEarlierSweep = settled.resolved;
    hand.answer({ fannedOut: 1, attempted: 1 }); // found work
    await flush();
    const afterBusySweep = settled.resolved;
    hand.answer(idle);
    await flush();

    // Assess
    expect(afterEarlierSweep).toBe(false);
    expect(afterBusySweep).toBe(false);
    expect(settled.resolved).toBe(true);
    expect(hand.sweep).toHaveBeenCalledTimes(3);
  });

  it('sweeps at once when asked to settle while waiting a long poll', async () => {
    // Prepare
    const sweep = jest.fn(async () => idle);
    const dispatcher = start(sweep);
    await flush();

    // Act
    await dispatcher.settled();

    // Assess
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('logs a sweep that throws and goes on', async () => {
    // Prepare
    const hand = handSweep();
    const log: string[] = [];
    const dispatcher = start(hand.sweep, fakeClock(), log);

    // Act
    hand.answer(new Error('table unavailable'));
    await flush();
    const settled = watch(dispatcher.settled());
    await flush();
    hand.answer(idle);
    await flush();

    // Assess
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^webhook sweep failed: .*table unavailable/);
    expect(hand.sweep).toHaveBeenCalledTimes(2);
    expect(settled.resolved).toBe(true);
  });

  it('stops: no sweep after stop(), not on a nudge nor on a clock move', async () => {
    // Prepare
    const clock = fakeClock();
    const sweep = jest.fn(async () => idle);
    const dispatcher = start(sweep, clock);
    await flush();

    // Act
    await dispatcher.stop();
    dispatcher.nudge();
    clock.advance();
    await flush();

    // Assess
    expect(sweep).toHaveBeenCalledTimes(1);
    expect(clock.listeners.size).toBe(0);
  });

  it('stops after the sweep under way, even one that found work, and lets waiters go', async () => {
    // Prepare
    const hand = handSweep();
    const dispatcher = start(hand.sweep);
    const settled = watch(dispatcher.settled());

    // Act
    const stopped = watch(dispatcher.stop());
    await flush();
    const beforeSweepEnds = stopped.resolved;
    hand.answer({ fannedOut: 3, attempted: 0 });
    await flush();

    // Assess
    expect(beforeSweepEnds).toBe(false);
    expect(stopped.resolved).toBe(true);
    expect(settled.resolved).toBe(true);
    expect(hand.sweep).toHaveBeenCalledTimes(1);
    expect(hand.underWay()).toBe(0);
  });
});

describe('local webhook dispatcher polling', () => {
  /** When each sweep ran, in fake milliseconds since the start. */
  async function sweepTimes(reports: SweepReport[], runForMs: number) {
    const startedAt = Date.parse('2026-11-23T10:00:00.000Z');
    jest.useFakeTimers({ now: startedAt });
    const times: number[] = [];
    const sweep = jest.fn(async () => {
      times.push(Date.now() - startedAt);
      return reports.shift() ?? idle;
    });
    const dispatcher = startLocalWebhookDispatcher({
      sweep,
      onClockAdvance: () => () => undefined,
      pollMs: 100,
      idlePollMs: 10_000,
      log: () => undefined,
    });
    running.push(dispatcher);
    await jest.advanceTimersByTimeAsync(runForMs);
    return times;
  }

  it('polls every idlePollMs when nothing has happened', async () => {
    // Act
    const times = await sweepTimes([], 35_000);

    // Assess
    expect(times).toEqual([0, 10_000, 20_000, 30_000]);
  });

  it('polls every pollMs for a while after work, then every idlePollMs', async () => {
    // Act
    const times = await sweepTimes([{ fannedOut: 1, attempted: 1 }], 60_000);

    // Assess
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    expect(gaps[0]).toBe(0); // the sweep after work runs at once
    expect(gaps.slice(1, 11)).toEqual(Array(10).fill(100));
    expect(gaps.slice(-3)).toEqual([10_000, 10_000, 10_000]);
    expect(gaps.every((gap) => gap === 0 || gap === 100 || gap === 10_000)).toBe(true);
  });
});
