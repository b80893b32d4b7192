/**
 * The simulator's billing mode: a seeded workload of billing requests and ledger commands applied
 * to the server's services over a real store (`BillingDriver`), and to the billing reference and
 * the ledger's reference model side by side. The reference says which grants each request makes
 * and what they carry, the model what happens to their credits; after every batch and request the
 * run compares the subscription, every grant, the pool, every invoice (a finalized one never
 * changes again, one a period) and proves the journal. The first difference stops the run.
 */
import { formatDecimal, type Grant, type LedgerSnapshot, verifyLedger } from "@creditpool/core";
import { decodeLines } from "../packages/server/src/services/subscription-records.ts";
import { compareBilling } from "./billing-compare.ts";
import type { BillingDriver, BillingStep } from "./billing-driver.ts";
import { BillingReference, type RefEffects, type RefGrant } from "./billing-reference.ts";
import { BillingWorkload } from "./billing-workload.ts";
import { noFlips, ReferenceModel } from "./reference-model.ts";
import type { Mismatch } from "./simulator.ts";
import { rootPoolId, startTimeFor } from "./workload.ts";

export interface BillingSimulationOptions {
  readonly seed: number;
  readonly ops: number;
  readonly open: (setup: {
    seed: number;
    organizationId: string;
    rootPoolId: string;
    startAt: number;
  }) => Promise<BillingDriver>;
  /** What else the reproducing command needs, such as `--driver engine-sqlite`. */
  readonly reproduceArgs?: string;
  /** A reference told to bill one minor unit more for seats added, to prove a mismatch is seen. */
  readonly wrongReference?: boolean;
  readonly trace?: (line: string) => void;
}

export interface BillingStats {
  readonly steps: Map<string, number>;
  readonly faults: Map<string, number>;
  periods: number;
  invoices: number;
}

export type BillingResult =
  | { readonly ok: true; readonly seed: number; readonly stats: BillingStats }
  | {
      readonly ok: false;
      readonly seed: number;
      readonly stats: BillingStats;
      readonly mismatch: Mismatch;
    };

export function describeStep(step: BillingStep): string {
  const rest = Object.entries(step)
    .filter(([name]) => name !== "kind")
    .map(([name, value]) => `${name} ${typeof value === "bigint" ? formatDecimal(value) : value}`);
  return [`billing ${step.kind}`, ...rest].join(" ");
}

export async function runBillingSimulation(
  options: BillingSimulationOptions,
): Promise<BillingResult> {
  const run = new BillingRun(options);
  try {
    const mismatch = await run.execute();
    return mismatch === null
      ? { ok: true, seed: options.seed, stats: run.stats }
      : { ok: false, seed: options.seed, stats: run.stats, mismatch };
  } finally {
    await run.close();
  }
}

class BillingRun {
  readonly stats: BillingStats = { steps: new Map(), faults: new Map(), periods: 0, invoices: 0 };
  private readonly model: ReferenceModel;
  private readonly billing: BillingReference;
  private readonly workload: BillingWorkload;
  private driver: BillingDriver | null = null;
  private readonly recent: string[] = [];
  private keys = 0;
  /** Every finalized invoice as first seen: it must never change. */
  readonly finalized = new Map<string, string>();

  constructor(private readonly options: BillingSimulationOptions) {
    const startAt = startTimeFor(options.seed);
    this.model = new ReferenceModel(rootPoolId, startAt, noFlips);
    this.billing = new BillingReference(options.wrongReference === true);
    this.workload = new BillingWorkload(options.seed, this.model, this.billing, rootPoolId);
  }

  async close(): Promise<void> {
    if (this.driver !== null) {
      for (const [kind, count] of this.driver.faultCounts) this.stats.faults.set(kind, count);
      await this.driver.close();
    }
  }

  async execute(): Promise<Mismatch | null> {
    const { seed, ops } = this.options;
    const driver = await this.options.open({
      seed,
      organizationId: `org_sim_${seed}`,
      rootPoolId,
      startAt: this.model.now,
    });
    this.driver = driver;
    for (const plan of this.workload.makePlans()) await driver.publish(plan.id, plan.terms);
    let mismatch = await this.step(driver, -1, this.workload.start(this.model.now));
    if (mismatch !== null) return mismatch;
    let batch: { index: number; command: import("@creditpool/core").Command }[] = [];
    for (let index = 0; index < ops; index += 1) {
      const op = this.workload.next();
      if (op.kind === "ledger") {
        batch.push({ index, command: op.command });
        if (batch.length < 6) continue;
      }
      mismatch = await this.flush(driver, batch);
      batch = [];
      if (mismatch !== null) return mismatch;
      if (op.kind === "clock") {
        this.model.advanceTo(op.to);
        this.note(`#${index} clock to ${new Date(op.to).toISOString()} (${op.why})`);
        mismatch = await this.compare(driver, index);
      } else if (op.kind === "billing") mismatch = await this.step(driver, index, op.step);
      if (mismatch !== null) return mismatch;
    }
    mismatch = await this.flush(driver, batch);
    return mismatch ?? (await this.compare(driver, ops - 1));
  }

  private note(line: string): void {
    this.options.trace?.(line);
    this.recent.push(line);
    if (this.recent.length > 12) this.recent.shift();
  }

  mismatch(index: number, op: string, expected: string, actual: string): Mismatch {
    const { seed, reproduceArgs = "" } = this.options;
    const rest = reproduceArgs === "" ? "" : ` ${reproduceArgs}`;
    return {
      seed,
      opIndex: index,
      op,
      expected,
      actual,
      batch: [`at ${new Date(this.model.now).toISOString()}`, ...this.recent],
      reproduce: `npm run sim -- --mode billing --seed ${seed} --ops ${index + 1}${rest}`,
    };
  }

  private async flush(
    driver: BillingDriver,
    batch: { index: number; command: import("@creditpool/core").Command }[],
  ) {
    if (batch.length === 0) return null;
    const expected = batch.map((entry) => this.model.apply(entry.command));
    const actual = await driver.apply(
      batch.map((entry) => entry.command),
      this.model.now,
      this.keys,
    );
    this.keys += batch.length;
    for (const [position, entry] of batch.entries()) {
      const code = expected[position]?.code;
      this.note(`#${entry.index} ${entry.command.type} -> ${code}`);
      if (actual[position] !== code)
        return this.mismatch(
          entry.index,
          `ledger ${entry.command.type}`,
          String(code),
          String(actual[position]),
        );
    }
    const last = batch[batch.length - 1]?.index ?? 0;
    return this.compare(driver, last);
  }

  /** A billing step: the driver first, then the reference, whose grants take the ledger's ids. */
  private async step(
    driver: BillingDriver,
    index: number,
    step: BillingStep,
  ): Promise<Mismatch | null> {
    const now = this.model.now;
    const text = describeStep(step);
    this.stats.steps.set(step.kind, (this.stats.steps.get(step.kind) ?? 0) + 1);
    this.keys += 1;
    let code: string;
    try {
      code = await driver.step(step, now, `sim:billing:${this.keys}`);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return this.mismatch(index, text, "the step answers", `threw ${reason}`);
    }
    const snapshot = await driver.snapshot(now);
    const known = new Set(this.model.grants().map((grant) => grant.id));
    const fresh = snapshot.grants.filter(
      (grant) => !known.has(grant.id) && grant.source !== "rollover",
    );
    let expected = "ok";
    if (step.kind !== "start") {
      const renewed = this.billing.renewThrough(now);
      const unpaired = this.take(renewed, fresh);
      if (unpaired !== null) return this.mismatch(index, `${text}: renewal grants`, ...unpaired);
    }
    const effects = this.decide(step, now);
    if (typeof effects === "string") expected = effects;
    else {
      const unpaired = this.take(effects, fresh);
      if (unpaired !== null) return this.mismatch(index, `${text}: grants made`, ...unpaired);
      if (step.kind === "start") {
        const subscription = this.billing.subscription;
        if (subscription !== null) subscription.id = driver.subscriptionId;
      }
    }
    this.note(`#${index} ${text} -> ${expected}`);
    if (code !== expected) return this.mismatch(index, text, expected, code);
    const extra = fresh[0];
    if (extra !== undefined)
      return this.mismatch(index, `${text}: grants made`, "no other grant", describeGrant(extra));
    return this.compare(driver, index, snapshot);
  }

  private decide(step: BillingStep, now: number): RefEffects | string {
    const billing = this.billing;
    const remainingOf = (id: string) => this.model.grantViews().get(id)?.remaining ?? 0n;
    switch (step.kind) {
      case "start": {
        const plan = this.workload.plans.find((each) => each.id === step.plan);
        if (plan === undefined) return "plan_not_found";
        if (billing.subscription?.status === "active") return "subscription_exists";
        const anchor = {
          anchorAt: step.anchorAt,
          timeZone: step.timeZone,
          interval: plan.terms.interval,
        };
        return billing.start(plan, step.seats, anchor, now);
      }
      case "seats":
        return billing.changeSeats(step.seats, now, remainingOf);
      case "top_up":
        return billing.topUp("pack" in step ? { pack: step.pack } : { credits: step.credits }, now);
      case "plan": {
        const plan = this.workload.plans.find((each) => each.id === step.plan);
        return plan === undefined ? "plan_not_found" : billing.changePlan(plan, now);
      }
      case "cancel":
        return billing.cancel(true);
      case "resume":
        return billing.cancel(false);
      case "renew_due":
      case "read":
        return billing.subscription === null ? "subscription_not_found" : { grants: [], voids: [] };
    }
  }

  /**
   * Pairs each grant the reference expects with a new grant of the ledger of the same source,
   * start and expiry, compares its terms, and makes it in the model under the ledger's id (and
   * its rollover grant's); then applies the reference's claw-backs. Answers what differs.
   */
  private take(effects: RefEffects, fresh: Grant[]): [string, string] | null {
    for (const expected of effects.grants) {
      const at = fresh.findIndex(
        (grant) =>
          grant.source === expected.source &&
          grant.effectiveAt === expected.effectiveAt &&
          grant.expiresAt === expected.expiresAt,
      );
      const actual = fresh[at];
      if (actual === undefined) return [describeRef(expected), "no such grant"];
      fresh.splice(at, 1);
      const same =
        actual.amount === expected.amount &&
        actual.costBasis === expected.costBasis &&
        (actual.rollover?.cap ?? null) === (expected.rollover?.cap ?? null) &&
        (actual.rollover?.expiresAt ?? null) === (expected.rollover?.expiresAt ?? null);
      if (!same) return [describeRef(expected), describeGrant(actual)];
      expected.grantId = actual.id;
      const rollover = expected.rollover;
      this.model.apply({
        type: "create_grant",
        grantId: actual.id,
        poolId: rootPoolId,
        amount: expected.amount,
        source: expected.source,
        // The priority is the ledger's default, which the billing page does not name.
        priority: actual.priority,
        effectiveAt: expected.effectiveAt,
        expiresAt: expected.expiresAt,
        costBasis: expected.costBasis,
        rollover:
          rollover === null
            ? null
            : { ...rollover, grantId: actual.rollover?.grantId ?? `${actual.id}_rollover` },
      });
      this.stats.periods += expected.source === "plan" ? 1 : 0;
    }
    for (const { grant, amount } of effects.voids) {
      if (grant.grantId === null) continue;
      this.model.apply({ type: "void_grant", grantId: grant.grantId, amount });
    }
    return null;
  }

  private async compare(driver: BillingDriver, index: number, taken?: LedgerSnapshot) {
    const now = this.model.now;
    const snapshot = taken ?? (await driver.snapshot(now));
    const report = verifyLedger(snapshot);
    if (report.violations.length > 0) {
      const shown = report.violations
        .slice(0, 3)
        .map((violation) => `${violation.rule} ${violation.subject}: ${violation.detail}`)
        .join("; ");
      return this.mismatch(index, "verifyLedger on the whole journal", "no violations", shown);
    }
    const found = await compareBilling({
      now,
      model: this.model,
      billing: this.billing,
      snapshot,
      pool: await driver.pool(now),
      subscription: await driver.subscriptionRow(),
      invoices: await driver.invoices(),
      finalized: this.finalized,
      figures: (grant) => driver.figures(grant, now),
      decodeLines,
      rootPoolId,
    });
    this.stats.invoices = this.finalized.size;
    return found === null ? null : this.mismatch(index, ...found);
  }
}

function describeRef(grant: RefGrant): string {
  return describeTerms({ ...grant, rollover: grant.rollover ?? undefined });
}

function describeGrant(grant: Grant): string {
  return describeTerms({ ...grant, rollover: grant.rollover ?? undefined });
}

function describeTerms(grant: {
  source: string;
  amount: bigint;
  costBasis: bigint;
  effectiveAt: number;
  expiresAt: number | null;
  rollover: { cap: bigint; expiresAt: number } | undefined;
}): string {
  const { rollover } = grant;
  const carried = rollover ? `${formatDecimal(rollover.cap)} to ${rollover.expiresAt}` : "none";
  return (
    `${grant.source} ${formatDecimal(grant.amount)} basis ${formatDecimal(grant.costBasis)}` +
    ` from ${grant.effectiveAt} to ${grant.expiresAt} rollover ${carried}`
  );
}
