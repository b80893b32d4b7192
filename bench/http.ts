/**
 * `npm run bench:http`: holds and captures over loopback HTTP against a bare Hono echo on the same
 * adapter. Both servers run in child processes; autocannon drives them from this one. Prints
 * progress, then Markdown; exits 1 on any overspend or verifier violation.
 *
 *   npm run bench:http -- --seconds 10 --warmup 2 --connections 1,16,64,256
 *   node --import tsx bench/http.ts --seconds 3 --warmup 1 --connections 1,64
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { httpResultsTable, httpTargets, targetTable } from "./http-report.ts";
import { runHttpSuite } from "./http-suite.ts";
import { describeMachine } from "./machine.ts";
import { Progress } from "./progress.ts";

const usage =
  "usage: npm run bench:http -- [--seconds 10] [--warmup 2] [--connections 1,16,64,256] [--engine thread|in-process]";

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "1,16,64,256" },
      engine: { type: "string", default: "thread" },
      help: { type: "boolean", default: false },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const connections = values.connections.split(",").map(Number);
  const valid =
    Number.isInteger(seconds) &&
    seconds > 0 &&
    Number.isInteger(warmup) &&
    warmup >= 0 &&
    connections.every((c) => Number.isInteger(c) && c > 0) &&
    (values.engine === "thread" || values.engine === "in-process");
  if (!valid || values.help) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { seconds, warmup, connections, engineThread: values.engine === "thread" };
}

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
    command: ["npm run bench:http", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
    "load average (1, 5, 15 min) at the start": load(),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);
  const result = await runHttpSuite({
    connections: options.connections,
    seconds: options.seconds,
    warmupSeconds: options.warmup,
    engineThread: options.engineThread,
    log,
  });
  Object.assign(facts, result.facts);
  facts["load average (1, 5, 15 min) at the end"] = load();
  const targets = httpTargets(result.rows, result.verify);
  const failed = result.rows.some((row) => row.books?.ok === false) || !result.verify.ok;
  const out = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    `- window: ${options.warmup} s warm-up + ${options.seconds} s measured per run`,
    "",
    "## Results",
    "",
    httpResultsTable(result.rows),
    "",
    "## Targets",
    "",
    targetTable(targets),
    "",
    failed
      ? "FAILED: overspend or verifier violations."
      : `Books: no overspend after any run; verify: ${result.verify.detail}`,
    progress.total(),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
