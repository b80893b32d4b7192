/**
 * `creditpool reports margin --from <time> --to <time> [--group-by <group>]`: revenue against the
 * provider cost of the work, per rate-card version, model, meter or department, as a table.
 */
import type { MarginReport } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, run } from "./context.ts";
import { type Column, table } from "./table.ts";

type Row = MarginReport["groups"][number];

const columns: readonly Column<Row>[] = [
  { header: "GROUP", value: (row) => row.name ?? row.group },
  { header: "CREDITS", value: (row) => row.credits, align: "right" },
  { header: "REVENUE", value: (row) => row.revenue, align: "right" },
  { header: "PROVIDER COST", value: (row) => row.provider_cost, align: "right" },
  { header: "MARGIN", value: (row) => row.margin ?? "-", align: "right" },
  { header: "MARGIN %", value: (row) => row.margin_percent ?? "-", align: "right" },
  { header: "UNCOVERED", value: (row) => row.uncovered, align: "right" },
  { header: "NO COST", value: (row) => row.uncosted, align: "right" },
];

export function marginText(report: MarginReport): string {
  const currencies =
    report.currency === report.cost_currency
      ? report.currency === null
        ? ""
        : ` in ${report.currency}`
      : `, revenue in ${report.currency ?? "-"}, cost in ${report.cost_currency ?? "-"}`;
  const rows: Row[] = [...report.groups, { ...report.total, group: "(total)", name: null }];
  const partial = report.complete ? "" : "\n(the journal is still being summed: ask again)";
  const title = `Margin by ${report.group_by}${currencies}, ${report.from} to ${report.to}`;
  return `${title}\n${table(rows, columns)}${partial}`;
}

export function registerMarginReportCommand(reports: Command): void {
  clientCommand(reports, "margin", "Revenue against provider cost, by rate card, model or pool")
    .requiredOption("--from <time>", "the span's start, an ISO 8601 time (inclusive)")
    .requiredOption("--to <time>", "the span's end, an ISO 8601 time (exclusive)")
    .option("--group-by <group>", "rate_card, model, meter or pool", "rate_card")
    .option("--pool <id>", "the pool reported on, with its subtree (default the key's or the root)")
    .action((options: Record<string, string | undefined>, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.margin({
          from: options.from ?? "",
          to: options.to ?? "",
          group_by: options.groupBy as MarginReport["group_by"],
          pool: options.pool,
        });
        return { answer: report, text: () => marginText(report) };
      }),
    );
}
