/**
 * The sender: claims due deliveries (a lease each, so no two nodes send the same attempt) within
 * bounds in flight in all, per endpoint and per organization, so one tenant's slow endpoint holds
 * a few slots and never delays another's; sends each without waiting for the others, and records
 * its outcome under its lease.
 *
 * A 2xx is success. Anything else, a timeout or a connection error is tried again after the next
 * step of the schedule, with up to a tenth of it added or taken at random (jitter), for as long as
 * the delivery is younger than three days; then it is `failed`.
 */
import { limits } from "@creditpool/core";
import type { DeliveryRow } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";
import type { WebhookPost } from "./webhook-client.ts";

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** The wait after each failed attempt: the first after 5 s, then 5 min, 30 min … */
export const retryScheduleMs: readonly number[] = [
  5 * second,
  5 * minute,
  30 * minute,
  2 * hour,
  5 * hour,
  10 * hour,
  10 * hour,
  14 * hour,
  20 * hour,
];

/** A claim lapses after this: past the timeout, so a lapsed claim's request has ended. */
const leaseMs = limits.webhookTimeoutMs * 6;

export interface SenderOptions {
  readonly post: WebhookPost;
  readonly scheduleMs?: readonly number[];
  /** How long a delivery is tried in all. */
  readonly retryWindowMs?: number;
}

export class WebhookSender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly scheduleMs: readonly number[];
  private readonly retryWindowMs: number;

  constructor(
    private readonly context: ServiceContext,
    private readonly options: SenderOptions,
  ) {
    this.scheduleMs = options.scheduleMs ?? retryScheduleMs;
    this.retryWindowMs = options.retryWindowMs ?? limits.webhookRetryWindowMs;
  }

  /** Claims what is due and starts sending it; answers how many it started. */
  async sendDue(onError?: (error: unknown) => void): Promise<number> {
    const { store, clock } = this.context;
    const now = clock();
    const claimed = await store.claimDeliveries(now, now + leaseMs, {
      total: limits.webhookDeliveriesInFlightMax,
      perEndpoint: limits.webhookDeliveriesPerEndpointMax,
      perOrganization: limits.webhookDeliveriesPerOrganizationMax,
    });
    for (const delivery of claimed) {
      const sending: Promise<void> = this.attempt(delivery)
        .catch((error) => onError?.(error))
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    return claimed.length;
  }

  /** Waits for every attempt started to be recorded. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const { store, clock } = this.context;
    const lease = delivery.leaseUntil;
    if (lease === null) throw new Error(`delivery ${delivery.id} was sent unclaimed`);
    const [endpoint, event] = await Promise.all([
      store.readWebhookEndpoint(delivery.organizationId, delivery.endpointId),
      store.readEvent(delivery.organizationId, delivery.eventId),
    ]);
    const sentAt = clock();
    const outcome =
      endpoint === null || event === null
        ? ({ ok: false, error: "its endpoint or event is gone" } as const)
        : await this.options.post(endpoint.url, {
            id: event.id,
            timestamp: new Date(sentAt),
            body: `{"type":${JSON.stringify(event.type)},"timestamp":${JSON.stringify(
              new Date(event.createdAt).toISOString(),
            )},"data":${event.data}}`,
            secrets: [
              endpoint.secret,
              ...(endpoint.previousSecret !== null && (endpoint.previousSecretUntil ?? 0) > sentAt
                ? [endpoint.previousSecret]
                : []),
            ],
          });
    const now = clock();
    const attempts = delivery.attempts + 1;
    const gone = endpoint === null || event === null;
    const wait = this.scheduleMs[attempts - 1];
    const nextAt = wait === undefined ? null : now + jittered(wait, this.context.fillRandom);
    const retry =
      !outcome.ok && !gone && nextAt !== null && nextAt < delivery.createdAt + this.retryWindowMs;
    await store.finishDelivery(
      {
        ...delivery,
        status: outcome.ok ? "succeeded" : retry ? "pending" : "failed",
        attempts,
        nextAttemptAt: retry ? nextAt : null,
        leaseUntil: null,
        lastStatusCode: "status" in outcome ? outcome.status : null,
        lastError: "error" in outcome ? outcome.error.slice(0, 500) : null,
        responseExcerpt: "excerpt" in outcome ? outcome.excerpt : null,
        updatedAt: now,
      },
      lease,
    );
  }
}

/** `wait` give or take up to a tenth, so retries of many deliveries do not arrive together. */
function jittered(wait: number, fillRandom: (bytes: Uint8Array) => void): number {
  const bytes = new Uint8Array(2);
  fillRandom(bytes);
  const unit = ((bytes[0] ?? 0) * 256 + (bytes[1] ?? 0)) / 65_535;
  return Math.max(1, Math.round(wait * (0.9 + 0.2 * unit)));
}
