/**
 * The projections job of `creditpool serve` (ledger totals, usage buckets): every second it sums
 * the journal of each organization with transfers not summed yet (at most a hundred a pass), so
 * reports read projections at most about a second behind the journal. Readers sum what is left
 * themselves; the job keeps that short. Summing is a projection: a node down only delays it, two
 * nodes never double it.
 */

/** A projection of the journal a pass can bring up to date. */
interface Projected {
  catchUpAll(onError?: (error: unknown, organizationId: string) => void): Promise<number>;
}

import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const totalsIntervalMsDefault = 1_000;

export interface TotalsJobOptions {
  readonly intervalMs?: number;
  /** Told of a pass that failed, or of one organization that could not be summed. */
  readonly onError?: (error: unknown, organizationId?: string) => void;
}

export function startTotalsJob(
  totals: Projected,
  options: TotalsJobOptions = {},
): PeriodicJob<number> {
  return startPeriodicJob(
    () => totals.catchUpAll((error, organizationId) => options.onError?.(error, organizationId)),
    {
      firstPassDelayMs: 500,
      intervalMs: options.intervalMs ?? totalsIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
