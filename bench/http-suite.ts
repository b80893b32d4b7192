/**
 * The HTTP benchmark's runs: both servers started in their own processes, the hot pool set up
 * over the API, then for each connection count the echo and then holds+captures (so drift hits
 * both alike), each followed by its books; at the end `creditpool verify` on the stopped
 * server's database.
 */
import crypto from "node:crypto";
import { newKeySecret } from "../packages/server/src/access/keys.ts";
import {
  creditpoolCounters,
  echoCounters,
  figuresBetween,
  type ServerCounters,
  type ServerFigures,
} from "./http-counters.ts";
import {
  type BooksCheck,
  checkBooks,
  emptyTally,
  setUpHotPool,
  verifyCommand,
} from "./http-ledger.ts";
import {
  type LoadRun,
  loadEcho,
  loadHolds,
  type RunSettings,
  type WindowHooks,
} from "./http-load.ts";
import { startCreditpool, startEcho } from "./http-servers.ts";

export interface HttpSuiteOptions {
  readonly connections: readonly number[];
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly log: (line: string) => void;
  /** The server's engine on a worker thread (the default) or on the serving thread. */
  readonly engineThread?: boolean;
}

export interface HttpRow {
  readonly load: LoadRun;
  readonly server: ServerFigures;
  /** Holds+captures rows: the zero-overspend check right after the run (over all runs so far). */
  readonly books: BooksCheck | null;
}

export interface HttpSuiteResult {
  readonly rows: readonly HttpRow[];
  readonly verify: BooksCheck;
  readonly facts: Record<string, string>;
}

export async function runHttpSuite(options: HttpSuiteOptions): Promise<HttpSuiteResult> {
  const operatorKey = newKeySecret((bytes) => crypto.randomFillSync(bytes));
  const creditpool = await startCreditpool(operatorKey, options.engineThread !== false);
  try {
    const echo = await startEcho();
    try {
      const setup = await setUpHotPool(creditpool.url, operatorKey);
      options.log(`creditpool serve on ${creditpool.url}, echo on ${echo.url}`);
      const tally = emptyTally();
      const rows: HttpRow[] = [];
      for (const connections of options.connections) {
        const settings: RunSettings = {
          connections,
          seconds: options.seconds,
          warmupSeconds: options.warmupSeconds,
        };
        const echoRun = await around(echoCounters, echo.url, settings.seconds, (hooks) =>
          loadEcho(echo.url, setup, settings, hooks),
        );
        rows.push({ ...echoRun, books: null });
        options.log(describe(echoRun.load));
        const holdsRun = await around(
          creditpoolCounters,
          creditpool.url,
          settings.seconds,
          (hooks) => loadHolds(creditpool.url, setup, tally, settings, hooks),
        );
        const books = await checkBooks(creditpool.url, setup, tally);
        rows.push({ ...holdsRun, books });
        options.log(`${describe(holdsRun.load)}; overspend ${books.detail}`);
      }
      const logMiB = ((await creditpool.logBytes()) / 2 ** 20).toFixed(0);
      const facts = {
        "creditpool request log": `${logMiB} MiB of pino JSON lines, to a file`,
        "creditpool engine":
          options.engineThread !== false
            ? "on a worker thread (the default)"
            : "on the serving thread (CREDITPOOL_ENGINE_THREAD=off)",
      };
      await creditpool.stop();
      options.log("verifying the database with creditpool verify");
      const verify = await verifyCommand(creditpool.database);
      options.log(`verify: ${verify.detail}`);
      return { rows, verify, facts };
    } finally {
      await echo.stop();
    }
  } finally {
    await creditpool.stop();
    await creditpool.cleanUp();
  }
}

/** A run with the server's counters read as its measured window opens and closes. */
async function around(
  counters: (url: string) => Promise<ServerCounters>,
  url: string,
  seconds: number,
  load: (hooks: WindowHooks) => Promise<LoadRun>,
): Promise<{ load: LoadRun; server: ServerFigures }> {
  const reads: { open?: Promise<ServerCounters>; close?: Promise<ServerCounters> } = {};
  const run = await load({
    onOpen: () => {
      reads.open = counters(url);
    },
    onClose: () => {
      reads.close = counters(url);
    },
  });
  if (reads.open === undefined || reads.close === undefined) {
    throw new Error(`${run.target} at ${run.connections} connections: no response in the window`);
  }
  return { load: run, server: figuresBetween(await reads.open, await reads.close, seconds) };
}

function describe(run: LoadRun): string {
  const name = run.target === "echo" ? "echo" : "holds+captures";
  return (
    `${name} at ${run.connections} connections: ${Math.round(run.requestsPerSecond)} req/s, ` +
    `p50 ${run.latency.p50.toFixed(2)} ms, p99 ${run.latency.p99.toFixed(2)} ms, ` +
    `non-2xx ${run.non2xx}, errors ${run.errors}`
  );
}
