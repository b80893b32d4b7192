/** Members: the people and agents of an organization. */
import { createRoute } from "@hono/zod-openapi";
import { iso } from "../../engine/answers.ts";
import type { MemberRow } from "../../store/directory.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { requireGrantable, requirePermission } from "../auth.ts";
import { ApiError } from "../problem.ts";
import { CreateMember, IdParam, listOf, Member, PageQuery } from "../schemas.ts";
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
import { withinReach } from "./keys.ts";

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
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "members.write");
    const body = c.req.valid("json");
    const { idempotency, replay } = await idempotentRequest(c, deps, organizationId, {
      route: "members.create",
      ...body,
    });
    if (replay !== null) return replay;
    requireGrantable(principal, body.role, "add members of role", "role");
    const poolId = body.pool ?? principal.poolId;
    if (poolId !== null) await deps.tree.require(principal, organizationId, poolId);
    const member: MemberRow = {
      id: deps.ids.next("mem"),
      organizationId,
      name: body.name,
      kind: body.kind,
      role: body.role,
      poolId,
      email: body.email,
      createdAt: deps.clock(),
    };
    const view = memberView(member);
    const stored = await deps.store.insertMember(
      member,
      answerOf(idempotency, view, member.createdAt),
    );
    if (stored !== null) return replayOf(c, idempotency, stored);
    return c.json(view, 201);
  });

  route(app, list, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "members.read");
    const query = c.req.valid("query");
    const rows = await visiblePage(
      (startingAfter, limit) =>
        deps.store.listMembers(organizationId, {
          limit,
          ...(startingAfter === undefined ? {} : { startingAfter }),
        }),
      (member) => withinReach(deps, principal, organizationId, member.poolId),
      query.starting_after,
      query.limit,
    );
    return c.json(page(rows.map(memberView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "members.read");
    const { id } = c.req.valid("param");
    const member = await deps.store.readMember(organizationId, id);
    if (member === null || !(await withinReach(deps, principal, organizationId, member.poolId))) {
      throw new ApiError("member_not_found", undefined, "id");
    }
    return c.json(memberView(member), 200);
  });
}
