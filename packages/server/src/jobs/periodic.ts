/**
 * A job of `creditpool serve` that runs a pass soon after start and then every interval. One pass
 * runs at a time: a tick that finds one running skips its turn, so passes never pile up behind a
 * slow one; a pass that fails is reported and the next one tries again.
 */
export interface PeriodicJobOptions {
  /** The first pass waits this long after start, past the start-up's own work. */
  readonly firstPassDelayMs: number;
  readonly intervalMs: number;
  readonly onError?: (error: unknown) => void;
}

export interface PeriodicJob<T> {
  /** Runs one pass now (after the one running, if any) and answers what it answered. */
  runNow(): Promise<T>;
  /** Stops the timer and waits for the pass running, if any. */
  stop(): Promise<void>;
}

export function startPeriodicJob<T>(
  pass: () => Promise<T>,
  options: PeriodicJobOptions,
): PeriodicJob<T> {
  let running: Promise<T> | null = null;
  const runNow = (): Promise<T> => {
    const previous = running ?? Promise.resolve();
    const next = previous.catch(() => {}).then(pass);
    running = next;
    next
      .catch(() => {})
      .finally(() => {
        if (running === next) running = null;
      });
    return next;
  };
  const tick = () => {
    if (running === null) runNow().catch((error) => options.onError?.(error));
  };
  const first = setTimeout(tick, options.firstPassDelayMs);
  const timer = setInterval(tick, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    runNow,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
