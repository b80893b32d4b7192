/** Grants: credits placed in a pool; listed, read, voided, and their expiry changed. */
import { createRoute } from "@hono/zod-openapi";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { answerResponse } from "../problem.ts";
import {
  ChangeGrantExpiry,
  CreateGrant,
  Grant,
  IdParam,
  idOf,
  listOf,
  PageQuery,
  ReallocateGrant,
  ReleaseHold,
} from "../schemas.ts";
import { grantView } from "../views.ts";
import { answers, IdempotencyHeader, idempotencyKey, jsonBody, page } from "./common.ts";

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

const expiryRoute = createRoute({
  method: "post",
  path: "/v1/grants/{id}/expiry",
  operationId: "changeGrantExpiry",
  tags: ["Grants"],
  summary: "Change an open grant's expiry: later, earlier (never before now) or never",
  security: bearerAuth,
  request: {
    params: IdParam("grant"),
    headers: IdempotencyHeader,
    ...jsonBody(ChangeGrantExpiry),
  },
  responses: answers(Grant, 200, "The grant with its new expiry"),
});

const reallocateRoute = createRoute({
  method: "post",
  path: "/v1/grants/{id}/reallocate",
  operationId: "reallocateGrant",
  tags: ["Grants"],
  summary: "Move part of a grant's unheld remainder to a new grant at another pool",
  description:
    "The new grant keeps the grant's source, priority, cost basis and expiry, and names it in " +
    "`reallocated_from`. The pool must end its draw chain at the grant's carrier " +
    "(`reallocation_target_outside`). Needs `grants.write`, which no key bound to a pool holds.",
  security: bearerAuth,
  request: {
    params: IdParam("grant"),
    headers: IdempotencyHeader,
    ...jsonBody(ReallocateGrant),
  },
  responses: answers(Grant, 201, "The new grant"),
});

const undoRoute = createRoute({
  method: "post",
  path: "/v1/grants/{id}/undo-reallocation",
  operationId: "undoGrantReallocation",
  tags: ["Grants"],
  summary: "Within 24 hours, move what of a reallocated grant is unheld back to its source",
  description:
    "Refused with `reallocation_not_undoable` for a grant not made by a reallocation, past the " +
    "window, or when the source grant is closed.",
  security: bearerAuth,
  request: {
    params: IdParam("grant"),
    headers: IdempotencyHeader,
    ...jsonBody(ReleaseHold, false),
  },
  responses: answers(Grant, 200, "The reallocated grant, with nothing left unheld"),
});

export function grantRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const body = c.req.valid("json");
    const answer = await deps.services.grants.create(
      c.get("principal"),
      {
        pool: body.pool,
        amount: body.amount,
        source: body.source,
        priority: body.priority,
        effectiveAt: body.effective_at ?? null,
        expiresAt: body.expires_at ?? null,
        costBasis: body.cost_basis,
        rollover:
          body.rollover === undefined
            ? null
            : { cap: body.rollover.cap, expiresAt: body.rollover.expires_at },
      },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer, 201);
  });

  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const grants = await deps.services.grants.list(
      c.get("principal"),
      { startingAfter: query.starting_after, limit: query.limit },
      query.pool,
    );
    return c.json(page(grants.map(grantView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(grantView(await deps.services.grants.read(c.get("principal"), id)), 200);
  });

  route(app, voidRoute, async (c) => {
    const { id } = c.req.valid("param");
    const answer = await deps.services.grants.void(c.get("principal"), id, idempotencyKey(c, deps));
    return answerResponse(c, answer);
  });

  route(app, expiryRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { expires_at } = c.req.valid("json");
    const answer = await deps.services.grants.changeExpiry(
      c.get("principal"),
      id,
      expires_at,
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });

  route(app, reallocateRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { pool, amount } = c.req.valid("json");
    const answer = await deps.services.grants.reallocate(
      c.get("principal"),
      id,
      { pool, amount },
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer, 201);
  });

  route(app, undoRoute, async (c) => {
    const { id } = c.req.valid("param");
    const answer = await deps.services.grants.undoReallocation(
      c.get("principal"),
      id,
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });
}
