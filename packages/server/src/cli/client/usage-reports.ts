/**
 * `creditpool reports usage|top-consumers|chargeback|forecast|buyers-math|pooling`: the usage
 * reports as tables for people, `--json` for scripts, and `--format csv` where the API answers
 * CSV too (usage and chargeback: the same columns, quoted as RFC 4180 says).
 */
import type { Chargeback, UsageReport } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { clientCommand, run } from "./context.ts";
import { type Column, fields, table } from "./table.ts";

type Options = Record<string, string | undefined>;

const spanOptions = (command: Command) =>
  command
    .requiredOption("--from <time>", "the span's start, an ISO 8601 time (inclusive)")
    .requiredOption("--to <time>", "the span's end, an ISO 8601 time (exclusive)")
    .option(
      "--pool <id>",
      "the pool reported on, with its subtree (default the key's or the root)",
    );

const formatOption = () =>
  new Option("--format <format>", "table for people, csv for a spreadsheet")
    .choices(["table", "csv"])
    .default("table");

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((cells) => cells.map(csvField).join(",")).join("\n");
}

const figures = <
  T extends { credits: string; money: string; uncovered: string },
>(): Column<T>[] => [
  { header: "CREDITS", value: (row) => row.credits, align: "right" },
  { header: "MONEY", value: (row) => row.money, align: "right" },
  { header: "UNCOVERED", value: (row) => row.uncovered, align: "right" },
];

function heading(title: string, report: { from: string; to: string; currency: string | null }) {
  const currency = report.currency === null ? "" : `, money in ${report.currency}`;
  return `${title}, ${report.from} to ${report.to}${currency}`;
}

const partial = (report: { complete: boolean }) =>
  report.complete ? "" : "\n(the journal is still being summed: ask again)";

export function usageText(report: UsageReport, format: string): string {
  const names = new Map(report.groups.map((group) => [group.group, group.name ?? ""]));
  if (format === "csv")
    return csvText(
      ["start", "end", "group", "name", "credits", "money", "uncovered"],
      report.rows.map((row) => [
        row.start,
        row.end,
        row.group,
        names.get(row.group) ?? "",
        row.credits,
        row.money,
        row.uncovered,
      ]),
    );
  type Row = UsageReport["rows"][number];
  const columns: Column<Row>[] = [
    { header: "START", value: (row) => row.start },
    { header: "GROUP", value: (row) => names.get(row.group) || row.group },
    ...figures<Row>(),
  ];
  const title = heading(`Usage by ${report.interval} and ${report.group_by}`, report);
  return `${title}\n${table(report.rows, columns)}\ntotal ${report.total.credits} credits${partial(report)}`;
}

export function chargebackText(report: Chargeback, format: string): string {
  const rows = report.departments;
  if (format === "csv")
    return csvText(
      ["pool", "name", "credits", "money", "uncovered", "share"],
      rows.map((d) => [d.pool, d.name ?? "", d.credits, d.money, d.uncovered, d.share]),
    );
  type Row = Chargeback["departments"][number];
  const columns: Column<Row>[] = [
    { header: "DEPARTMENT", value: (row) => row.name ?? row.pool },
    ...figures<Row>(),
    { header: "SHARE %", value: (row) => row.share, align: "right" },
  ];
  return `${heading("Chargeback", report)}\n${table(rows, columns)}${partial(report)}`;
}

export function registerUsageReportCommands(reports: Command): void {
  spanOptions(clientCommand(reports, "usage", "Consumption by period and group"))
    .requiredOption("--interval <interval>", "hour, day, week or month")
    .option("--group-by <group>", "pool, member, key, model, meter or tag", "pool")
    .option("--tag <key>", "the tag key, with --group-by tag")
    .option("--limit <n>", "groups kept by name, the rest as (other)")
    .addOption(formatOption())
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.usage({
          from: options.from ?? "",
          to: options.to ?? "",
          interval: options.interval as UsageReport["interval"],
          group_by: options.groupBy as UsageReport["group_by"],
          tag: options.tag,
          pool: options.pool,
          limit: options.limit === undefined ? undefined : Number(options.limit),
        });
        return { answer: report, text: () => usageText(report, options.format ?? "table") };
      }),
    );

  spanOptions(clientCommand(reports, "top-consumers", "The biggest consumers over a span"))
    .option("--by <kind>", "member, key, pool or model", "member")
    .option("--limit <n>", "how many to list")
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.topConsumers({
          from: options.from ?? "",
          to: options.to ?? "",
          by: options.by as "member" | "key" | "pool" | "model",
          pool: options.pool,
          limit: options.limit === undefined ? undefined : Number(options.limit),
        });
        type Row = (typeof report.consumers)[number];
        const columns: Column<Row>[] = [
          { header: "CONSUMER", value: (row) => row.name ?? row.id },
          ...figures<Row>(),
          { header: "SHARE %", value: (row) => row.share, align: "right" },
        ];
        const text = () =>
          `${heading(`Top consumers by ${report.by}`, report)}\n${table(report.consumers, columns)}`;
        return { answer: report, text };
      }),
    );

  spanOptions(clientCommand(reports, "chargeback", "Consumption charged back to departments"))
    .addOption(formatOption())
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.chargeback({
          from: options.from ?? "",
          to: options.to ?? "",
          pool: options.pool,
        });
        return { answer: report, text: () => chargebackText(report, options.format ?? "table") };
      }),
    );

  clientCommand(reports, "forecast", "Burn per day and when a pool's credits run out")
    .option("--pool <id>", "the pool (default the key's or the root)")
    .option("--window <days>", "days the burn is measured over (1 to 90, default 30)")
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.forecast({
          pool: options.pool,
          window: options.window === undefined ? undefined : Number(options.window),
        });
        const pools = report.pools.map((pool) => ({ ...pool }));
        type Row = (typeof pools)[number];
        const columns: Column<Row>[] = [
          { header: "POOL", value: (row) => row.pool },
          { header: "AVAILABLE", value: (row) => row.available, align: "right" },
          { header: "BURN/DAY", value: (row) => row.burn_per_day, align: "right" },
          { header: "DAYS LEFT", value: (row) => row.days_left ?? "-", align: "right" },
        ];
        const text = () =>
          `${fields([
            ["pool", report.pool],
            ["available", report.available],
            ["held", report.held],
            [`consumed in ${report.window_days} days`, report.consumed_in_window],
            ["burn per day", report.burn_per_day],
            ["days left", report.days_left ?? "-"],
            ["depletes at", report.depletes_at ?? "-"],
          ])}\n\n${table(pools, columns)}`;
        return { answer: report, text };
      }),
    );

  spanOptions(clientCommand(reports, "buyers-math", "Per seat, by the credit, or hybrid?"))
    .option("--seat-price <money>", "money per seat for the span")
    .option("--seat-credits <credits>", "credits a seat includes")
    .option("--overage-price <money>", "money per credit past a seat's")
    .option("--credit-price <money>", "money per credit")
    .option("--hybrid-seat-price <money>", "money per hybrid seat")
    .option("--hybrid-seat-credits <credits>", "credits a hybrid seat pools")
    .option("--members <n>", "seats (default the members who consumed)")
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.buyersMath({
          from: options.from ?? "",
          to: options.to ?? "",
          pool: options.pool,
          seat_price: options.seatPrice,
          seat_credits: options.seatCredits,
          overage_price: options.overagePrice,
          credit_price: options.creditPrice,
          hybrid_seat_price: options.hybridSeatPrice,
          hybrid_seat_credits: options.hybridSeatCredits,
          members: options.members === undefined ? undefined : Number(options.members),
        });
        const text = () =>
          fields([
            ["members", String(report.members)],
            ["usage", report.usage.total],
            ["per seat", report.costs.per_seat],
            ["credit-based", report.costs.credit_based],
            ["hybrid", report.costs.hybrid],
            ["cheapest", report.cheapest],
          ]);
        return { answer: report, text };
      }),
    );

  spanOptions(clientCommand(reports, "pooling", "One shared pool versus a quota per member"))
    .option("--capacity <credits>", "credits shared or split (default the span's consumption)")
    .option("--members <n>", "quotas (default the members who consumed)")
    .action((options: Options, command: Command) =>
      run(command, async (client) => {
        const report = await client.reports.pooling({
          from: options.from ?? "",
          to: options.to ?? "",
          pool: options.pool,
          capacity: options.capacity,
          members: options.members === undefined ? undefined : Number(options.members),
        });
        const text = () =>
          fields([
            ["capacity", report.capacity],
            ["members", String(report.members)],
            ["quota per member", report.quota_per_member],
            ["pooled: served", report.pooled.served],
            ["pooled: blocked", report.pooled.blocked],
            ["siloed: served", report.siloed.served],
            ["siloed: blocked", report.siloed.blocked],
            ["members blocked", String(report.siloed.members_blocked)],
          ]);
        return { answer: report, text };
      }),
    );
}
