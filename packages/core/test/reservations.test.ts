/**
 * Reservations: a child's `reserved` amount protects its parent's own grants from every hold not
 * under that child, the parent's own included; the child's subtree may take them; usage takes
 * them only last, before overage and debt. Worked examples, then a property over random trees.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  applyCommand,
  availableAt,
  beginBatch,
  type Command,
  credits,
  formatDecimal,
  type LedgerState,
  type Period,
  type Pool,
  pathOf,
  periodStart,
  protectedAt,
  unusedReservation,
} from "../src/index.ts";
import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  hourMs,
  type Ledger,
  ledgerWith,
  minuteMs,
  newLedger,
  overage,
  pool,
  release,
  run,
  runBatch,
  setOverageLimit,
  t0,
  usage,
  violationsOf,
} from "./fixtures.ts";

const reserve = (amount: string, period: Period = "month") => ({
  reserved: { amount: credits(amount), period },
});

/** `unused(C)` of the reservation of pool `id`, as text. */
function unused(ledger: Ledger, id: string): string {
  const found = ledger.state.pools.get(id);
  assert.ok(found !== undefined, id);
  return formatDecimal(unusedReservation(found, ledger.state.now));
}

/**
 * `org` carries a grant of 100; `a` reserves 30 of it a month, `b` reserves nothing. Built fresh
 * for every use, so a probe hold never changes another example's ledger.
 */
function oneReservation(): Ledger {
  return ledgerWith(
    [pool("a", "org", { policy: reserve("30") }), pool("b", "org"), grant("g", "org", "100")],
    { id: "org" },
  );
}

exampleTable("a sibling and the parent cannot take what a child reserves", oneReservation, [
  {
    step: "before anything: b and org see 70, a sees all 100",
    expect: { "a.available": "100", "b.available": "70", "org.available": "70" },
  },
  {
    step: "b asks for 70.000001: refused at the carrier",
    command: hold("hb0", "b", "70.000001"),
    code: "insufficient_credits",
    failedAt: "org",
    transfers: [],
  },
  {
    step: "org's own hold of 70.000001 is refused too",
    command: hold("ho0", "org", "70.000001"),
    code: "insufficient_credits",
    failedAt: "org",
  },
  {
    step: "b holds 70: everything not protected",
    command: hold("hb1", "b", "70"),
    transfers: ["hold grant:g > hold:hb1 70"],
    expect: { "b.available": "0", "org.available": "0", "a.available": "30", g: "30" },
  },
  {
    step: "org cannot take a single micro-credit of the 30 left",
    command: hold("ho1", "org", "0.000001"),
    code: "insufficient_credits",
    failedAt: "org",
  },
  {
    step: "a takes all 30 protected credits",
    command: hold("ha1", "a", "30"),
    expect: { "a.available": "0", g: "0" },
  },
  {
    step: "a releases: its 30 are protected again",
    command: release("ha1"),
    expect: { "a.available": "30", "b.available": "0", g: "30" },
  },
  {
    step: "b releases: b sees 70 again",
    command: release("hb1"),
    expect: { "a.available": "100", "b.available": "70", g: "100" },
  },
  {
    step: "a holds 50, beyond its reservation: nothing is protected any more",
    command: hold("ha2", "a", "50"),
    expect: { "a.available": "50", "b.available": "50", "org.available": "50" },
  },
  {
    step: "a captures 10 of it: 20 of the reservation are unused, b sees 70",
    command: capture("ha2", "10"),
    expect: { g: "90", "a.available": "90", "b.available": "70", "org.available": "70" },
  },
]);

describe("unused(C) follows what C's subtree draws and holds", () => {
  const ledger = oneReservation();
  it("starts at the reservation", () => assert.equal(unused(ledger, "a"), "30"));
  it("a hold under C shrinks it; holds elsewhere do not", () => {
    assert.equal(run(ledger, t0, hold("hb", "b", "20")).code, "ok");
    assert.equal(run(ledger, t0, hold("ho", "org", "20")).code, "ok");
    assert.equal(unused(ledger, "a"), "30");
    assert.equal(run(ledger, t0, hold("ha", "a", "12.5")).code, "ok");
    assert.equal(unused(ledger, "a"), "17.5");
  });
  it("a release gives it back, a capture keeps what was drawn", () => {
    assert.equal(run(ledger, t0, release("ha")).code, "ok");
    assert.equal(unused(ledger, "a"), "30");
    assert.equal(run(ledger, t0, hold("ha2", "a", "8")).code, "ok");
    assert.equal(run(ledger, t0, capture("ha2", "5")).code, "ok");
    assert.equal(unused(ledger, "a"), "25");
  });
  it("usage under C counts as drawn", () => {
    // An hour on, b's and org's holds have expired (600 s): g has 95 again, then a uses 4.
    assert.equal(run(ledger, t0 + hourMs, usage("a", "4")).code, "ok");
    assert.equal(unused(ledger, "a"), "21");
    assert.equal(availableAt(ledger.state, "b"), credits("91") - credits("21"));
    assert.deepEqual(violationsOf(ledger), []);
  });
  it("a new period restores it; a hold open across the boundary still counts", () => {
    const monthly = oneReservation();
    const lateJanuary = Date.UTC(2025, 0, 31, 23, 50);
    assert.equal(run(monthly, lateJanuary, usage("a", "10")).code, "ok");
    assert.equal(run(monthly, lateJanuary, hold("ha", "a", "6", 3600)).code, "ok");
    assert.equal(unused(monthly, "a"), "14");
    runBatch(monthly, Date.UTC(2025, 1, 1, 0, 10), []);
    assert.equal(unused(monthly, "a"), "24");
    assert.equal(run(monthly, Date.UTC(2025, 1, 1, 0, 10), release("ha")).code, "ok");
    assert.equal(unused(monthly, "a"), "30");
    assert.deepEqual(violationsOf(monthly), []);
  });
  it("a daily reservation comes back the next day", () => {
    const daily = ledgerWith(
      [pool("a", "org", { policy: reserve("30", "day") }), grant("g", "org", "100")],
      { id: "org" },
    );
    assert.equal(run(daily, t0, usage("a", "30")).code, "ok");
    assert.equal(unused(daily, "a"), "0");
    runBatch(daily, t0 + dayMs, []);
    assert.equal(unused(daily, "a"), "30");
  });
});

describe("usage takes protected credits last, before overage and debt", () => {
  const ledger = ledgerWith(
    [
      pool("a", "org", { policy: reserve("30") }),
      pool("b", "org"),
      grant("g", "org", "100"),
      setOverageLimit("org", overage("10")),
    ],
    { id: "org" },
  );
  it("usage of 75 at b: 70 unprotected, then 5 protected, no overage", () => {
    const { transfers } = runBatch(ledger, t0, [usage("b", "75")]);
    assert.deepEqual(
      transfers.map((each) => [each.kind, each.debitAccount, formatDecimal(each.amount)]),
      [
        ["usage", "grant:g", "70"],
        ["usage", "grant:g", "5"],
      ],
    );
    // b's usage does not count against a's reservation: 30 are still owed protection.
    assert.equal(unused(ledger, "a"), "30");
    assert.equal(availableAt(ledger.state, "a"), credits("25") + credits("10"));
    assert.equal(availableAt(ledger.state, "b"), credits("10"));
  });
  it("usage of 40 more: the 25 protected, then 10 overage, then 5 debt", () => {
    const { transfers } = runBatch(ledger, t0, [usage("b", "40")]);
    assert.deepEqual(
      transfers.map((each) => [each.kind, each.debitAccount, formatDecimal(each.amount)]),
      [
        ["usage", "grant:g", "25"],
        ["usage", "overage", "10"],
        ["debt", "debt:org", "5"],
      ],
    );
    assert.deepEqual(violationsOf(ledger), []);
  });
  it("a's own usage takes from its reservation first, as any draw does", () => {
    const fresh = oneReservation();
    run(fresh, t0, usage("a", "35"));
    assert.equal(unused(fresh, "a"), "0");
    assert.equal(availableAt(fresh.state, "b"), credits("65"));
  });
});

exampleTable(
  "two reserving children",
  () =>
    ledgerWith(
      [
        pool("a", "org", { policy: reserve("30") }),
        pool("c", "org", { policy: reserve("20") }),
        pool("b", "org"),
        grant("g", "org", "100"),
      ],
      { id: "org" },
    ),
  [
    {
      step: "each sees what the other does not protect",
      expect: {
        "a.available": "80",
        "c.available": "70",
        "b.available": "50",
        "org.available": "50",
      },
    },
    {
      step: "a cannot take c's 20",
      command: hold("ha0", "a", "80.000001"),
      code: "insufficient_credits",
      failedAt: "org",
    },
    {
      step: "a holds 80: c still has its 20",
      command: hold("ha1", "a", "80"),
      expect: { "c.available": "20", "b.available": "0", "a.available": "0" },
    },
    {
      step: "b is refused",
      command: hold("hb0", "b", "0.000001"),
      code: "insufficient_credits",
      failedAt: "org",
    },
    {
      step: "c holds its 20",
      command: hold("hc1", "c", "20"),
      expect: { g: "0", "c.available": "0" },
    },
  ],
);

describe("a reservation protects only its parent's own grants", () => {
  // team sits between org and its children: a's reservation guards team's grants, not org's.
  const ledger = ledgerWith(
    [
      pool("team", "org"),
      pool("a", "team", { policy: reserve("30") }),
      pool("deep", "a"),
      pool("b", "team"),
      pool("b2", "b"),
      grant("g", "org", "100"),
      grant("t", "team", "40"),
    ],
    { id: "org" },
  );
  it("b's subtree sees team's 10 unprotected plus all of org's", () => {
    assert.equal(availableAt(ledger.state, "b2"), credits("110"));
    assert.equal(availableAt(ledger.state, "b"), credits("110"));
    assert.equal(availableAt(ledger.state, "team"), credits("110"));
    assert.equal(availableAt(ledger.state, "org"), credits("100"));
  });
  it("a pool under the reserving child takes the protected credits", () => {
    assert.equal(availableAt(ledger.state, "deep"), credits("140"));
    assert.equal(run(ledger, t0, hold("hd", "deep", "35")).code, "ok");
    assert.equal(unused(ledger, "a"), "0");
    assert.equal(availableAt(ledger.state, "b2"), credits("105"));
  });
  it("b2 takes team's credits only down to a's reservation, then org's", () => {
    assert.equal(run(ledger, t0, release("hd")).code, "ok");
    const { transfers, outcomes } = runBatch(ledger, t0, [hold("hb", "b2", "15")]);
    assert.equal(outcomes[0]?.code, "ok");
    assert.deepEqual(
      transfers.map((each) => [each.debitAccount, formatDecimal(each.amount)]),
      [
        ["grant:t", "10"],
        ["grant:g", "5"],
      ],
    );
    assert.equal(unused(ledger, "a"), "30");
    assert.deepEqual(violationsOf(ledger), []);
  });
});

describe("available is the largest hold that succeeds", () => {
  const cases: { name: string; build: () => Ledger; pools: string[] }[] = [
    { name: "one reservation", build: oneReservation, pools: ["org", "a", "b"] },
    {
      name: "a reservation larger than the grants, with overage",
      build: () =>
        ledgerWith(
          [
            pool("a", "org", { policy: reserve("150") }),
            pool("b", "org"),
            grant("g", "org", "100"),
            setOverageLimit("org", overage("7")),
          ],
          { id: "org" },
        ),
      pools: ["org", "a", "b"],
    },
    {
      name: "partly used reservations on two levels",
      build: () => {
        const ledger = ledgerWith(
          [
            pool("team", "org", { policy: reserve("50") }),
            pool("a", "team", { policy: reserve("30") }),
            pool("b", "team"),
            pool("x", "org"),
            grant("g", "org", "100"),
            grant("t", "team", "40"),
            hold("h1", "a", "12"),
            hold("h2", "x", "20"),
          ],
          { id: "org" },
        );
        return ledger;
      },
      pools: ["org", "team", "a", "b", "x"],
    },
  ];
  for (const { name, build, pools } of cases) {
    for (const id of pools) {
      it(`${name}: at ${id}`, () => {
        const available = availableAt(build().state, id);
        if (available > 0n)
          assert.equal(
            run(build(), t0, { ...hold("probe", id, "1"), amount: available }).code,
            "ok",
          );
        const over = run(build(), t0, { ...hold("probe", id, "1"), amount: available + 1n });
        assert.notEqual(over.code, "ok");
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// A property over random trees

interface TreeSpec {
  /** Each pool's parent, an index of an earlier pool; pool 0 is the root. */
  readonly parents: readonly number[];
  /** Each pool's reservation in whole credits, or null. */
  readonly reserved: readonly (number | null)[];
  readonly periods: readonly Period[];
  readonly overage: number;
}

type Step =
  | { kind: "grant"; pool: number; amount: bigint }
  | { kind: "hold"; pool: number; amount: bigint }
  | { kind: "capture"; hold: number; percent: number }
  | { kind: "release"; hold: number }
  | { kind: "usage"; pool: number; amount: bigint }
  | { kind: "tick"; ms: number };

const micros = 1_000_000n;
const amount = (max: number) =>
  fc.oneof(
    fc.integer({ min: 1, max }).map((whole) => BigInt(whole) * micros),
    fc.bigInt({ min: 1n, max: BigInt(max) * micros }),
  );

/** Trees of up to 7 pools, at most 4 deep (each pool's parent is chosen among shallower ones). */
const treeArbitrary: fc.Arbitrary<TreeSpec> = fc
  .array(fc.nat(), { minLength: 1, maxLength: 6 })
  .chain((choices) => {
    const depth = [1];
    const parents = [-1];
    for (const choice of choices) {
      const eligible = depth.flatMap((d, index) => (d < 4 ? [index] : []));
      const parent = eligible[choice % eligible.length] ?? 0;
      parents.push(parent);
      depth.push((depth[parent] ?? 1) + 1);
    }
    const size = parents.length;
    return fc.record({
      parents: fc.constant(parents),
      reserved: fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 2 }), {
        minLength: size,
        maxLength: size,
      }),
      periods: fc.array(fc.constantFrom<Period>("day", "week", "month"), {
        minLength: size,
        maxLength: size,
      }),
      overage: fc.constantFrom(0, 0, 15),
    });
  });

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("grant" as const),
      pool: fc.nat(),
      amount: amount(80),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("hold" as const),
      pool: fc.nat(),
      amount: amount(50),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("capture" as const),
      hold: fc.nat(),
      percent: fc.integer({ min: 0, max: 130 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), hold: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("usage" as const),
      pool: fc.nat(),
      amount: amount(30),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("tick" as const),
      ms: fc.oneof(
        fc.integer({ min: minuteMs, max: hourMs }),
        fc.integer({ min: hourMs, max: 4 * dayMs }),
      ),
    }),
  },
);

const idOfPool = (index: number) => (index === 0 ? "root" : `p${index}`);

interface Scheduled {
  readonly now: number;
  readonly command: Command;
}

/** The tree's pools, then the steps, as commands with their time. */
function compile(tree: TreeSpec, steps: readonly Step[]): Scheduled[] {
  const size = tree.parents.length;
  const scheduled: Scheduled[] = [];
  let now = t0;
  for (let index = 1; index < size; index += 1) {
    const reserved = tree.reserved[index];
    scheduled.push({
      now,
      command: pool(idOfPool(index), idOfPool(tree.parents[index] ?? 0), {
        policy:
          reserved === null || reserved === undefined
            ? {}
            : {
                reserved: {
                  amount: BigInt(reserved) * micros,
                  period: tree.periods[index] ?? "month",
                },
              },
      }),
    });
  }
  if (tree.overage > 0)
    scheduled.push({ now, command: setOverageLimit("root", overage(`${tree.overage}`)) });
  const holds: bigint[] = [];
  let grants = 0;
  for (const step of steps) {
    const add = (command: Command) => scheduled.push({ now, command });
    if (step.kind === "tick") now += step.ms;
    else if (step.kind === "grant") {
      add({ ...grant(`g${grants}`, idOfPool(step.pool % size), "1"), amount: step.amount });
      grants += 1;
    } else if (step.kind === "hold") {
      add({ ...hold(`h${holds.length}`, idOfPool(step.pool % size), "1"), amount: step.amount });
      holds.push(step.amount);
    } else if (step.kind === "usage") {
      add({ ...usage(idOfPool(step.pool % size), "1"), amount: step.amount });
    } else if (holds.length > 0) {
      const index = step.hold % holds.length;
      const held = holds[index] ?? 0n;
      if (step.kind === "release") add(release(`h${index}`));
      else add({ ...capture(`h${index}`, "1"), amount: (held * BigInt(step.percent)) / 100n });
    }
  }
  return scheduled;
}

function subtreeHas(state: LedgerState, top: Pool, poolId: string): boolean {
  return pathOf(state, poolId).includes(top);
}

/**
 * unused(C) recomputed from the journal and the open holds alone: what C's subtree consumed from
 * C's parent's grants this period (captures and usage), and holds on them now.
 */
function unusedFromJournal(ledger: Ledger, child: Pool): bigint {
  const { state } = ledger;
  const reserved = child.policy.reserved;
  if (reserved === null || child.parentId === null) return 0n;
  const parentGrant = (grantId: string | null) =>
    grantId !== null && state.grants.get(grantId)?.poolId === child.parentId;
  const since = periodStart(state.now, reserved.period);
  let used = 0n;
  for (const transfer of ledger.transfers) {
    if (transfer.kind !== "capture" && transfer.kind !== "usage") continue;
    if (transfer.at < since || !parentGrant(transfer.grantId)) continue;
    if (subtreeHas(state, child, transfer.poolId)) used += transfer.amount;
  }
  for (const open of state.holds.values()) {
    if (open.status !== "held" || !subtreeHas(state, child, open.poolId)) continue;
    for (const reservation of open.reservations)
      if (parentGrant(reservation.grantId)) used += reservation.amount;
  }
  const left = reserved.amount - used;
  return left > 0n ? left : 0n;
}

function ownDrawable(state: LedgerState, poolId: string): bigint {
  let total = 0n;
  for (const each of state.grantsByPool.get(poolId) ?? []) {
    const live = each.closed === null && each.effectiveAt <= state.now;
    const unexpired = each.expiresAt === null || state.now < each.expiresAt;
    if (live && unexpired) total += each.remaining;
  }
  return total;
}

function replay(script: readonly Scheduled[], upTo = script.length): Ledger {
  const ledger = newLedger();
  for (const { now, command } of script.slice(0, upTo)) runBatch(ledger, now, [command]);
  return ledger;
}

describe("reservations over random trees and commands", () => {
  const scenario = fc.record({
    tree: treeArbitrary,
    steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }),
  });

  it("holds elsewhere never eat into unused(C), and the journal replays", () => {
    fc.assert(
      fc.property(scenario, ({ tree, steps }) => {
        const script = compile(tree, steps);
        const ledger = newLedger();
        for (const { now, command } of script) {
          // Before a hold: what every parent on its draw chain must keep for others' children.
          const guard: { parent: string; kept: bigint }[] = [];
          if (command.type === "create_hold") {
            runBatch(ledger, now, []);
            const path = new Set(pathOf(ledger.state, command.poolId));
            for (const parent of ledger.state.pools.values())
              guard.push({ parent: parent.id, kept: protectedAt(ledger.state, parent, path) });
          }
          const before = ledger.transfers.length;
          const [outcome] = runBatch(ledger, now, [command]).outcomes;
          if (command.type === "create_hold" && outcome?.code === "ok") {
            const drawnFrom = new Set(
              ledger.transfers.slice(before).flatMap((each) => {
                const found =
                  each.grantId === null ? undefined : ledger.state.grants.get(each.grantId);
                return found === undefined ? [] : [found.poolId];
              }),
            );
            for (const { parent, kept } of guard) {
              if (!drawnFrom.has(parent)) continue;
              // The hold drew on parent's grants: it left at least what the others reserve.
              assert.ok(
                ownDrawable(ledger.state, parent) >= kept,
                `hold at ${command.poolId} on ${parent}`,
              );
            }
          }
          for (const each of ledger.state.pools.values()) {
            assert.equal(
              unusedReservation(each, ledger.state.now),
              unusedFromJournal(ledger, each),
              `unused(${each.id}) after ${command.type}`,
            );
          }
        }
        assert.deepEqual(violationsOf(ledger), []);
      }),
      { numRuns: 150 },
    );
  });

  it("available is exactly the largest hold allowed, at every pool", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ tree, steps }, cut) => {
        const script = compile(tree, steps);
        const upTo = cut % (script.length + 1);
        const last = script[upTo - 1]?.now ?? t0;
        const probe = (id: string, amount: bigint) => {
          const ledger = replay(script, upTo);
          const context = beginBatch(ledger.state, last, ledger.nextId);
          return applyCommand(context, { ...hold("probe", id, "1"), amount }).code;
        };
        const ledger = replay(script, upTo);
        runBatch(ledger, last, []);
        for (const id of ledger.state.pools.keys()) {
          const available = availableAt(ledger.state, id);
          if (available > 0n) assert.equal(probe(id, available), "ok", `available at ${id}`);
          assert.notEqual(probe(id, available + 1n), "ok", `one more at ${id}`);
        }
      }),
      { numRuns: 80 },
    );
  });
});
