/**
 * Reports read from the ledger totals: revenue recognition per pool and department over a span,
 * as JSON or CSV.
 */
import { exactDecimal, formatDecimal } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Figure, PoolRevenue, RevenueReport } from "../../services/revenue.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { Credits, idOf, TimeInput, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers } from "./common.ts";

const RevenueQuery = z.strictObject({
  from: TimeInput.openapi({ description: "The span's start, inclusive." }),
  to: TimeInput.openapi({ description: "The span's end, exclusive." }),
  format: z.enum(["json", "csv"]).default("json").openapi({
    description: "`csv`: one row per pool, then one per department, then the organization.",
  }),
});

const Money = z.string().openapi({
  example: "12.345",
  description:
    "Money in units of the currency (not minor units), exact: credits times each grant's cost basis.",
});

const FigureView = z.object({ credits: Credits, money: Money }).openapi("RevenueFigure");

const PoolRevenueView = z
  .object({
    pool: idOf("pool"),
    deferred_opening: FigureView,
    purchased: FigureView,
    carried_in: FigureView,
    carried_out: FigureView,
    recognized: FigureView,
    breakage: FigureView,
    deferred_closing: FigureView,
    uncovered: Credits.openapi({
      description: "Consumed here that no grant covered (overage or debt), in credits.",
    }),
  })
  .openapi("PoolRevenue");

const RevenueView = z
  .object({
    object: z.literal("revenue_report"),
    from: Timestamp,
    to: Timestamp,
    currency: z.string().nullable(),
    summed_to_sequence: z.number().int(),
    complete: z.boolean().openapi({
      description: "False when the journal had more than a request may sum: ask again shortly.",
    }),
    organization: PoolRevenueView,
    departments: z.array(PoolRevenueView),
    pools: z.array(PoolRevenueView.extend({ parent: idOf("pool").nullable() })),
  })
  .openapi("RevenueReport");

const revenue = createRoute({
  method: "get",
  path: "/v1/reports/revenue",
  operationId: "revenueReport",
  tags: ["Reports"],
  summary: "Revenue recognition per pool and department over a span",
  description:
    "Prepaid credits are deferred revenue until consumed (recognized) or lost when their grant expires or is voided (breakage), all at each grant's cost basis. Per pool, deferred_closing = deferred_opening + purchased + carried_in − carried_out − breakage − what was recognized from the pool's grants (recognition counts at the pool that consumed). Departments are the root pool's children with everything under them.",
  security: bearerAuth,
  request: { query: RevenueQuery },
  responses: {
    ...answers(RevenueView, 200, "The report"),
    200: {
      description: "The report",
      content: {
        "application/json": { schema: RevenueView },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

/** 10^-12 currency units as an exact decimal of the currency's units. */
function moneyText(picos: bigint): string {
  const magnitude = exactDecimal(picos < 0n ? -picos : picos, 10n ** 12n) ?? "";
  return picos < 0n ? `-${magnitude}` : magnitude;
}

function figureView(figure: Figure) {
  return { credits: formatDecimal(figure.credits), money: moneyText(figure.money) };
}

const fields = [
  ["deferred_opening", "deferredOpening"],
  ["purchased", "purchased"],
  ["carried_in", "carriedIn"],
  ["carried_out", "carriedOut"],
  ["recognized", "recognized"],
  ["breakage", "breakage"],
  ["deferred_closing", "deferredClosing"],
] as const;

function poolRevenueView(pool: PoolRevenue) {
  const figures = Object.fromEntries(
    fields.map(([name, field]) => [name, figureView(pool[field])]),
  ) as Record<(typeof fields)[number][0], ReturnType<typeof figureView>>;
  return { pool: pool.poolId, ...figures, uncovered: formatDecimal(pool.uncovered) };
}

export function revenueView(report: RevenueReport): z.infer<typeof RevenueView> {
  return {
    object: "revenue_report",
    from: iso(report.from) ?? "",
    to: iso(report.to) ?? "",
    currency: report.currency,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    organization: poolRevenueView(report.organization),
    departments: report.departments.map(poolRevenueView),
    pools: report.pools.map((pool) => ({ ...poolRevenueView(pool), parent: pool.parentId })),
  };
}

/** One row per pool, department and the organization; every figure in credits and money. */
export function revenueCsv(report: RevenueReport): string {
  const header = [
    "level",
    "pool",
    "parent",
    ...fields.flatMap(([name]) => [`${name}_credits`, `${name}_money`]),
    "uncovered_credits",
  ];
  const row = (level: string, pool: PoolRevenue, parent: string | null) => [
    level,
    pool.poolId,
    parent ?? "",
    ...fields.flatMap(([, field]) => [
      formatDecimal(pool[field].credits),
      moneyText(pool[field].money),
    ]),
    formatDecimal(pool.uncovered),
  ];
  const rows = [
    header,
    ...report.pools.map((pool) => row("pool", pool, pool.parentId)),
    ...report.departments.map((pool) => row("department", pool, null)),
    row("organization", report.organization, null),
  ];
  // Ids, decimals and fixed words only: nothing needs quoting.
  return `${rows.map((cells) => cells.join(",")).join("\r\n")}\r\n`;
}

export function reportRoutes(app: Api, deps: RouteDependencies): void {
  route(app, revenue, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.revenue.report(c.get("principal"), {
      from: query.from,
      to: query.to,
    });
    if (query.format === "csv") {
      return c.body(revenueCsv(report), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="revenue.csv"',
      });
    }
    return c.json(revenueView(report), 200);
  });
}
