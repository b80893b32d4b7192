/** Seat assignments: members holding a subscription's seats, which `seat_access` may require. */
import { createRoute } from "@hono/zod-openapi";
import type { SeatAssignmentRow } from "../../services/seat-assignments.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { AssignSeat, SeatAssignmentParams, SeatAssignmentView } from "../seat-schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const assignSeat = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/assignments",
  operationId: "assignSeat",
  tags: ["Billing"],
  summary: "Give a member one of the subscription's seats",
  description:
    "A member who already holds a seat is answered that assignment (200), and nothing is written. When every seat is taken the answer is `409 seats_exhausted`; two requests racing for the last seat never both take it. Under `seat_access: assigned` only members holding a seat may hold at the subscription's pools.",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(AssignSeat) },
  responses: {
    ...answers(SeatAssignmentView, 201, "The new assignment"),
    200: {
      description: "The member already held a seat: that assignment",
      content: { "application/json": { schema: SeatAssignmentView } },
    },
  },
});

const unassignSeat = createRoute({
  method: "delete",
  path: "/v1/subscriptions/{id}/assignments/{member}",
  operationId: "unassignSeat",
  tags: ["Billing"],
  summary: "Take a member's seat back",
  security: bearerAuth,
  request: { params: SeatAssignmentParams },
  responses: answers(SeatAssignmentView, 200, "The removed assignment"),
});

const listAssignments = createRoute({
  method: "get",
  path: "/v1/subscriptions/{id}/assignments",
  operationId: "listSeatAssignments",
  tags: ["Billing"],
  summary: "The members holding the subscription's seats",
  security: bearerAuth,
  request: { params: IdParam("sub"), query: PageQuery },
  responses: answers(listOf(SeatAssignmentView), 200, "A page of assignments, by member id"),
});

export function seatAssignmentView(row: SeatAssignmentRow) {
  return {
    object: "seat_assignment" as const,
    subscription: row.subscriptionId,
    member: row.memberId,
    assigned_at: iso(row.assignedAt) ?? "",
  };
}

export function seatAssignmentRoutes(app: Api, deps: RouteDependencies): void {
  const { services } = deps;

  route(app, assignSeat, async (c) => {
    const written = await services.seats.assign(
      c.get("principal"),
      c.req.valid("param").id,
      c.req.valid("json").member,
      idempotencyKey(c, deps),
      seatAssignmentView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    const { assignment, created } = written.made;
    return c.json(seatAssignmentView(assignment), created ? 201 : 200);
  });

  route(app, unassignSeat, async (c) => {
    const { id, member } = c.req.valid("param");
    const written = await services.seats.unassign(
      c.get("principal"),
      id,
      member,
      idempotencyKey(c, deps),
      seatAssignmentView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(seatAssignmentView(written.made), 200);
  });

  route(app, listAssignments, async (c) => {
    const query = c.req.valid("query");
    const rows = await services.seats.list(c.get("principal"), c.req.valid("param").id, {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(seatAssignmentView), query.limit), 200);
  });
}
