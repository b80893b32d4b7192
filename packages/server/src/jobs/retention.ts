/**
 * The retention job of `creditpool serve`: ten seconds after start and then every `intervalMs` (an
 * hour by default) it forgets the stored answers past their retention through the retention
 * service. One pass runs at a time (a tick that finds one running skips its turn); a pass that
 * fails is reported and the next one tries again.
 */
import type { RetentionReport, RetentionService } from "../services/retention.ts";

export const retentionIntervalMsDefault = 60 * 60 * 1000;
/** The first pass waits this long after start, past the start-up's own work. */
const firstPassDelayMs = 10_000;

export interface RetentionJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that forgot something. */
  readonly onPass?: (report: RetentionReport) => void;
  readonly onError?: (error: unknown) => void;
}

export interface RetentionJob {
  /** Runs one pass now (after the one running, if any) and answers its report. */
  runNow(): Promise<RetentionReport>;
  /** Stops the timer and waits for the pass running, if any. */
  stop(): Promise<void>;
}

export function startRetentionJob(
  service: RetentionService,
  options: RetentionJobOptions = {},
): RetentionJob {
  let running: Promise<RetentionReport> | null = null;
  const pass = (): Promise<RetentionReport> => {
    const previous = running ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(() => service.forgetExpiredAnswers())
      .then((report) => {
        if (report.forgotten > 0) options.onPass?.(report);
        return report;
      });
    running = next;
    next
      .catch(() => {})
      .finally(() => {
        if (running === next) running = null;
      });
    return next;
  };
  // A tick finding a pass still running skips its turn, so passes never pile up behind a slow one.
  const tick = () => {
    if (running === null) pass().catch((error) => options.onError?.(error));
  };
  // The first pass soon after start, so a server restarted more often than hourly still prunes.
  const first = setTimeout(tick, firstPassDelayMs);
  const timer = setInterval(tick, options.intervalMs ?? retentionIntervalMsDefault);
  first.unref();
  timer.unref();
  return {
    runNow: pass,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
