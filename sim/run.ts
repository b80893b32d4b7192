/**
 * The simulator's command line:
 *   node --import tsx sim/run.ts --seed N --ops M [--runs R] [--edges] [--trace] [--shrink]
 *     [--driver core|engine-memory|engine-sqlite|engine-postgres] [--postgres URL]
 *     [--faults all|none|KIND,...] [--fault-rate P] [--mode ledger|billing]
 * Runs R seeds from N (N, N+1, ...) with M operations each, prints progress and one summary
 * line (with the faults injected, by kind), and exits 1 on the first mismatch (after shrinking
 * it to a short sequence with `--shrink`). Without `--seed` a seed is taken from the clock here,
 * never in the library, and printed first so the run can be repeated. `--faults` makes an engine
 * driver inject faults at its store (see `faults.ts`) into a share `--fault-rate` of the batches.
 * `engine-postgres` makes a fresh database per run on the server `--postgres` names (by default
 * `CREDITPOOL_SIM_POSTGRES_URL`) and drops it at the end. `--mode billing` runs the billing mode
 * (`billing-simulator.ts`) over an engine driver, with the faults `crash-before`, `crash-after`
 * and `restart`.
 */
import { parseArgs } from "node:util";
import { BillingDriver, type BillingFaultKind, billingFaultKinds } from "./billing-driver.ts";
import {
  type BillingSimulationOptions as BillingOptions,
  runBillingSimulation,
} from "./billing-simulator.ts";
import { coreDriverFactory } from "./core-driver.ts";
import type { DriverFactory } from "./driver.ts";
import { type EngineStoreKind, engineDriverFactory } from "./engine-stores.ts";
import { type FaultKind, faultKinds, parseFaultKinds } from "./faults.ts";
import { formatBatches, shrinkFailure } from "./shrink.ts";
import { formatMismatch, runSimulation } from "./simulator.ts";

interface CliOptions {
  readonly mode: "ledger" | "billing";
  readonly seed: number;
  readonly ops: number;
  readonly runs: number;
  readonly edges: boolean;
  readonly trace: boolean;
  readonly shrink: boolean;
  readonly driverFactory: DriverFactory;
  /** How the billing mode opens its driver; null in the ledger mode. */
  readonly billingOpen: BillingOptions["open"] | null;
  /** The options that are not the seed and the length, as the reproducing command repeats them. */
  readonly reproduceArgs: string;
}

const driverNames = ["core", "engine-memory", "engine-sqlite", "engine-postgres"] as const;
const faultRateDefault = 0.1;

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
      faults: { type: "string", default: "none" },
      "fault-rate": { type: "string", default: String(faultRateDefault) },
      postgres: { type: "string" },
      mode: { type: "string", default: "ledger" },
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
  // In the billing mode `all` means the faults it takes.
  const kinds =
    values.mode === "billing" && values.faults === "all"
      ? [...billingFaultKinds]
      : parseFaultKinds(values.faults);
  const rate = Number(values["fault-rate"]);
  if (!(rate >= 0 && rate <= 1)) {
    throw new RangeError(`--fault-rate must be between 0 and 1, got ${values["fault-rate"]}`);
  }
  if (values.mode !== "ledger" && values.mode !== "billing")
    throw new RangeError(`--mode must be ledger or billing, got ${values.mode}`);
  const billing = values.mode === "billing";
  // The billing mode drives the server's services, so an engine: over memory unless told.
  const driver = billing && values.driver === "core" ? "engine-memory" : values.driver;
  const args = [`--driver ${driver}`];
  if (kinds.length > 0) args.push(`--faults ${kinds.join(",")}`);
  if (kinds.length > 0 && rate !== faultRateDefault) args.push(`--fault-rate ${rate}`);
  const postgresUrl = values.postgres ?? process.env.CREDITPOOL_SIM_POSTGRES_URL ?? null;
  return {
    mode: billing ? "billing" : "ledger",
    seed,
    ops: integer("ops", values.ops, 0),
    runs: integer("runs", values.runs, 1),
    edges: values.edges,
    trace: values.trace,
    shrink: values.shrink,
    driverFactory: billing
      ? coreDriverFactory
      : driverNamed(values.driver, kinds, rate, postgresUrl),
    billingOpen: billing ? billingDriverNamed(driver, kinds, rate, postgresUrl) : null,
    reproduceArgs: driver === "core" ? "" : args.join(" "),
  };
}

function driverNamed(
  name: string,
  kinds: readonly FaultKind[],
  rate: number,
  postgresUrl: string | null,
): DriverFactory {
  const faults = kinds.length === 0 ? null : { kinds, rate };
  if (name === "core") {
    if (faults !== null)
      throw new RangeError("--faults needs an engine driver: the core has no store");
    return coreDriverFactory;
  }
  if (name === "engine-memory") return engineDriverFactory("memory", faults);
  if (name === "engine-sqlite") return engineDriverFactory("sqlite", faults);
  if (name === "engine-postgres") {
    if (postgresUrl === null) {
      throw new RangeError(
        "--driver engine-postgres needs --postgres URL or CREDITPOOL_SIM_POSTGRES_URL",
      );
    }
    return engineDriverFactory("postgres", faults, postgresUrl);
  }
  throw new RangeError(`--driver must be one of ${driverNames.join(", ")}, got ${name}`);
}

function billingDriverNamed(
  name: string,
  kinds: readonly FaultKind[],
  rate: number,
  postgresUrl: string | null,
): BillingOptions["open"] {
  const known = billingFaultKinds as readonly string[];
  const unfit = kinds.filter((kind) => !known.includes(kind));
  if (unfit.length > 0)
    throw new RangeError(`--mode billing takes the faults ${known.join(",")}, not ${unfit[0]}`);
  const faults = kinds.length === 0 ? null : { kinds: kinds as BillingFaultKind[], rate };
  const stores: Record<string, EngineStoreKind> = {
    "engine-memory": "memory",
    "engine-sqlite": "sqlite",
    "engine-postgres": "postgres",
  };
  const storeKind = stores[name];
  if (storeKind === undefined)
    throw new RangeError(`--mode billing needs an engine driver, got ${name}`);
  if (storeKind === "postgres" && postgresUrl === null)
    throw new RangeError(
      "--driver engine-postgres needs --postgres URL or CREDITPOOL_SIM_POSTGRES_URL",
    );
  return (setup) => BillingDriver.open(storeKind, setup, faults, postgresUrl);
}

/** The billing mode: seeds N..N+R-1, one line each, and the first mismatch. */
async function mainBilling(options: CliOptions, open: BillingOptions["open"]): Promise<number> {
  const { seed, ops, runs } = options;
  console.log(`seed ${seed}${runs > 1 ? ` (runs ${seed}..${seed + runs - 1})` : ""}, billing`);
  const started = performance.now();
  const steps = new Map<string, number>();
  const faults = new Map<string, number>();
  let invoices = 0;
  for (let run = 0; run < runs; run += 1) {
    const result = await runBillingSimulation({
      seed: seed + run,
      ops,
      open,
      reproduceArgs: options.reproduceArgs,
      trace: options.trace ? (line) => console.log(line) : undefined,
    });
    addCounts(steps, result.stats.steps);
    addCounts(faults, result.stats.faults);
    invoices += result.stats.invoices;
    if (!result.ok) {
      console.log(formatMismatch(result.mismatch));
      return 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const shown = [...steps].sort((a, b) => b[1] - a[1]).map(([step, count]) => `${step} ${count}`);
  const faulted = [...faults].map(([kind, count]) => `${kind} ${count}`).join(", ");
  console.log(
    `ok: ${runs} seed(s) x ${ops} ops from seed ${seed}, ${invoices} invoices finalized` +
      ` in ${seconds.toFixed(1)} s; steps: ${shown.join(", ")}` +
      `${faulted === "" ? "" : `; faults: ${faulted}`}`,
  );
  return 0;
}

function addCounts(total: Map<string, number>, counts: ReadonlyMap<string, number>): void {
  for (const [name, count] of counts) total.set(name, (total.get(name) ?? 0) + count);
}

async function main(): Promise<number> {
  const options = parseCli(process.argv.slice(2));
  if (options.billingOpen !== null) return mainBilling(options, options.billingOpen);
  const { seed, ops, runs } = options;
  console.log(`seed ${seed}${runs > 1 ? ` (runs ${seed}..${seed + runs - 1})` : ""}`);
  const started = performance.now();
  const codes = new Map<string, number>();
  const faults = new Map<string, number>();
  let opsDone = 0;
  let transfers = 0;
  let lastReport = { at: started, ops: 0 };
  const rates = new RateMeter(started, ops * runs);
  for (let run = 0; run < runs; run += 1) {
    const runSeed = seed + run;
    const result = await runSimulation({
      seed: runSeed,
      ops,
      edges: options.edges,
      driverFactory: options.driverFactory,
      reproduceArgs: options.reproduceArgs,
      keepBatches: options.shrink,
      trace: options.trace ? (line) => console.log(line) : undefined,
      onProgress: (done, model) => {
        const now = performance.now();
        const total = opsDone + done;
        rates.sample(now, total);
        if (now - lastReport.at < 2000) return;
        const rate = Math.round(((total - lastReport.ops) * 1000) / (now - lastReport.at));
        lastReport = { at: now, ops: total };
        const memory = Math.round(process.memoryUsage().heapUsed / 1e6);
        const day = new Date(model.now).toISOString().slice(0, 10);
        console.log(
          `  seed ${runSeed}: ${done}/${ops} ops, ${total} in all, ${rate} ops/s, heap ${memory} MB;` +
            ` model at ${day}, ${model.liveGrants} live grants, ${model.openHolds} open holds`,
        );
      },
    });
    opsDone += ops;
    transfers += result.stats.transfers;
    addCounts(codes, result.stats.codes);
    addCounts(faults, result.stats.faults);
    if (!result.ok) {
      console.log(formatMismatch(result.mismatch));
      if (faults.size > 0) console.log(`faults injected before it: ${formatFaults(faults)}`);
      if (options.shrink) {
        const shrunk = await shrinkFailure(result.batches, {
          seed: runSeed,
          ops,
          edges: options.edges,
          driverFactory: options.driverFactory,
          reproduceArgs: options.reproduceArgs,
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
      ` codes: ${shown.join(", ")}${faults.size > 0 ? `; faults: ${formatFaults(faults)}` : ""}`,
  );
  console.log(rates.summary());
  return 0;
}

/**
 * The rate over the first and the last twentieth of a run's operations, to see whether an
 * operation costs the same at the end as at the start (a cost that grows with history shows here).
 */
class RateMeter {
  private readonly samples: { at: number; ops: number }[] = [];

  constructor(
    started: number,
    private readonly total: number,
  ) {
    this.samples.push({ at: started, ops: 0 });
  }

  sample(at: number, ops: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last !== undefined && at - last.at < 100 && ops < this.total) return;
    this.samples.push({ at, ops });
  }

  summary(): string {
    const window = Math.max(1, Math.floor(this.total / 20));
    const start = this.rateBetween(0, window);
    const end = this.rateBetween(this.total - window, this.total);
    if (start === null || end === null) return "rate: too short a run to compare start and end";
    const change = ((end / start - 1) * 100).toFixed(0);
    return (
      `rate over the first ${window} ops ${Math.round(start)} ops/s, over the last ${window}` +
      ` ${Math.round(end)} ops/s (${end >= start ? "+" : ""}${change}%)`
    );
  }

  /** Ops per second between the samples nearest `from` and `to` ops (at least 100 ms apart). */
  private rateBetween(from: number, to: number): number | null {
    const first = this.samples.findLast((sample) => sample.ops <= from) ?? this.samples[0];
    const last = this.samples.find((sample) => sample.ops >= to);
    if (first === undefined || last === undefined || last.at - first.at < 100) return null;
    return ((last.ops - first.ops) * 1000) / (last.at - first.at);
  }
}

/** Every kind the run could inject, in a fixed order, with how often it was. */
function formatFaults(faults: ReadonlyMap<string, number>): string {
  return faultKinds
    .filter((kind) => faults.has(kind))
    .map((kind) => `${kind} ${faults.get(kind)}`)
    .join(", ");
}

process.exitCode = await main();
