/** Grants: credits placed in a pool; listed, read, and voided (never edited). */
import { createRoute } from "@hono/zod-openapi";
import { grantView } from "../../engine/answers.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { requirePermission } from "../auth.ts";
import { ApiError, answerResponse } from "../problem.ts";
import { CreateGrant, Grant, IdParam, idOf, listOf, PageQuery, ReleaseHold } from "../schemas.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  visiblePage,
} from "./common.ts";
import { stateOf } from "./pools.ts";

const create = createRoute({
  method: "post",
  path: "/v1/grants",
  operationId: "createGrant",
  tags: ["Grants"],
  summary: "Grant credits to a pool",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateGrant) },
  responses: answers(Grant, 201, "The grant"),
});

const list = createRoute({
  method: "get",
  path: "/v1/grants",
  operationId: "listGrants",
  tags: ["Grants"],
  summary: "List grants, optionally of one pool",
  security: bearerAuth,
  request: { query: PageQuery.extend({ pool: idOf("pool").optional() }) },
  responses: answers(listOf(Grant), 200, "A page of grants, by id"),
});

const read = createRoute({
  method: "get",
  path: "/v1/grants/{id}",
  operationId: "getGrant",
  tags: ["Grants"],
  summary: "A grant as of now",
  security: bearerAuth,
  request: { params: IdParam("grant") },
  responses: answers(Grant, 200, "The grant"),
});

const voidRoute = createRoute({
  method: "post",
  path: "/v1/grants/{id}/void",
  operationId: "voidGrant",
  tags: ["Grants"],
  summary: "Void a grant: forfeit what is left unheld",
  security: bearerAuth,
  request: {
    params: IdParam("grant"),
    headers: IdempotencyHeader,
    ...jsonBody(ReleaseHold, false),
  },
  responses: answers(Grant, 200, "The voided grant"),
});

export function grantRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "grants.write");
    const body = c.req.valid("json");
    await deps.tree.require(principal, organizationId, body.pool);
    const answer = await deps.engine.submit(
      organizationId,
      {
        type: "create_grant",
        poolId: body.pool,
        amount: body.amount,
        source: body.source,
        priority: body.priority,
        effectiveAt: body.effective_at ?? null,
        expiresAt: body.expires_at ?? null,
        costBasis: body.cost_basis,
      },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer, 201);
  });

  route(app, list, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "grants.read");
    const query = c.req.valid("query");
    if (query.pool !== undefined) await deps.tree.require(principal, organizationId, query.pool);
    const rows = await visiblePage(
      (startingAfter, limit) =>
        deps.store.listGrants(organizationId, {
          limit,
          ...(startingAfter === undefined ? {} : { startingAfter }),
          ...(query.pool === undefined ? {} : { poolId: query.pool }),
        }),
      (grant) => deps.tree.reaches(principal, organizationId, grant.poolId),
      query.starting_after,
      query.limit,
    );
    const state = await stateOf(deps, organizationId);
    const views = rows.map((grant) => grantView(state.grants.get(grant.id) ?? grant, state.now));
    return c.json(page(views, query.limit), 200);
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "grants.read");
    const { id } = c.req.valid("param");
    const grant = await deps.store.readGrant(organizationId, id);
    if (grant === null || !(await deps.tree.reaches(principal, organizationId, grant.poolId)))
      throw new ApiError("grant_not_found", undefined, "id");
    // The view as of now: a hold past its TTL holds nothing, even before the sweep wrote it.
    const state = await stateOf(deps, organizationId);
    return c.json(grantView(state.grants.get(id) ?? grant, state.now), 200);
  });

  route(app, voidRoute, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "grants.write");
    const { id } = c.req.valid("param");
    const grant = await deps.store.readGrant(organizationId, id);
    if (grant === null || !(await deps.tree.reaches(principal, organizationId, grant.poolId)))
      throw new ApiError("grant_not_found", undefined, "id");
    const answer = await deps.engine.submit(
      organizationId,
      { type: "void_grant", grantId: id },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer);
  });
}
