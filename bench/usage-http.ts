/**
 * `npm run bench:usage:http`: usage events over HTTP, as clients send them: `creditpool serve` on a
 * fresh SQLite file (durable), the operator's default rate card published from the shipped model
 * catalog, and C callers each posting `POST /v1/usage` with B events a request (input and output
 * tokens of one of two models, each event its own id), one request at a time per caller. Every
 * event is priced by the server and recorded through its engine. The baseline in the same run:
 * the same requests to a bare Hono echo on the same adapter, which parses each body and sends it
 * back (the floor of HTTP and JSON for bodies this size). Prints progress, then Markdown;
 * exits 1 when an event is not recorded, a replay is not answered `duplicate`, or verify fails.
 *
 *   npm run bench:usage:http -- --seconds 5 --warmup 1 --batch-sizes 100,1000 --callers 4
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { newKeySecret } from "../packages/server/src/access/keys.ts";
import { creditpoolCounters, figuresBetween, type ServerFigures } from "./http-counters.ts";
import { setUpHotPool, verifyCommand } from "./http-ledger.ts";
import { creditpoolBin, startCreditpool, startEcho } from "./http-servers.ts";
import { describeMachine } from "./machine.ts";
import { Progress } from "./progress.ts";
import { type LoopHooks, type LoopResult, timedLoop } from "./usage-events.ts";

const models = ["gpt-4o", "gpt-4o-mini"] as const;

interface Row {
  readonly target: "echo" | "creditpool";
  readonly batchSize: number;
  readonly callers: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly serverCpu: number | null;
  readonly commandsPerBatch: number | null;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "5" },
      warmup: { type: "string", default: "1" },
      "batch-sizes": { type: "string", default: "100,1000" },
      callers: { type: "string", default: "4" },
      help: { type: "boolean", default: false },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const callers = Number(values.callers);
  const batchSizes = values["batch-sizes"].split(",").map(Number);
  const valid =
    seconds > 0 &&
    warmup >= 0 &&
    Number.isInteger(callers) &&
    callers > 0 &&
    batchSizes.every((b) => Number.isInteger(b) && b > 0 && b <= 1000);
  if (!valid || values.help) {
    process.stderr.write(
      "usage: npm run bench:usage:http -- [--seconds 5] [--warmup 1] [--batch-sizes 100,1000] [--callers 4]\n",
    );
    process.exit(values.help ? 0 : 2);
  }
  return { seconds, warmup, callers, batchSizes };
}

const progress = new Progress();
const log = progress.log;

function eventsFrom(prefix: string, first: number, count: number, poolId: string) {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return {
      id: `${prefix}-${n}`,
      pool: poolId,
      quantities: { input_tokens: 200 + (n % 1800), output_tokens: 50 + (n % 450) },
      dimensions: { model: models[n % models.length] },
    };
  });
}

/** Posts one request of events; answers how many were recorded and how many were duplicates. */
async function post(url: string, key: string, events: unknown[]) {
  const response = await fetch(`${url}/v1/usage`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { data?: { status: string; code: string }[] };
  if (response.status !== 200 || body.data === undefined)
    throw new Error(`POST /v1/usage: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  const count = (status: string) => body.data?.filter((r) => r.status === status).length ?? 0;
  return { recorded: count("recorded"), duplicate: count("duplicate"), refused: count("refused") };
}

/**
 * Every caller sending request after request for the warm-up and the window; `hooks` (the
 * window's edges) go to the first caller.
 */
function fromCallers(
  options: { callers: number; warmup: number; seconds: number },
  batchSize: number,
  send: (caller: number, first: number) => Promise<void>,
  hooks: LoopHooks = {},
): Promise<LoopResult[]> {
  return Promise.all(
    Array.from({ length: options.callers }, (_, caller) =>
      timedLoop(
        batchSize,
        (first) => send(caller, first),
        options.warmup * 1000,
        options.seconds * 1000,
        caller === 0 ? hooks : {},
      ),
    ),
  );
}

function rowOf(
  target: Row["target"],
  batchSize: number,
  callers: number,
  results: readonly LoopResult[],
  figures: ServerFigures | null,
): Row {
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    target,
    batchSize,
    callers,
    events: results.reduce((sum, r) => sum + r.events, 0),
    eventsPerSecond: results.reduce((sum, r) => sum + r.eventsPerSecond, 0),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    serverCpu: figures?.cpuCores ?? null,
    commandsPerBatch: figures?.commandsPerBatch ?? null,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const args = process.argv.slice(2);
  const facts: Record<string, string> = {
    date: new Date().toISOString(),
    command: ["npm run bench:usage:http", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);
  const operatorKey = newKeySecret((bytes) => crypto.randomFillSync(bytes));
  const server = await startCreditpool(operatorKey);
  const echo = await startEcho();
  const problems: string[] = [];
  const rows: Row[] = [];
  try {
    const setup = await setUpHotPool(server.url, operatorKey);
    const published = spawnSync(
      process.execPath,
      [creditpoolBin, "rate-cards", "publish", "--credit-value", "0.01", "--markup", "0.2"],
      {
        encoding: "utf8",
        env: { ...process.env, CREDITPOOL_URL: server.url, CREDITPOOL_KEY: operatorKey },
      },
    );
    if (published.status !== 0) throw new Error(`publishing the rate card: ${published.stderr}`);
    log(`creditpool serve on ${server.url}; default rate card published from the catalog`);
    for (const batchSize of options.batchSizes) {
      log(`echo, batches of ${batchSize}, ${options.callers} callers`);
      const echoed = await fromCallers(options, batchSize, async (caller, first) => {
        const events = eventsFrom(`e${batchSize}c${caller}`, first, batchSize, setup.poolId);
        const response = await fetch(`${echo.url}/echo`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ events }),
        });
        await response.json();
      });
      rows.push(rowOf("echo", batchSize, options.callers, echoed, null));
      log(
        `batches of ${batchSize}, ${options.callers} callers: ${options.warmup} s + ${options.seconds} s`,
      );
      let open: Promise<Awaited<ReturnType<typeof creditpoolCounters>>> | null = null;
      let close: Promise<Awaited<ReturnType<typeof creditpoolCounters>>> | null = null;
      const results = await fromCallers(
        options,
        batchSize,
        async (caller, first) => {
          const events = eventsFrom(`b${batchSize}c${caller}`, first, batchSize, setup.poolId);
          const answer = await post(server.url, setup.agentKey, events);
          if (answer.recorded !== batchSize)
            problems.push(`a request of ${batchSize} recorded ${answer.recorded}`);
        },
        {
          onWindowStart: () => {
            open = creditpoolCounters(server.url);
          },
          onCounted: () => {
            close = creditpoolCounters(server.url);
          },
        },
      );
      const figures =
        open !== null && close !== null
          ? figuresBetween(await open, await close, options.seconds)
          : null;
      const row = rowOf("creditpool", batchSize, options.callers, results, figures);
      rows.push(row);
      log(`  ${Math.round(row.eventsPerSecond)} events/s, request p50 ${row.p50.toFixed(1)} ms`);
      // The first request again: every one of its events is answered `duplicate`.
      const again = await post(
        server.url,
        setup.agentKey,
        eventsFrom(`b${batchSize}c0`, 0, batchSize, setup.poolId),
      );
      if (again.duplicate !== batchSize)
        problems.push(`a replay of ${batchSize} events: ${JSON.stringify(again)}`);
    }
    await server.stop();
    const verify = await verifyCommand(server.database);
    log(`verify: ${verify.detail}`);
    if (!verify.ok) problems.push(`verify: ${verify.detail}`);
  } finally {
    await echo.stop();
    await server.stop();
    await server.cleanUp();
  }
  const lines = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    "",
    "## Usage events over HTTP (SQLite, engine on its worker thread)",
    "",
    "| target | events/request | callers | events | events/s | request p50 ms | request p99 ms | server cpu | cmds/batch |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.batchSize} | ${r.callers} | ${r.events.toLocaleString("en")} | ${Math.round(r.eventsPerSecond).toLocaleString("en")} | ` +
        `${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.serverCpu?.toFixed(2) ?? "–"} | ${r.commandsPerBatch?.toFixed(0) ?? "–"} |`,
    ),
    "",
    problems.length === 0
      ? "Books: every event recorded once, every replay answered duplicate, verify clean."
      : `FAILED: ${problems.slice(0, 5).join("; ")}`,
    progress.total(),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
