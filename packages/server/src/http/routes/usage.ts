/**
 * Usage recorded after the fact: a batch of events, each a direct debit that is never refused,
 * each idempotent by its `id` (a repeat answers `duplicate`), answered one by one.
 */

import { createRoute } from "@hono/zod-openapi";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { RecordUsage, UsageAnswer } from "../schemas.ts";
import { answers, jsonBody } from "./common.ts";

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

export function usageRoutes(app: Api, deps: RouteDependencies): void {
  route(app, record, async (c) => {
    const { events } = c.req.valid("json");
    const results = await deps.services.usage.record(
      c.get("principal"),
      events.map((event) => ({
        id: event.id,
        pool: event.pool,
        amount: event.amount,
        quantities: event.quantities,
        dimensions: event.dimensions,
        tags: event.tags,
        outcomeKey: event.outcome_key,
        time: event.time,
      })),
    );
    const data = results.map((result, index) => {
      if (result.status === "refused")
        return { ...result, param: `events[${index}].${result.param}` };
      const { flagged, ...recorded } = result;
      if (flagged === undefined) return { ...recorded, code: "ok" };
      const decision = flagged.decisionId === null ? {} : { decision_id: flagged.decisionId };
      return { ...recorded, code: "ok", flagged: flagged.code, ...decision };
    });
    return c.json({ object: "list" as const, data }, 200);
  });
}
