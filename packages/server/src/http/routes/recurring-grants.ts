/** Recurring grants: a grant issued to a pool every period, until canceled or ended. */
import { formatDecimal } from "@creditpool/core";
import { createRoute, type z } from "@hono/zod-openapi";
import { latestGrantIds, nextIssueAt } from "../../services/recurring-grant-periods.ts";
import type { RecurringGrant } from "../../services/recurring-grants.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { NoBody } from "../billing-schemas.ts";
import { CreateRecurringGrant, RecurringGrantView } from "../recurring-grant-schemas.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const create = createRoute({
  method: "post",
  path: "/v1/recurring-grants",
  operationId: "createRecurringGrant",
  tags: ["Grants"],
  summary: "Grant credits to a pool every period",
  description:
    "Every month or year from `anchor_at`, a grant of these terms is issued to the pool, exactly once a period. The periods begun by now are issued at once, and the answer names their grants.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateRecurringGrant) },
  responses: answers(RecurringGrantView, 201, "The recurring grant"),
});

const list = createRoute({
  method: "get",
  path: "/v1/recurring-grants",
  operationId: "listRecurringGrants",
  tags: ["Grants"],
  summary: "List recurring grants",
  security: bearerAuth,
  request: { query: PageQuery },
  responses: answers(listOf(RecurringGrantView), 200, "A page of recurring grants, by id"),
});

const read = createRoute({
  method: "get",
  path: "/v1/recurring-grants/{id}",
  operationId: "getRecurringGrant",
  tags: ["Grants"],
  summary: "A recurring grant as of now, with its latest grants",
  security: bearerAuth,
  request: { params: IdParam("rgr") },
  responses: answers(RecurringGrantView, 200, "The recurring grant"),
});

const cancel = createRoute({
  method: "post",
  path: "/v1/recurring-grants/{id}/cancel",
  operationId: "cancelRecurringGrant",
  tags: ["Grants"],
  summary: "Stop a recurring grant: no period after now is issued; its grants stay",
  security: bearerAuth,
  request: { params: IdParam("rgr"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
  responses: answers(RecurringGrantView, 200, "The recurring grant"),
});

export function recurringGrantView(row: RecurringGrant): z.infer<typeof RecurringGrantView> {
  return {
    id: row.id,
    object: "recurring_grant",
    pool: row.poolId,
    amount: formatDecimal(row.amount),
    source: row.source as z.infer<typeof RecurringGrantView>["source"],
    priority: row.priority,
    cost_basis: formatDecimal(row.costBasis),
    expiry: row.expiry === "days" ? { days: row.expiryDays ?? 0 } : row.expiry,
    rollover:
      row.rolloverCap === null
        ? null
        : { cap: formatDecimal(row.rolloverCap), lifetime_days: row.rolloverDays ?? 0 },
    interval: row.interval,
    anchor_at: iso(row.anchorAt) ?? "",
    time_zone: row.timeZone,
    periods: row.periodsMax,
    ends_at: iso(row.endsAt),
    status: row.status,
    periods_issued: row.nextIndex,
    next_issue_at: iso(nextIssueAt(row)),
    grants: latestGrantIds(row),
    created_at: iso(row.createdAt) ?? "",
    canceled_at: iso(row.canceledAt),
  };
}

export function recurringGrantRoutes(app: Api, deps: RouteDependencies): void {
  const { services } = deps;

  route(app, create, async (c) => {
    const body = c.req.valid("json");
    const written = await services.recurringGrants.create(
      c.get("principal"),
      {
        pool: body.pool,
        amount: body.amount,
        source: body.source,
        priority: body.priority,
        costBasis: body.cost_basis,
        expiry: typeof body.expiry === "string" ? body.expiry : "days",
        expiryDays: typeof body.expiry === "string" ? null : body.expiry.days,
        rollover:
          body.rollover === undefined
            ? null
            : { cap: body.rollover.cap, lifetimeDays: body.rollover.lifetime_days },
        interval: body.interval,
        anchorAt: body.anchor_at,
        timeZone: body.time_zone,
        periods: body.periods ?? null,
        endsAt: body.ends_at ?? null,
      },
      idempotencyKey(c, deps),
      recurringGrantView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(recurringGrantView(written.made), 201);
  });

  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await services.recurringGrants.list(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(recurringGrantView), query.limit), 200);
  });

  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    const row = await services.recurringGrants.read(c.get("principal"), id);
    return c.json(recurringGrantView(row), 200);
  });

  route(app, cancel, async (c) => {
    const { id } = c.req.valid("param");
    const written = await services.recurringGrants.cancel(
      c.get("principal"),
      id,
      idempotencyKey(c, deps),
      recurringGrantView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(recurringGrantView(written.made), 200);
  });
}
