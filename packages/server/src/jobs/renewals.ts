/**
 * The renewal job of `creditpool serve`: every `intervalMs` (ten seconds by default) it moves the
 * subscriptions whose period has ended into their next period, at most `batch` of them a pass,
 * through the subscription service. Renewals are exactly once whichever node runs them: each is a
 * conditional write of the subscription, and its grants go through the engine under keys derived
 * from the subscription and the period. Reading a subscription renews it too, so a renewal is
 * never later than the first look at it.
 */
import type { SubscriptionService } from "../services/subscriptions.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const renewalIntervalMsDefault = 10_000;
const renewalsPerPassMax = 100;

export interface RenewalJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that renewed something: how many subscriptions moved. */
  readonly onPass?: (renewed: number) => void;
  /** Told of a pass that failed, or of one subscription that could not be renewed. */
  readonly onError?: (error: unknown, subscriptionId?: string) => void;
}

export function startRenewalJob(
  service: SubscriptionService,
  options: RenewalJobOptions = {},
): PeriodicJob<number> {
  return startPeriodicJob(
    async () => {
      const renewed = await service.renewDue(renewalsPerPassMax, (error, subscriptionId) =>
        options.onError?.(error, subscriptionId),
      );
      if (renewed > 0) options.onPass?.(renewed);
      return renewed;
    },
    {
      firstPassDelayMs: 1_000,
      intervalMs: options.intervalMs ?? renewalIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
