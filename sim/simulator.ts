/**
 * The seeded simulator: one seed gives one workload, applied in random batches to a ledger driver
 * and to the reference model side by side. Every answered code (and the failing pool of a refused
 * hold) is compared as it comes, every pool's and grant's balances after each batch, and the
 * whole journal is proved with `verifyLedger` at the end. The first difference stops the run.
 */
import { type Command, formatDecimal, type Outcome } from "@creditpool/core";
import { coreDriverFactory } from "./core-driver.ts";
import { describeCommand, describeOp, describeOutcome, describeTime } from "./describe.ts";
import type { DriverFactory, LedgerDriver } from "./driver.ts";
import { type ModelFlips, type ModelOutcome, noFlips, ReferenceModel } from "./reference-model.ts";
import { rootPoolId, startTimeFor, Workload } from "./workload.ts";

export interface SimulationOptions {
  readonly seed: number;
  /** Operations after the setup: commands and clock jumps. */
  readonly ops: number;
  /** Also generate the cases DESIGN leaves open (see `WorkloadOptions.edges`). */
  readonly edges?: boolean;
  /** Rules the model should get wrong, to prove a mismatch is noticed. */
  readonly flips?: ModelFlips;
  readonly driverFactory?: DriverFactory;
  /** Receives every applied operation with its answer, for `--trace`. */
  readonly trace?: (line: string) => void;
  /** Called after each batch with the number of operations done and what the model holds. */
  readonly onProgress?: (opsDone: number, model: ModelProgress) => void;
  /** What else the reproducing command needs, such as `--driver engine-sqlite --faults all`. */
  readonly reproduceArgs?: string;
  /**
   * Keep every batch applied, for the shrinker (true unless told otherwise). A long run that will
   * not be shrunk passes false: the batches are the one thing that grows with a run's length.
   */
  readonly keepBatches?: boolean;
  /** How many of the last grants and holds made the model keeps settled (2,000 by default). */
  readonly recentKept?: number;
}

/** Where the model stands: its time, and how much is live in it. */
export interface ModelProgress {
  readonly now: number;
  readonly openHolds: number;
  /** Grants with an activation or expiry to come, or with credits left. */
  readonly liveGrants: number;
}

export interface Mismatch {
  readonly seed: number;
  /** The failing operation; -1 is the setup batch. */
  readonly opIndex: number;
  readonly op: string;
  readonly expected: string;
  readonly actual: string;
  /** The batch the operation was applied in, one line per operation. */
  readonly batch: readonly string[];
  readonly reproduce: string;
}

export interface SimulationStats {
  batches: number;
  commands: number;
  transfers: number;
  /** How often each result code was answered: shows what the workload exercised. */
  readonly codes: Map<string, number>;
  /** How often each kind of fault was injected, for a driver that injects them. */
  readonly faults: Map<string, number>;
}

/** A batch as it was applied: what a failing run hands to the shrinker. */
export interface RecordedBatch {
  readonly now: number;
  readonly commands: readonly Command[];
}

export type SimulationResult =
  | { readonly ok: true; readonly seed: number; readonly stats: SimulationStats }
  | {
      readonly ok: false;
      readonly seed: number;
      readonly stats: SimulationStats;
      readonly mismatch: Mismatch;
      /** Every batch applied up to the mismatch, the failing one last (none if not kept). */
      readonly batches: readonly RecordedBatch[];
    };

interface Entry {
  readonly index: number;
  readonly text: string;
  readonly command: Command;
  readonly expected: ModelOutcome;
}

const refusals = new Set(["pool_in_debt", "pool_limit_exceeded", "insufficient_credits"]);

/**
 * After every batch the simulator compares every pool and the grants the model changed (or whose
 * status waits on the clock); every grant it keeps after batches 1, 2, 4, ... 256, then every
 * `compareAllEveryBatches`, and at the end, so a ledger that changes a grant behind the model's
 * back is caught too.
 */
export const compareAllEveryBatches = 256;

function comparesAll(batch: number): boolean {
  if (batch <= compareAllEveryBatches) return (batch & (batch - 1)) === 0;
  return batch % compareAllEveryBatches === 0;
}

export function reproduceCommand(seed: number, ops: number, edges: boolean, args = ""): string {
  const rest = [edges ? "--edges" : "", args].filter((part) => part !== "");
  return [`npm run sim -- --seed ${seed} --ops ${ops}`, ...rest].join(" ");
}

export function formatMismatch(mismatch: Mismatch): string {
  const where = mismatch.opIndex < 0 ? "the setup batch" : `op ${mismatch.opIndex}`;
  return [
    `MISMATCH with seed ${mismatch.seed} at ${where}: ${mismatch.op}`,
    `  expected: ${mismatch.expected}`,
    `  actual:   ${mismatch.actual}`,
    "  batch:",
    ...mismatch.batch.map((line) => `    ${line}`),
    `  reproduce: ${mismatch.reproduce}`,
  ].join("\n");
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const run = new Run(options);
  try {
    const mismatch = await run.execute();
    run.countFaults();
    return mismatch === null
      ? { ok: true, seed: options.seed, stats: run.stats }
      : { ok: false, seed: options.seed, stats: run.stats, mismatch, batches: run.recorded };
  } finally {
    await run.close();
  }
}

/**
 * Replays recorded batches (a failing run's, or a shrunk part of them) against a fresh driver and
 * a fresh model, with the same comparisons; answers the first mismatch or null.
 */
export async function replayBatches(
  batches: readonly RecordedBatch[],
  options: SimulationOptions,
): Promise<Mismatch | null> {
  const run = new Run(options);
  try {
    return await run.replay(batches);
  } finally {
    await run.close();
  }
}

class Run {
  readonly stats: SimulationStats = {
    batches: 0,
    commands: 0,
    transfers: 0,
    codes: new Map(),
    faults: new Map(),
  };
  readonly recorded: RecordedBatch[] = [];
  private replaying = false;
  private readonly model: ReferenceModel;
  private readonly workload: Workload;
  private readonly startAt: number;
  private driver: LedgerDriver | null = null;

  constructor(private readonly options: SimulationOptions) {
    this.startAt = startTimeFor(options.seed);
    this.model = new ReferenceModel(
      rootPoolId,
      this.startAt,
      options.flips ?? noFlips,
      options.recentKept,
    );
    this.workload = new Workload(options.seed, this.model, { edges: options.edges ?? false });
  }

  async close(): Promise<void> {
    await this.driver?.close();
  }

  countFaults(): void {
    for (const [kind, count] of this.driver?.faultCounts?.() ?? []) {
      this.stats.faults.set(kind, count);
    }
  }

  async execute(): Promise<Mismatch | null> {
    const { seed, ops } = this.options;
    const factory = this.options.driverFactory ?? coreDriverFactory;
    const driver = await factory({
      seed,
      organizationId: `org_sim_${seed}`,
      rootPoolId,
      startAt: this.startAt,
    });
    this.driver = driver;
    const setup = this.workload.setup().map((command) => this.entry(-1, command));
    let mismatch = await this.flush(driver, setup);
    if (mismatch !== null) return mismatch;

    let batch: Entry[] = [];
    let size = 0;
    for (let index = 0; index < ops; index += 1) {
      if (batch.length === 0) size = this.workload.batchSize();
      const op = this.workload.next();
      if (op.kind === "clock") {
        mismatch = await this.flush(driver, batch);
        if (mismatch !== null) return mismatch;
        batch = [];
        this.model.advanceTo(op.to);
        this.options.trace?.(`#${index} ${describeOp(op)}`);
        continue;
      }
      batch.push(this.entry(index, op.command));
      if (batch.length >= size) {
        mismatch = await this.flush(driver, batch);
        if (mismatch !== null) return mismatch;
        batch = [];
        this.options.onProgress?.(index + 1, this.progress());
      }
    }
    mismatch = await this.flush(driver, batch, true);
    if (mismatch !== null) return mismatch;
    this.options.onProgress?.(ops, this.progress());
    return this.finalCheck(driver, ops - 1);
  }

  async replay(batches: readonly RecordedBatch[]): Promise<Mismatch | null> {
    this.replaying = true;
    const factory = this.options.driverFactory ?? coreDriverFactory;
    const setup = {
      seed: this.options.seed,
      organizationId: `org_sim_${this.options.seed}`,
      rootPoolId,
      startAt: this.startAt,
    };
    const driver = await factory(setup);
    this.driver = driver;
    let index = 0;
    for (const batch of batches) {
      this.model.advanceTo(batch.now);
      const entries = batch.commands.map((command) => this.entry(index++, command));
      const mismatch = await this.flush(driver, entries, true);
      if (mismatch !== null) return mismatch;
    }
    return this.finalCheck(driver, index - 1);
  }

  private progress(): ModelProgress {
    return {
      now: this.model.now,
      openHolds: this.model.openHoldsNow().size,
      liveGrants: this.model.liveGrantCount(),
    };
  }

  /** Applies one command to the model now, so the workload's next choice sees its effect. */
  private entry(index: number, command: Command): Entry {
    return { index, text: describeCommand(command), command, expected: this.model.apply(command) };
  }

  private mismatch(index: number, op: string, expected: string, actual: string, batch: Entry[]) {
    const { seed, edges = false, reproduceArgs } = this.options;
    const lines = batch.map(
      (entry) => `#${entry.index} ${entry.text} -> ${describeOutcome(entry.expected)}`,
    );
    return {
      seed,
      opIndex: index,
      op,
      expected,
      actual,
      batch: [`at ${describeTime(this.model.now)}`, ...lines],
      reproduce: this.replaying
        ? "replay the batches printed above"
        : reproduceCommand(seed, index + 1, edges, reproduceArgs),
    };
  }

  /** Applies a batch to the driver and compares every answer, then every balance. */
  private async flush(
    driver: LedgerDriver,
    batch: Entry[],
    force = false,
  ): Promise<Mismatch | null> {
    if (batch.length === 0 && !force) return null;
    const now = this.model.now;
    if (this.options.keepBatches !== false)
      this.recorded.push({ now, commands: batch.map((entry) => entry.command) });
    const last = batch[batch.length - 1];
    const lastIndex =
      last?.index ?? (this.replaying ? this.stats.commands - 1 : this.options.ops - 1);
    let actual: Outcome[];
    try {
      actual = await driver.apply(
        batch.map((entry) => entry.command),
        now,
      );
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return this.mismatch(
        lastIndex,
        last?.text ?? "an empty batch",
        "the batch applies",
        `threw ${reason}`,
        batch,
      );
    }
    this.stats.batches += 1;
    for (const [position, entry] of batch.entries()) {
      const answer = actual[position];
      this.stats.commands += 1;
      const code = answer?.code ?? "no answer";
      this.stats.codes.set(code, (this.stats.codes.get(code) ?? 0) + 1);
      this.options.trace?.(`#${entry.index} ${entry.text} -> ${describeOutcome(entry.expected)}`);
      const same =
        answer !== undefined &&
        answer.code === entry.expected.code &&
        (!refusals.has(answer.code) || answer.poolId === entry.expected.poolId);
      if (!same) {
        const text = answer === undefined ? "no answer" : describeOutcome(answer);
        return this.mismatch(entry.index, entry.text, describeOutcome(entry.expected), text, batch);
      }
    }
    const broken = this.model.selfCheck();
    if (broken !== null)
      return this.mismatch(lastIndex, "the model's own check", "none", broken, batch);
    const all = force || comparesAll(this.stats.batches);
    const unequal = await this.compareBalances(driver, now, lastIndex, batch, all);
    if (unequal !== null) return unequal;
    return this.compareRetired(driver, lastIndex);
  }

  /** What the model retired ended in the ledger as it did in the model; then the driver may forget it. */
  private async compareRetired(driver: LedgerDriver, index: number): Promise<Mismatch | null> {
    const retired = this.model.takeRetired();
    if (retired.holds.size === 0 && retired.grants.size === 0) return null;
    const ended = await driver.retire([...retired.holds.keys()], [...retired.grants.keys()]);
    for (const [id, status] of retired.holds) {
      const actual = ended.holds.get(id) ?? "missing";
      if (actual !== status)
        return this.mismatch(index, `final status of hold ${id}`, status, actual, []);
    }
    for (const [id, closure] of retired.grants) {
      const actual = ended.grants.get(id) ?? "missing";
      if (actual !== closure)
        return this.mismatch(index, `final closure of grant ${id}`, closure, actual, []);
    }
    return null;
  }

  private async compareBalances(
    driver: LedgerDriver,
    now: number,
    index: number,
    batch: Entry[],
    all: boolean,
  ) {
    const poolIds = this.model.poolIds();
    const pools = await driver.poolBalances(poolIds, now);
    for (const [position, poolId] of poolIds.entries()) {
      const expected = this.model.poolView(poolId);
      const actual = pools[position];
      for (const field of Object.keys(expected) as (keyof typeof expected)[]) {
        if (actual?.[field] === expected[field]) continue;
        const shown = actual === undefined ? "missing" : formatDecimal(actual[field]);
        const op = `balances after the batch: pool ${poolId} ${field}`;
        return this.mismatch(index, op, formatDecimal(expected[field]), shown, batch);
      }
    }
    const views = all ? this.model.grantViews() : this.model.changedGrantViews();
    const grantIds = [...views.keys()];
    const grants = await driver.grants(grantIds, now);
    for (const [position, grantId] of grantIds.entries()) {
      const expected = views.get(grantId);
      const actual = grants[position];
      if (expected === undefined) continue;
      const same =
        actual != null &&
        actual.remaining === expected.remaining &&
        actual.held === expected.held &&
        actual.status === expected.status;
      if (same) continue;
      const show = (view: typeof actual) =>
        view == null
          ? "missing"
          : `remaining ${formatDecimal(view.remaining)} held ${formatDecimal(view.held)}` +
            ` ${view.status}`;
      const op = `balances after the batch: grant ${grantId}`;
      return this.mismatch(index, op, show(expected), show(actual), batch);
    }
    return null;
  }

  /** Proves the whole journal, and compares how every hold and grant ended. */
  private async finalCheck(driver: LedgerDriver, index: number): Promise<Mismatch | null> {
    const rescan = this.model.rescan();
    if (rescan !== null) return this.mismatch(index, "the model's own check", "none", rescan, []);
    const proof = await driver.prove();
    this.stats.transfers = proof.report.counts.transfers;
    const { violations } = proof.report;
    if (violations.length > 0) {
      const shown = violations
        .slice(0, 5)
        .map((violation) => `${violation.rule} ${violation.subject}: ${violation.detail}`)
        .join("; ");
      const count = `${violations.length} violation(s): ${shown}`;
      return this.mismatch(index, "verifyLedger on the whole journal", "no violations", count, []);
    }
    const accounts: [string, bigint][] = [["breakage", this.model.breakage()]];
    for (const poolId of this.model.poolIds()) {
      accounts.push([`consumed:${poolId}`, this.model.consumedEver(poolId)]);
      accounts.push([`debt:${poolId}`, -this.model.debtOf(poolId)]);
    }
    for (const [account, expected] of accounts) {
      const actual = proof.balanceOf(account);
      if (actual === expected) continue;
      const op = `final balance of journal account ${account}`;
      return this.mismatch(index, op, formatDecimal(expected), formatDecimal(actual), []);
    }
    for (const hold of this.model.holds()) {
      const status = proof.holds.get(hold.id) ?? "missing";
      if (status !== hold.status)
        return this.mismatch(index, `final status of hold ${hold.id}`, hold.status, status, []);
    }
    for (const grant of this.model.grants()) {
      const closure = proof.grants.get(grant.id) ?? "missing";
      const expected = grant.closure ?? "open";
      if (closure !== expected)
        return this.mismatch(index, `final closure of grant ${grant.id}`, expected, closure, []);
    }
    return null;
  }
}
