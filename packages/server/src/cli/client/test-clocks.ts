/**
 * `creditpool test-clocks create|list|get|advance`: an organization made for trying things, its
 * time moved forward so renewals, expiries and top-ups happen in seconds.
 */
import type { TestClock } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, run } from "./context.ts";
import { type Column, fields, table } from "./table.ts";

const columns: readonly Column<TestClock>[] = [
  { header: "ID", value: (clock) => clock.id },
  { header: "TIME", value: (clock) => clock.time },
  { header: "CREATED", value: (clock) => clock.created_at },
];

function clockText(clock: TestClock): string {
  return fields([
    ["id", clock.id],
    ["organization", clock.organization],
    ["time", clock.time],
    ["created", clock.created_at],
  ]);
}

export function registerTestClockCommands(program: Command): void {
  const clocks = program
    .command("test-clocks")
    .description("Move an organization made for trying things forward in time");

  clientCommand(clocks, "create", "Give the organization a clock (its ledger must be empty)")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const clock = await client.testClocks.create({ idempotencyKey: options.idempotencyKey });
        return { answer: clock, text: () => clockText(clock) };
      }),
    );

  clientCommand(clocks, "list", "The organization's clock, if it has one").action(
    (_options: unknown, command: Command) =>
      run(command, async (client) => {
        const list = await client.testClocks.list();
        return { answer: list, text: () => table(list.data, columns) };
      }),
  );

  clientCommand(clocks, "get", "A clock and its organization's time")
    .argument("<id>", "the clock's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const clock = await client.testClocks.get(id);
        return { answer: clock, text: () => clockText(clock) };
      }),
    );

  clientCommand(clocks, "advance", "Move the organization's time forward")
    .argument("<id>", "the clock's id")
    .requiredOption("--to <time>", "an ISO 8601 time, at most 366 days after the clock's")
    .action((id: string, options: { to: string }, command: Command) =>
      run(command, async (client) => {
        const clock = await client.testClocks.advance(id, { to: options.to });
        return { answer: clock, text: () => clockText(clock) };
      }),
    );
}
