/**
 * The pool tree: create, list, read with balances, change limits, archive an empty pool.
 * `parent` never changes and a pool is never deleted.
 */

import { limits } from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { NoBody } from "../billing-schemas.ts";
import {
  BoostPool,
  CreatePool,
  Pool,
  PoolListQuery,
  policyOf,
  UpdatePool,
} from "../pool-schemas.ts";
import { answerResponse } from "../problem.ts";
import { IdParam, listOf } from "../schemas.ts";
import { poolView } from "../views.ts";
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
  request: { query: PoolListQuery },
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
  summary: "Rename a pool or change its limits and governance from now on",
  security: bearerAuth,
  request: { params: IdParam("pool"), headers: IdempotencyHeader, ...jsonBody(UpdatePool) },
  responses: answers(Pool, 200, "The pool"),
});

const archive = createRoute({
  method: "post",
  path: "/v1/pools/{id}/archive",
  operationId: "archivePool",
  tags: ["Pools"],
  summary: "Archive an empty pool: it keeps its history and takes nothing new",
  description:
    "Refused with `pool_not_empty` while the pool has child pools not archived, open holds, " +
    "grants with credits left, or debt; the root is never archived. Afterwards holds, usage, " +
    "grants and child pools there answer `pool_archived`.",
  security: bearerAuth,
  request: { params: IdParam("pool"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
  responses: answers(Pool, 200, "The archived pool"),
});

const boost = createRoute({
  method: "post",
  path: "/v1/pools/{id}/boost",
  operationId: "boostPool",
  tags: ["Pools"],
  summary: "Raise a pool's hard limit for a while; it lapses by itself at `until`",
  description:
    "Replaces any boost the pool has; an amount of 0 ends it. Refused on `amount` for a pool " +
    "without a hard limit, on `until` when it is not after now or more than 31 days ahead.",
  security: bearerAuth,
  request: { params: IdParam("pool"), headers: IdempotencyHeader, ...jsonBody(BoostPool) },
  responses: answers(Pool, 200, "The pool with its boost"),
});

const endBoost = createRoute({
  method: "delete",
  path: "/v1/pools/{id}/boost",
  operationId: "endPoolBoost",
  tags: ["Pools"],
  summary: "End a pool's boost now: its hard limit is what it was",
  security: bearerAuth,
  request: { params: IdParam("pool"), headers: IdempotencyHeader },
  responses: answers(Pool, 200, "The pool without a boost"),
});

export function poolRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const body = c.req.valid("json");
    const answer = await deps.services.pools.create(
      c.get("principal"),
      {
        parent: body.parent,
        name: body.name,
        drawsFromParent: body.draws_from_parent,
        limit: body.limit,
        overageLimit: body.overage_limit,
        policy: policyOf(body),
      },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer, 201);
  });

  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const pools = await deps.services.pools.list(
      c.get("principal"),
      { startingAfter: query.starting_after, limit: query.limit },
      query.include_archived === "true",
    );
    return c.json(page(pools.map(poolView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(poolView(await deps.services.pools.read(c.get("principal"), id)), 200);
  });

  route(app, update, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const answer = await deps.services.pools.update(
      c.get("principal"),
      id,
      {
        name: body.name,
        limit: body.limit,
        overageLimit: body.overage_limit,
        policy: policyOf(body),
      },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });

  route(app, archive, async (c) => {
    const { id } = c.req.valid("param");
    const answer = await deps.services.pools.archive(
      c.get("principal"),
      id,
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });

  route(app, boost, async (c) => {
    const { id } = c.req.valid("param");
    const { amount, until } = c.req.valid("json");
    const answer = await deps.services.pools.boost(
      c.get("principal"),
      id,
      { amount, until },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });

  route(app, endBoost, async (c) => {
    const { id } = c.req.valid("param");
    // Ending asks the ledger for a boost of 0; `until` is checked as a time and then unused.
    const answer = await deps.services.pools.boost(
      c.get("principal"),
      id,
      { amount: 0n, until: limits.timeMsMin },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });
}
