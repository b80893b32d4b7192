/**
 * The export job of `creditpool serve --export-nats`: a pass of the export service every second,
 * another at once while the last one published something (a backlog drains a page per
 * organization per pass, round the organizations), and after a pass that failed (the stream
 * down) a wait that doubles up to `backoffMaxMs`. One pass runs at a time.
 */
import type { ExportPassReport, ExportService } from "../services/export.ts";

export const exportJobDefaults = { intervalMs: 1_000, backoffMaxMs: 30_000 } as const;

export interface ExportJobOptions {
  readonly intervalMs?: number;
  readonly backoffMaxMs?: number;
  readonly onPass?: (report: ExportPassReport) => void;
  /** Told of a pass that failed, with the wait before the next one. */
  readonly onError?: (error: unknown, retryInMs: number) => void;
}

export interface ExportJob {
  /** Runs one pass now (after the one running, if any) and answers what it answered. */
  runNow(): Promise<ExportPassReport>;
  /** Stops the timer and waits for the pass running, if any. */
  stop(): Promise<void>;
}

export function startExportJob(service: ExportService, options: ExportJobOptions = {}): ExportJob {
  const intervalMs = options.intervalMs ?? exportJobDefaults.intervalMs;
  const backoffMaxMs = options.backoffMaxMs ?? exportJobDefaults.backoffMaxMs;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<ExportPassReport> | null = null;

  const runNow = (): Promise<ExportPassReport> => {
    const next = (running ?? Promise.resolve()).catch(() => {}).then(() => service.pass());
    running = next;
    next
      .catch(() => {})
      .finally(() => {
        if (running === next) running = null;
      });
    return next;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };

  function tick(): void {
    runNow().then(
      (report) => {
        failures = 0;
        options.onPass?.(report);
        schedule(report.published > 0 ? 0 : intervalMs);
      },
      (error: unknown) => {
        failures += 1;
        const wait = Math.min(backoffMaxMs, intervalMs * 2 ** Math.min(failures, 16));
        options.onError?.(error, wait);
        schedule(wait);
      },
    );
  }

  schedule(intervalMs / 2);
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
