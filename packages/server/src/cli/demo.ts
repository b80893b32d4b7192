/** `creditpool demo`: a realistic organization with weeks of simulated usage, then serve. */
import cliProgress from "cli-progress";
import type { Logger } from "pino";
import type { DemoSize } from "../demo/acme.ts";
import { type ReplayResult, replayThroughGateway } from "../demo/gateway-replay.ts";
import { type DemoResult, generateDemo } from "../demo/generate-demo.ts";
import { describeDemo, keyLines } from "../demo/summary.ts";
import { describeLocation } from "../locations.ts";
import { bindPort, type Listener, type RunningServer, startServer } from "../server.ts";
import { verifyLocation } from "../verify/verify-database.ts";

export interface RunDemoOptions {
  /** By default a fresh file `data/demo-<time>.db` under the working directory. */
  readonly database?: string;
  readonly port: number;
  readonly host?: string;
  readonly weeks: number;
  readonly seed: number;
  readonly size: DemoSize;
  /** When the simulated weeks end; by default now. */
  readonly end?: number;
  readonly logger?: Logger;
  /** A progress bar on stderr while generating (a line every few seconds without a terminal). */
  readonly progress?: boolean;
  /** Calls to replay through the AI gateway once serving, against a local fake provider. */
  readonly gateway?: number;
}

export interface RunningDemo {
  readonly database: string;
  readonly result: DemoResult;
  readonly server: RunningServer;
  /** What the gateway replay did, when one was asked for. */
  readonly replay: ReplayResult | null;
}

/** The replay in one line: settled, refused by code, and what reached the provider. */
export function replayLine(replay: ReplayResult): string {
  const refused = [...replay.refused].map(([code, n]) => `${n} ${code}`).join(", ");
  return (
    `  gateway: replayed ${replay.calls} member calls through /gateway/openai/v1: ` +
    `${replay.settled} settled, ${refused === "" ? "none refused" : `refused: ${refused}`}; ` +
    `${replay.upstreamRequests} reached the provider (a local fake)`
  );
}

/**
 * Generates the demo, proves its journal with the verifier, then serves it with the wall clock.
 * Every line for the user goes through `print`; a failed verification stops before serving.
 */
export async function runDemo(
  options: RunDemoOptions,
  print: (line: string) => void,
): Promise<RunningDemo> {
  // The port first: a taken one is refused before weeks are simulated and a database is written.
  const listener = await bindPort({
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  try {
    return await generateAndServe(options, listener, print);
  } catch (error) {
    await listener.close();
    throw error;
  }
}

async function generateAndServe(
  options: RunDemoOptions,
  listener: Listener,
  print: (line: string) => void,
): Promise<RunningDemo> {
  const database = options.database ?? defaultDemoDatabase(new Date());
  print(
    `Generating ${options.weeks} week(s) of Acme AI (size ${options.size}, seed ${options.seed}) ` +
      `into ${describeLocation(database)}`,
  );
  const started = performance.now();
  const bar = options.progress === true ? progressBar() : null;
  let result: DemoResult;
  try {
    result = await generateDemo({
      database,
      weeks: options.weeks,
      seed: options.seed,
      size: options.size,
      ...(options.end === undefined ? {} : { end: options.end }),
      onProgress: (p) => {
        if (bar === null) return;
        const payload = { day: new Date(p.at).toISOString().slice(0, 10), holds: p.holds };
        if (p.ticksDone === 1) bar.start(p.ticks, p.ticksDone, payload);
        else bar.update(p.ticksDone, payload);
      },
    });
  } finally {
    bar?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  for (const line of describeDemo(result, seconds)) print(line);

  const report = await verifyLocation(database, [result.organizationId]);
  const transfers = report.organizations[0]?.counts.transfers ?? 0;
  if (report.violations > 0) {
    throw new Error(
      `the demo's journal failed verification (${report.violations} violation(s)): ` +
        `run creditpool verify --database ${database}`,
    );
  }
  print(`  journal verified: clean (${transfers} transfers replayed)`);

  const server = await startServer({
    database,
    port: options.port,
    listener,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    // The replay's fake provider runs on this machine.
    ...(options.gateway === undefined ? {} : { upstreamsAllowPrivate: true }),
    announce: print,
  });
  print(`creditpool demo is serving on ${server.url} (docs: ${server.url}/docs)`);
  print(`  database: ${describeLocation(database)}`);
  for (const line of keyLines(result, server.url)) print(line);
  const replay =
    options.gateway === undefined
      ? null
      : await replayThroughGateway(result, server.url, options.gateway);
  if (replay !== null) print(replayLine(replay));
  return { database, result, server, replay };
}

/** A fresh file per run, under `data/` (ignored by git), named after the time it was made. */
export function defaultDemoDatabase(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `data/demo-${stamp}.db`;
}

function progressBar() {
  return new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "  simulating [{bar}] {percentage}% | {day} | {holds} holds | {duration_formatted}",
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
}
