/**
 * Properties of the ledger over random command sequences on a random small pool tree: random
 * grants (priorities, expiries, effective times in the future or the past), holds, captures (above the held amount too),
 * releases, usage, voids, limit changes and clock jumps.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  applyCommand,
  availableAt,
  beginBatch,
  type Command,
  consumedThisPeriod,
  type Outcome,
  type OverageLimit,
  type PoolLimit,
  pathOf,
  periodStart,
  validateCommand,
  verifyLedger,
} from "../src/index.ts";
import {
  dayMs,
  hold,
  hourMs,
  type Ledger,
  minuteMs,
  newLedger,
  pool,
  secondMs,
  snapshotOf,
} from "./fixtures.ts";

/** Friday 2025-01-31 18:00 UTC: clock jumps soon cross a day, a month and a week. */
const start = Date.UTC(2025, 0, 31, 18, 0, 0);
const micros = 1_000_000n;
const numRuns = 300;

interface PoolSpec {
  readonly parent: number;
  readonly drawsFromParent: boolean;
  readonly limit: PoolLimit | null;
  readonly overageLimit: OverageLimit | null;
}

type Step =
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

const scenarioArbitrary = fc.record({
  tree: treeArbitrary,
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 80, size: "max" }),
});

interface Scheduled {
  readonly now: number;
  readonly command: Command;
}

const poolId = (tree: readonly PoolSpec[], index: number) => `p${index % tree.length}`;

/**
 * Turns steps into commands with their `now`. A capture or release names one of the four latest
 * holds, a void any grant made so far; with none yet, they name an unknown id.
 */
function compile(tree: readonly PoolSpec[], steps: readonly Step[]): Scheduled[] {
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

interface Execution {
  readonly ledger: Ledger;
  readonly outcomes: Outcome[];
}

/**
 * Runs the commands: a new batch whenever `now` moves, and also before command `index` when
 * `splitBefore(index)`. `afterCommand` sees the ledger with every transfer made so far.
 */
function execute(
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

/** Every stored projection, as plain data, to compare two runs. */
function projections(ledger: Ledger) {
  const { state } = ledger;
  return {
    now: state.now,
    nextSequence: state.nextSequence,
    pools: [...state.pools.values()].map((each) => ({
      id: each.id,
      held: each.held,
      debt: each.debt,
      overageHeld: each.overageHeld,
      consumed: consumedThisPeriod(each, state.now),
      available: availableAt(state, each.id),
    })),
    grants: [...state.grants.values()]
      .map((each) => ({
        id: each.id,
        remaining: each.remaining,
        held: each.held,
        closed: each.closed,
        activated: each.activated,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    holds: [...state.holds.values()]
      .map((each) => ({ id: each.id, status: each.status }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe("ledger properties over random command sequences", () => {
  it("all balances sum to zero and no grant balance goes below zero", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        const { ledger } = execute(tree, compile(tree, steps), undefined, ({ state }) => {
          for (const each of state.grants.values()) {
            assert.ok(each.remaining >= 0n && each.held >= 0n, `grant ${each.id}`);
          }
        });
        const balances = new Map<string, bigint>();
        for (const transfer of ledger.transfers) {
          assert.ok(transfer.amount > 0n);
          const debit = (balances.get(transfer.debitAccount) ?? 0n) - transfer.amount;
          const credit = (balances.get(transfer.creditAccount) ?? 0n) + transfer.amount;
          balances.set(transfer.debitAccount, debit);
          balances.set(transfer.creditAccount, credit);
          if (transfer.debitAccount.startsWith("grant:")) assert.ok(debit >= 0n);
        }
        let sum = 0n;
        for (const balance of balances.values()) sum += balance;
        assert.equal(sum, 0n);
        for (const each of ledger.state.grants.values()) {
          assert.equal(balances.get(`grant:${each.id}`) ?? 0n, each.remaining);
        }
        for (const each of ledger.state.holds.values()) {
          const expected = each.status === "held" ? each.amount : 0n;
          assert.equal(balances.get(`hold:${each.id}`) ?? 0n, expected);
        }
        for (const each of ledger.state.pools.values()) {
          assert.equal(-(balances.get(`debt:${each.id}`) ?? 0n), each.debt);
        }
      }),
      { numRuns },
    );
  });

  it("replaying the journal gives every stored projection, after every command", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        execute(tree, compile(tree, steps), undefined, (ledger) => {
          assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
        });
      }),
      { numRuns },
    );
  });

  it("without direct usage, captured this period plus held stays within a hard limit", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        const script = compile(tree, steps);
        const holdMadeAt = new Map<string, number>();
        const limitChangedAt = new Map<string, number>();
        execute(tree, script, undefined, (ledger, index) => {
          const scheduled = script[index];
          assert.ok(scheduled !== undefined);
          const { command } = scheduled;
          const { state } = ledger;
          if (command.type === "create_hold" && state.holds.has(command.holdId)) {
            if (!holdMadeAt.has(command.holdId)) holdMadeAt.set(command.holdId, index);
          }
          if (command.type === "update_pool") limitChangedAt.set(command.poolId, index);
          for (const each of state.pools.values()) {
            const limit = each.limit;
            if (limit === null || limit.kind !== "hard") continue;
            const period = periodStart(state.now, limit.period);
            const inSubtree = (id: string) =>
              pathOf(state, id).some((ancestor) => ancestor === each);
            const directUsage = ledger.transfers.some(
              (transfer) =>
                (transfer.kind === "usage" || transfer.kind === "debt") &&
                periodStart(transfer.at, limit.period) === period &&
                inSubtree(transfer.poolId),
            );
            if (directUsage) continue;
            const changed = limitChangedAt.get(each.id) ?? -1;
            const judgedByEarlierLimit = [...state.holds.values()].some(
              (placed) =>
                inSubtree(placed.poolId) &&
                (placed.status === "held" ||
                  (placed.status === "captured" &&
                    periodStart(placed.closedAt ?? 0, limit.period) === period)) &&
                (holdMadeAt.get(placed.id) ?? -1) < changed,
            );
            if (judgedByEarlierLimit) continue;
            const used = consumedThisPeriod(each, state.now) + each.held;
            assert.ok(used <= limit.amount, `pool ${each.id}: ${used} of ${limit.amount}`);
          }
        });
      }),
      { numRuns },
    );
  });

  it("splitting the same commands into other batches at the same now changes nothing", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        ({ tree, steps }, splits) => {
          const script = compile(tree, steps);
          const whole = execute(tree, script);
          const split = execute(tree, script, (index) => splits[index] ?? true);
          const journal = (ledger: Ledger) =>
            ledger.transfers.map((t) => ({
              sequence: t.sequence,
              kind: t.kind,
              debitAccount: t.debitAccount,
              creditAccount: t.creditAccount,
              amount: t.amount,
              poolId: t.poolId,
              at: t.at,
            }));
          assert.deepEqual(
            split.outcomes.map((each) => each.code),
            whole.outcomes.map((each) => each.code),
          );
          assert.deepEqual(journal(split.ledger), journal(whole.ledger));
          assert.deepEqual(projections(split.ledger), projections(whole.ledger));
        },
      ),
      { numRuns },
    );
  });

  it("available is the largest hold allowed now", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.nat(), ({ tree, steps }, poolIndex) => {
        const script = compile(tree, steps);
        const id = poolId(tree, poolIndex);
        const last = script.at(-1)?.now ?? start;
        const tryHold = (ledger: Ledger, amount: bigint) => {
          const context = beginBatch(ledger.state, last, ledger.nextId);
          return applyCommand(context, { ...hold("probe", id, "1"), amount }).code;
        };
        const first = execute(tree, script).ledger;
        const available = availableAt(first.state, id);
        if (available > 0n) assert.equal(tryHold(first, available), "ok");
        assert.notEqual(tryHold(execute(tree, script).ledger, available + 1n), "ok");
      }),
      { numRuns: numRuns / 2 },
    );
  });
});
