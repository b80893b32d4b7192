/**
 * The gateway's call log: each call that was held, with who made it, the model asked for and the
 * one that ran, the upstream account, the caller's tags, its holds, usage and credits, and how it
 * ended. A key bound to a pool sees the calls of its subtree.
 */
import { formatDecimal, limits } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { GatewayCallRow } from "../../services/gateway.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { Credits, IdParam, idOf, listOf, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, page } from "./common.ts";

const tags = ["Gateway"];

export const GatewayCallView = z
  .object({
    id: idOf("call"),
    object: z.literal("gateway_call"),
    pool: idOf("pool"),
    key: z.string(),
    member: z.string().nullable(),
    provider: z.enum(["openai", "anthropic"]),
    endpoint: z.enum(["chat_completions", "responses", "embeddings", "messages"]),
    requested_model: z.string().openapi({ description: "The model the caller named (`auto`…)." }),
    model: z.string().openapi({ description: "The model that ran, as upstream named it." }),
    upstream: z.string().nullable().openapi({ description: "The upstream account called." }),
    tags: z.record(z.string(), z.string()),
    holds: z
      .array(z.string())
      .openapi({ description: "The call's holds: the first, then growths." }),
    usage: z.record(z.string(), z.number().int()).openapi({
      description: "What was settled, by meter (tokens): empty when nothing was produced.",
    }),
    credits: Credits,
    status: z.enum(["completed", "failed", "disconnected", "cut", "ended_at_limit"]),
    finish_reason: z.string().nullable(),
    stream: z.boolean(),
    started_at: Timestamp,
    ended_at: Timestamp.nullable(),
  })
  .openapi("GatewayCall");

const CallQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: idOf("call").optional().openapi({ description: "Older than this call" }),
  pool: idOf("pool").optional(),
  member: idOf("mem").optional(),
  key: idOf("key").optional(),
});

const list = createRoute({
  method: "get",
  path: "/v1/gateway-calls",
  operationId: "listGatewayCalls",
  tags,
  summary: "Calls through the AI gateway, newest first",
  security: bearerAuth,
  request: { query: CallQuery },
  responses: answers(listOf(GatewayCallView), 200, "A page of calls, newest first"),
});

const read = createRoute({
  method: "get",
  path: "/v1/gateway-calls/{id}",
  operationId: "getGatewayCall",
  tags,
  summary: "One call through the AI gateway",
  security: bearerAuth,
  request: { params: IdParam("call") },
  responses: answers(GatewayCallView, 200, "The call"),
});

export function gatewayCallView(row: GatewayCallRow): z.infer<typeof GatewayCallView> {
  return {
    id: row.id,
    object: "gateway_call",
    pool: row.poolId,
    key: row.keyId,
    member: row.memberId,
    provider: row.provider as "openai" | "anthropic",
    endpoint: row.endpoint as z.infer<typeof GatewayCallView>["endpoint"],
    requested_model: row.requestedModel,
    model: row.model,
    upstream: row.upstreamId,
    tags: JSON.parse(row.tags) as Record<string, string>,
    holds: [...row.holdIds],
    usage: JSON.parse(row.usage) as Record<string, number>,
    credits: formatDecimal(row.credits),
    status: row.status,
    finish_reason: row.finishReason,
    stream: row.stream,
    started_at: iso(row.startedAt) ?? "",
    ended_at: iso(row.endedAt),
  };
}

export function gatewayCallRoutes(app: Api, deps: RouteDependencies): void {
  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await deps.services.gateway.list(
      c.get("principal"),
      {
        ...(query.pool === undefined ? {} : { poolId: query.pool }),
        ...(query.member === undefined ? {} : { memberId: query.member }),
        ...(query.key === undefined ? {} : { keyId: query.key }),
      },
      { limit: query.limit, startingAfter: query.starting_after },
    );
    return c.json(page(rows.map(gatewayCallView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const row = await deps.services.gateway.read(c.get("principal"), c.req.valid("param").id);
    return c.json(gatewayCallView(row), 200);
  });
}
