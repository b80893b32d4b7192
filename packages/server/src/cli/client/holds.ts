/** `creditpool holds create|get|capture|release`: authorize before work, settle after. */
import type { Command } from "commander";
import { clientCommand, integer, run } from "./context.ts";
import { detail, fields } from "./table.ts";

/** A refused hold is an answer, not an error; it exits 2 so a script can tell it apart. */
export const holdRefusedExitCode = 2;

export function registerHoldCommands(program: Command): void {
  const holds = program.command("holds").description("Authorize before work; settle after");

  clientCommand(holds, "create", `Hold credits on a pool (exit ${holdRefusedExitCode} if refused)`)
    .requiredOption("--pool <id>", "the pool to hold on")
    .requiredOption("--amount <credits>", "the most the work may cost")
    .option("--ttl <seconds>", "when an unsettled hold lapses (default 600)", integer)
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (
        options: { pool: string; amount: string; ttl?: number; idempotencyKey?: string },
        command: Command,
      ) =>
        run(command, async (client) => {
          const decision = await client.holds.create(
            {
              pool: options.pool,
              amount: options.amount,
              ...(options.ttl === undefined ? {} : { ttl_seconds: options.ttl }),
            },
            { idempotencyKey: options.idempotencyKey },
          );
          if (decision.allowed) return { answer: decision, text: () => detail(decision.hold) };
          return {
            answer: decision,
            exitCode: holdRefusedExitCode,
            text: () =>
              fields([
                ["refused", decision.code],
                ["pool", decision.pool],
                ["message", decision.message ?? ""],
              ]),
          };
        }),
    );

  clientCommand(holds, "get", "Show a hold as of now")
    .argument("<id>", "the hold's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const hold = await client.holds.get(id);
        return { answer: hold, text: () => detail(hold) };
      }),
    );

  clientCommand(holds, "capture", "Settle a hold with the actual amount; the rest is released")
    .argument("<id>", "the hold's id")
    .requiredOption("--amount <credits>", "what the work actually cost")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { amount: string; idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const hold = await client.holds.capture(
          id,
          { amount: options.amount },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: hold, text: () => detail(hold) };
      }),
    );

  clientCommand(holds, "release", "Release a hold: nothing was used")
    .argument("<id>", "the hold's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const hold = await client.holds.release(id, { idempotencyKey: options.idempotencyKey });
        return { answer: hold, text: () => detail(hold) };
      }),
    );
}
