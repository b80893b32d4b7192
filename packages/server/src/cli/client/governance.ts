/**
 * `creditpool decisions list|get` and `creditpool approvals list|get|approve|deny`: why holds
 * were refused, and the holds above an approval gate waiting for an answer.
 */
import type { Approval, Decision } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { clientCommand, run } from "./context.ts";
import { type Column, fields, table } from "./table.ts";

const decisionColumns: readonly Column<Decision>[] = [
  { header: "ID", value: (d) => d.id },
  { header: "AT", value: (d) => d.created_at },
  { header: "CODE", value: (d) => d.code },
  { header: "POOL", value: (d) => d.pool },
  { header: "AMOUNT", value: (d) => d.amount },
  { header: "MEMBER", value: (d) => d.member ?? "" },
  { header: "MODEL", value: (d) => d.model ?? "" },
];

const approvalColumns: readonly Column<Approval>[] = [
  { header: "ID", value: (a) => a.id },
  { header: "STATUS", value: (a) => a.status },
  { header: "POOL", value: (a) => a.requested_pool },
  { header: "AMOUNT", value: (a) => a.amount },
  { header: "KEY", value: (a) => a.key ?? "" },
  { header: "REQUESTED", value: (a) => a.requested_at },
  { header: "EXPIRES", value: (a) => a.expires_at },
];

function decisionText(d: Decision): string {
  return `${fields([
    ["id", d.id],
    ["kind", d.kind],
    ["code", d.code],
    ["decided at pool", d.pool],
    ["asked at pool", d.requested_pool],
    ["amount", d.amount],
    ["member", d.member ?? "-"],
    ["key", d.key ?? "-"],
    ["model", d.model ?? "-"],
    ["at", d.created_at],
  ])}\nevidence:\n${JSON.stringify(d.evidence, null, 2)}`;
}

function approvalText(a: Approval): string {
  return fields([
    ["id", a.id],
    ["status", a.status],
    ["gate at pool", a.pool],
    ["asked at pool", a.requested_pool],
    ["amount", a.amount],
    ["member", a.member ?? "-"],
    ["key", a.key ?? "-"],
    ["model", a.model ?? "-"],
    ["requested", a.requested_at],
    ["decided by", a.decided_by ?? "-"],
    ["expires", a.expires_at],
    ["note", a.note ?? "-"],
  ]);
}

export function registerGovernanceCommands(program: Command): void {
  const decisions = program
    .command("decisions")
    .description("Why holds were refused, with the figures that decided");
  clientCommand(decisions, "list", "Refused holds and flagged usage, newest first")
    .option("--code <code>", "only this result code")
    .option("--pool <id>", "decided or asked at this pool")
    .option("--member <id>", "only this member's")
    .option("--by-key <id>", "only this API key's (--key is the key that asks)")
    .option("--from <time>", "at or after this ISO 8601 time")
    .option("--to <time>", "before this ISO 8601 time")
    .option("--limit <n>", "at most this many")
    .action((options: Record<string, string | undefined>, command: Command) =>
      run(command, async (client) => {
        const { limit, byKey, code, pool, member, from, to } = options;
        const page = await client.decisions.list({
          code,
          pool,
          member,
          from,
          to,
          ...(byKey === undefined ? {} : { key: byKey }),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
        });
        return { answer: page, text: () => table(page.data, decisionColumns) };
      }),
    );
  clientCommand(decisions, "get", "A decision with its evidence")
    .argument("<id>", "the decision's id (a refusal's decision_id)")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const decision = await client.decisions.get(id);
        return { answer: decision, text: () => decisionText(decision) };
      }),
    );

  const approvals = program
    .command("approvals")
    .description("Holds above a pool's approval amount, and an approver's answer");
  clientCommand(approvals, "list", "Approval requests, newest first")
    .addOption(
      new Option("--status <status>", "only these").choices([
        "pending",
        "approved",
        "denied",
        "expired",
      ]),
    )
    .action((options: { status?: Approval["status"] }, command: Command) =>
      run(command, async (client) => {
        const page = await client.approvals.list(
          options.status === undefined ? {} : { status: options.status },
        );
        return { answer: page, text: () => table(page.data, approvalColumns) };
      }),
    );
  clientCommand(approvals, "get", "An approval request and its answer")
    .argument("<id>", "the request's id (the refused hold's decision_id)")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const approval = await client.approvals.get(id);
        return { answer: approval, text: () => approvalText(approval) };
      }),
    );
  for (const verb of ["approve", "deny"] as const) {
    clientCommand(approvals, verb, verb === "approve" ? "Approve the hold" : "Deny the hold")
      .argument("<id>", "the request's id")
      .option("--note <text>", "why, for the record")
      .action((id: string, options: { note?: string }, command: Command) =>
        run(command, async (client) => {
          const body = options.note === undefined ? {} : { note: options.note };
          const approval = await client.approvals[verb](id, body);
          return { answer: approval, text: () => approvalText(approval) };
        }),
      );
  }
}
