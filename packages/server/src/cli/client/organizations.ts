/** `creditpool organizations create <name>` (operator key) and `creditpool organization`. */
import type { Command } from "commander";
import { clientCommand, run } from "./context.ts";
import { detail, fields } from "./table.ts";
import { secretLabels } from "./views.ts";

export function registerOrganizationCommands(program: Command): void {
  const organizations = program
    .command("organizations")
    .description("Create organizations (operator key)");

  clientCommand(organizations, "create", "Create an organization and its root pool")
    .argument("<name>", "the organization's name")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((name: string, options: { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const created = await client.organizations.create(
          { name },
          { idempotencyKey: options.idempotencyKey },
        );
        return {
          answer: created,
          text: () =>
            `${detail(created.organization)}\n\nOwner key:\n${detail(created.owner_key, secretLabels)}`,
        };
      }),
    );

  clientCommand(program, "organization", "Show the key's organization and its root pool").action(
    (_options: unknown, command: Command) =>
      run(command, async (client) => {
        const organization = await client.organization.get();
        return {
          answer: organization,
          text: () =>
            fields([
              ["id", organization.id],
              ["name", organization.name],
              ["root pool", organization.root_pool],
              ["created", organization.created_at],
            ]),
        };
      }),
  );
}
