/** The pool tree: create, list, read with balances, change limits. `parent` never changes. */

import type { LedgerState } from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import { poolView } from "../../engine/answers.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { type Principal, reaches, requirePermission, requireReach } from "../auth.ts";
import { ApiError, answerResponse } from "../problem.ts";
import { requireUnbound } from "../roles.ts";
import { CreatePool, IdParam, listOf, PageQuery, Pool, UpdatePool } from "../schemas.ts";
import { answers, IdempotencyHeader, idempotencyKey, jsonBody, page } from "./common.ts";

const create = createRoute({
  method: "post",
  path: "/v1/pools",
  operationId: "createPool",
  tags: ["Pools"],
  summary: "Create a pool under a parent",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreatePool) },
  responses: answers(Pool, 201, "The new pool"),
});

const list = createRoute({
  method: "get",
  path: "/v1/pools",
  operationId: "listPools",
  tags: ["Pools"],
  summary: "List pools the key reaches",
  security: bearerAuth,
  request: { query: PageQuery },
  responses: answers(listOf(Pool), 200, "A page of pools, by id"),
});

const read = createRoute({
  method: "get",
  path: "/v1/pools/{id}",
  operationId: "getPool",
  tags: ["Pools"],
  summary: "A pool with its balances",
  security: bearerAuth,
  request: { params: IdParam("pool") },
  responses: answers(Pool, 200, "The pool as of now"),
});

const update = createRoute({
  method: "patch",
  path: "/v1/pools/{id}",
  operationId: "updatePool",
  tags: ["Pools"],
  summary: "Rename a pool or change its limits from now on",
  security: bearerAuth,
  request: { params: IdParam("pool"), headers: IdempotencyHeader, ...jsonBody(UpdatePool) },
  responses: answers(Pool, 200, "The pool"),
});

/** The organization's state as of now; every route reads through this. */
export async function stateOf(
  deps: RouteDependencies,
  organizationId: string,
): Promise<LedgerState> {
  const state = await deps.engine.readView(organizationId);
  if (state === null) throw new ApiError("organization_not_found");
  return state;
}

export function poolRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "pools.write");
    const body = c.req.valid("json");
    await deps.tree.require(principal, organizationId, body.parent, "parent");
    if (body.overage_limit !== null)
      requireUnbound(principal, "grant an overage allowance", "overage_limit");
    const answer = await deps.engine.submit(
      organizationId,
      {
        type: "create_pool",
        parentId: body.parent,
        name: body.name,
        drawsFromParent: body.draws_from_parent,
        limit: body.limit,
        overageLimit: body.overage_limit,
      },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer, 201);
  });

  route(app, list, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "pools.read");
    const query = c.req.valid("query");
    const state = await stateOf(deps, organizationId);
    const after = query.starting_after ?? "";
    const pools = [...state.pools.values()]
      .filter((pool) => pool.id > after && reaches(principal, state, pool.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit + 1)
      .map((pool) => poolView(state, pool));
    return c.json(page(pools, query.limit), 200);
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "pools.read");
    const { id } = c.req.valid("param");
    const state = await stateOf(deps, organizationId);
    return c.json(readPool(principal, state, id), 200);
  });

  route(app, update, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "pools.write");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    await deps.tree.require(principal, organizationId, id, "id");
    if (!(await deps.tree.below(principal, organizationId, id))) {
      const message =
        "A key bound to a pool changes only the pools below it: its own is set from above.";
      throw new ApiError("permission_denied", message, "id");
    }
    if (body.overage_limit !== undefined)
      requireUnbound(principal, "grant an overage allowance", "overage_limit");
    const answer = await deps.engine.submit(
      organizationId,
      {
        type: "update_pool",
        poolId: id,
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.limit === undefined ? {} : { limit: body.limit }),
        ...(body.overage_limit === undefined ? {} : { overageLimit: body.overage_limit }),
      },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer);
  });
}

export function readPool(principal: Principal, state: LedgerState, poolId: string) {
  requireReach(principal, state, poolId, "id");
  const pool = state.pools.get(poolId);
  if (pool === undefined) throw new ApiError("pool_not_found", undefined, "id");
  return poolView(state, pool);
}
