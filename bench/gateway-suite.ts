/**
 * The runs of the gateway benchmark. Four processes serve: the fake upstream, `creditpool serve`
 * (SQLite, durable, budgets enforced) with one upstream account pointing at the fake, Portkey's
 * gateway forwarding to the fake as an OpenAI-compatible `custom_host`, and a bare pass-through
 * proxy. For each client count and each mode (whole answers, streams) the same load runs against
 * the fake directly (the baseline), through creditpool, through Portkey, then through the proxy,
 * one after the other, so drift and noise hit all alike. After every creditpool run its books
 * are checked; after the last, the server is stopped and `creditpool verify` replays the database.
 */
import { randomBytes } from "node:crypto";
import { type LoadRun, type LoadTarget, runClosedLoop } from "./gateway-load.ts";
import {
  processCpuSeconds,
  startFakeUpstreamProcess,
  startPortkey,
  startProxy,
} from "./gateway-servers.ts";
import {
  type BooksCheck,
  benchModel,
  callMicros,
  checkGatewayBooks,
  setUpGatewayOrganization,
} from "./gateway-world.ts";
import { verifyCommand } from "./http-ledger.ts";
import { startCreditpool } from "./http-servers.ts";

export type TargetName = "direct" | "creditpool" | "portkey" | "proxy";
export type Mode = "whole" | "stream";
export const targetNames: readonly TargetName[] = ["direct", "creditpool", "portkey", "proxy"];
export const modes: readonly Mode[] = ["whole", "stream"];

export interface GatewaySuiteOptions {
  readonly clients: readonly number[];
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly log: (line: string) => void;
}

export interface GatewayRow {
  readonly target: TargetName;
  readonly mode: Mode;
  readonly load: LoadRun;
  /** CPU cores over the run (warm-up included) of the target's own process, and of the fake. */
  readonly targetCpuCores: number | null;
  readonly upstreamCpuCores: number | null;
  /** This process's CPU over the run: the load generator. */
  readonly loadCpuCores: number;
  /** creditpool runs only. */
  readonly books: BooksCheck | null;
}

export interface GatewaySuiteResult {
  readonly rows: GatewayRow[];
  readonly verify: BooksCheck;
  readonly facts: Record<string, string>;
}

/** A chat as an application sends it: a system prompt and a question (about 150 tokens). */
const messages = [
  {
    role: "system",
    content:
      "You answer questions about the billing of AI usage for a finance team. Answer in plain " +
      "words, in at most three sentences, and name the figure the question asks for first. " +
      "When the question is about credits, say which pool they are drawn from and whether a " +
      "limit applies to it. Never invent a figure you were not given.",
  },
  {
    role: "user",
    content:
      "Our support team's pool drew 1,200 credits this week against a monthly limit of 5,000. " +
      "What is a pooled credit, and how much can the team still spend this month?",
  },
];
/** The fake answers this many words; small, so the figures are the gateways' and not a body's. */
const maxTokens = 16;

function bodyOf(stream: boolean): string {
  return JSON.stringify({
    model: benchModel,
    messages,
    max_tokens: maxTokens,
    ...(stream ? { stream: true } : {}),
  });
}

const json = { "content-type": "application/json" };

export async function runGatewaySuite(options: GatewaySuiteOptions): Promise<GatewaySuiteResult> {
  const { log } = options;
  const operatorKey = `cp_op_${randomBytes(24).toString("hex")}`;
  const fake = await startFakeUpstreamProcess();
  log(`fake upstream: ${fake.url} (pid ${fake.child.pid})`);
  const creditpool = await startCreditpool(operatorKey, true, {
    CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE: "1",
  });
  log(
    `creditpool serve: ${creditpool.url} on ${creditpool.database} (pid ${creditpool.child.pid})`,
  );
  const peers = await Promise.allSettled([startPortkey(), startProxy(fake.url)]);
  const [portkey, proxy] = peers.map((peer) => (peer.status === "fulfilled" ? peer.value : null));
  if (portkey == null || proxy == null) {
    await Promise.all([fake.stop(), creditpool.stop(), portkey?.stop(), proxy?.stop()]);
    const failed = peers.find((peer) => peer.status === "rejected");
    throw failed?.reason ?? new Error("a peer did not start");
  }
  log(`portkey gateway: ${portkey.url} (pid ${portkey.child.pid})`);
  log(`bare proxy: ${proxy.url} (pid ${proxy.child.pid})`);
  const rows: GatewayRow[] = [];
  try {
    const setup = await setUpGatewayOrganization(creditpool.url, operatorKey, fake.openAiBaseUrl);
    const targets: Record<TargetName, Omit<LoadTarget, "body" | "stream">> = {
      direct: {
        url: fake.url,
        path: "/v1/chat/completions",
        headers: { ...json, authorization: "Bearer sk-bench-direct" },
      },
      creditpool: {
        url: creditpool.url,
        path: "/gateway/openai/v1/chat/completions",
        headers: { ...json, authorization: `Bearer ${setup.memberKey}` },
      },
      portkey: {
        url: portkey.url,
        path: "/v1/chat/completions",
        headers: {
          ...json,
          authorization: "Bearer sk-bench-portkey",
          "x-portkey-provider": "openai",
          "x-portkey-custom-host": fake.openAiBaseUrl,
        },
      },
      proxy: {
        url: proxy.url,
        path: "/v1/chat/completions",
        headers: { ...json, authorization: "Bearer sk-bench-proxy" },
      },
    };
    const micros = callMicros(await probeUsage(fake.url));
    log(`one call costs ${micros} micro-credits at the bench's rate card`);
    let answeredThroughCreditpool = 0;
    for (const clients of options.clients)
      for (const mode of modes)
        for (const name of targetNames) {
          const target: LoadTarget = {
            ...targets[name],
            body: bodyOf(mode === "stream"),
            stream: mode === "stream",
          };
          const pid = { direct: fake, creditpool, portkey, proxy }[name].child.pid;
          const row = await measured(name, mode, target, pid, fake.child.pid, options, clients);
          if (name !== "creditpool") {
            rows.push(row);
          } else {
            answeredThroughCreditpool += row.load.callsAnswered;
            const books = await checkGatewayBooks(
              creditpool.url,
              setup,
              answeredThroughCreditpool,
              micros,
            );
            rows.push({ ...row, books });
          }
          log(describe(rows.at(-1) as GatewayRow));
        }
  } finally {
    await Promise.all([creditpool.stop(), portkey.stop(), proxy.stop(), fake.stop()]);
  }
  const verify = await verifyCommand(creditpool.database);
  log(`verify: ${verify.detail}`);
  await creditpool.cleanUp();
  return {
    rows,
    verify,
    facts: {
      "creditpool database": "SQLite, WAL, synchronous=FULL (a fresh file under os.tmpdir())",
      "each call": `${benchModel}, ${Buffer.byteLength(bodyOf(false))}-byte body, max_tokens ${maxTokens}`,
    },
  };
}

async function measured(
  target: TargetName,
  mode: Mode,
  load: LoadTarget,
  pid: number | undefined,
  upstreamPid: number | undefined,
  options: GatewaySuiteOptions,
  clients: number,
): Promise<GatewayRow> {
  const before = await Promise.all([processCpuSeconds(pid), processCpuSeconds(upstreamPid)]);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await runClosedLoop(load, {
    clients,
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const after = await Promise.all([processCpuSeconds(pid), processCpuSeconds(upstreamPid)]);
  const cores = (index: 0 | 1) => {
    const [from, to] = [before[index], after[index]];
    return from === null || to === null ? null : (to - from) / seconds;
  };
  return {
    target,
    mode,
    load: run,
    targetCpuCores: target === "direct" ? null : cores(0),
    upstreamCpuCores: cores(1),
    loadCpuCores: (used.user + used.system) / 1e6 / seconds,
    books: null,
  };
}

/** The usage the fake reports for the bench's call: what each call through creditpool costs. */
async function probeUsage(url: string) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { ...json, authorization: "Bearer sk-bench-direct" },
    body: bodyOf(false),
  });
  const answer = (await response.json()) as {
    usage?: { prompt_tokens?: number; completion_tokens?: number };
  };
  const promptTokens = answer.usage?.prompt_tokens;
  const completionTokens = answer.usage?.completion_tokens;
  if (typeof promptTokens !== "number" || typeof completionTokens !== "number")
    throw new Error(`the fake upstream reported no usage: ${JSON.stringify(answer)}`);
  return { promptTokens, completionTokens };
}

function describe(row: GatewayRow): string {
  const { load } = row;
  const figure = row.mode === "stream" ? load.firstByte : load.complete;
  const what = row.mode === "stream" ? "first byte" : "complete";
  const failed = load.failures === 0 ? "" : `, ${load.failures} failed (${load.firstFailure})`;
  const books = row.books === null ? "" : `; books: ${row.books.detail}`;
  return (
    `${row.target} ${row.mode} ${load.clients} clients: ${load.callsPerSecond.toFixed(0)} calls/s, ` +
    `${what} p50 ${figure.p50.toFixed(2)} ms p99 ${figure.p99.toFixed(2)} ms${failed}${books}`
  );
}
