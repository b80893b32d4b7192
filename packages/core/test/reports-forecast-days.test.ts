/**
 * The forecast's days from the ledger totals, as example tables worked by hand: departments under
 * a pool, history along the draw chain whoever drew the credits, and the bound on child pools.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  biggestByBurn,
  departmentsOf,
  forecast,
  forecastDays,
  forecastLedger,
  type Measure,
  type Total,
} from "../src/index.ts";

const dayMs = 86_400_000;
const from = Date.parse("2027-03-01T00:00:00Z");
const credits = (whole: number) => BigInt(whole) * 1_000_000n;
const total = (
  day: number,
  poolId: string,
  grantPoolId: string,
  measure: Measure,
  whole: number,
): Total => ({
  span: "day",
  start: from + day * dayMs,
  poolId,
  grantPoolId,
  measure,
  costBasis: 0n,
  credits: credits(whole),
  firstSequence: 1,
});

// root ─ a ─ a1
//      └ b
// other (another tree's root, never in root's subtree)
const parents = new Map<string, string | null>([
  ["a1", "a"],
  ["root", null],
  ["a", "root"],
  ["b", "root"],
  ["other", null],
]);

describe("departments under a pool", () => {
  it("maps each pool of the subtree to the child of the pool on its path", () => {
    assert.deepEqual([...departmentsOf(parents, "root")].sort(), [
      ["a", "a"],
      ["a1", "a"],
      ["b", "b"],
      ["root", "root"],
    ]);
    assert.deepEqual([...departmentsOf(parents, "a")].sort(), [
      ["a", "a"],
      ["a1", "a1"],
    ]);
  });
});

describe("forecast days along the draw chain", () => {
  // The root granted 100 on day 0; a's child a1 used 30 of it on day 1; sibling b used 50 on
  // day 2. 20 are left, available to a as to b.
  const totals = [
    total(0, "root", "root", "granted", 100),
    total(1, "a1", "root", "consumed", 30),
    total(2, "b", "root", "consumed", 50),
    total(2, "other", "other", "granted", 7),
    // Before the window: not counted.
    total(-1, "a", "root", "consumed", 9),
  ];
  const ledger = forecastLedger(totals, departmentsOf(parents, "root"), { from, days: 3 });
  const whole = (micros: bigint) => Number(micros / 1_000_000n);

  it("a's history counts what its sibling drew from the shared grant: 100, 70, 20", () => {
    const days = forecastDays(ledger, ["a"], ["a", "root"]);
    assert.deepEqual(
      days.map((day) => [whole(day.consumed), whole(day.drawn), whole(day.grantsNet)]),
      [
        [0, 0, 100],
        [30, 30, 0],
        [0, 50, 0],
      ],
    );
    const result = forecast({
      now: from + 2 * dayMs + dayMs / 2,
      available: credits(20),
      windowDays: 3,
      days,
      expiring: [],
      horizonDays: 90,
    });
    assert.deepEqual(
      result.history.map((day) => whole(day.balance)),
      [100, 70, 20],
    );
    assert.equal(result.consumedInWindow, credits(30));
  });

  it("a self-funded pool's chain is itself: the root's grant and b's draw are not its own", () => {
    const days = forecastDays(ledger, ["a"], ["a"]);
    assert.deepEqual(
      days.map((day) => [whole(day.drawn), whole(day.grantsNet)]),
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
  });

  it("the pool itself counts every department's consumption", () => {
    const days = forecastDays(ledger, ["root", "a", "b"], ["root"]);
    assert.deepEqual(
      days.map((day) => whole(day.consumed)),
      [0, 30, 50],
    );
  });
});

describe("the bound on child pools", () => {
  const totals = [
    total(0, "c1", "root", "consumed", 5),
    total(0, "c2", "root", "consumed", 20),
    total(0, "c3", "root", "overage", 10),
    total(0, "c4", "root", "consumed", 10),
    total(0, "c5", "root", "consumed", 1),
  ];
  const tree = new Map<string, string | null>([
    ["root", null],
    ...["c1", "c2", "c3", "c4", "c5", "c6"].map((id) => [id, "root"] as [string, string]),
  ]);
  const ledger = forecastLedger(totals, departmentsOf(tree, "root"), { from, days: 1 });
  const children = ["c1", "c2", "c3", "c4", "c5", "c6"];

  it("keeps the biggest by burn, ties by id, and sums the rest", () => {
    assert.deepEqual(biggestByBurn(ledger, children, 3), {
      shown: ["c2", "c3", "c4"],
      others: { pools: 3, consumed: credits(6) },
    });
  });

  it("keeps them all when they fit", () => {
    const all = biggestByBurn(ledger, children, 100);
    assert.deepEqual(all.shown, ["c2", "c3", "c4", "c1", "c5", "c6"]);
    assert.deepEqual(all.others, { pools: 0, consumed: 0n });
  });
});
