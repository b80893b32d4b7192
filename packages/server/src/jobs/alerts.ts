/**
 * The alerts job of `creditpool serve`: every five seconds it evaluates the enabled alert rules
 * of the next organizations that have some (at most `alertOrganizationsPerPassMax` a pass, going
 * round them all in id order), raising what crossed and resolving what fell back. Any number of
 * nodes may run it at once: each alert is written once under its unique dedupe key, and each
 * resolution is a compare-and-set on the alert's version.
 */
import type { AlertEvaluator, Evaluated } from "../services/alert-evaluator.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export const alertIntervalMsDefault = 5_000;

export interface AlertJobOptions {
  readonly intervalMs?: number;
  /** Told of each pass that raised or resolved something. */
  readonly onPass?: (evaluated: Evaluated) => void;
  /** Told of a pass that failed, or of one organization that could not be evaluated. */
  readonly onError?: (error: unknown, organizationId?: string) => void;
}

export function startAlertJob(
  evaluator: AlertEvaluator,
  options: AlertJobOptions = {},
): PeriodicJob<Evaluated> {
  return startPeriodicJob(
    async () => {
      const evaluated = await evaluator.evaluateAll((error, organizationId) =>
        options.onError?.(error, organizationId),
      );
      const { raised, resolved, forgotten } = evaluated;
      if (raised + resolved + forgotten > 0) options.onPass?.(evaluated);
      return evaluated;
    },
    {
      firstPassDelayMs: 2_000,
      intervalMs: options.intervalMs ?? alertIntervalMsDefault,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
}
