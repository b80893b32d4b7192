/**
 * `creditpool gateway-calls list|get`: the calls made through the AI gateway, with who made them,
 * the model that ran, what they cost and how they ended.
 */
import type { GatewayCall } from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, run } from "./context.ts";
import { type Column, fields, table } from "./table.ts";

const callColumns: readonly Column<GatewayCall>[] = [
  { header: "ID", value: (call) => call.id },
  { header: "AT", value: (call) => call.started_at },
  { header: "MODEL", value: (call) => call.model },
  { header: "MEMBER", value: (call) => call.member ?? "" },
  { header: "CREDITS", value: (call) => call.credits, align: "right" },
  { header: "STATUS", value: (call) => call.status },
];

function callText(call: GatewayCall): string {
  const tags = Object.entries(call.tags).map(([key, value]) => `${key}=${value}`);
  const usage = Object.entries(call.usage).map(([meter, n]) => `${meter} ${n}`);
  return fields([
    ["id", call.id],
    ["pool", call.pool],
    ["key", call.key],
    ["member", call.member ?? ""],
    ["model", `${call.model} (asked: ${call.requested_model})`],
    ["upstream", call.upstream ?? ""],
    ["tags", tags.join(", ")],
    ["usage", usage.join(", ")],
    ["credits", call.credits],
    ["status", `${call.status}${call.finish_reason === null ? "" : ` (${call.finish_reason})`}`],
    ["holds", call.holds.join(", ")],
    ["started", call.started_at],
    ["ended", call.ended_at ?? ""],
  ]);
}

export function registerGatewayCallCommands(program: Command): void {
  const calls = program
    .command("gateway-calls")
    .description("Calls through the AI gateway: who, which model, what they cost");
  clientCommand(calls, "list", "Calls newest first")
    .option("--pool <id>", "only this pool's")
    .option("--member <id>", "only this member's")
    .option("--by-key <id>", "only this API key's (--key is the key that asks)")
    .option("--limit <n>", "at most this many")
    .action((options: Record<string, string | undefined>, command: Command) =>
      run(command, async (client) => {
        const { pool, member, byKey, limit } = options;
        const page = await client.gatewayCalls.list({
          pool,
          member,
          ...(byKey === undefined ? {} : { key: byKey }),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
        });
        return { answer: page, text: () => table(page.data, callColumns) };
      }),
    );
  clientCommand(calls, "get", "A call with its usage, holds and tags")
    .argument("<id>", "the call's id (x-creditpool-call)")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const call = await client.gatewayCalls.get(id);
        return { answer: call, text: () => callText(call) };
      }),
    );
}
