/** API keys of an organization: create (the secret is shown once), list, revoke. */
import { createRoute } from "@hono/zod-openapi";
import { iso } from "../../engine/answers.ts";
import type { KeyRow, Role } from "../../store/directory.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import {
  hashKey,
  keyPrefixOf,
  newKeySecret,
  type Principal,
  requireGrantable,
  requirePermission,
} from "../auth.ts";
import { ApiError } from "../problem.ts";
import { ApiKey, CreateKey, IdParam, listOf, PageQuery } from "../schemas.ts";
import {
  answerOf,
  answers,
  IdempotencyHeader,
  idempotentRequest,
  jsonBody,
  page,
  replayOf,
  visiblePage,
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
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "keys.write");
    const body = c.req.valid("json");
    const { idempotency, replay } = await idempotentRequest(c, deps, organizationId, {
      route: "keys.create",
      ...body,
    });
    if (replay !== null) return replay;
    requireGrantable(principal, body.role, "create keys of role", "role");
    const poolId = body.pool ?? principal.poolId;
    if (poolId !== null) await deps.tree.require(principal, organizationId, poolId);
    if (
      body.member !== null &&
      (await deps.store.readMember(organizationId, body.member)) === null
    ) {
      throw new ApiError("member_not_found", undefined, "member");
    }
    const secret = newKeySecret(deps.fillRandom);
    const row: KeyRow = {
      id: deps.ids.next("key"),
      organizationId,
      prefix: keyPrefixOf(secret),
      hash: hashKey(secret),
      role: body.role,
      poolId,
      memberId: body.member,
      name: body.name,
      createdAt: deps.clock(),
      revokedAt: null,
    };
    // The secret is never stored: a replay answers the key without it.
    const answer = answerOf(idempotency, keyView(row), row.createdAt);
    const stored = await deps.store.insertKey(row, answer);
    if (stored !== null) return replayOf(c, idempotency, stored);
    return c.json({ ...keyView(row), secret }, 201);
  });

  route(app, list, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "keys.read");
    const query = c.req.valid("query");
    const rows = await visiblePage(
      (startingAfter, limit) =>
        deps.store.listKeys(organizationId, {
          limit,
          ...(startingAfter === undefined ? {} : { startingAfter }),
        }),
      (key) => withinReach(deps, principal, organizationId, key.poolId),
      query.starting_after,
      query.limit,
    );
    return c.json(page(rows.map(keyView), query.limit), 200);
  });

  route(app, revoke, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "keys.write");
    const { id } = c.req.valid("param");
    const key = await deps.store.readKey(organizationId, id);
    if (key === null || !(await withinReach(deps, principal, organizationId, key.poolId))) {
      throw new ApiError("key_not_found", undefined, "id");
    }
    requireGrantable(principal, key.role, "revoke keys of role", "id");
    const revoked = await deps.store.revokeKey(organizationId, id, deps.clock());
    if (revoked === null) throw new ApiError("key_not_found", undefined, "id");
    return c.json(keyView(revoked), 200);
  });
}

/**
 * Whether an object bound to `poolId` (null: the whole organization) lies within the caller's
 * reach: an unbound caller reaches everything; a bound caller only objects bound inside its subtree.
 */
export async function withinReach(
  deps: RouteDependencies,
  principal: Principal,
  organizationId: string,
  poolId: string | null,
): Promise<boolean> {
  if (principal.poolId === null) return true;
  return poolId !== null && deps.tree.reaches(principal, organizationId, poolId);
}
