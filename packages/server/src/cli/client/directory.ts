/** `creditpool members list|get|create` and `creditpool keys list|create|revoke`. */
import type { Command } from "commander";
import { Option } from "commander";
import { memberKinds, roles } from "../../access/roles.ts";
import { clientCommand, more, paged, run } from "./context.ts";
import { detail, table } from "./table.ts";
import { keyColumns, memberColumns, secretLabels } from "./views.ts";

type Role = (typeof roles)[number];

interface PageOptions {
  readonly limit?: number;
  readonly startingAfter?: string;
}

export function registerMemberCommands(program: Command): void {
  const members = program.command("members").description("People and agents");

  paged(clientCommand(members, "list", "List members")).action(
    (options: PageOptions, command: Command) =>
      run(command, async (client) => {
        const page = await client.members.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, memberColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(members, "get", "Show a member")
    .argument("<id>", "the member's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const member = await client.members.get(id);
        return { answer: member, text: () => detail(member) };
      }),
    );

  clientCommand(members, "create", "Add a person or an agent")
    .requiredOption("--name <name>", "the member's name")
    .addOption(new Option("--kind <kind>", "person or agent").choices(memberKinds))
    .addOption(new Option("--role <role>", "what the member may do").choices(roles))
    .option("--pool <id>", "the member's pool")
    .option("--email <email>", "the member's email")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (
        options: {
          name: string;
          kind?: (typeof memberKinds)[number];
          role?: Role;
          pool?: string;
          email?: string;
          idempotencyKey?: string;
        },
        command: Command,
      ) =>
        run(command, async (client) => {
          const member = await client.members.create(
            {
              name: options.name,
              ...(options.kind === undefined ? {} : { kind: options.kind }),
              ...(options.role === undefined ? {} : { role: options.role }),
              ...(options.pool === undefined ? {} : { pool: options.pool }),
              ...(options.email === undefined ? {} : { email: options.email }),
            },
            { idempotencyKey: options.idempotencyKey },
          );
          return { answer: member, text: () => detail(member) };
        }),
    );
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command("keys").description("API keys");

  paged(clientCommand(keys, "list", "List API keys (never their secrets)")).action(
    (options: PageOptions, command: Command) =>
      run(command, async (client) => {
        const page = await client.keys.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, keyColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(keys, "create", "Create an API key; its secret is shown once")
    .requiredOption("--name <name>", "what the key is for")
    .addOption(
      new Option("--role <role>", "what the key may do").choices(roles).makeOptionMandatory(),
    )
    .option("--pool <id>", "bind the key to this pool's subtree")
    .option("--member <id>", "the member the key acts for")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (
        options: {
          name: string;
          role: Role;
          pool?: string;
          member?: string;
          idempotencyKey?: string;
        },
        command: Command,
      ) =>
        run(command, async (client) => {
          const key = await client.keys.create(
            {
              name: options.name,
              role: options.role,
              ...(options.pool === undefined ? {} : { pool: options.pool }),
              ...(options.member === undefined ? {} : { member: options.member }),
            },
            { idempotencyKey: options.idempotencyKey },
          );
          return { answer: key, text: () => detail(key, secretLabels) };
        }),
    );

  clientCommand(keys, "revoke", "Revoke an API key")
    .argument("<id>", "the key's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const key = await client.keys.revoke(id);
        return { answer: key, text: () => detail(key) };
      }),
    );
}
