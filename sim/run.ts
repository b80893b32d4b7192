/**
 * The simulator's command line:
 *   node --import tsx sim/run.ts --seed N --ops M [--runs R] [--edges] [--trace] [--shrink]
 *     [--driver core|engine-memory|engine-sqlite]
 * Runs R seeds from N (N, N+1, ...) with M operations each, prints progress and one summary
 * line, and exits 1 on the first mismatch (after shrinking it to a short sequence with
 * `--shrink`). Without `--seed` a seed is taken from the clock here,
 * never in the library, and printed first so the run can be repeated.
 */
import { parseArgs } from "node:util";
import { coreDriverFactory } from "./core-driver.ts";
import type { DriverFactory } from "./driver.ts";
import { engineMemoryDriverFactory, engineSqliteDriverFactory } from "./engine-driver.ts";
import { formatBatches, shrinkFailure } from "./shrink.ts";
import { formatMismatch, runSimulation, type SimulationStats } from "./simulator.ts";

interface CliOptions {
  readonly seed: number;
  readonly ops: number;
  readonly runs: number;
  readonly edges: boolean;
  readonly trace: boolean;
  readonly shrink: boolean;
  readonly driverFactory: DriverFactory;
}

const drivers: Record<string, DriverFactory> = {
  core: coreDriverFactory,
  "engine-memory": engineMemoryDriverFactory,
  "engine-sqlite": engineSqliteDriverFactory,
};

function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: "string" },
      ops: { type: "string", default: "1000" },
      runs: { type: "string", default: "1" },
      edges: { type: "boolean", default: false },
      trace: { type: "boolean", default: false },
      shrink: { type: "boolean", default: false },
      driver: { type: "string", default: "core" },
    },
  });
  const integer = (name: string, text: string, minimum: number) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new RangeError(`--${name} must be an integer of at least ${minimum}, got ${text}`);
    }
    return value;
  };
  const seed =
    values.seed === undefined ? Date.now() % 1_000_000_000 : integer("seed", values.seed, 0);
  return {
    seed,
    ops: integer("ops", values.ops, 0),
    runs: integer("runs", values.runs, 1),
    edges: values.edges,
    trace: values.trace,
    shrink: values.shrink,
    driverFactory: driverNamed(values.driver),
  };
}

function driverNamed(name: string): DriverFactory {
  const factory = drivers[name];
  if (factory === undefined) {
    throw new RangeError(`--driver must be one of ${Object.keys(drivers).join(", ")}, got ${name}`);
  }
  return factory;
}

function addCodes(total: Map<string, number>, stats: SimulationStats): void {
  for (const [code, count] of stats.codes) total.set(code, (total.get(code) ?? 0) + count);
}

async function main(): Promise<number> {
  const options = parseCli(process.argv.slice(2));
  const { seed, ops, runs } = options;
  console.log(`seed ${seed}${runs > 1 ? ` (runs ${seed}..${seed + runs - 1})` : ""}`);
  const started = performance.now();
  const codes = new Map<string, number>();
  let opsDone = 0;
  let transfers = 0;
  let lastReport = started;
  for (let run = 0; run < runs; run += 1) {
    const runSeed = seed + run;
    const result = await runSimulation({
      seed: runSeed,
      ops,
      edges: options.edges,
      driverFactory: options.driverFactory,
      trace: options.trace ? (line) => console.log(line) : undefined,
      onProgress: (done) => {
        const now = performance.now();
        if (now - lastReport < 2000) return;
        lastReport = now;
        const total = opsDone + done;
        const rate = Math.round((total * 1000) / (now - started));
        console.log(`  seed ${runSeed}: ${done}/${ops} ops, ${total} in all, ${rate} ops/s`);
      },
    });
    opsDone += ops;
    transfers += result.stats.transfers;
    addCodes(codes, result.stats);
    if (!result.ok) {
      console.log(formatMismatch(result.mismatch));
      if (options.shrink) {
        const shrunk = await shrinkFailure(result.batches, {
          seed: runSeed,
          ops,
          edges: options.edges,
          driverFactory: options.driverFactory,
        });
        if (shrunk === null) console.log("shrink: the recorded batches did not fail on replay");
        else {
          const count = shrunk.batches.reduce((sum, batch) => sum + batch.commands.length, 0);
          console.log(`shrunk to ${count} command(s) in ${shrunk.batches.length} batch(es)`);
          console.log(`after ${shrunk.replays} replays:\n${formatBatches(shrunk.batches)}`);
          console.log(formatMismatch(shrunk.mismatch));
        }
      }
      return 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const shown = [...codes].sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code} ${count}`);
  console.log(
    `ok: ${runs} seed(s) x ${ops} ops from seed ${seed}, ${opsDone} ops, ${transfers} transfers` +
      ` in ${seconds.toFixed(1)} s (${Math.round(opsDone / seconds)} ops/s);` +
      ` codes: ${shown.join(", ")}`,
  );
  return 0;
}

process.exitCode = await main();
