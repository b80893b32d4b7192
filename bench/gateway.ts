/**
 * `npm run bench:gateway`: what creditpool's gateway adds to a chat completion over calling the
 * provider directly, whole and streamed, at 1, 16 and 64 clients, beside Portkey's gateway doing
 * the same without a budget and a bare pass-through proxy. The fake upstream, creditpool, Portkey
 * and the proxy each run in their own process; the load runs in this one. Prints progress, then Markdown; exits 1 on any failed
 * call, overspend, inexact settlement or verifier violation.
 *
 *   npm run bench:gateway -- --seconds 4 --warmup 1 --clients 1,16,64
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { gatewayResultsTable, gatewayTargets, gatewayTargetTable } from "./gateway-report.ts";
import { runGatewaySuite } from "./gateway-suite.ts";
import { describeMachine } from "./machine.ts";
import { Progress } from "./progress.ts";

const usage = "usage: npm run bench:gateway -- [--seconds 4] [--warmup 1] [--clients 1,16,64]";

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "4" },
      warmup: { type: "string", default: "1" },
      clients: { type: "string", default: "1,16,64" },
      help: { type: "boolean", default: false },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const clients = values.clients.split(",").map(Number);
  const valid =
    Number.isFinite(seconds) &&
    seconds > 0 &&
    Number.isFinite(warmup) &&
    warmup >= 0 &&
    clients.every((c) => Number.isInteger(c) && c > 0 && c <= clientsMax);
  if (!valid || values.help) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { seconds, warmup, clients };
}

/** More clients than this would measure the machine's sockets, not the gateways. */
const clientsMax = 1_024;

async function main(): Promise<void> {
  const options = parseOptions();
  const progress = new Progress();
  const log = progress.log;
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ");
  const args = process.argv.slice(2);
  const facts: Record<string, string> = {
    date: new Date().toISOString(),
    command: ["npm run bench:gateway", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
    "load average (1, 5, 15 min) at the start": load(),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);
  const result = await runGatewaySuite({
    clients: options.clients,
    seconds: options.seconds,
    warmupSeconds: options.warmup,
    log,
  });
  Object.assign(facts, result.facts);
  facts["load average (1, 5, 15 min) at the end"] = load();
  const failed =
    result.rows.some((row) => row.load.failures > 0 || row.books?.ok === false) ||
    !result.verify.ok;
  const out = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    `- window: ${options.warmup} s warm-up + ${options.seconds} s measured per run`,
    "",
    "## Results",
    "",
    gatewayResultsTable(result.rows),
    "",
    "## Targets",
    "",
    gatewayTargetTable(gatewayTargets(result.rows, result.verify)),
    "",
    failed
      ? "FAILED: failed calls, overspend, inexact settlement or verifier violations."
      : `Books: exact after every creditpool run; verify: ${result.verify.detail}`,
    progress.total(),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
