/**
 * Usage reports read from the usage buckets and the ledger totals: consumption by period and
 * group, top consumers, chargeback by department, and the forecast; JSON, or CSV where said.
 */
import { formatDecimal, limits, tagKeyProblem } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { ForecastReport, PoolForecast } from "../../services/report-forecast.ts";
import type { Chargeback, NamedFigure, TopConsumers, UsageReport } from "../../services/reports.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { Credits, idOf, TimeInput, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers } from "./common.ts";
import { consumptionView, csvOf, Figures, percentOf } from "./report-views.ts";

export const Span = {
  from: TimeInput.openapi({ description: "The span's start, inclusive." }),
  to: TimeInput.openapi({ description: "The span's end, exclusive." }),
};
export const PoolParam = idOf("pool").optional().openapi({
  description: "The pool reported on, with its subtree: default the key's pool or the root.",
});
const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(limits.reportGroupsMax)
  .default(limits.reportGroupsDefault)
  .openapi({ description: "How many groups to keep by name, largest first." });
const Format = z.enum(["json", "csv"]).default("json");
const Header = {
  from: Timestamp,
  to: Timestamp,
  pool: idOf("pool"),
  currency: z.string().nullable(),
  summed_to_sequence: z.number().int(),
  complete: z.boolean().openapi({
    description: "False when the journal had more than a request may sum: ask again shortly.",
  }),
  total: Figures,
};

const UsageQuery = z
  .strictObject({
    ...Span,
    interval: z.enum(["hour", "day", "week", "month"]).openapi({
      description: `UTC periods, weeks from Monday; at most ${limits.reportPeriodsMax} in the span.`,
    }),
    group_by: z.enum(["pool", "member", "key", "model", "meter", "tag"]).default("pool"),
    tag: z.string().min(1).max(limits.tagKeyLengthMax).optional().openapi({
      description: "The tag key to group by: required with group_by=tag, refused otherwise.",
    }),
    pool: PoolParam,
    limit: Limit,
    format: Format,
  })
  .superRefine((query, context) => {
    if ((query.group_by === "tag") !== (query.tag !== undefined))
      context.addIssue({
        code: "custom",
        path: ["tag"],
        message: "Is required with group_by=tag, and only then.",
      });
    const problem = query.tag === undefined ? null : tagKeyProblem(query.tag);
    if (problem !== null)
      context.addIssue({
        code: "custom",
        path: ["tag"],
        message: `Must be a tag key: ${problem}.`,
      });
  });

const Group = Figures.extend({ group: z.string(), name: z.string().nullable() });
const UsageView = z
  .object({
    object: z.literal("usage_report"),
    ...Header,
    interval: z.enum(["hour", "day", "week", "month"]),
    group_by: z.enum(["pool", "member", "key", "model", "meter", "tag"]),
    tag: z.string().nullable(),
    groups: z.array(Group),
    rows: z.array(Figures.extend({ start: Timestamp, end: Timestamp, group: z.string() })),
  })
  .openapi("UsageReport");

const TopQuery = z.strictObject({
  ...Span,
  by: z.enum(["member", "key", "pool", "model"]).default("member"),
  pool: PoolParam,
  limit: Limit,
});
const TopView = z
  .object({
    object: z.literal("top_consumers"),
    ...Header,
    by: z.enum(["member", "key", "pool", "model"]),
    consumers: z.array(
      Figures.extend({ id: z.string(), name: z.string().nullable(), share: z.string() }),
    ),
  })
  .openapi("TopConsumers");

const ChargebackQuery = z.strictObject({ ...Span, pool: PoolParam, format: Format });
const ChargebackView = z
  .object({
    object: z.literal("chargeback"),
    ...Header,
    departments: z.array(
      Figures.extend({ pool: idOf("pool"), name: z.string().nullable(), share: z.string() }),
    ),
  })
  .openapi("Chargeback");

const ForecastQuery = z.strictObject({
  pool: PoolParam,
  window: z.coerce
    .number()
    .int()
    .min(1)
    .max(limits.reportWindowDaysMax)
    .default(limits.reportWindowDaysDefault)
    .openapi({ description: "Days of consumption the burn is measured over, today included." }),
});
const PoolForecastView = z.object({
  pool: idOf("pool"),
  available: Credits,
  held: Credits,
  consumed_in_window: Credits,
  burn_per_day: Credits,
  days_left: z.string().nullable(),
  depletes_at: Timestamp.nullable(),
});
const ForecastView = z
  .object({
    object: z.literal("forecast"),
    ...PoolForecastView.shape,
    as_of: Timestamp,
    window_days: z.number().int(),
    summed_to_sequence: z.number().int(),
    complete: z.boolean(),
    pools: z.array(PoolForecastView).openapi({
      description: `The child pools, the ${limits.reportForecastPoolsMax} biggest by burn (then by id).`,
    }),
    others: z
      .object({ pools: z.number().int(), consumed_in_window: Credits, burn_per_day: Credits })
      .openapi({ description: "The child pools left out of `pools`: how many, and their burn." }),
    history: z.array(z.object({ date: z.string(), consumed: Credits, balance: Credits })),
    projection: z.array(z.object({ date: z.string(), balance: Credits })),
    expiring: z.array(z.object({ at: Timestamp, credits: Credits })),
  })
  .openapi("Forecast");

function jsonAndCsv<T extends z.ZodType>(schema: T) {
  return {
    ...answers(schema, 200, "The report"),
    200: {
      description: "The report",
      content: { "application/json": { schema }, "text/csv": { schema: z.string() } },
    },
  };
}

const usage = createRoute({
  method: "get",
  path: "/v1/reports/usage",
  operationId: "usageReport",
  tags: ["Reports"],
  summary: "Consumption over a span by period and group",
  description:
    "Consumption (credits consumed, overage and debt) by UTC period and group. The `limit` biggest groups over the span are kept, the rest fold into `(other)`; consumption with no value for the grouping is `(none)`. group_by=pool groups by the pools directly under `pool`, each with its subtree, and `pool` itself for what it consumed directly.",
  security: bearerAuth,
  request: { query: UsageQuery },
  responses: jsonAndCsv(UsageView),
});

const topConsumers = createRoute({
  method: "get",
  path: "/v1/reports/top-consumers",
  operationId: "topConsumers",
  tags: ["Reports"],
  summary: "The biggest consumers over a span",
  description: "by=pool counts every pool of the subtree on its own, not rolled up.",
  security: bearerAuth,
  request: { query: TopQuery },
  responses: answers(TopView, 200, "The report"),
});

const chargeback = createRoute({
  method: "get",
  path: "/v1/reports/chargeback",
  operationId: "chargebackReport",
  tags: ["Reports"],
  summary: "Consumption charged back to the departments under a pool",
  description:
    "One department per child of `pool` with its whole subtree, and `pool` itself (named `(direct)`) for what it consumed directly.",
  security: bearerAuth,
  request: { query: ChargebackQuery },
  responses: jsonAndCsv(ChargebackView),
});

const forecastRoute = createRoute({
  method: "get",
  path: "/v1/reports/forecast",
  operationId: "forecastReport",
  tags: ["Reports"],
  summary: "Burn rate and when a pool's credits run out",
  description:
    "The burn per day is the window's consumption over its days; the line runs from today's available at that burn, grants expiring within 90 days taken away at their expiry.",
  security: bearerAuth,
  request: { query: ForecastQuery },
  responses: answers(ForecastView, 200, "The forecast"),
});

function header(report: UsageReport | TopConsumers | Chargeback) {
  return {
    from: iso(report.from) ?? "",
    to: iso(report.to) ?? "",
    pool: report.poolId,
    currency: report.currency,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    total: consumptionView(report.total),
  };
}

export function usageView(report: UsageReport): z.infer<typeof UsageView> {
  return {
    object: "usage_report",
    ...header(report),
    interval: report.interval,
    group_by: report.groupBy,
    tag: report.tag,
    groups: report.groups.map((g) => ({
      group: g.group,
      name: g.name,
      ...consumptionView(g.consumption),
    })),
    rows: report.rows.map((row) => ({
      start: iso(row.start) ?? "",
      end: iso(row.end) ?? "",
      group: row.group,
      ...consumptionView(row.consumption),
    })),
  };
}

function shared(figure: NamedFigure, total: bigint) {
  return { ...consumptionView(figure.consumption), share: percentOf(figure, total) };
}

function dayOf(at: number): string {
  return (iso(at) ?? "").slice(0, 10);
}

function poolForecastView(pool: PoolForecast) {
  const tenths = pool.daysLeftTenths;
  return {
    pool: pool.poolId,
    available: formatDecimal(pool.available),
    held: formatDecimal(pool.held),
    consumed_in_window: formatDecimal(pool.consumedInWindow),
    burn_per_day: formatDecimal(pool.burnPerDay),
    days_left: tenths === null ? null : `${tenths / 10n}.${tenths % 10n}`,
    depletes_at: pool.depletesAt === null ? null : (iso(pool.depletesAt) ?? null),
  };
}

export function forecastView(report: ForecastReport): z.infer<typeof ForecastView> {
  const { pool } = report;
  return {
    object: "forecast",
    ...poolForecastView(pool),
    as_of: iso(report.asOf) ?? "",
    window_days: report.windowDays,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    pools: report.pools.map(poolForecastView),
    others: {
      pools: report.others.pools,
      consumed_in_window: formatDecimal(report.others.consumedInWindow),
      burn_per_day: formatDecimal(report.others.burnPerDay),
    },
    history: pool.history.map((day) => ({
      date: dayOf(day.start),
      consumed: formatDecimal(day.consumed),
      balance: formatDecimal(day.balance),
    })),
    projection: pool.projection.map((day) => ({
      date: dayOf(day.start),
      balance: formatDecimal(day.balance),
    })),
    expiring: pool.expiring.map((grant) => ({
      at: iso(grant.at) ?? "",
      credits: formatDecimal(grant.credits),
    })),
  };
}

function csvAnswer(name: string, text: string) {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}.csv"`,
    text,
  };
}

export function usageReportRoutes(app: Api, deps: RouteDependencies): void {
  route(app, usage, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.reports.usage(c.get("principal"), {
      from: query.from,
      to: query.to,
      interval: query.interval,
      groupBy: query.group_by,
      tag: query.tag ?? null,
      pool: query.pool ?? null,
      limit: query.limit,
    });
    if (query.format === "csv") {
      const names = new Map(report.groups.map((g) => [g.group, g.name]));
      const { text, ...headers } = csvAnswer(
        "usage",
        csvOf(
          ["start", "end", "group", "name", "credits", "money", "uncovered"],
          report.rows.map((row) => {
            const figure = consumptionView(row.consumption);
            return [
              iso(row.start) ?? "",
              iso(row.end) ?? "",
              row.group,
              names.get(row.group) ?? "",
              figure.credits,
              figure.money,
              figure.uncovered,
            ];
          }),
          ["group", "name"],
        ),
      );
      return c.body(text, 200, headers);
    }
    return c.json(usageView(report), 200);
  });

  route(app, topConsumers, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.reports.topConsumers(c.get("principal"), {
      ...query,
      pool: query.pool ?? null,
    });
    return c.json(
      {
        object: "top_consumers" as const,
        ...header(report),
        by: report.by,
        consumers: report.consumers.map((figure) => ({
          id: figure.group,
          name: figure.name,
          ...shared(figure, report.total.credits),
        })),
      },
      200,
    );
  });

  route(app, chargeback, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.reports.chargeback(c.get("principal"), {
      from: query.from,
      to: query.to,
      pool: query.pool ?? null,
    });
    const departments = report.departments.map((figure) => ({
      pool: figure.group,
      name: figure.name,
      ...shared(figure, report.total.credits),
    }));
    if (query.format === "csv") {
      const { text, ...headers } = csvAnswer(
        "chargeback",
        csvOf(
          ["pool", "name", "credits", "money", "uncovered", "share"],
          departments.map((d) => [d.pool, d.name ?? "", d.credits, d.money, d.uncovered, d.share]),
          ["pool", "name"],
        ),
      );
      return c.body(text, 200, headers);
    }
    return c.json({ object: "chargeback" as const, ...header(report), departments }, 200);
  });

  route(app, forecastRoute, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.forecasts.forecast(c.get("principal"), {
      pool: query.pool ?? null,
      windowDays: query.window,
    });
    return c.json(forecastView(report), 200);
  });
}
