/** Alert rules, and the alerts they raise: list, read, acknowledge, resolve. */
import { formatDecimal } from "@creditpool/core";
import { createRoute, type z } from "@hono/zod-openapi";
import { alertUnit } from "../../services/alert-evaluator.ts";
import { type AlertRow, type AlertRuleRow, thresholdField } from "../../services/alerts.ts";
import {
  AlertQuery,
  AlertRuleView,
  AlertView,
  CreateAlertRule,
  UpdateAlertRule,
} from "../alert-schemas.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { NoBody } from "../billing-schemas.ts";
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

const tags = ["Alerts"];
/** Percentages and counts are kept in micro-units, as credits are. */
const wholeMicros = 1_000_000n;

interface ThresholdInput {
  readonly thresholds?: readonly number[] | undefined;
  readonly below?: readonly bigint[] | undefined;
  readonly members?: readonly number[] | undefined;
  readonly outcomes?: readonly number[] | undefined;
}

/** The thresholds in whichever field they came, in micro-units; undefined when none came. */
function thresholdsOf(body: ThresholdInput): bigint[] | undefined {
  if (body.below !== undefined) return [...body.below];
  const whole = body.thresholds ?? body.members ?? body.outcomes;
  return whole?.map((value) => BigInt(value) * wholeMicros);
}

function thresholdsParamOf(body: ThresholdInput): string {
  if (body.below !== undefined) return "below";
  if (body.members !== undefined) return "members";
  return body.outcomes !== undefined ? "outcomes" : "thresholds";
}

const routes = {
  createRule: createRoute({
    method: "post",
    path: "/v1/alert-rules",
    operationId: "createAlertRule",
    tags,
    summary: "Watch a pool: its limit, its grants, its balance or its forecast",
    description: [
      "The evaluator checks enabled rules every few seconds and raises an alert once per",
      "threshold crossed per period (the pool's limit period, else the calendar month).",
    ].join(" "),
    security: bearerAuth,
    request: { headers: IdempotencyHeader, ...jsonBody(CreateAlertRule) },
    responses: answers(AlertRuleView, 201, "The rule"),
  }),
  listRules: createRoute({
    method: "get",
    path: "/v1/alert-rules",
    operationId: "listAlertRules",
    tags,
    summary: "List alert rules",
    security: bearerAuth,
    request: { query: PageQuery },
    responses: answers(listOf(AlertRuleView), 200, "A page of rules, by id"),
  }),
  getRule: createRoute({
    method: "get",
    path: "/v1/alert-rules/{id}",
    operationId: "getAlertRule",
    tags,
    summary: "An alert rule",
    security: bearerAuth,
    request: { params: IdParam("arule") },
    responses: answers(AlertRuleView, 200, "The rule"),
  }),
  updateRule: createRoute({
    method: "patch",
    path: "/v1/alert-rules/{id}",
    operationId: "updateAlertRule",
    tags,
    summary: "Change a rule's thresholds, window, or whether it is enabled",
    security: bearerAuth,
    request: { params: IdParam("arule"), ...jsonBody(UpdateAlertRule) },
    responses: answers(AlertRuleView, 200, "The rule"),
  }),
  deleteRule: createRoute({
    method: "delete",
    path: "/v1/alert-rules/{id}",
    operationId: "deleteAlertRule",
    tags,
    summary: "Remove an alert rule; the alerts it raised stay",
    security: bearerAuth,
    request: { params: IdParam("arule") },
    responses: answers(AlertRuleView, 200, "The rule removed"),
  }),
  list: createRoute({
    method: "get",
    path: "/v1/alerts",
    operationId: "listAlerts",
    tags,
    summary: "List alerts, newest first",
    security: bearerAuth,
    request: { query: AlertQuery },
    responses: answers(listOf(AlertView), 200, "A page of alerts, newest first"),
  }),
  get: createRoute({
    method: "get",
    path: "/v1/alerts/{id}",
    operationId: "getAlert",
    tags,
    summary: "An alert",
    security: bearerAuth,
    request: { params: IdParam("alert") },
    responses: answers(AlertView, 200, "The alert"),
  }),
  acknowledge: createRoute({
    method: "post",
    path: "/v1/alerts/{id}/acknowledge",
    operationId: "acknowledgeAlert",
    tags,
    summary: "Acknowledge an open alert; it stays until resolved",
    security: bearerAuth,
    request: { params: IdParam("alert"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(AlertView, 200, "The alert"),
  }),
  resolve: createRoute({
    method: "post",
    path: "/v1/alerts/{id}/resolve",
    operationId: "resolveAlert",
    tags,
    summary: "Resolve an alert; the same crossing is not raised again this period",
    security: bearerAuth,
    request: { params: IdParam("alert"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(AlertView, 200, "The alert"),
  }),
};

/** A rule's thresholds in the field its metric takes them in, the others null. */
function thresholdFields(row: AlertRuleRow) {
  const field = thresholdField(row.metric);
  const whole = row.thresholds.map((value) => Number(value / wholeMicros));
  return {
    thresholds: field === "thresholds" ? whole : null,
    below: field === "below" ? row.thresholds.map(formatDecimal) : null,
    members: field === "members" ? whole : null,
    outcomes: field === "outcomes" ? whole : null,
  };
}

export function alertRuleView(row: AlertRuleRow): z.infer<typeof AlertRuleView> {
  return {
    id: row.id,
    object: "alert_rule",
    pool: row.poolId,
    metric: row.metric,
    ...thresholdFields(row),
    small_at_most: row.smallAtMost === null ? null : formatDecimal(row.smallAtMost),
    window_hours: row.windowHours,
    enabled: row.enabled,
    created_at: iso(row.createdAt) ?? "",
    updated_at: iso(row.updatedAt) ?? "",
  };
}

export function alertView(row: AlertRow): z.infer<typeof AlertView> {
  return {
    id: row.id,
    object: "alert",
    rule: row.ruleId,
    pool: row.poolId,
    metric: row.metric,
    unit: alertUnit(row.metric),
    subject: row.subject,
    threshold: row.threshold === null ? null : formatDecimal(row.threshold),
    observed: formatDecimal(row.observed),
    observed_at: iso(row.observedAt) ?? "",
    period: { start: iso(row.periodStart) ?? "", end: iso(row.periodEnd) ?? "" },
    forecast:
      row.forecastAt === null
        ? null
        : {
            runs_out_at: iso(row.forecastAt) ?? "",
            burn_per_day: formatDecimal(row.burnPerDay ?? 0n),
            window_hours: row.windowHours ?? 0,
          },
    evidence: row.evidence === null ? null : (JSON.parse(row.evidence) as Record<string, unknown>),
    status: row.status,
    acknowledged_by: row.acknowledgedBy,
    acknowledged_at: iso(row.acknowledgedAt),
    resolved_by: row.resolvedBy,
    resolved_at: iso(row.resolvedAt),
  };
}

export function alertRoutes(app: Api, deps: RouteDependencies): void {
  // Read when a request comes, not when routes are declared: an app may be declared without them.
  const alerts = () => deps.services.alerts;

  route(app, routes.createRule, async (c) => {
    const body = c.req.valid("json");
    const written = await alerts().createRule(
      c.get("principal"),
      {
        pool: body.pool,
        metric: body.metric,
        thresholds: thresholdsOf(body) ?? [],
        windowHours: body.window_hours ?? null,
        smallAtMost: body.small_at_most ?? null,
        enabled: body.enabled,
      },
      idempotencyKey(c, deps),
      alertRuleView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(alertRuleView(written.made), 201);
  });

  route(app, routes.listRules, async (c) => {
    const query = c.req.valid("query");
    const rows = await alerts().listRules(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(alertRuleView), query.limit), 200);
  });

  route(app, routes.getRule, async (c) => {
    const row = await alerts().readRule(c.get("principal"), c.req.valid("param").id);
    return c.json(alertRuleView(row), 200);
  });

  route(app, routes.updateRule, async (c) => {
    const body = c.req.valid("json");
    const row = await alerts().updateRule(
      c.get("principal"),
      c.req.valid("param").id,
      {
        thresholds: thresholdsOf(body),
        thresholdsParam: thresholdsParamOf(body),
        windowHours: body.window_hours,
        smallAtMost: body.small_at_most,
        enabled: body.enabled,
      },
      alertRuleView,
    );
    return c.json(alertRuleView(row), 200);
  });

  route(app, routes.deleteRule, async (c) => {
    const row = await alerts().deleteRule(
      c.get("principal"),
      c.req.valid("param").id,
      alertRuleView,
    );
    return c.json(alertRuleView(row), 200);
  });

  route(app, routes.list, async (c) => {
    const query = c.req.valid("query");
    const rows = await alerts().list(
      c.get("principal"),
      {
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.pool === undefined ? {} : { poolId: query.pool }),
        ...(query.rule === undefined ? {} : { ruleId: query.rule }),
      },
      { limit: query.limit, startingAfter: query.starting_after },
    );
    return c.json(page(rows.map(alertView), query.limit), 200);
  });

  route(app, routes.get, async (c) => {
    const row = await alerts().read(c.get("principal"), c.req.valid("param").id);
    return c.json(alertView(row), 200);
  });

  for (const step of ["acknowledge", "resolve"] as const) {
    route(app, routes[step], async (c) => {
      const { id } = c.req.valid("param");
      const written = await alerts()[step](
        c.get("principal"),
        id,
        idempotencyKey(c, deps),
        alertView,
      );
      if ("replay" in written) return replayResponse(c, written.replay, 200);
      return c.json(alertView(written.made), 200);
    });
  }
}
