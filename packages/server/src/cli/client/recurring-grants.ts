/** `creditpool recurring-grants list|get|create|cancel`: a grant issued every period. */
import type { CreateRecurringGrant, RecurringGrant } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, integer, more, paged, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";

const columns: readonly Column<RecurringGrant>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "POOL", value: (row) => row.pool },
  { header: "AMOUNT", value: (row) => row.amount, align: "right" },
  { header: "EVERY", value: (row) => row.interval },
  { header: "STATUS", value: (row) => row.status },
  { header: "ISSUED", value: (row) => String(row.periods_issued), align: "right" },
  { header: "NEXT", value: (row) => row.next_issue_at ?? "-" },
];

interface CreateOptions {
  readonly pool: string;
  readonly amount: string;
  readonly source: CreateRecurringGrant["source"];
  readonly interval: CreateRecurringGrant["interval"];
  readonly anchorAt?: string;
  readonly timeZone?: string;
  readonly expiry?: string;
  readonly rolloverCap?: string;
  readonly rolloverDays?: number;
  readonly periods?: number;
  readonly endsAt?: string;
  readonly priority?: number;
  readonly costBasis?: string;
  readonly idempotencyKey?: string;
}

/** `never`, `period_end`, or a number of days. */
function expiryOf(text: string | undefined): CreateRecurringGrant["expiry"] {
  if (text === undefined || text === "never" || text === "period_end") return text;
  if (/^\d+$/.test(text)) return { days: Number(text) };
  throw new CliError(
    "invalid_request",
    "Expected never, period_end or a number of days.",
    "--expiry",
  );
}

function rolloverOf(options: CreateOptions): CreateRecurringGrant["rollover"] {
  if (options.rolloverCap === undefined && options.rolloverDays === undefined) return undefined;
  if (options.rolloverCap === undefined || options.rolloverDays === undefined)
    throw new CliError(
      "invalid_request",
      "Pass --rollover-cap and --rollover-days together.",
      "--rollover-cap",
    );
  return { cap: options.rolloverCap, lifetime_days: options.rolloverDays };
}

export function registerRecurringGrantCommands(program: Command): void {
  const recurring = program
    .command("recurring-grants")
    .description("Grants issued to a pool every month or year");

  paged(clientCommand(recurring, "list", "List recurring grants")).action(
    (options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.recurringGrants.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, columns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(recurring, "get", "Show a recurring grant and its latest grants")
    .argument("<id>", "the recurring grant's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.recurringGrants.get(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(recurring, "create", "Grant credits to a pool every month or year")
    .requiredOption("--pool <id>", "the pool that receives the credits")
    .requiredOption("--amount <credits>", "how many credits each period")
    .requiredOption("--source <source>", "where they come from, e.g. promotion")
    .addOption(
      new Option("--interval <interval>", "how often").choices(["month", "year"]).default("month"),
    )
    .option("--anchor-at <time>", "the first period's start (ISO 8601; default now)")
    .option("--time-zone <zone>", "the IANA zone periods start in (default UTC)")
    .option("--expiry <when>", "never, period_end, or a number of days (default never)")
    .option("--rollover-cap <credits>", "at expiry, at most this much of what is left moves on")
    .option("--rollover-days <n>", "for this many days", integer)
    .option("--periods <n>", "how many periods to issue (default: until canceled)", integer)
    .option("--ends-at <time>", "no period starting at or after this is issued (ISO 8601)")
    .option("--priority <n>", "lower burns first (default 100)", integer)
    .option("--cost-basis <money>", "money paid per credit")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: CreateOptions, command: Command) =>
      run(command, async (client) => {
        const expiry = expiryOf(options.expiry);
        const rollover = rolloverOf(options);
        const optional = {
          anchor_at: options.anchorAt,
          time_zone: options.timeZone,
          expiry,
          rollover,
          periods: options.periods,
          ends_at: options.endsAt,
          priority: options.priority,
          cost_basis: options.costBasis,
        };
        const given = Object.entries(optional).filter(([, value]) => value !== undefined);
        const row = await client.recurringGrants.create(
          {
            pool: options.pool,
            amount: options.amount,
            source: options.source,
            interval: options.interval,
            ...Object.fromEntries(given),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(recurring, "cancel", "Stop a recurring grant; the grants issued stay")
    .argument("<id>", "the recurring grant's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const row = await client.recurringGrants.cancel(id, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: row, text: () => detail(row) };
      }),
    );
}
