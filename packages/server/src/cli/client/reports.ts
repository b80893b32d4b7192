/**
 * `creditpool reports revenue --from <time> --to <time>`: revenue recognition per pool and
 * department over a span, read from the ledger totals; the usage reports are in `usage-reports.ts`
 * and the margin report in `margin-report.ts`.
 */
import type { RevenueReport } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, run } from "./context.ts";
import { registerMarginReportCommand } from "./margin-report.ts";
import { type Column, table } from "./table.ts";
import { registerUsageReportCommands } from "./usage-reports.ts";

type PoolRow = RevenueReport["organization"] & { readonly level: string };

const moneyColumns: readonly Column<PoolRow>[] = [
  { header: "", value: (row) => row.level },
  { header: "POOL", value: (row) => row.pool },
  { header: "DEFERRED AT START", value: (row) => row.deferred_opening.money, align: "right" },
  { header: "PURCHASED", value: (row) => row.purchased.money, align: "right" },
  { header: "RECOGNIZED", value: (row) => row.recognized.money, align: "right" },
  { header: "BREAKAGE", value: (row) => row.breakage.money, align: "right" },
  { header: "DEFERRED AT END", value: (row) => row.deferred_closing.money, align: "right" },
  { header: "UNCOVERED CREDITS", value: (row) => row.uncovered, align: "right" },
];

export function revenueText(report: RevenueReport): string {
  const rows: PoolRow[] = [
    ...report.pools.map((pool) => ({ ...pool, level: "pool" })),
    ...report.departments.map((pool) => ({ ...pool, level: "department" })),
    { ...report.organization, level: "organization" },
  ];
  const currency = report.currency === null ? "" : ` in ${report.currency}`;
  const partial = report.complete ? "" : "\n(the journal is still being summed: ask again)";
  return `Revenue${currency}, ${report.from} to ${report.to}\n${table(rows, moneyColumns)}${partial}`;
}

export function registerReportCommands(program: Command): void {
  const reports = program
    .command("reports")
    .description("Reports read from the ledger totals and the usage buckets");
  clientCommand(reports, "revenue", "Deferred, recognized and breakage per pool and department")
    .requiredOption("--from <time>", "the span's start, an ISO 8601 time (inclusive)")
    .requiredOption("--to <time>", "the span's end, an ISO 8601 time (exclusive)")
    .action((options: { from: string; to: string }, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.revenue({ from: options.from, to: options.to });
        return { answer: report, text: () => revenueText(report) };
      }),
    );
  registerUsageReportCommands(reports);
  registerMarginReportCommand(reports);
}
