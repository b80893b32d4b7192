/** Decision records: why a hold was refused, or usage flagged, with the figures that decided. */
import { formatDecimal, limits } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Decision } from "../../services/decisions.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { IdParam, idOf, listOf, Text, TimeInput, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, page } from "./common.ts";

export const DecisionView = z
  .object({
    id: idOf("dec"),
    object: z.literal("decision"),
    kind: z.enum(["hold", "usage"]).openapi({
      description: "A hold refused, or usage recorded all the same and flagged.",
    }),
    code: z.string().openapi({ example: "member_cap_exceeded" }),
    pool: idOf("pool").openapi({ description: "Where it failed (or whose allow-list it left)." }),
    requested_pool: idOf("pool").openapi({ description: "The pool the hold or usage named." }),
    amount: z.string(),
    member: z.string().nullable(),
    key: z.string().nullable(),
    model: z.string().nullable(),
    rate_card_version: z.string().nullable(),
    retry_after_ms: z.number().int().nullable(),
    evidence: z.record(z.string(), z.unknown()).openapi({
      description:
        "The path's limits, consumption, holds, reservations and debt as the engine saw them, and the cap, bucket or allow-list that decided; a key bound to a pool sees only the pools it reaches.",
    }),
    created_at: Timestamp,
  })
  .openapi("Decision");

const DecisionQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: idOf("dec").optional().openapi({ description: "Older than this decision" }),
  code: Text(limits.idLengthMax).optional(),
  pool: idOf("pool").optional().openapi({ description: "Decided at or asked at this pool" }),
  member: idOf("mem").optional(),
  key: idOf("key").optional(),
  from: TimeInput.optional().openapi({ description: "Only decisions at or after this time" }),
  to: TimeInput.optional().openapi({ description: "Only decisions before this time" }),
});

const list = createRoute({
  method: "get",
  path: "/v1/decisions",
  operationId: "listDecisions",
  tags: ["Governance"],
  summary: "Refused holds and flagged usage, newest first",
  security: bearerAuth,
  request: { query: DecisionQuery },
  responses: answers(listOf(DecisionView), 200, "A page of decisions, newest first"),
});

const read = createRoute({
  method: "get",
  path: "/v1/decisions/{id}",
  operationId: "getDecision",
  tags: ["Governance"],
  summary: "Why a hold was refused: the path, limits and balances that decided it",
  security: bearerAuth,
  request: { params: IdParam("dec") },
  responses: answers(DecisionView, 200, "The decision"),
});

export function decisionView(decision: Decision) {
  return {
    id: decision.id,
    object: "decision" as const,
    kind: decision.kind,
    code: decision.code,
    pool: decision.poolId,
    requested_pool: decision.holdPoolId,
    amount: formatDecimal(decision.amount),
    member: decision.memberId,
    key: decision.keyId,
    model: decision.model,
    rate_card_version: decision.rateCardVersion,
    retry_after_ms: decision.retryAfterMs,
    evidence: decision.evidence,
    created_at: iso(decision.at) ?? "",
  };
}

export function decisionRoutes(app: Api, deps: RouteDependencies): void {
  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const filter = {
      ...(query.code === undefined ? {} : { code: query.code }),
      ...(query.pool === undefined ? {} : { poolId: query.pool }),
      ...(query.member === undefined ? {} : { memberId: query.member }),
      ...(query.key === undefined ? {} : { keyId: query.key }),
      ...(query.from === undefined ? {} : { fromAt: query.from }),
      ...(query.to === undefined ? {} : { toAt: query.to }),
    };
    const rows = await deps.services.decisions.list(c.get("principal"), filter, {
      startingAfter: query.starting_after,
      limit: query.limit,
    });
    return c.json(page(rows.map(decisionView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(decisionView(await deps.services.decisions.read(c.get("principal"), id)), 200);
  });
}
