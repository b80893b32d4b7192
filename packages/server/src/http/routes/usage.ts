/**
 * Usage recorded after the fact: a batch of events, each a direct debit that is never refused,
 * each idempotent by its `id` (a repeat answers `duplicate`), answered one by one.
 */

import { formatDecimal, limits } from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import type { EngineAnswer } from "../../engine/answers.ts";
import { fingerprintOf } from "../../engine/requests.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { requirePermission } from "../auth.ts";
import { ApiError } from "../problem.ts";
import { RecordUsage, UsageAnswer } from "../schemas.ts";
import { answers, jsonBody } from "./common.ts";
import { usageOf } from "./holds.ts";

const record = createRoute({
  method: "post",
  path: "/v1/usage",
  operationId: "recordUsage",
  tags: ["Usage"],
  summary: "Record a batch of usage events (direct debits, never refused)",
  description:
    "Each event is idempotent by its `id` within the organization: a repeat with the same body answers `duplicate`, with a different body `idempotency_key_reused`. Events are recorded one by one: an event the server failed to record is `refused` with `internal_error` while the others stand; send it again with the same id.",
  security: bearerAuth,
  request: jsonBody(RecordUsage),
  responses: answers(UsageAnswer, 200, "One result per event, in order"),
});

const failedEventMessage =
  "An unexpected failure; this event was not recorded. Send it again with the same id.";

type Result = {
  id: string;
  status: "recorded" | "duplicate" | "refused";
  code: string;
  param?: string;
  message?: string;
};

export function usageRoutes(app: Api, deps: RouteDependencies): void {
  route(app, record, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "usage.write");
    const { events } = c.req.valid("json");
    const now = deps.clock();
    // Every pool the request names, resolved at once: naming unknown pools costs one read at most.
    const reachable = await deps.tree.reachable(
      principal,
      organizationId,
      events.map((event) => event.pool),
    );
    const results = await Promise.all(
      events.map(async (event, index): Promise<Result> => {
        const refuse = (code: string, param: string, message: string): Result => ({
          id: event.id,
          status: "refused",
          code,
          param: `events[${index}].${param}`,
          message,
        });
        if (
          event.time !== undefined &&
          (event.time < now - limits.usageEventAgeMsMax ||
            event.time > now + limits.usageEventFutureMsMax)
        ) {
          return refuse(
            "invalid_request",
            "time",
            "must lie within the last 35 days and at most 5 minutes ahead",
          );
        }
        if (!reachable.has(event.pool))
          return refuse("pool_not_found", "pool", "No such pool in the organization.");
        if ((event.amount === undefined) === (event.quantities === undefined)) {
          return refuse("invalid_request", "amount", "give exactly one of amount or quantities");
        }
        let priced: { amount: bigint; rateCardId: string | null };
        try {
          priced =
            event.quantities === undefined
              ? { amount: event.amount ?? 0n, rateCardId: null }
              : await deps.rateCards.price(
                  organizationId,
                  usageOf({ quantities: event.quantities, dimensions: event.dimensions ?? {} }),
                  event.time ?? now,
                  "usage",
                );
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return refuse(
            error.code,
            (error.param ?? "usage").replace(/^usage\./, ""),
            error.message,
          );
        }
        let answer: EngineAnswer;
        try {
          answer = await deps.engine.submit(
            organizationId,
            {
              type: "record_usage",
              poolId: event.pool,
              amount: priced.amount,
              rateCardVersion: priced.rateCardId,
            },
            outcomeOrEvent(event),
          );
        } catch (error) {
          // The engine failed this event alone; the others of the request are recorded (or not)
          // on their own, so the request answers 200 and names the one to send again.
          deps.reportFailure(error, "/v1/usage");
          return refuse("internal_error", "id", failedEventMessage);
        }
        if (answer.code === "ok")
          return {
            id: event.id,
            status: answer.replayed === true ? "duplicate" : "recorded",
            code: "ok",
          };
        const message = typeof answer.body.message === "string" ? answer.body.message : answer.code;
        const param = answer.code === "idempotency_key_reused" ? "id" : (answer.param ?? "id");
        return refuse(answer.code, param, message);
      }),
    );
    return c.json({ object: "list" as const, data: results }, 200);
  });
}

/**
 * An event is deduplicated by its id; an outcome by its key, across event ids, so reporting the
 * same outcome again (or split over several events) can never bill it twice.
 */
function outcomeOrEvent(event: {
  id: string;
  amount?: bigint | undefined;
  outcome_key?: string | undefined;
  [field: string]: unknown;
}) {
  const { id, outcome_key, time: _time, ...rest } = event;
  const body = {
    ...rest,
    amount: event.amount === undefined ? undefined : formatDecimal(event.amount),
  };
  return outcome_key === undefined
    ? {
        idempotencyKey: `event:${id}`,
        fingerprint: fingerprintOf({ id, ...body, time: event.time }),
      }
    : { idempotencyKey: `outcome:${outcome_key}`, fingerprint: fingerprintOf(body) };
}
