/** `creditpool holds create|get|capture|release`: authorize before work, settle after. */
import type { Command } from "commander";
import { CliError, clientCommand, integer, run } from "./context.ts";
import { type UsageOptions, usageOf, usageOptions } from "./pricing.ts";
import { detail, fields } from "./table.ts";

/** A refused hold is an answer, not an error; it exits 2 so a script can tell it apart. */
export const holdRefusedExitCode = 2;

export function registerHoldCommands(program: Command): void {
  const holds = program.command("holds").description("Authorize before work; settle after");

  usageOptions(
    clientCommand(
      holds,
      "create",
      `Hold credits on a pool (exit ${holdRefusedExitCode} if refused)`,
    )
      .requiredOption("--pool <id>", "the pool to hold on")
      .option("--amount <credits>", "the most the work may cost; or --quote, or --quantity")
      .option("--quote <id>", "hold a quote's amount, priced with its rate-card version"),
  )
    .option("--ttl <seconds>", "when an unsettled hold lapses (default 600)", integer)
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: CreateOptions, command: Command) =>
      run(command, async (client) => {
        const decision = await client.holds.create(
          {
            pool: options.pool,
            ...sizeOf(options),
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

  usageOptions(
    clientCommand(holds, "capture", "Settle a hold with the actual amount; the rest is released")
      .argument("<id>", "the hold's id")
      .option("--amount <credits>", "what the work actually cost; or the actual --quantity"),
  )
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: CaptureOptions, command: Command) =>
      run(command, async (client) => {
        const usage = usageOf(options);
        const given = [options.amount, usage].filter((each) => each !== undefined).length;
        if (given !== 1) {
          throw new CliError("invalid_request", "Pass --amount or --quantity.", "--amount");
        }
        const hold = await client.holds.capture(
          id,
          usage === undefined ? { amount: options.amount } : { usage },
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

interface CaptureOptions extends UsageOptions {
  readonly amount?: string;
  readonly idempotencyKey?: string;
}

interface CreateOptions extends CaptureOptions {
  readonly pool: string;
  readonly quote?: string;
  readonly ttl?: number;
}

/** Exactly one size: credits, a quote, or usage priced with the version in force. */
function sizeOf(options: CreateOptions) {
  const usage = usageOf(options);
  const given = [options.amount, options.quote, usage].filter((each) => each !== undefined);
  if (given.length !== 1) {
    throw new CliError(
      "invalid_request",
      "Pass one of --amount, --quote or --quantity.",
      "--amount",
    );
  }
  if (usage !== undefined) return { usage };
  return options.quote === undefined ? { amount: options.amount } : { quote: options.quote };
}
