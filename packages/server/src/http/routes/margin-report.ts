/**
 * The margin report: credits consumed, the revenue they brought and the provider cost of the
 * work, per rate-card version, model, meter or department, as JSON or CSV.
 */
import { formatDecimal, type MarginFigure, marginPercentText, marginPicos } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { MarginReport } from "../../services/margin.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { Credits, idOf, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers } from "./common.ts";
import { csvOf, moneyOf } from "./report-views.ts";
import { PoolParam, Span } from "./usage-reports.ts";

const groupings = ["rate_card", "model", "meter", "pool"] as const;

const MarginQuery = z.strictObject({
  ...Span,
  group_by: z.enum(groupings).default("rate_card").openapi({
    description: "`pool`: one department per child of `pool` with its subtree, and `pool` itself.",
  }),
  pool: PoolParam,
  format: z.enum(["json", "csv"]).default("json"),
});

const Money = z.string().openapi({ example: "12.345", description: "Exact, in currency units." });

const MarginFigures = z.object({
  credits: Credits.openapi({ description: "All consumption: consumed, overage and debt." }),
  revenue: Money.openapi({
    description: "The credits grants paid, each at its grant's cost basis, in `currency`.",
  }),
  provider_cost: Money.openapi({
    description: "What the work cost at the provider, in `cost_currency`, from the rate cards.",
  }),
  margin: Money.nullable().openapi({
    description: "revenue − provider_cost; null when the two are in different currencies.",
  }),
  margin_percent: z.string().nullable().openapi({
    example: "37.5",
    description: "margin as a percent of revenue, 2 decimals; null with no revenue.",
  }),
  uncovered: Credits.openapi({
    description: "Credits no grant paid (overage, debt): no cost basis, no revenue here.",
  }),
  uncosted: Credits.openapi({
    description: "Credits of work whose rate card gave no provider cost.",
  }),
});

const MarginView = z
  .object({
    object: z.literal("margin_report"),
    from: Timestamp,
    to: Timestamp,
    pool: idOf("pool"),
    group_by: z.enum(groupings),
    currency: z.string().nullable(),
    cost_currency: z.string().nullable(),
    summed_to_sequence: z.number().int(),
    complete: z.boolean().openapi({
      description: "False when the journal had more than a request may sum: ask again shortly.",
    }),
    total: MarginFigures,
    groups: z.array(MarginFigures.extend({ group: z.string(), name: z.string().nullable() })),
  })
  .openapi("MarginReport");

const margin = createRoute({
  method: "get",
  path: "/v1/reports/margin",
  operationId: "marginReport",
  tags: ["Reports"],
  summary: "Revenue against provider cost, per rate card, model, meter or department",
  description:
    "Per group and in total: the credits consumed, the revenue they brought (each credit at the cost basis of the grant that paid it), the provider cost the rate cards gave for the work, and the margin between them. Credits no grant paid and credits with no provider cost are stated apart.",
  security: bearerAuth,
  request: { query: MarginQuery },
  responses: {
    ...answers(MarginView, 200, "The report"),
    200: {
      description: "The report",
      content: {
        "application/json": { schema: MarginView },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

function figuresView(figure: MarginFigure, comparable: boolean) {
  return {
    credits: formatDecimal(figure.credits),
    revenue: moneyOf(figure.revenue),
    // Micro-units of the cost currency as 10^-12 units: the same exact decimal text.
    provider_cost: moneyOf(figure.providerCost * 1_000_000n),
    margin: comparable ? moneyOf(marginPicos(figure)) : null,
    margin_percent: comparable ? marginPercentText(figure) : null,
    uncovered: formatDecimal(figure.uncovered),
    uncosted: formatDecimal(figure.uncosted),
  };
}

export function marginView(report: MarginReport): z.infer<typeof MarginView> {
  return {
    object: "margin_report",
    from: iso(report.from) ?? "",
    to: iso(report.to) ?? "",
    pool: report.poolId,
    group_by: report.groupBy,
    currency: report.currency,
    cost_currency: report.costCurrency,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    total: figuresView(report.total, report.comparable),
    groups: report.groups.map(({ group, name, figure }) => ({
      group,
      name,
      ...figuresView(figure, report.comparable),
    })),
  };
}

const columns = [
  "credits",
  "revenue",
  "provider_cost",
  "margin",
  "margin_percent",
  "uncovered",
  "uncosted",
] as const;

/** One row per group, then the total; names may hold anything, so they are quoted as text. */
export function marginCsv(report: MarginReport): string {
  const view = marginView(report);
  const cells = (figures: z.infer<typeof MarginFigures>) =>
    columns.map((column) => figures[column] ?? "");
  const rows = [
    ...view.groups.map((group) => [group.group, group.name ?? "", ...cells(group)]),
    ["(total)", "", ...cells(view.total)],
  ];
  return csvOf(["group", "name", ...columns], rows, ["group", "name"]);
}

export function marginReportRoutes(app: Api, deps: RouteDependencies): void {
  route(app, margin, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.margin.report(c.get("principal"), {
      from: query.from,
      to: query.to,
      groupBy: query.group_by,
      pool: query.pool ?? null,
    });
    if (query.format === "csv") {
      return c.body(marginCsv(report), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="margin.csv"',
      });
    }
    return c.json(marginView(report), 200);
  });
}
