/**
 * The recurring grants job of `creditpool serve`: every `intervalMs` (ten seconds by default) it
 * issues the periods of recurring grants that have come due, at most `batch` schedules a pass and
 * a bounded number of periods each, through the recurring grant service. Issues are exactly once
 * whichever node runs them: each is a conditional write of the schedule, and its grant goes
 * through the engine under a key derived from the schedule and the period. Reading a recurring
 * grant issues what came due too, so an issue is never later than the first look at it.
 */
import type { RecurringGrantService } from "../services/recurring-grants.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const recurringGrantIntervalMsDefault = 10_000;
const schedulesPerPassMax = 100;

export interface RecurringGrantJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that issued something: how many periods. */
  readonly onPass?: (issued: number) => void;
  /** Told of a pass that failed, or of one schedule that could not issue. */
  readonly onError?: (error: unknown, recurringGrantId?: string) => void;
}

export function startRecurringGrantJob(
  service: RecurringGrantService,
  options: RecurringGrantJobOptions = {},
): PeriodicJob<number> {
  return startPeriodicJob(
    async () => {
      const issued = await service.issueDue(schedulesPerPassMax, (error, id) =>
        options.onError?.(error, id),
      );
      if (issued > 0) options.onPass?.(issued);
      return issued;
    },
    {
      firstPassDelayMs: 1_000,
      intervalMs: options.intervalMs ?? recurringGrantIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
