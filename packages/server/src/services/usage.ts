/**
 * Usage recorded after the fact: a batch of events, each a direct debit that is never refused for
 * want of credits, each idempotent by its `id` (or by its outcome key, across ids), answered one
 * by one: one event's refusal or failure never takes the others with it.
 */
import { formatDecimal, limits, type Micros, type ProviderCost } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { fingerprintOf } from "../engine/requests.ts";
import type { EngineAnswer } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import type { ServiceContext } from "./context.ts";
import { attributed, usageOf } from "./holds.ts";

export interface UsageEvent {
  readonly id: string;
  readonly pool: string;
  /** Exactly one of `amount` (credits already priced) and `quantities` (priced here). */
  readonly amount?: Micros | undefined;
  readonly quantities?: Readonly<Record<string, number>> | undefined;
  readonly dimensions?: Readonly<Record<string, string>> | undefined;
  /** Kept on the transfers the event makes, for reports. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  /** Bills an outcome once, however many events report it. */
  readonly outcomeKey?: string | undefined;
  readonly time?: number | undefined;
}

/** One event's result; `param` is the event's own field at fault (`time`, `pool`, `id`…). */
export type UsageResult =
  | {
      readonly id: string;
      readonly status: "recorded" | "duplicate";
      /** Recorded all the same on a model a pool of its path does not allow. */
      readonly flagged?: { readonly code: string; readonly decisionId: string | null };
    }
  | {
      readonly id: string;
      readonly status: "refused";
      readonly code: string;
      readonly param: string;
      readonly message: string;
    };

const failedEventMessage =
  "An unexpected failure; this event was not recorded. Send it again with the same id.";

export class UsageService {
  constructor(
    private readonly context: ServiceContext,
    /** Told of an unexpected failure of one event, which is answered refused, not thrown. */
    private readonly reportFailure: (error: unknown) => void,
  ) {}

  async record(principal: Principal, events: readonly UsageEvent[]): Promise<UsageResult[]> {
    const { tree, clock } = this.context;
    const organizationId = requirePermission(principal, "usage.write");
    const now = clock();
    // Every pool the request names, resolved at once: naming unknown pools costs one read at most.
    const reachable = await tree.reachable(
      principal,
      organizationId,
      events.map((event) => event.pool),
    );
    const who = { memberId: principal.memberId, keyId: principal.keyId };
    return Promise.all(
      events.map((event) =>
        this.recordOne(organizationId, event, reachable.has(event.pool), now, who),
      ),
    );
  }

  private async recordOne(
    organizationId: string,
    event: UsageEvent,
    inReach: boolean,
    now: number,
    who: { readonly memberId: string | null; readonly keyId: string },
  ): Promise<UsageResult> {
    const refuse = (code: string, param: string, message: string): UsageResult => ({
      id: event.id,
      status: "refused",
      code,
      param,
      message,
    });
    if (
      event.time !== undefined &&
      (event.time < now - limits.usageEventAgeMsMax ||
        event.time > now + limits.usageEventFutureMsMax)
    ) {
      const message = "must lie within the last 35 days and at most 5 minutes ahead";
      return refuse("invalid_request", "time", message);
    }
    if (!inReach) return refuse("pool_not_found", "pool", "No such pool in the organization.");
    if ((event.amount === undefined) === (event.quantities === undefined))
      return refuse("invalid_request", "amount", "give exactly one of amount or quantities");
    let priced: {
      amount: bigint;
      rateCardId: string | null;
      meters: Readonly<Record<string, bigint>>;
      cost: ProviderCost | null;
    };
    try {
      priced =
        event.quantities === undefined
          ? { amount: event.amount ?? 0n, rateCardId: null, meters: {}, cost: null }
          : await this.context.rateCards.price(
              organizationId,
              usageOf({ quantities: event.quantities, dimensions: event.dimensions ?? {} }),
              event.time ?? now,
              "usage",
            );
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return refuse(error.code, (error.param ?? "usage").replace(/^usage\./, ""), error.message);
    }
    let answer: EngineAnswer;
    try {
      answer = await this.context.engine.submit(
        organizationId,
        {
          type: "record_usage",
          poolId: event.pool,
          amount: priced.amount,
          rateCardVersion: priced.rateCardId,
          ...who,
          model: event.dimensions?.model ?? null,
          ...attributed(event.tags, priced.meters, priced.cost),
        },
        outcomeOrEvent(event),
      );
    } catch (error) {
      // The engine failed this event alone; the others are recorded (or not) on their own.
      this.reportFailure(error);
      return refuse("internal_error", "id", failedEventMessage);
    }
    if (answer.code === "ok") {
      const recorded = {
        id: event.id,
        status: answer.replayed === true ? ("duplicate" as const) : ("recorded" as const),
      };
      const flagged = answer.result.kind === "usage" ? answer.result.flagged : undefined;
      return flagged === undefined ? recorded : { ...recorded, flagged };
    }
    const message = answer.message;
    const param = answer.code === "idempotency_key_reused" ? "id" : (answer.param ?? "id");
    return refuse(answer.code, param, message);
  }
}

/**
 * An event is deduplicated by its id; an outcome by its key, across event ids, so reporting the
 * same outcome again (or split over several events) can never bill it twice. The fingerprint is
 * the event as the API names its fields, so stored answers keep matching.
 */
function outcomeOrEvent(event: UsageEvent) {
  const body = {
    pool: event.pool,
    amount: event.amount === undefined ? undefined : formatDecimal(event.amount),
    quantities: event.quantities,
    dimensions: event.dimensions,
    tags: event.tags,
  };
  return event.outcomeKey === undefined
    ? {
        idempotencyKey: `event:${event.id}`,
        fingerprint: fingerprintOf({ id: event.id, ...body, time: event.time }),
      }
    : { idempotencyKey: `outcome:${event.outcomeKey}`, fingerprint: fingerprintOf(body) };
}
