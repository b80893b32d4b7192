/**
 * `creditpool grants list|get|create|void|expiry|reallocate|undo-reallocation`: credits placed
 * in pools, and moved between pools of one carrier.
 */
import { grantSources } from "@creditpool/core";
import type { CreateGrant } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, integer, more, paged, run } from "./context.ts";
import { detail, table } from "./table.ts";
import { grantColumns } from "./views.ts";

interface CreateOptions {
  readonly pool: string;
  readonly amount: string;
  readonly source: CreateGrant["source"];
  readonly priority?: number;
  readonly effectiveAt?: string;
  readonly expiresAt?: string;
  readonly costBasis?: string;
  readonly idempotencyKey?: string;
}

interface ExpiryOptions {
  readonly expiresAt?: string;
  readonly never?: boolean;
  readonly idempotencyKey?: string;
}

export function registerGrantCommands(program: Command): void {
  const grants = program.command("grants").description("Credits placed in pools");

  paged(clientCommand(grants, "list", "List grants"))
    .option("--pool <id>", "only this pool's grants")
    .action(
      (options: { pool?: string; limit?: number; startingAfter?: string }, command: Command) =>
        run(command, async (client) => {
          const page = await client.grants.list({
            pool: options.pool,
            limit: options.limit,
            starting_after: options.startingAfter,
          });
          return {
            answer: page,
            text: () => table(page.data, grantColumns) + more(page.has_more, page.data.at(-1)?.id),
          };
        }),
    );

  clientCommand(grants, "get", "Show a grant as of now")
    .argument("<id>", "the grant's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const grant = await client.grants.get(id);
        return { answer: grant, text: () => detail(grant) };
      }),
    );

  clientCommand(grants, "create", "Grant credits to a pool")
    .requiredOption("--pool <id>", "the pool that receives the credits")
    .requiredOption("--amount <credits>", "how many credits, e.g. 1000 or 12.5")
    .addOption(
      new Option("--source <source>", "where they come from")
        .choices(grantSources)
        .makeOptionMandatory(),
    )
    .option("--priority <n>", "lower burns first (default 100)", integer)
    .option("--effective-at <time>", "when they become usable (ISO 8601)")
    .option("--expires-at <time>", "when what is left expires (ISO 8601)")
    .option("--cost-basis <money>", "money paid per credit")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: CreateOptions, command: Command) =>
      run(command, async (client) => {
        const grant = await client.grants.create(
          {
            pool: options.pool,
            amount: options.amount,
            source: options.source,
            ...(options.priority === undefined ? {} : { priority: options.priority }),
            ...(options.effectiveAt === undefined ? {} : { effective_at: options.effectiveAt }),
            ...(options.expiresAt === undefined ? {} : { expires_at: options.expiresAt }),
            ...(options.costBasis === undefined ? {} : { cost_basis: options.costBasis }),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: grant, text: () => detail(grant) };
      }),
    );

  clientCommand(grants, "void", "Void a grant: what is left unheld is forfeited")
    .argument("<id>", "the grant's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const grant = await client.grants.void(id, { idempotencyKey: options.idempotencyKey });
        return { answer: grant, text: () => detail(grant) };
      }),
    );

  clientCommand(grants, "expiry", "Change an open grant's expiry: later, earlier or never")
    .argument("<id>", "the grant's id")
    .addOption(
      new Option("--expires-at <time>", "the new expiry (ISO 8601), now or later").conflicts(
        "never",
      ),
    )
    .option("--never", "the grant never expires")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: ExpiryOptions, command: Command) =>
      run(command, async (client) => {
        const expiresAt = options.never === true ? null : options.expiresAt;
        if (expiresAt === undefined)
          throw new CliError("invalid_request", "Pass --expires-at or --never.", "--expires-at");
        const grant = await client.grants.changeExpiry(
          id,
          { expires_at: expiresAt },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: grant, text: () => detail(grant) };
      }),
    );

  clientCommand(grants, "reallocate", "Move part of a grant to a new grant at another pool")
    .argument("<id>", "the grant's id")
    .requiredOption("--pool <id>", "the pool of the new grant (same carrier)")
    .requiredOption("--amount <credits>", "how much of the unheld remainder moves")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: ReallocateOptions, command: Command) =>
      run(command, async (client) => {
        const grant = await client.grants.reallocate(
          id,
          { pool: options.pool, amount: options.amount },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: grant, text: () => detail(grant) };
      }),
    );

  clientCommand(grants, "undo-reallocation", "Within 24 hours, move a reallocation back")
    .argument("<id>", "the reallocated grant's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const write = { idempotencyKey: options.idempotencyKey };
        const grant = await client.grants.undoReallocation(id, write);
        return { answer: grant, text: () => detail(grant) };
      }),
    );
}

interface ReallocateOptions {
  readonly pool: string;
  readonly amount: string;
  readonly idempotencyKey?: string;
}
