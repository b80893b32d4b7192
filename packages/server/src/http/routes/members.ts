/** Members: the people and agents of an organization. */
import { createRoute } from "@hono/zod-openapi";
import type { MemberRow } from "../../services/services.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { CreateMember, IdParam, listOf, Member, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

export function memberView(member: MemberRow) {
  return {
    id: member.id,
    object: "member" as const,
    name: member.name,
    kind: member.kind,
    role: member.role,
    pool: member.poolId,
    email: member.email,
    created_at: iso(member.createdAt) ?? "",
  };
}

const create = createRoute({
  method: "post",
  path: "/v1/members",
  operationId: "createMember",
  tags: ["Members"],
  summary: "Add a person or an agent",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateMember) },
  responses: answers(Member, 201, "The member"),
});

const list = createRoute({
  method: "get",
  path: "/v1/members",
  operationId: "listMembers",
  tags: ["Members"],
  summary: "List members",
  security: bearerAuth,
  request: { query: PageQuery },
  responses: answers(listOf(Member), 200, "A page of members, by id"),
});

const read = createRoute({
  method: "get",
  path: "/v1/members/{id}",
  operationId: "getMember",
  tags: ["Members"],
  summary: "A member",
  security: bearerAuth,
  request: { params: IdParam("mem") },
  responses: answers(Member, 200, "The member"),
});

export function memberRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const written = await deps.services.members.create(
      c.get("principal"),
      c.req.valid("json"),
      idempotencyKey(c, deps),
      memberView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(memberView(written.made), 201);
  });

  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await deps.services.members.list(c.get("principal"), {
      startingAfter: query.starting_after,
      limit: query.limit,
    });
    return c.json(page(rows.map(memberView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const member = await deps.services.members.read(c.get("principal"), c.req.valid("param").id);
    return c.json(memberView(member), 200);
  });
}
