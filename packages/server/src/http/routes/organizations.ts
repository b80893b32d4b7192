/** Organizations: the operator creates them; every other key reads its own. */
import { createRoute } from "@hono/zod-openapi";
import type { NewOrganization } from "../../services/organizations.ts";
import type { OrganizationRow } from "../../services/services.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { CreatedOrganization, CreateOrganization, Organization } from "../schemas.ts";
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
  summary: "The key's organization",
  security: bearerAuth,
  responses: answers(Organization, 200, "The organization, with its root pool"),
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
    const row = await deps.services.organizations.read(c.get("principal"));
    return c.json(organizationView(row), 200);
  });
}
