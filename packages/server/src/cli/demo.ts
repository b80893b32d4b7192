/** `creditpool demo`: a realistic organization with weeks of simulated usage, then serve. */
import cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import type { Logger } from "pino";
import type { DemoSize } from "../demo/acme.ts";
import { demoSizes } from "../demo/acme.ts";
import { type DemoResult, demoWeeksMax, generateDemo } from "../demo/generate-demo.ts";
import { describeDemo, keyLines } from "../demo/summary.ts";
import {
  bindPort,
  type Listener,
  PortUnavailable,
  type RunningServer,
  startServer,
} from "../server.ts";
import { describeLocation, openStore } from "../store/open-store.ts";
import { verifyDatabase } from "../verify/verify-database.ts";

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
}

export interface RunningDemo {
  readonly database: string;
  readonly result: DemoResult;
  readonly server: RunningServer;
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

  const store = await openStore(database);
  try {
    const report = await verifyDatabase(store, [result.organizationId]);
    const transfers = report.organizations[0]?.counts.transfers ?? 0;
    if (report.violations > 0) {
      throw new Error(
        `the demo's journal failed verification (${report.violations} violation(s)): ` +
          `run creditpool verify --database ${database}`,
      );
    }
    print(`  journal verified: clean (${transfers} transfers replayed)`);
  } finally {
    await store.close();
  }

  const server = await startServer({
    database,
    port: options.port,
    listener,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    announce: print,
  });
  print(`creditpool demo is serving on ${server.url} (docs: ${server.url}/docs)`);
  print(`  database: ${describeLocation(database)}`);
  for (const line of keyLines(result, server.url)) print(line);
  return { database, result, server };
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

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Create Acme AI, an organization with weeks of simulated AI usage, verify it, then serve it",
    )
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL (default: data/demo-<time>.db)",
    )
    .option("--port <port>", "TCP port", integerIn("port", 0, 65_535), 8080)
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--weeks <n>", "weeks of simulated activity", integerIn("weeks", 1, demoWeeksMax), 4)
    .option("--seed <n>", "seed of the simulated activity", integerIn("seed", 0, 2 ** 32 - 1), 1)
    .option("--size <size>", `organization size: ${demoSizes.join(" or ")}`, sizeOf, "full")
    .action(
      async (options: {
        database?: string;
        port: number;
        host: string;
        weeks: number;
        seed: number;
        size: DemoSize;
      }) => {
        const demo = await runDemo(
          { ...options, progress: true },
          (line) => void process.stdout.write(`${line}\n`),
        ).catch((error: unknown) => {
          if (!(error instanceof PortUnavailable)) throw error;
          process.stderr.write(`creditpool: ${error.message}\n`);
          process.exitCode = 1;
          return null;
        });
        if (demo === null) return;
        const stop = () => {
          void demo.server.close().then(() => process.exit(0));
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      },
    );
}

function integerIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return parsed;
  };
}

function sizeOf(value: string): DemoSize {
  const size = demoSizes.find((candidate) => candidate === value);
  if (size === undefined) throw new InvalidArgumentError(`size must be ${demoSizes.join(" or ")}.`);
  return size;
}
