/**
 * The retention job of `creditpool serve`: ten seconds after start and then every `intervalMs` (an
 * hour by default) it forgets the stored answers past their retention through the retention
 * service, and events past their 30 days. The first pass comes soon after start, so a server restarted more often than hourly
 * still prunes.
 */
import type { RetentionReport, RetentionService } from "../services/retention.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const retentionIntervalMsDefault = 60 * 60 * 1000;

export interface RetentionJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that forgot something. */
  readonly onPass?: (report: RetentionReport) => void;
  readonly onError?: (error: unknown) => void;
  /** Forgets events past their retention too (a bounded batch per transaction); answers how many. */
  readonly pruneEvents?: () => Promise<number>;
  /** Told of a pass that forgot events. */
  readonly onEventsPruned?: (forgotten: number) => void;
}

export type RetentionJob = PeriodicJob<RetentionReport>;

export function startRetentionJob(
  service: RetentionService,
  options: RetentionJobOptions = {},
): RetentionJob {
  return startPeriodicJob(
    async () => {
      const report = await service.forgetExpiredAnswers();
      if (report.forgotten > 0 || report.decisionsForgotten > 0) options.onPass?.(report);
      const events = (await options.pruneEvents?.()) ?? 0;
      if (events > 0) options.onEventsPruned?.(events);
      return report;
    },
    {
      firstPassDelayMs: 10_000,
      intervalMs: options.intervalMs ?? retentionIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
