/** `creditpool usage record` and `creditpool transfers list`: usage in, the journal out. */
import { readFileSync } from "node:fs";
import { limits } from "@creditpool/core";
import type { UsageEvent, UsageResult } from "@creditpool/sdk";
import type { Command } from "commander";
import { CliError, clientCommand, integer, more, run } from "./context.ts";
import { type UsageOptions, usageOf, usageOptions } from "./pricing.ts";
import { table } from "./table.ts";
import { transferColumns, usageColumns } from "./views.ts";

interface RecordOptions extends UsageOptions {
  readonly pool?: string;
  readonly amount?: string;
  readonly id?: string;
  readonly outcomeKey?: string;
  readonly time?: string;
  readonly file?: string;
}

interface TransferOptions {
  readonly pool?: string;
  readonly grant?: string;
  readonly hold?: string;
  readonly limit?: number;
  readonly startingAfter?: number;
}

export function registerUsageCommands(program: Command): void {
  const usage = program.command("usage").description("Usage recorded after the fact");

  usageOptions(
    clientCommand(usage, "record", "Record usage events; each is idempotent by its id")
      .option("--pool <id>", "the pool the event debits")
      .option("--amount <credits>", "the event's cost in credits; or its --quantity to price"),
  )
    .option("--id <event id>", "your id for the event: a repeat answers duplicate")
    .option("--outcome-key <key>", "an outcome billed once, however many events report it")
    .option("--time <time>", "when it happened (ISO 8601; default now)")
    .option("--file <path>", "a JSON file of events (an array or { events }); - reads stdin")
    .action((options: RecordOptions, command: Command) =>
      run(command, async (client) => {
        const events = options.file === undefined ? [eventOf(options)] : eventsIn(options.file);
        const data: UsageResult[] = [];
        for (let start = 0; start < events.length; start += limits.usageEventsPerRequestMax) {
          const batch = events.slice(start, start + limits.usageEventsPerRequestMax);
          const answer = await client.usage.record({ events: batch });
          data.push(...answer.data);
        }
        const refused = data.filter((result) => result.status === "refused").length;
        return {
          answer: { object: "list", data },
          exitCode: refused === 0 ? 0 : 1,
          text: () => table(data, usageColumns),
        };
      }),
    );

  const transfers = program.command("transfers").description("The journal");

  clientCommand(transfers, "list", "The journal in sequence order")
    .option("--pool <id>", "only this pool's transfers")
    .option("--grant <id>", "only this grant's transfers")
    .option("--hold <id>", "only this hold's transfers")
    .option("--limit <n>", "how many to show (at most 100)", integer)
    .option("--starting-after <sequence>", "show those after this sequence number", integer)
    .action((options: TransferOptions, command: Command) =>
      run(command, async (client) => {
        const page = await client.transfers.list({
          pool: options.pool,
          grant: options.grant,
          hold: options.hold,
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () =>
            table(page.data, transferColumns) + more(page.has_more, page.data.at(-1)?.sequence),
        };
      }),
    );
}

function eventOf(options: RecordOptions): UsageEvent {
  const { pool, amount, id } = options;
  const usage = usageOf(options);
  if (pool === undefined || id === undefined || (amount === undefined) === (usage === undefined)) {
    const message = "Pass --pool, --id and one of --amount or --quantity, or --file.";
    throw new CliError("invalid_request", message, "--id");
  }
  return {
    id,
    pool,
    ...(usage === undefined ? { amount } : usage),
    ...(options.outcomeKey === undefined ? {} : { outcome_key: options.outcomeKey }),
    ...(options.time === undefined ? {} : { time: options.time }),
  };
}

/** The events of a file; the API checks each one. */
function eventsIn(path: string): UsageEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path === "-" ? 0 : path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("invalid_request", `Cannot read events: ${reason}`, "--file");
  }
  const events =
    typeof parsed === "object" && parsed !== null && "events" in parsed ? parsed.events : parsed;
  if (!Array.isArray(events) || events.length === 0) {
    throw new CliError("invalid_request", "Expected a non-empty array of events.", "--file");
  }
  return events as UsageEvent[];
}
