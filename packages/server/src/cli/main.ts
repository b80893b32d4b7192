/**
 * The `creditpool` command. The server, the stores and the verifier are imported when a command
 * that needs them runs, so `creditpool --help` and the client commands start without loading them.
 */
import { Command } from "commander";
import { defaultDatabase, describeLocation } from "../locations.ts";
import { registerClientCommands } from "./client-commands.ts";
import { integerIn, registerDemo } from "./demo-command.ts";
import { type ExportCommandOptions, exportOptions, exportSettings } from "./export-options.ts";
import { registerFakeUpstream } from "./fake-upstream-command.ts";

type ServeOptions = { database: string; port: number; host: string } & ExportCommandOptions;

export function buildProgram(): Command {
  const program = new Command()
    .name("creditpool")
    .description(
      "Organization-level pooled credits for AI: one wallet, a tree of pools, exact holds.",
    );

  program
    .command("serve")
    .description("Serve the HTTP API (embedded SQLite by default)")
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL",
      process.env.DATABASE_URL ?? defaultDatabase,
    )
    .option(
      "--port <port>",
      "TCP port",
      integerIn("port", 0, 65_535),
      process.env.PORT === undefined ? 8080 : Number(process.env.PORT),
    )
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .addOption(exportOptions().nats)
    .addOption(exportOptions().stream)
    .addOption(exportOptions().subjectPrefix)
    .addOption(exportOptions().duplicateWindow)
    .action(async (options: ServeOptions) => {
      const { PortUnavailable, startServer } = await import("../server.ts");
      const { OperatorKeyRefused } = await import("../operator-key.ts");
      const server = await startServer({
        database: options.database,
        port: options.port,
        host: options.host,
        ...(process.env.CREDITPOOL_OPERATOR_KEY === undefined
          ? {}
          : { operatorKey: process.env.CREDITPOOL_OPERATOR_KEY }),
        engineThread: process.env.CREDITPOOL_ENGINE_THREAD !== "off",
        exportNats: exportSettings(options),
        onEngineStopped: (error) => {
          // Written at once: the log's buffered line may not be out before the exit.
          process.stderr.write(`creditpool: the engine thread stopped: ${error.message}\n`);
          process.exit(1);
        },
      }).catch((error: unknown) => {
        if (!(error instanceof OperatorKeyRefused || error instanceof PortUnavailable)) throw error;
        process.stderr.write(`creditpool: ${error.message}\n`);
        process.exitCode = 1;
        return null;
      });
      if (server === null) return;
      process.stdout.write(`creditpool is serving on ${server.url} (docs: ${server.url}/docs)\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });

  program
    .command("verify")
    .description(
      "Replay the journal of a database and check every ledger invariant (exit 1 on a violation)",
    )
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL",
      process.env.DATABASE_URL ?? defaultDatabase,
    )
    .option("--organization <id...>", "only these organizations")
    .option("--json", "print the report as JSON")
    .action(async (options: { database: string; organization?: string[]; json?: boolean }) => {
      const { formatReport, verifyLocation } = await import("../verify/verify-database.ts");
      if (options.json !== true)
        process.stderr.write(`Verifying ${describeLocation(options.database)}\n`);
      const report = await verifyLocation(options.database, options.organization, (r, i, total) => {
        if (options.json !== true && total > 1)
          process.stderr.write(`  [${i}/${total}] ${r.organizationId}\n`);
      });
      process.stdout.write(
        options.json === true
          ? `${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`
          : `${formatReport(report)}\n`,
      );
      process.exitCode = report.violations === 0 ? 0 : 1;
    });

  program
    .command("operator-key")
    .description(
      "Make a new operator key in the database and revoke every previous one; prints it once",
    )
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL",
      process.env.DATABASE_URL ?? defaultDatabase,
    )
    .action(async (options: { database: string }) => {
      const { inDatabase, mintOperatorKey } = await import("../operator-key.ts");
      await inDatabase(options.database, async (context) => {
        const secret = await mintOperatorKey(context);
        process.stderr.write(
          `A new operator key for ${describeLocation(options.database)}; every previous one ` +
            "is revoked (running servers stop accepting it within seconds). Shown this once:\n",
        );
        process.stdout.write(`${secret}\n`);
      });
    });

  program
    .command("owner-key")
    .description(
      "Make a new owner key for an organization directly in the database (its owner lost theirs); " +
        "prints it once",
    )
    .requiredOption("--organization <id>", "the organization's id (org_…)")
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL",
      process.env.DATABASE_URL ?? defaultDatabase,
    )
    .action(async (options: { organization: string; database: string }) => {
      const { inDatabase, mintOwnerKey } = await import("../operator-key.ts");
      await inDatabase(options.database, async (context) => {
        const where = describeLocation(options.database);
        const secret = await mintOwnerKey(context, options.organization);
        if (secret === null) {
          process.stderr.write(`creditpool: no organization ${options.organization} in ${where}\n`);
          process.exitCode = 1;
          return;
        }
        process.stderr.write(
          `A new owner key for ${options.organization} in ${where}; its other keys stay in ` +
            "force (revoke a lost one with DELETE /v1/keys/{id}). Shown this once:\n",
        );
        process.stdout.write(`${secret}\n`);
      });
    });

  registerDemo(program);
  registerFakeUpstream(program);
  registerClientCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync([...argv]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv);
}
