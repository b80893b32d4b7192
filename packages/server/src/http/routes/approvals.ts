/**
 * Approval gates: the requests (holds refused `approval_required`), and an approver's answer. A
 * request's id is its decision record's; the requester asks for the hold again with `approval`.
 */
import { formatDecimal, limits } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Approval } from "../../services/approvals.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { IdParam, idOf, listOf, PageQuery, Text, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, IdempotencyHeader, jsonBody, page } from "./common.ts";

const Status = z.enum(["pending", "approved", "denied", "expired"]);

export const ApprovalView = z
  .object({
    id: idOf("dec").openapi({ description: "The approval request: the refused hold's decision." }),
    object: z.literal("approval"),
    status: Status,
    pool: idOf("pool").openapi({ description: "The pool whose `approval_above` the hold passed." }),
    requested_pool: idOf("pool"),
    amount: z.string().openapi({ description: "The credits asked for: the quoted cost." }),
    member: z.string().nullable(),
    key: z.string().nullable(),
    model: z.string().nullable(),
    rate_card_version: z.string().nullable(),
    requested_at: Timestamp,
    decided_by: z.string().nullable(),
    decided_at: Timestamp.nullable(),
    expires_at: Timestamp.openapi({
      description: "Until when the request may be answered, or (approved) the hold be made.",
    }),
    note: z.string().nullable(),
  })
  .openapi("Approval");

const ApprovalQuery = PageQuery.extend({ status: Status.optional() });
const Decide = z.strictObject({ note: Text(500).optional() }).openapi("DecideApproval");

const list = createRoute({
  method: "get",
  path: "/v1/approvals",
  operationId: "listApprovals",
  tags: ["Governance"],
  summary: "Approval requests, newest first",
  security: bearerAuth,
  request: { query: ApprovalQuery },
  responses: answers(listOf(ApprovalView), 200, "A page of approval requests"),
});

const read = createRoute({
  method: "get",
  path: "/v1/approvals/{id}",
  operationId: "getApproval",
  tags: ["Governance"],
  summary: "An approval request and its answer",
  security: bearerAuth,
  request: { params: IdParam("dec") },
  responses: answers(ApprovalView, 200, "The approval request"),
});

function decideRoute(verb: "approve" | "deny") {
  return createRoute({
    method: "post",
    path: `/v1/approvals/{id}/${verb}`,
    operationId: `${verb}Approval`,
    tags: ["Governance"],
    summary: verb === "approve" ? "Approve a hold above a gate" : "Deny a hold above a gate",
    description:
      "The first answer stands: the same answer again answers the request as it is, the other answer is refused `approval_not_usable`.",
    security: bearerAuth,
    request: { params: IdParam("dec"), headers: IdempotencyHeader, ...jsonBody(Decide, false) },
    responses: answers(ApprovalView, 200, "The approval request, answered"),
  });
}

export function approvalView(approval: Approval) {
  const { request, answer, status } = approval;
  return {
    id: request.id,
    object: "approval" as const,
    status,
    pool: request.poolId,
    requested_pool: request.holdPoolId,
    amount: formatDecimal(request.amount),
    member: request.memberId,
    key: request.keyId,
    model: request.model,
    rate_card_version: request.rateCardVersion,
    requested_at: iso(request.at) ?? "",
    decided_by: answer?.decidedBy ?? null,
    decided_at: answer === null ? null : iso(answer.decidedAt),
    expires_at: iso(answer?.expiresAt ?? request.at + limits.approvalRequestValidityMs) ?? "",
    note: answer?.note ?? null,
  };
}

export function approvalRoutes(app: Api, deps: RouteDependencies): void {
  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await deps.services.approvals.list(c.get("principal"), query.status, {
      startingAfter: query.starting_after,
      limit: query.limit,
    });
    return c.json(page(rows.map(approvalView), query.limit), 200);
  });
  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(approvalView(await deps.services.approvals.read(c.get("principal"), id)), 200);
  });
  for (const [verb, status] of [
    ["approve", "approved"],
    ["deny", "denied"],
  ] as const) {
    route(app, decideRoute(verb), async (c) => {
      const { id } = c.req.valid("param");
      const note = c.req.valid("json").note ?? null;
      const decided = await deps.services.approvals.decide(c.get("principal"), id, status, note);
      return c.json(approvalView(decided), 200);
    });
  }
}
