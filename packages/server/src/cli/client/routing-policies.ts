/**
 * `creditpool routing-policies create|list|get|update|delete`: how the gateway picks a model for
 * a pool's calls, by complexity tier.
 */
import type { CreateRoutingPolicy, RoutingPolicy, UpdateRoutingPolicy } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, integer, more, paged, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";

const columns: readonly Column<RoutingPolicy>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "POOL", value: (row) => row.pool },
  { header: "LIGHT", value: (row) => row.tiers.light.join(",") },
  { header: "STANDARD", value: (row) => row.tiers.standard.join(",") },
  { header: "HEAVY", value: (row) => row.tiers.heavy.join(",") },
  { header: "DEFAULT", value: (row) => row.default_tier },
  { header: "ROUTES", value: (row) => (row.route_all ? "all" : "auto") },
  {
    header: "LOW BALANCE",
    value: (row) =>
      row.low_balance === null
        ? "-"
        : `<${row.low_balance.below ?? `${row.low_balance.below_percent}%`}`,
  },
  { header: "ON LIMIT", value: (row) => row.on_limit },
];

interface PolicyOptions {
  readonly light?: string;
  readonly standard?: string;
  readonly heavy?: string;
  readonly defaultTier?: "light" | "standard" | "heavy";
  readonly routeAll?: boolean;
  readonly routeAuto?: boolean;
  readonly lowBalanceBelow?: string;
  readonly lowBalancePercent?: number;
  readonly withoutLowBalance?: boolean;
  readonly onLimit?: "end_stream" | "extend";
}

const modelsOf = (text: string) => text.split(",").map((model) => model.trim());

function lowBalanceOf(options: PolicyOptions): UpdateRoutingPolicy["low_balance"] {
  const given = [options.lowBalanceBelow, options.lowBalancePercent, options.withoutLowBalance];
  if (given.filter((value) => value !== undefined).length > 1)
    throw new CliError(
      "invalid_request",
      "Give one of --low-balance-below, --low-balance-percent and --without-low-balance.",
      "--low-balance-below",
    );
  if (options.withoutLowBalance === true) return null;
  if (options.lowBalanceBelow !== undefined) return { below: options.lowBalanceBelow };
  if (options.lowBalancePercent !== undefined) return { below_percent: options.lowBalancePercent };
  return undefined;
}

/** The fields the options set, for a creation or a change. */
function fieldsOf(options: PolicyOptions) {
  const lowBalance = lowBalanceOf(options);
  return {
    ...(options.defaultTier === undefined ? {} : { default_tier: options.defaultTier }),
    ...(options.routeAll === true ? { route_all: true } : {}),
    ...(options.routeAuto === true ? { route_all: false } : {}),
    ...(lowBalance === undefined ? {} : { low_balance: lowBalance }),
    ...(options.onLimit === undefined ? {} : { on_limit: options.onLimit }),
  };
}

function withPolicyOptions(command: Command, required: boolean): Command {
  const tier = (name: string, what: string) =>
    required
      ? command.requiredOption(`--${name} <models>`, what)
      : command.option(`--${name} <models>`, what);
  tier("light", "light tier: models in order of preference, e.g. gpt-5-nano,gpt-4o-mini");
  tier("standard", "standard tier's models");
  tier("heavy", "heavy tier's models");
  return command
    .addOption(
      new Option("--default-tier <tier>", "the tier below which no request is classified").choices([
        "light",
        "standard",
        "heavy",
      ]),
    )
    .option("--route-all", "route every request, not only those naming the model auto")
    .option("--route-auto", "route only requests naming the model auto")
    .option("--low-balance-below <credits>", "step down a tier while available is below this")
    .option(
      "--low-balance-percent <n>",
      "or while below this percentage of the pool's limit",
      integer,
    )
    .option("--without-low-balance", "no low-balance step-down")
    .addOption(
      new Option("--on-limit <what>", "when output would pass the hold mid-stream").choices([
        "end_stream",
        "extend",
      ]),
    );
}

export function registerRoutingPolicyCommands(program: Command): void {
  const policies = program
    .command("routing-policies")
    .description("How the gateway picks a model for a pool's calls, by complexity tier");

  withPolicyOptions(clientCommand(policies, "create", "Route a pool's gateway calls"), true)
    .requiredOption("--pool <id>", "the pool (and its subtree, unless a nearer pool has one)")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (options: PolicyOptions & { pool: string; idempotencyKey?: string }, command: Command) =>
        run(command, async (client) => {
          const body: CreateRoutingPolicy = {
            pool: options.pool,
            tiers: {
              light: modelsOf(options.light ?? ""),
              standard: modelsOf(options.standard ?? ""),
              heavy: modelsOf(options.heavy ?? ""),
            },
            ...fieldsOf(options),
          };
          const row = await client.routingPolicies.create(body, {
            idempotencyKey: options.idempotencyKey,
          });
          return { answer: row, text: () => detail(row) };
        }),
    );

  paged(clientCommand(policies, "list", "List routing policies")).action(
    (options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.routingPolicies.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, columns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(policies, "get", "Show a routing policy")
    .argument("<id>", "the policy's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.routingPolicies.get(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  withPolicyOptions(clientCommand(policies, "update", "Change a routing policy"), false)
    .argument("<id>", "the policy's id")
    .action((id: string, options: PolicyOptions, command: Command) =>
      run(command, async (client) => {
        const current =
          options.light === undefined &&
          options.standard === undefined &&
          options.heavy === undefined
            ? null
            : await client.routingPolicies.get(id);
        const body: UpdateRoutingPolicy = {
          ...(current === null
            ? {}
            : {
                tiers: {
                  light:
                    options.light === undefined ? current.tiers.light : modelsOf(options.light),
                  standard:
                    options.standard === undefined
                      ? current.tiers.standard
                      : modelsOf(options.standard),
                  heavy:
                    options.heavy === undefined ? current.tiers.heavy : modelsOf(options.heavy),
                },
              }),
          ...fieldsOf(options),
        };
        const row = await client.routingPolicies.update(id, body);
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(policies, "delete", "Remove a routing policy; the nearest one above applies")
    .argument("<id>", "the policy's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.routingPolicies.delete(id);
        return { answer: row, text: () => detail(row) };
      }),
    );
}
