/** Organizations: the operator creates them; every other key reads its own. */
import { createRoute } from "@hono/zod-openapi";
import { iso } from "../../engine/answers.ts";
import type { KeyRow } from "../../store/directory.ts";
import type { OrganizationRow } from "../../store/port.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { hashKey, keyPrefixOf, newKeySecret, organizationOf, requirePermission } from "../auth.ts";
import { ApiError } from "../problem.ts";
import { CreatedOrganization, CreateOrganization, Organization } from "../schemas.ts";
import {
  answerOf,
  answers,
  IdempotencyHeader,
  idempotentRequest,
  jsonBody,
  operatorScope,
  replayOf,
} from "./common.ts";
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
    const principal = c.get("principal");
    if (principal.role !== "operator") {
      throw new ApiError("permission_denied", "Only the operator key creates organizations.");
    }
    const { name } = c.req.valid("json");
    const { idempotency, replay } = await idempotentRequest(c, deps, operatorScope, {
      route: "organizations.create",
      name,
    });
    if (replay !== null) return replay;
    const secret = newKeySecret(deps.fillRandom);
    const keyId = deps.ids.next("key");
    const ownerOf = (organization: OrganizationRow): KeyRow => ({
      id: keyId,
      organizationId: organization.id,
      prefix: keyPrefixOf(secret),
      hash: hashKey(secret),
      role: "owner",
      poolId: null,
      memberId: null,
      name: "owner",
      createdAt: organization.createdAt,
      revokedAt: null,
    });
    const viewOf = (organization: OrganizationRow) => ({
      organization: organizationView(organization),
      owner_key: keyView(ownerOf(organization)),
    });
    // One transaction: the organization, its root pool, its owner key and this answer. The
    // owner key's secret is never stored: a replay answers the organization and its key without it.
    const created = await deps.engine.createOrganization(name, (organization) => ({
      key: ownerOf(organization),
      answer: answerOf(idempotency, viewOf(organization), organization.createdAt),
    }));
    if ("stored" in created) return replayOf(c, idempotency, created.stored);
    const body = viewOf(created.organization);
    return c.json({ ...body, owner_key: { ...body.owner_key, secret } }, 201);
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    requirePermission(principal, "organization.read");
    const row = await deps.store.readOrganization(organizationOf(principal));
    if (row === null) throw new ApiError("organization_not_found");
    return c.json(organizationView(row), 200);
  });
}
