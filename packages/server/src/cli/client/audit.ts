/**
 * `creditpool audit list|export`: who changed what in the organization. `list` shows a page of
 * the trail; `export` prints a span of it as JSON Lines, one record a line, to be kept or
 * checked with the chain rules of the audit concepts page (`creditpool audit export > a.jsonl`).
 */
import type { AuditRecord } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, integer, more, run } from "./context.ts";
import { type Column, table } from "./table.ts";

function actorText(record: AuditRecord): string {
  const { actor } = record;
  return actor.type === "system" ? "system" : actor.type === "operator" ? "operator" : actor.id;
}

const columns: readonly Column<AuditRecord>[] = [
  { header: "SEQ", value: (record) => String(record.sequence) },
  { header: "AT", value: (record) => record.at },
  { header: "ACTION", value: (record) => record.action },
  { header: "TARGET", value: (record) => record.target.id },
  { header: "ACTOR", value: actorText },
];

interface ListOptions {
  readonly action?: string;
  readonly target?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly startingAfter?: number;
}

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command("audit")
    .description("The audit trail: every administrative change, hash-chained");

  clientCommand(audit, "list", "The trail in sequence order (owner and admin keys)")
    .option("--action <action>", "only this action, e.g. pool.updated")
    .option("--target <id>", "only changes to this object")
    .option("--actor <actor>", "only changes by this key id, or operator, or system")
    .option("--from <time>", "only records at or after this ISO 8601 time")
    .option("--to <time>", "only records before this ISO 8601 time")
    .option("--limit <n>", "how many to show (at most 100)", integer)
    .option("--starting-after <sequence>", "show those after this sequence number", integer)
    .action((options: ListOptions, command: Command) =>
      run(command, async (client) => {
        const page = await client.auditRecords.list({
          action: options.action,
          target: options.target,
          actor: options.actor,
          from: options.from,
          to: options.to,
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        const last = page.data.at(-1)?.sequence;
        return {
          answer: page,
          text: () => table(page.data, columns) + more(page.has_more, last),
        };
      }),
    );

  clientCommand(audit, "export", "A span of at most 31 days as JSON Lines, oldest first")
    .option("--from <time>", "an ISO 8601 time (default: 31 days before --to)")
    .option("--to <time>", "an ISO 8601 time, excluded (default: now)")
    .action((options: { from?: string; to?: string }, command: Command) =>
      run(command, async (client) => {
        const records: AuditRecord[] = [];
        for await (const record of client.auditRecords.export(options)) records.push(record);
        return {
          answer: records,
          text: () => records.map((record) => JSON.stringify(record)).join("\n"),
        };
      }),
    );
}
