/**
 * The local counterpart of the AWS dispatcher's triggers (the table stream and the one-minute sweep): the
 * same sweep function, run continuously on the local clock. It sweeps again at once while a sweep finds
 * work, every `pollMs` for a while after that, every `idlePollMs` once things are quiet, and at once when
 * nudged (an API request) or when the clock moves, so a jump (`POST /_local/clock`) plays out every retry
 * the jump passes. Nothing is kept in memory: the outbox and the deliveries live in
 * DynamoDB Local, so a restart, even `kill -9`, resumes where the last sweep left off.
 */

/** What a sweep reports (the dispatcher's DispatchReport). */
export interface SweepReport {
  fannedOut: number;
  attempted: number;
}

/** What the loop needs from its surroundings. */
export interface LocalDispatcherOptions {
  sweep: () => Promise<SweepReport>;
  /** Subscribes to clock moves; returns the unsubscribe function. */
  onClockAdvance: (listener: () => void) => () => void;
  /** Wait between sweeps while there was work in the last few seconds, in real milliseconds. */
  pollMs?: number;
  /** Wait between sweeps once nothing happened for a few seconds (keeps an idle stack light). */
  idlePollMs?: number;
  log: (line: string) => void;
}

/** The running loop. */
export interface LocalDispatcher {
  /** Asks for a sweep now (after a change that wrote events, say). */
  nudge(): void;
  /** Resolves once a sweep has started and finished after this call with nothing left to do. */
  settled(): Promise<void>;
  /** Stops after the sweep under way. */
  stop(): Promise<void>;
}

/** Starts the loop; the first sweep runs at once (deliveries left pending by the last run). */
export function startLocalWebhookDispatcher(options: LocalDispatcherOptions): LocalDispatcher {
  const pollMs = options.pollMs ?? 100;
  const idlePollMs = options.idlePollMs ?? 500;
  /** How long after the last work the loop keeps polling at `pollMs`. */
  const activeForMs = 5_000;
  let lastWorkAt = 0;
  let running = true;
  let wake: (() => void) | undefined;
  let nudged = false;
  const settledWaiters: (() => void)[] = [];
  const nudge = () => {
    nudged = true;
    wake?.();
  };
  const unsubscribe = options.onClockAdvance(nudge);

  const loop = (async () => {
    while (running) {
      nudged = false;
      const waiting = settledWaiters.splice(0);
      let report: SweepReport = { fannedOut: 0, attempted: 0 };
      let failed = false;
      try {
        report = await options.sweep();
      } catch (error) {
        failed = true;
        options.log(`webhook sweep failed: ${(error as Error).stack ?? String(error)}`);
      }
      const busy = report.fannedOut > 0 || report.attempted > 0;
      if (failed) {
        // a failed sweep does not show that nothing is left: waiters wait for one that succeeds, after a pause
        settledWaiters.push(...waiting);
      } else if (busy) {
        lastWorkAt = Date.now();
        settledWaiters.push(...waiting);
        continue;
      } else {
        for (const resolve of waiting) resolve();
        if (nudged || settledWaiters.length > 0 || !running) continue;
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Date.now() - lastWorkAt < activeForMs ? pollMs : idlePollMs);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    nudge,
    settled() {
      return new Promise<void>((resolve) => {
        settledWaiters.push(resolve);
        wake?.();
      });
    },
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      await loop;
      for (const resolve of settledWaiters.splice(0)) resolve();
    },
  };
}
