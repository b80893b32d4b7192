/**
 * `creditpool pools list|get|create|update|archive|boost`: the pool tree, its balances and limits,
 * archiving an empty pool, and boosting a hard limit for a while.
 */
import { limits } from "@creditpool/core";
import type { CreditpoolClient, Pool, UpdatePool } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";
import { poolColumns } from "./views.ts";

type Limit = NonNullable<Pool["limit"]>;
type OverageLimit = NonNullable<Pool["overage_limit"]>;

interface LimitOptions {
  readonly limit?: string | false;
  readonly limitKind?: Limit["kind"];
  readonly period?: Limit["period"];
  readonly overageLimit?: string | false;
  readonly overagePeriod?: OverageLimit["period"];
  readonly policy?: string;
}

const periods = ["day", "week", "month"];

function withLimitOptions(command: Command): Command {
  return command
    .option("--limit <credits>", "a spending limit per period")
    .addOption(
      new Option("--limit-kind <kind>", "hard refuses holds; soft only reports").choices([
        "hard",
        "soft",
      ]),
    )
    .addOption(new Option("--period <period>", "the limit's period").choices(periods))
    .option("--overage-limit <credits>", "how far usage may run into debt per period")
    .addOption(
      new Option("--overage-period <period>", "the overage limit's period").choices(periods),
    )
    .option(
      "--policy <json>",
      'governance as JSON, e.g. \'{"reserved":{"amount":"300","period":"month"},"member_cap":{"amount":"50","period":"month"},"allowed_models":["m-small"],"approval_above":"100"}\'',
    );
}

/** The governance fields of `--policy`, checked by the API, parsed here only as JSON. */
function policyOf(options: LimitOptions): Record<string, unknown> {
  if (options.policy === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(options.policy);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  throw new CliError("invalid_request", "--policy must be a JSON object.", "--policy");
}

export function registerPoolCommands(program: Command): void {
  const pools = program.command("pools").description("The pool tree: balances and limits");

  clientCommand(
    pools,
    "list",
    "Show the pools the key reaches as a tree: parents before their children, names indented",
  )
    .option("--include-archived", "also show archived pools")
    .action((options: { includeArchived?: boolean }, command: Command) =>
      run(command, async (client) => {
        const tree = treeOrder(await everyPool(client, options.includeArchived === true));
        return {
          answer: { object: "list", data: tree.map(({ pool }) => pool), has_more: false },
          text: () => table(tree, treeColumns),
        };
      }),
    );

  clientCommand(pools, "get", "Show a pool with its balances as of now")
    .argument("<id>", "the pool's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const pool = await client.pools.get(id);
        return { answer: pool, text: () => detail(pool) };
      }),
    );

  withLimitOptions(
    clientCommand(pools, "create", "Create a pool under a parent")
      .requiredOption("--parent <id>", "the parent pool")
      .requiredOption("--name <name>", "the pool's name")
      .option("--no-draws-from-parent", "spend only the pool's own grants")
      .option("--idempotency-key <key>", "make a retry of this command safe"),
  ).action(
    (
      options: LimitOptions & {
        parent: string;
        name: string;
        drawsFromParent: boolean;
        idempotencyKey?: string;
      },
      command: Command,
    ) =>
      run(command, async (client) => {
        const pool = await client.pools.create(
          {
            parent: options.parent,
            name: options.name,
            draws_from_parent: options.drawsFromParent,
            limit: limitOf(options, null) ?? null,
            overage_limit: overageLimitOf(options, null) ?? null,
            ...policyOf(options),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: pool, text: () => detail(pool) };
      }),
  );

  // The negations come after the options they negate, so that leaving both out means "no change".
  withLimitOptions(
    clientCommand(pools, "update", "Rename a pool or change its limits from now on")
      .argument("<id>", "the pool's id")
      .option("--name <name>", "a new name"),
  )
    .option("--no-limit", "remove the spending limit")
    .option("--no-overage-limit", "remove the overage limit")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (
        id: string,
        options: LimitOptions & { name?: string; idempotencyKey?: string },
        command: Command,
      ) =>
        run(command, async (client) => {
          const current = await client.pools.get(id);
          const limit = limitOf(options, current.limit);
          const overageLimit = overageLimitOf(options, current.overage_limit);
          const change: UpdatePool = {
            ...(options.name === undefined ? {} : { name: options.name }),
            ...(limit === undefined ? {} : { limit }),
            ...(overageLimit === undefined ? {} : { overage_limit: overageLimit }),
            ...policyOf(options),
          };
          if (Object.keys(change).length === 0) {
            throw new CliError(
              "invalid_request",
              "Nothing to change: pass --name, a limit or --policy.",
            );
          }
          const pool = await client.pools.update(id, change, {
            idempotencyKey: options.idempotencyKey,
          });
          return { answer: pool, text: () => detail(pool) };
        }),
    );

  clientCommand(
    pools,
    "archive",
    "Archive an empty pool: it keeps its history and takes nothing new",
  )
    .argument("<id>", "the pool's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const pool = await client.pools.archive(id, { idempotencyKey: options.idempotencyKey });
        return { answer: pool, text: () => detail(pool) };
      }),
    );

  clientCommand(pools, "boost", "Raise a pool's hard limit until a time; --end ends it now")
    .argument("<id>", "the pool's id")
    .addOption(new Option("--amount <credits>", "how much the limit is raised").conflicts("end"))
    .option("--until <time>", "when the boost lapses (ISO 8601, at most 31 days ahead)")
    .option("--end", "end the pool's boost now")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: BoostOptions, command: Command) =>
      run(command, async (client) => {
        const write = { idempotencyKey: options.idempotencyKey };
        if (options.end === true) {
          const pool = await client.pools.endBoost(id, write);
          return { answer: pool, text: () => detail(pool) };
        }
        if (options.amount === undefined)
          throw new CliError("invalid_request", "Pass --amount and --until, or --end.", "--amount");
        if (options.until === undefined)
          throw new CliError("invalid_request", "Pass --until with --amount.", "--until");
        const pool = await client.pools.boost(
          id,
          { amount: options.amount, until: options.until },
          write,
        );
        return { answer: pool, text: () => detail(pool) };
      }),
    );
}

interface BoostOptions {
  readonly amount?: string;
  readonly until?: string;
  readonly end?: boolean;
  readonly idempotencyKey?: string;
}

/** Every pool the key reaches, page after page: a tree is drawn from all of them. */
async function everyPool(client: CreditpoolClient, includeArchived: boolean): Promise<Pool[]> {
  const pools: Pool[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await client.pools.list({
      limit: limits.pageSizeMax,
      starting_after: startingAfter,
      ...(includeArchived ? { include_archived: "true" as const } : {}),
    });
    pools.push(...page.data);
    startingAfter = page.data.at(-1)?.id;
    if (!page.has_more || startingAfter === undefined) return pools;
  }
}

interface Placed {
  readonly pool: Pool;
  /** Levels below the top of the tree shown: a bound key's pool is a top. */
  readonly depth: number;
}

/**
 * Parents before their children, siblings by name (then id). A pool whose parent is not shown
 * (the key reaches only a subtree) is a top of the tree.
 */
function treeOrder(pools: readonly Pool[]): Placed[] {
  const shown = new Set(pools.map((pool) => pool.id));
  const children = new Map<string | null, Pool[]>();
  for (const pool of pools) {
    const parent = pool.parent !== null && shown.has(pool.parent) ? pool.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), pool]);
  }
  const placed: Placed[] = [];
  const place = (parent: string | null, depth: number) => {
    const siblings = [...(children.get(parent) ?? [])].sort(
      (a, b) => compare(a.name, b.name) || compare(a.id, b.id),
    );
    for (const pool of siblings) {
      placed.push({ pool, depth });
      place(pool.id, depth + 1);
    }
  };
  place(null, 0);
  return placed;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The pool columns, the name indented two spaces a level. */
const treeColumns: readonly Column<Placed>[] = poolColumns.map((column) => ({
  ...column,
  value: ({ pool, depth }: Placed) =>
    column.header === "NAME" ? `${"  ".repeat(depth)}${column.value(pool)}` : column.value(pool),
}));

/**
 * The limit the options ask for: undefined to leave it, null to remove it. A kind or a period
 * alone changes that part of the current limit; a new limit is hard and monthly by default.
 */
function limitOf(options: LimitOptions, current: Limit | null): Limit | null | undefined {
  if (options.limit === false) return null;
  if (
    options.limit === undefined &&
    options.limitKind === undefined &&
    options.period === undefined
  )
    return undefined;
  const amount = options.limit ?? current?.amount;
  if (amount === undefined)
    throw new CliError("invalid_request", "Give the limit's amount.", "--limit");
  return {
    amount,
    kind: options.limitKind ?? current?.kind ?? "hard",
    period: options.period ?? current?.period ?? "month",
  };
}

function overageLimitOf(
  options: LimitOptions,
  current: OverageLimit | null,
): OverageLimit | null | undefined {
  if (options.overageLimit === false) return null;
  if (options.overageLimit === undefined && options.overagePeriod === undefined) return undefined;
  const amount = options.overageLimit ?? current?.amount;
  if (amount === undefined) {
    throw new CliError("invalid_request", "Give the overage limit's amount.", "--overage-limit");
  }
  return { amount, period: options.overagePeriod ?? current?.period ?? "month" };
}
