/** API keys of an organization: create (the secret is shown once), list, revoke. */
import { createRoute } from "@hono/zod-openapi";
import type { KeyRow, Role } from "../../services/services.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { ApiKey, CreateKey, IdParam, listOf, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

export function keyView(key: KeyRow) {
  return {
    id: key.id,
    object: "key" as const,
    name: key.name,
    prefix: key.prefix,
    role: key.role as Role,
    pool: key.poolId,
    member: key.memberId,
    created_at: iso(key.createdAt) ?? "",
    revoked_at: iso(key.revokedAt),
  };
}

const create = createRoute({
  method: "post",
  path: "/v1/keys",
  operationId: "createKey",
  tags: ["Keys"],
  summary: "Create an API key",
  description:
    "The answer carries the key's `secret` once; a replay with the same Idempotency-Key answers the key without it.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateKey) },
  responses: answers(ApiKey, 201, "The key, with its secret shown this once"),
});

const list = createRoute({
  method: "get",
  path: "/v1/keys",
  operationId: "listKeys",
  tags: ["Keys"],
  summary: "List API keys",
  security: bearerAuth,
  request: { query: PageQuery },
  responses: answers(listOf(ApiKey), 200, "A page of keys, without secrets"),
});

const revoke = createRoute({
  method: "delete",
  path: "/v1/keys/{id}",
  operationId: "revokeKey",
  tags: ["Keys"],
  summary: "Revoke an API key",
  security: bearerAuth,
  request: { params: IdParam("key") },
  responses: answers(ApiKey, 200, "The revoked key"),
});

export function keyRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const written = await deps.services.keys.create(
      c.get("principal"),
      c.req.valid("json"),
      idempotencyKey(c, deps),
      // The secret is never stored: a replay answers the key without it.
      (issued) => keyView(issued.row),
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json({ ...keyView(written.made.row), secret: written.made.secret }, 201);
  });

  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await deps.services.keys.list(c.get("principal"), {
      startingAfter: query.starting_after,
      limit: query.limit,
    });
    return c.json(page(rows.map(keyView), query.limit), 200);
  });

  route(app, revoke, async (c) => {
    const principal = c.get("principal");
    const revoked = await deps.services.keys.revoke(principal, c.req.valid("param").id, keyView);
    return c.json(keyView(revoked), 200);
  });
}
