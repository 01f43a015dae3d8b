/**
 * The local counterpart of EventBridge Scheduler's daily schedules: each runs when the business clock
 * crosses a UTC day boundary, whether the clock was moved (`POST /_local/clock`) or real time passed
 * midnight.
 *
 * One run per crossing, however many days it spans: advancing by P3D runs a schedule once, not three
 * times. The scheduled work (the Trade Assurance recompute) depends only on the current time, so three
 * runs at one instant would do the same thing three times. A crossing that arrives while a run is under
 * way queues one more run after it. Runs are not journaled: a boundary crossed while the stack is down
 * is not caught up (the next one runs it), as EventBridge Scheduler does not catch up either.
 */

/** One daily schedule. */
export interface LocalSchedule {
  name: string;
  run: () => Promise<unknown>;
}

/** What the scheduler needs from its surroundings; the clock module and real timers by default. */
export interface LocalScheduleOptions {
  schedules: readonly LocalSchedule[];
  /** The business clock. */
  now: () => Date;
  /** Subscribes to clock moves; returns the unsubscribe function. */
  onClockAdvance: (listener: () => void) => () => void;
  /** Calls `check` every `ms`, for real-time midnights; returns the cancel function. */
  every?: (check: () => void, ms: number) => () => void;
  /** How often real time is checked. */
  pollMs?: number;
  log: (line: string) => void;
}

/** Running daily schedules. */
export interface LocalScheduler {
  /** Resolves when no run is under way or queued (tests and shutdown wait on it). */
  idle(): Promise<void>;
  /** Stops watching the clock; a run under way finishes. */
  stop(): void;
}

const dayMs = 86_400_000;

function realTimer(check: () => void, ms: number): () => void {
  const timer = setInterval(check, ms);
  // never keeps the process alive on its own
  timer.unref();
  return () => clearInterval(timer);
}

/** Starts the daily schedules from the current business day: nothing runs until the next boundary. */
export function startLocalSchedules(options: LocalScheduleOptions): LocalScheduler {
  const dayOf = () => Math.floor(options.now().getTime() / dayMs);
  let day = dayOf();
  const states = options.schedules.map((schedule) => ({
    schedule,
    running: undefined as Promise<void> | undefined,
    queued: false,
  }));

  const trigger = (state: (typeof states)[number]) => {
    if (state.running) {
      state.queued = true;
      return;
    }
    state.running = (async () => {
      do {
        state.queued = false;
        const started = options.now().toISOString();
        try {
          await state.schedule.run();
          options.log(`schedule ${state.schedule.name} ran at ${started}`);
        } catch (error) {
          options.log(
            `schedule ${state.schedule.name} failed at ${started}: ${(error as Error).stack ?? String(error)}`,
          );
        }
      } while (state.queued);
      state.running = undefined;
    })();
  };

  const check = () => {
    const today = dayOf();
    if (today <= day) return;
    day = today;
    for (const state of states) trigger(state);
  };

  const unsubscribe = options.onClockAdvance(check);
  const cancel = (options.every ?? realTimer)(check, options.pollMs ?? 60_000);
  return {
    async idle() {
      while (states.some((state) => state.running)) {
        await Promise.all(states.map((state) => state.running));
      }
    },
    stop() {
      unsubscribe();
      cancel();
    },
  };
}
