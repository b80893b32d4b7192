/** Organizations: the operator creates them; every other key reads its own. */
import assert from "node:assert/strict";
import { createRoute } from "@hono/zod-openapi";
import type { NewOrganization } from "../../services/organizations.ts";
import type { OrganizationRow, Role } from "../../services/services.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { CreatedOrganization, CreateOrganization, CurrentOrganization } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, IdempotencyHeader, idempotencyKey, jsonBody, replayResponse } from "./common.ts";
import { keyView } from "./keys.ts";

export function organizationView(row: OrganizationRow) {
  return {
    id: row.id,
    object: "organization" as const,
    name: row.name,
    root_pool: row.rootPoolId,
    created_at: iso(row.createdAt) ?? "",
  };
}

const create = createRoute({
  method: "post",
  path: "/v1/organizations",
  operationId: "createOrganization",
  tags: ["Organizations"],
  summary: "Create an organization (operator key)",
  description: "Creates an organization and its root pool, and answers an owner key once.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateOrganization) },
  responses: answers(CreatedOrganization, 201, "The organization and its owner key, shown once"),
});

const read = createRoute({
  method: "get",
  path: "/v1/organization",
  operationId: "getOrganization",
  tags: ["Organizations"],
  summary: "The key's organization, and the key that asked",
  security: bearerAuth,
  responses: answers(
    CurrentOrganization,
    200,
    "The organization, its root pool, and the key's reach",
  ),
});

export function organizationRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    // The owner key's secret is never stored: a replay answers the organization and its key
    // without it.
    const viewOf = (made: NewOrganization) => ({
      organization: organizationView(made.organization),
      owner_key: keyView(made.owner.row),
    });
    const written = await deps.services.organizations.create(
      c.get("principal"),
      c.req.valid("json").name,
      idempotencyKey(c, deps),
      viewOf,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    const body = viewOf(written.made);
    return c.json(
      { ...body, owner_key: { ...body.owner_key, secret: written.made.owner.secret } },
      201,
    );
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    const row = await deps.services.organizations.read(principal);
    // The operator's key acts for no organization: the read above refuses it.
    assert.notEqual(principal.role, "operator");
    const role = principal.role as Role;
    const key = { id: principal.keyId, role, pool: principal.poolId, member: principal.memberId };
    return c.json({ ...organizationView(row), key }, 200);
  });
}
