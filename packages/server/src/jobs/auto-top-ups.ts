/**
 * The auto top-up job of `creditpool serve`: every second it checks the subscriptions that have
 * an auto top-up rule against their pool (`services/auto-top-ups.ts`), a hundred a pass, going on
 * from where the last pass stopped, so every rule is checked in turn however many there are. A
 * crossing buys once whichever node checks it: a purchase is a conditional write.
 */
import type { AutoTopUpService, SubscriptionKey } from "../services/auto-top-ups.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const autoTopUpIntervalMsDefault = 1_000;

export interface AutoTopUpJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that bought something: how many top-ups. */
  readonly onPass?: (bought: number) => void;
  /** Told of a pass that failed, or of one subscription that could not be checked. */
  readonly onError?: (error: unknown, subscriptionId?: string) => void;
}

export function startAutoTopUpJob(
  service: AutoTopUpService,
  options: AutoTopUpJobOptions = {},
): PeriodicJob<number> {
  let after: SubscriptionKey | undefined;
  return startPeriodicJob(
    async () => {
      const pass = await service.checkAll((error, id) => options.onError?.(error, id), after);
      after = pass.last;
      if (pass.bought > 0) options.onPass?.(pass.bought);
      return pass.bought;
    },
    {
      firstPassDelayMs: 1_000,
      intervalMs: options.intervalMs ?? autoTopUpIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
