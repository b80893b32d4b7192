/**
 * Every running total has a bound (`limits.totalMicrosMax`) checked before anything is added to
 * it: a hold that would pass it is refused like a hard limit, usage that would pass it is refused
 * with `amount_out_of_range` and writes nothing, and no command can carry a total out of the
 * 64-bit range storage keeps.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  applyCommand,
  availableAt,
  beginBatch,
  type Command,
  formatDecimal,
  limits,
  periods,
  verifyLedger,
} from "../src/index.ts";
import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  ledgerWith,
  newLedger,
  pool,
  type Row,
  release,
  snapshotOf,
  t0,
  usage,
} from "./fixtures.ts";

const max = formatDecimal(limits.amountMicrosMax);
const int64Max = 2n ** 63n - 1n;

describe("the bounds themselves", () => {
  it("a total at its bound fits the 64 bits storage keeps", () => {
    assert.ok(limits.totalMicrosMax <= int64Max);
    assert.ok(limits.amountMicrosMax < limits.totalMicrosMax);
    assert.equal(max, "1000000000000");
    assert.equal(formatDecimal(limits.totalMicrosMax), "9000000000000");
  });
});

const nineUsages: Row[] = Array.from({ length: 9 }, (_, index) => ({
  step: `usage of the largest amount, ${index + 1} of 9, becomes debt`,
  command: usage("org", max),
  transfers: [`debt debt:org > consumed:org ${max}`],
}));

exampleTable(
  "usage that would carry a total past its bound is refused and recorded nowhere",
  () => newLedger({ id: "org" }),
  [
    ...nineUsages,
    {
      step: "consumption and debt are at their bound",
      expect: { "org.consumedThisPeriod": "9000000000000", "org.debt": "9000000000000" },
    },
    {
      step: "a tenth usage of the largest amount is refused",
      command: usage("org", max),
      code: "amount_out_of_range",
      transfers: [],
      expect: { "org.consumedThisPeriod": "9000000000000", "org.debt": "9000000000000" },
    },
    {
      step: "so is any usage while this month's consumption is at the bound",
      command: usage("org", "0.000001"),
      code: "amount_out_of_range",
      transfers: [],
    },
    {
      step: "a grant pays debt as always",
      command: grant("g", "org", max),
      transfers: [`grant issuance > grant:g ${max}`, `debt_payment grant:g > debt:org ${max}`],
      expect: { "org.debt": "8000000000000" },
    },
    {
      step: "next month consumption starts from zero and small usage is recorded again",
      at: 31 * dayMs,
      command: usage("org", "5"),
      transfers: ["debt debt:org > consumed:org 5"],
      expect: { "org.consumedThisPeriod": "5", "org.debt": "8000000000005" },
    },
    {
      step: "usage that would carry debt past its bound is refused",
      command: usage("org", max),
      code: "amount_out_of_range",
      transfers: [],
    },
  ],
);

const tenGrants = Array.from({ length: 10 }, (_, index) => grant(`g${index}`, "org", max));
const nineHolds: Row[] = Array.from({ length: 9 }, (_, index) => ({
  step: `hold of the largest amount, ${index + 1} of 9, is allowed`,
  command: hold(`h${index}`, "team", max),
}));

exampleTable(
  "a hold that would carry held past its bound is refused like a hard limit",
  () => ledgerWith([...tenGrants, pool("team", "org")], { id: "org" }),
  [
    { step: "ten grants of the largest amount", expect: { "org.granted": "10000000000000" } },
    {
      step: "what a hold could take is bounded, not the sum of the grants",
      expect: { "team.available": "9000000000000" },
    },
    ...nineHolds,
    {
      step: "a tenth is refused at the pool nearest to the hold whose total would pass",
      command: hold("h9", "team", "1"),
      code: "pool_limit_exceeded",
      failedAt: "team",
      transfers: [],
      expect: { "team.available": "0", "team.held": "9000000000000" },
    },
    {
      step: "releasing one makes room for a new hold",
      command: release("h1"),
      expect: { "team.available": max },
    },
    { step: "a hold of one micro-credit", command: hold("h9", "team", "0.000001") },
    { step: "and another", command: hold("h10", "team", "0.000001") },
    {
      step: "capturing the first at the largest amount would carry consumption past the bound",
      command: capture("h9", max),
      code: "amount_out_of_range",
      transfers: [],
      expect: { "h9.status": "held" },
    },
    {
      step: "one micro-credit less fits exactly: the excess is recorded as usage",
      command: capture("h9", "999999999999.999999"),
      expect: {
        "team.consumedThisPeriod": "999999999999.999999",
        "team.held": "8000000000000.000001",
        "team.available": "0",
      },
    },
  ],
);

/** Amounts that matter near the bounds. */
const amountNearBound = fc.constantFrom(
  limits.amountMicrosMax,
  limits.amountMicrosMax - 1n,
  limits.amountMicrosMax / 3n + 1n,
  1n,
  1_000_000n,
);

type Step =
  | { kind: "grant"; amount: bigint }
  | { kind: "hold"; pool: "org" | "team"; amount: bigint }
  | { kind: "capture"; index: number; amount: bigint }
  | { kind: "release"; index: number }
  | { kind: "usage"; pool: "org" | "team"; amount: bigint }
  | { kind: "wait"; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), amount: amountNearBound }),
  fc.record({
    kind: fc.constant("hold" as const),
    pool: fc.constantFrom("org" as const, "team" as const),
    amount: amountNearBound,
  }),
  fc.record({
    kind: fc.constant("capture" as const),
    index: fc.nat(30),
    amount: amountNearBound,
  }),
  fc.record({ kind: fc.constant("release" as const), index: fc.nat(30) }),
  fc.record({
    kind: fc.constant("usage" as const),
    pool: fc.constantFrom("org" as const, "team" as const),
    amount: amountNearBound,
  }),
  fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 20 }) }),
);

function commandOf(s: Step, index: number, holdIds: readonly string[]): Command | null {
  const units = (amount: bigint) => formatDecimal(amount);
  switch (s.kind) {
    case "grant":
      return grant(`g${index}`, "org", units(s.amount));
    case "hold":
      return hold(`h${index}`, s.pool, units(s.amount));
    case "capture": {
      const holdId = holdIds[s.index % Math.max(1, holdIds.length)];
      return holdId === undefined ? null : capture(holdId, units(s.amount));
    }
    case "release": {
      const holdId = holdIds[s.index % Math.max(1, holdIds.length)];
      return holdId === undefined ? null : release(holdId);
    }
    case "usage":
      return usage(s.pool, units(s.amount));
    case "wait":
      return null;
  }
}

describe("properties near the bounds", () => {
  it("no command throws, every total stays within its bound, and the journal verifies", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const ledger = ledgerWith([pool("team", "org")], { id: "org" });
        const holdIds: string[] = [];
        let now = t0;
        steps.forEach((s, index) => {
          if (s.kind === "wait") now += s.days * dayMs;
          const command = commandOf(s, index, holdIds);
          const context = beginBatch(ledger.state, now, ledger.nextId);
          if (command !== null) {
            const outcome = applyCommand(context, command);
            if (outcome.code === "amount_out_of_range") {
              assert.deepEqual(context.transfers, [], "a refused command writes nothing");
            }
            if (command.type === "create_hold" && outcome.code === "ok")
              holdIds.push(command.holdId);
          }
          ledger.transfers.push(...context.transfers);
          for (const each of ledger.state.pools.values()) {
            assert.ok(each.held <= limits.totalMicrosMax, "held within its bound");
            assert.ok(each.debt <= limits.totalMicrosMax, "debt within its bound");
            for (const period of periods)
              assert.ok(each.consumed[period].amount <= limits.totalMicrosMax, "consumption");
            assert.ok(availableAt(ledger.state, each.id) <= limits.totalMicrosMax);
          }
        });
        assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
      }),
      { numRuns: 200 },
    );
  });

  it("usage is refused only when a total would pass its bound", () => {
    fc.assert(
      fc.property(fc.array(amountNearBound, { minLength: 1, maxLength: 40 }), (amounts) => {
        const ledger = ledgerWith([pool("team", "org")], { id: "org" });
        let recorded = 0n;
        for (const amount of amounts) {
          const context = beginBatch(ledger.state, t0, ledger.nextId);
          const outcome = applyCommand(context, usage("team", formatDecimal(amount)));
          ledger.transfers.push(...context.transfers);
          const fits = recorded + amount <= limits.totalMicrosMax;
          assert.equal(outcome.code, fits ? "ok" : "amount_out_of_range");
          if (fits) recorded += amount;
        }
        assert.equal(ledger.state.pools.get("org")?.debt, recorded);
      }),
      { numRuns: 200 },
    );
  });
});
