/**
 * `creditpool alerts list|ack|resolve` and `creditpool alert-rules create|list|delete`: what an
 * organization watches on its pools, and what was raised.
 */
import type { Alert, AlertQuery, AlertRule, CreateAlertRule } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, integer, more, paged, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";

const ruleColumns: readonly Column<AlertRule>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "POOL", value: (row) => row.pool },
  { header: "METRIC", value: (row) => row.metric },
  {
    header: "THRESHOLDS",
    value: (row) =>
      row.thresholds?.map((value) => `${value}%`).join(",") ??
      row.below?.map((value) => `<=${value}`).join(",") ??
      row.members?.map((value) => `${value} members`).join(",") ??
      row.outcomes?.map((value) => `${value} outcomes <=${row.small_at_most}`).join(",") ??
      `${row.window_hours}h window`,
  },
  { header: "ENABLED", value: (row) => (row.enabled ? "yes" : "no") },
];

const alertColumns: readonly Column<Alert>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "POOL", value: (row) => row.pool },
  { header: "METRIC", value: (row) => row.metric },
  { header: "THRESHOLD", value: (row) => unitOf(row, row.threshold), align: "right" },
  { header: "OBSERVED", value: (row) => unitOf(row, row.observed), align: "right" },
  { header: "RUNS OUT", value: (row) => row.forecast?.runs_out_at ?? "-" },
  { header: "SUBJECT", value: (row) => row.subject ?? "-" },
  { header: "STATUS", value: (row) => row.status },
  { header: "RAISED", value: (row) => row.observed_at },
];

function unitOf(row: Alert, value: string | null): string {
  if (value === null) return "-";
  if (row.unit === "percent") return `${value}%`;
  return row.unit === "credits" ? value : `${value} ${row.unit}`;
}

interface CreateOptions {
  readonly pool: string;
  readonly metric: CreateAlertRule["metric"];
  readonly thresholds?: string;
  readonly below?: string;
  readonly members?: string;
  readonly outcomes?: string;
  readonly smallAtMost?: string;
  readonly windowHours?: number;
  readonly disabled?: boolean;
  readonly idempotencyKey?: string;
}

/** `50,80,100` as whole numbers: percentages, or counts of members or outcomes. */
function wholesOf(text: string, option: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value)))
    throw new CliError("invalid_request", "Expected whole numbers, e.g. 50,80,100.", option);
  return values;
}

export function registerAlertCommands(program: Command): void {
  const rules = program
    .command("alert-rules")
    .description("Thresholds on a pool's limit, grants, balance or forecast, and abuse signals");

  clientCommand(rules, "create", "Watch a pool")
    .requiredOption("--pool <id>", "the pool watched")
    .addOption(
      new Option("--metric <metric>", "what is watched")
        .choices([
          "limit",
          "grants",
          "balance",
          "forecast",
          "key_spread",
          "burn_spike",
          "outcome_split",
        ])
        .makeOptionMandatory(),
    )
    .option("--thresholds <percentages>", "limit, grants, burn_spike: e.g. 50,80,100")
    .option("--below <credits>", "balance: amounts, e.g. 500,100")
    .option("--members <counts>", "key_spread: members one key names, e.g. 5,20")
    .option("--outcomes <counts>", "outcome_split: small outcomes, e.g. 100")
    .option("--small-at-most <credits>", "outcome_split: the largest outcome counted")
    .option(
      "--window-hours <n>",
      "forecast (default 24) and signals (default 1): the trailing window",
      integer,
    )
    .option("--disabled", "make it disabled")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: CreateOptions, command: Command) =>
      run(command, async (client) => {
        const body: CreateAlertRule = {
          pool: options.pool,
          metric: options.metric,
          ...(options.thresholds === undefined
            ? {}
            : { thresholds: wholesOf(options.thresholds, "--thresholds") }),
          ...(options.below === undefined ? {} : { below: options.below.split(",") }),
          ...(options.members === undefined
            ? {}
            : { members: wholesOf(options.members, "--members") }),
          ...(options.outcomes === undefined
            ? {}
            : { outcomes: wholesOf(options.outcomes, "--outcomes") }),
          ...(options.smallAtMost === undefined ? {} : { small_at_most: options.smallAtMost }),
          ...(options.windowHours === undefined ? {} : { window_hours: options.windowHours }),
          ...(options.disabled === true ? { enabled: false } : {}),
        };
        const row = await client.alertRules.create(body, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: row, text: () => detail(row) };
      }),
    );

  paged(clientCommand(rules, "list", "List alert rules")).action(
    (options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.alertRules.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, ruleColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(rules, "delete", "Remove an alert rule; its alerts stay")
    .argument("<id>", "the rule's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.alertRules.delete(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  const alerts = program.command("alerts").description("Alerts raised by alert rules");

  paged(clientCommand(alerts, "list", "List alerts, newest first"))
    .addOption(
      new Option("--status <status>", "only these").choices(["open", "acknowledged", "resolved"]),
    )
    .option("--pool <id>", "only this pool's")
    .option("--rule <id>", "only this rule's")
    .action(
      (
        options: {
          limit?: number;
          startingAfter?: string;
          status?: AlertQuery["status"];
          pool?: string;
          rule?: string;
        },
        command: Command,
      ) =>
        run(command, async (client) => {
          const page = await client.alerts.list({
            limit: options.limit,
            starting_after: options.startingAfter,
            status: options.status,
            pool: options.pool,
            rule: options.rule,
          });
          return {
            answer: page,
            text: () => table(page.data, alertColumns) + more(page.has_more, page.data.at(-1)?.id),
          };
        }),
    );

  for (const [name, what] of [
    ["ack", "Acknowledge an alert; it stays until resolved"],
    ["resolve", "Resolve an alert; its crossing is not raised again this period"],
  ] as const) {
    clientCommand(alerts, name, what)
      .argument("<id>", "the alert's id")
      .option("--idempotency-key <key>", "make a retry of this command safe")
      .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
        run(command, async (client) => {
          const write = { idempotencyKey: options.idempotencyKey };
          const row =
            name === "ack"
              ? await client.alerts.acknowledge(id, write)
              : await client.alerts.resolve(id, write);
          return { answer: row, text: () => detail(row) };
        }),
      );
  }
}
