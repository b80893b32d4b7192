/** Routing policies: make, list, read, change and remove how a pool's gateway calls are routed. */
import { formatDecimal } from "@creditpool/core";
import { createRoute, type z } from "@hono/zod-openapi";
import type { LowBalanceRule, RoutingPolicyRow } from "../../services/routing.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { CreateRoutingPolicy, RoutingPolicyView, UpdateRoutingPolicy } from "../routing-schemas.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const tags = ["Routing"];

const routes = {
  create: createRoute({
    method: "post",
    path: "/v1/routing-policies",
    operationId: "createRoutingPolicy",
    tags,
    summary: "Route a pool's gateway calls by complexity tier",
    description: [
      "One policy a pool (`409 routing_policy_exists` for a second); it applies to the pool's",
      "subtree unless a nearer pool has its own. A key bound to a pool sets policies only for the",
      "pools below it.",
    ].join(" "),
    security: bearerAuth,
    request: { headers: IdempotencyHeader, ...jsonBody(CreateRoutingPolicy) },
    responses: answers(RoutingPolicyView, 201, "The policy"),
  }),
  list: createRoute({
    method: "get",
    path: "/v1/routing-policies",
    operationId: "listRoutingPolicies",
    tags,
    summary: "List routing policies",
    security: bearerAuth,
    request: { query: PageQuery },
    responses: answers(listOf(RoutingPolicyView), 200, "A page of policies, by id"),
  }),
  get: createRoute({
    method: "get",
    path: "/v1/routing-policies/{id}",
    operationId: "getRoutingPolicy",
    tags,
    summary: "A routing policy",
    security: bearerAuth,
    request: { params: IdParam("rpol") },
    responses: answers(RoutingPolicyView, 200, "The policy"),
  }),
  update: createRoute({
    method: "patch",
    path: "/v1/routing-policies/{id}",
    operationId: "updateRoutingPolicy",
    tags,
    summary: "Change a routing policy's tiers, default tier, low-balance rule or limit behaviour",
    security: bearerAuth,
    request: { params: IdParam("rpol"), ...jsonBody(UpdateRoutingPolicy) },
    responses: answers(RoutingPolicyView, 200, "The policy"),
  }),
  delete: createRoute({
    method: "delete",
    path: "/v1/routing-policies/{id}",
    operationId: "deleteRoutingPolicy",
    tags,
    summary: "Remove a routing policy; the nearest one above, if any, applies instead",
    security: bearerAuth,
    request: { params: IdParam("rpol") },
    responses: answers(RoutingPolicyView, 200, "The policy removed"),
  }),
};

export function routingPolicyView(row: RoutingPolicyRow): z.infer<typeof RoutingPolicyView> {
  const low = row.lowBalance;
  return {
    id: row.id,
    object: "routing_policy",
    pool: row.poolId,
    tiers: {
      light: [...row.tiers.light],
      standard: [...row.tiers.standard],
      heavy: [...row.tiers.heavy],
    },
    default_tier: row.defaultTier,
    route_all: row.routeAll,
    low_balance:
      low === null
        ? null
        : {
            below: low.below === null ? null : formatDecimal(low.below),
            below_percent: low.belowPercent,
            step_down: low.stepDown,
          },
    on_limit: row.onLimit,
    created_at: iso(row.createdAt) ?? "",
    updated_at: iso(row.updatedAt) ?? "",
  };
}

type LowBalanceBody = z.infer<typeof CreateRoutingPolicy>["low_balance"];

function lowBalanceOf(body: LowBalanceBody): LowBalanceRule | null {
  if (body === null) return null;
  return {
    below: body.below ?? null,
    belowPercent: body.below_percent ?? null,
    stepDown: body.step_down,
  };
}

export function routingPolicyRoutes(app: Api, deps: RouteDependencies): void {
  // Read when a request comes, not when routes are declared: an app may be declared without them.
  const routing = () => deps.services.routing;

  route(app, routes.create, async (c) => {
    const body = c.req.valid("json");
    const written = await routing().create(
      c.get("principal"),
      {
        pool: body.pool,
        tiers: body.tiers,
        defaultTier: body.default_tier,
        routeAll: body.route_all,
        lowBalance: lowBalanceOf(body.low_balance),
        onLimit: body.on_limit,
      },
      idempotencyKey(c, deps),
      routingPolicyView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(routingPolicyView(written.made), 201);
  });

  route(app, routes.list, async (c) => {
    const query = c.req.valid("query");
    const rows = await routing().list(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(routingPolicyView), query.limit), 200);
  });

  route(app, routes.get, async (c) => {
    const row = await routing().read(c.get("principal"), c.req.valid("param").id);
    return c.json(routingPolicyView(row), 200);
  });

  route(app, routes.update, async (c) => {
    const body = c.req.valid("json");
    const row = await routing().update(
      c.get("principal"),
      c.req.valid("param").id,
      {
        tiers: body.tiers,
        defaultTier: body.default_tier,
        routeAll: body.route_all,
        lowBalance: body.low_balance === undefined ? undefined : lowBalanceOf(body.low_balance),
        onLimit: body.on_limit,
      },
      routingPolicyView,
    );
    return c.json(routingPolicyView(row), 200);
  });

  route(app, routes.delete, async (c) => {
    const row = await routing().delete(
      c.get("principal"),
      c.req.valid("param").id,
      routingPolicyView,
    );
    return c.json(routingPolicyView(row), 200);
  });
}
