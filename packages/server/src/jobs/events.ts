/**
 * The event and webhook jobs of `creditpool serve`: every second the journal is projected into
 * events and new events are fanned out into deliveries; every quarter second due deliveries are
 * claimed and sent (each attempt runs on its own, so a pass never waits for a slow receiver);
 * every minute grants expiring within 72 hours are told of. Each is a projection or a claim:
 * a node down only delays it, two nodes never double it.
 */
import type { EventService } from "../services/events.ts";
import type { WebhookSender } from "../services/webhook-sender.ts";
import type { WebhookService } from "../services/webhooks.ts";
import { type PeriodicJob, startPeriodicJob } from "./periodic.ts";

export interface EventJobIntervals {
  readonly projectMs: number;
  readonly dispatchMs: number;
  readonly sendMs: number;
  readonly expiringMs: number;
}

export const eventJobIntervalsDefault: EventJobIntervals = {
  projectMs: 1_000,
  dispatchMs: 1_000,
  sendMs: 250,
  expiringMs: 60_000,
};

export interface EventJobOptions {
  readonly intervals?: Partial<EventJobIntervals>;
  /** Told of a pass that failed, or of one organization or attempt that failed. */
  readonly onError?: (error: unknown, where: string) => void;
}

export interface EventJobs {
  /** One pass of each, in order, and every attempt started recorded (tests). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startEventJobs(
  services: { events: EventService; webhooks: WebhookService; webhookSender: WebhookSender },
  options: EventJobOptions = {},
): EventJobs {
  const intervals = { ...eventJobIntervalsDefault, ...options.intervals };
  const report = (where: string) => (error: unknown) => options.onError?.(error, where);
  const every = <T>(pass: () => Promise<T>, intervalMs: number, where: string) =>
    startPeriodicJob(pass, { firstPassDelayMs: 500, intervalMs, onError: report(where) });
  const jobs: PeriodicJob<unknown>[] = [
    every(
      () => services.events.projectAll((error, id) => options.onError?.(error, `project ${id}`)),
      intervals.projectMs,
      "project",
    ),
    every(
      () =>
        services.webhooks.dispatchAll((error, id) => options.onError?.(error, `dispatch ${id}`)),
      intervals.dispatchMs,
      "dispatch",
    ),
    every(() => services.webhookSender.sendDue(report("send")), intervals.sendMs, "send"),
    every(() => services.events.tellExpiringSoon(), intervals.expiringMs, "expiring soon"),
  ];
  return {
    async runNow() {
      for (const job of jobs) await job.runNow();
      await services.webhookSender.settle();
    },
    async stop() {
      for (const job of jobs) await job.stop();
      await services.webhookSender.settle();
    },
  };
}
