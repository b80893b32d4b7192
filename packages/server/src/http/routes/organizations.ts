/** Organizations: the operator creates them; every other key reads its own. */
import { createRoute } from "@hono/zod-openapi";
import { iso } from "../../engine/answers.ts";
import type { KeyRow } from "../../store/directory.ts";
import type { OrganizationRow } from "../../store/port.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import {
  hashKey,
  keyPrefixLength,
  newKeySecret,
  organizationOf,
  requirePermission,
} from "../auth.ts";
import { ApiError } from "../problem.ts";
import { CreatedOrganization, CreateOrganization, Organization } from "../schemas.ts";
import { answers, directoryIdempotency, IdempotencyHeader, jsonBody } from "./common.ts";
import { keyView } from "./keys.ts";

/** Answers to the operator's requests belong to no organization. */
const operatorScope = "operator";

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
    const { key, fingerprint, replay } = await directoryIdempotency(c, deps, operatorScope, {
      route: "organizations.create",
      name,
    });
    if (replay !== null) return replay;
    const organization = await deps.engine.createOrganization(name);
    const secret = newKeySecret(deps.fillRandom);
    const owner: KeyRow = {
      id: deps.ids.next("key"),
      organizationId: organization.id,
      prefix: secret.slice(0, keyPrefixLength),
      hash: hashKey(secret),
      role: "owner",
      poolId: null,
      memberId: null,
      name: "owner",
      createdAt: deps.clock(),
      revokedAt: null,
    };
    await deps.store.insertKey(owner, null);
    const body = { organization: organizationView(organization), owner_key: keyView(owner) };
    // The owner key's secret is never stored: a replay answers the organization and its key without it.
    const answer = { key, fingerprint, answer: JSON.stringify(body), createdAt: owner.createdAt };
    await deps.store.saveAnswer(operatorScope, answer);
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
