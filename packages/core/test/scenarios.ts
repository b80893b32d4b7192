/**
 * Random scenarios for the ledger's properties: a small pool tree and a command sequence of
 * grants (priorities, expiries, effective times in the future or the past), holds, captures
 * (above the held amount too), releases, usage, voids, limit changes and clock jumps, and how
 * to run one.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  applyCommand,
  beginBatch,
  type Command,
  type Outcome,
  type OverageLimit,
  type PoolLimit,
  validateCommand,
} from "../src/index.ts";
import { dayMs, hourMs, type Ledger, minuteMs, newLedger, pool, secondMs } from "./fixtures.ts";

/** Friday 2025-01-31 18:00 UTC: clock jumps soon cross a day, a month and a week. */
export const start = Date.UTC(2025, 0, 31, 18, 0, 0);
export const micros = 1_000_000n;
const _numRuns = 300;

export interface PoolSpec {
  readonly parent: number;
  readonly drawsFromParent: boolean;
  readonly limit: PoolLimit | null;
  readonly overageLimit: OverageLimit | null;
}

export type Step =
  | {
      readonly kind: "grant";
      readonly pool: number;
      readonly amount: bigint;
      readonly priority: number;
      readonly effectiveIn: number | null;
      readonly lasts: number | null;
      readonly costBasis: bigint;
    }
  | { readonly kind: "hold"; readonly pool: number; readonly amount: bigint; readonly ttl: number }
  | { readonly kind: "capture"; readonly hold: number; readonly percent: number }
  | { readonly kind: "release"; readonly hold: number }
  | { readonly kind: "usage"; readonly pool: number; readonly amount: bigint }
  | { readonly kind: "void"; readonly grant: number }
  | { readonly kind: "limit"; readonly pool: number; readonly limit: PoolLimit | null }
  | { readonly kind: "tick"; readonly ms: number };

/** Whole credits (exact fits are likelier) or any micro-credit amount, up to `max` credits. */
const amountArbitrary = (max: number) =>
  fc.oneof(
    fc.integer({ min: 1, max }).map((whole) => BigInt(whole) * micros),
    fc.bigInt({ min: 1n, max: BigInt(max) * micros }),
  );

const limitArbitrary: fc.Arbitrary<PoolLimit> = fc.record({
  amount: fc.integer({ min: 0, max: 120 }).map((whole) => BigInt(whole) * micros),
  kind: fc.constantFrom("hard", "hard", "soft"),
  period: fc.constantFrom("day", "week", "month"),
});

const overageArbitrary: fc.Arbitrary<OverageLimit> = fc.record({
  amount: fc.integer({ min: 0, max: 30 }).map((whole) => BigInt(whole) * micros),
  period: fc.constantFrom("day", "week", "month"),
});

const treeArbitrary: fc.Arbitrary<PoolSpec[]> = fc.array(
  fc.record({
    parent: fc.nat(),
    drawsFromParent: fc.constantFrom(true, true, true, false),
    limit: fc.option(limitArbitrary, { nil: null }),
    overageLimit: fc.option(overageArbitrary, { nil: null, freq: 3 }),
  }),
  { minLength: 1, maxLength: 5, size: "max" },
);

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      pool: fc.nat(),
      amount: amountArbitrary(150),
      priority: fc.constantFrom(0, 100, 100, 1000),
      effectiveIn: fc.option(
        fc.oneof(
          fc.integer({ min: minuteMs, max: 2 * dayMs }),
          fc.integer({ min: -2 * dayMs, max: -1 }),
        ),
        { nil: null, freq: 3 },
      ),
      lasts: fc.option(fc.integer({ min: minuteMs, max: 3 * dayMs }), { nil: null }),
      costBasis: fc.constantFrom(0n, 10_000n, 20_000n),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("hold" as const),
      pool: fc.nat(),
      amount: amountArbitrary(60),
      ttl: fc.integer({ min: 1, max: 7200 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("capture" as const),
      hold: fc.nat(),
      percent: fc.integer({ min: 0, max: 150 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release" as const), hold: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("usage" as const),
      pool: fc.nat(),
      amount: amountArbitrary(30),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("void" as const), grant: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("limit" as const),
      pool: fc.nat(),
      limit: fc.option(limitArbitrary, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("tick" as const),
      ms: fc.oneof(
        fc.integer({ min: secondMs, max: 10 * minuteMs }),
        fc.integer({ min: hourMs, max: 3 * dayMs }),
      ),
    }),
  },
);

export const scenarioArbitrary = fc.record({
  tree: treeArbitrary,
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 80, size: "max" }),
});

export interface Scheduled {
  readonly now: number;
  readonly command: Command;
}

export const poolId = (tree: readonly PoolSpec[], index: number) => `p${index % tree.length}`;

/**
 * Turns steps into commands with their `now`. A capture or release names one of the four latest
 * holds, a void any grant made so far; with none yet, they name an unknown id.
 */
export function compile(tree: readonly PoolSpec[], steps: readonly Step[]): Scheduled[] {
  const scheduled: Scheduled[] = [];
  const holdAmounts: bigint[] = [];
  let grants = 0;
  let now = start;
  for (const step of steps) {
    const add = (command: Command) => scheduled.push({ now, command });
    switch (step.kind) {
      case "tick":
        now += step.ms;
        break;
      case "grant": {
        const effectiveAt = step.effectiveIn === null ? null : now + step.effectiveIn;
        const expiresAt = step.lasts === null ? null : (effectiveAt ?? now) + step.lasts;
        add({
          type: "create_grant",
          grantId: `g${grants}`,
          poolId: poolId(tree, step.pool),
          amount: step.amount,
          source: "purchase",
          priority: step.priority,
          effectiveAt,
          expiresAt,
          costBasis: step.costBasis,
        });
        grants += 1;
        break;
      }
      case "hold":
        add({
          type: "create_hold",
          holdId: `h${holdAmounts.length}`,
          poolId: poolId(tree, step.pool),
          amount: step.amount,
          ttlSeconds: step.ttl,
        });
        holdAmounts.push(step.amount);
        break;
      case "capture": {
        const index = recentHold(holdAmounts.length, step.hold);
        const held = holdAmounts[index] ?? 0n;
        const amount = (held * BigInt(step.percent)) / 100n;
        add({ type: "capture_hold", holdId: `h${index}`, amount });
        break;
      }
      case "release": {
        const index = recentHold(holdAmounts.length, step.hold);
        add({ type: "release_hold", holdId: `h${index}` });
        break;
      }
      case "usage":
        add({ type: "record_usage", poolId: poolId(tree, step.pool), amount: step.amount });
        break;
      case "void":
        add({ type: "void_grant", grantId: `g${grants === 0 ? -1 : step.grant % grants}` });
        break;
      case "limit":
        add({ type: "update_pool", poolId: poolId(tree, step.pool), limit: step.limit });
        break;
    }
  }
  return scheduled;
}

function recentHold(count: number, choice: number): number {
  return count === 0 ? -1 : count - 1 - (choice % Math.min(count, 4));
}

export interface Execution {
  readonly ledger: Ledger;
  readonly outcomes: Outcome[];
}

/**
 * Runs the commands: a new batch whenever `now` moves, and also before command `index` when
 * `splitBefore(index)`. `afterCommand` sees the ledger with every transfer made so far.
 */
export function execute(
  tree: readonly PoolSpec[],
  script: readonly Scheduled[],
  splitBefore: (index: number) => boolean = () => false,
  afterCommand: (ledger: Ledger, index: number) => void = () => {},
): Execution {
  const root = tree[0];
  assert.ok(root !== undefined);
  const ledger = newLedger({
    id: "p0",
    limit: root.limit,
    overageLimit: root.overageLimit,
    now: start,
  });
  const setup = beginBatch(ledger.state, start, ledger.nextId);
  tree.forEach((spec, index) => {
    if (index === 0) return;
    const terms = {
      drawsFromParent: spec.drawsFromParent,
      limit: spec.limit,
      overageLimit: spec.overageLimit,
    };
    const outcome = applyCommand(setup, pool(`p${index}`, `p${spec.parent % index}`, terms));
    assert.equal(outcome.code, "ok");
  });
  ledger.transfers.push(...setup.transfers);

  const outcomes: Outcome[] = [];
  let context = setup;
  let seen = 0;
  let batchNow = start;
  script.forEach(({ now, command }, index) => {
    if (now !== batchNow || splitBefore(index)) {
      context = beginBatch(ledger.state, now, ledger.nextId);
      batchNow = now;
      seen = 0;
    }
    assert.equal(validateCommand(command), null);
    outcomes.push(applyCommand(context, command));
    ledger.transfers.push(...context.transfers.slice(seen));
    seen = context.transfers.length;
    afterCommand(ledger, index);
  });
  return { ledger, outcomes };
}
