import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareBurnOrder, type Grant, insertInBurnOrder } from "../src/index.ts";
import {
  dayMs,
  exampleTable,
  grant,
  hourMs,
  ledgerWith,
  pool,
  t0,
  usage,
  voidGrant,
} from "./fixtures.ts";

exampleTable(
  "within a pool: priority, then soonest expiry, then lower cost basis",
  () =>
    ledgerWith(
      [
        grant("paid", "org", "10", { costBasis: "0.01" }),
        grant("promo", "org", "10", { costBasis: "0" }),
        grant("month-end", "org", "10", { expiresAt: t0 + 20 * dayMs, costBasis: "0.01" }),
        grant("week-end", "org", "10", { expiresAt: t0 + 6 * dayMs, costBasis: "0.01" }),
        grant("urgent", "org", "10", { priority: 50, costBasis: "0.01" }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 4 takes the lowest priority number first, though it never expires",
      command: usage("org", "4"),
      transfers: ["usage grant:urgent > consumed:org 4"],
      expect: { urgent: "6", "week-end": "10" },
    },
    {
      step: "usage 10 finishes it, then takes the soonest expiry",
      command: usage("org", "10"),
      transfers: ["usage grant:urgent > consumed:org 6", "usage grant:week-end > consumed:org 4"],
      expect: { urgent: "0", "urgent.status": "depleted", "week-end": "6" },
    },
    {
      step: "usage 16 finishes the week-end grant, then takes the month-end grant",
      command: usage("org", "16"),
      transfers: [
        "usage grant:week-end > consumed:org 6",
        "usage grant:month-end > consumed:org 10",
      ],
      expect: { "month-end": "0", promo: "10", paid: "10" },
    },
    {
      step: "usage 10: of two grants without expiry, the lower cost basis first",
      command: usage("org", "10"),
      transfers: ["usage grant:promo > consumed:org 10"],
      expect: { promo: "0", paid: "10" },
    },
    {
      step: "usage 10: the paid grant last",
      command: usage("org", "10"),
      transfers: ["usage grant:paid > consumed:org 10"],
      expect: { paid: "0", "org.consumedThisPeriod": "50", "org.debt": "0" },
    },
  ],
);

exampleTable(
  "within a pool: then earlier effective_at, then lower id",
  () =>
    ledgerWith(
      [
        grant("b-early", "org", "10", { effectiveAt: t0 - dayMs }),
        grant("c-now", "org", "10"),
        grant("a-now", "org", "10"),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 10 takes the grant effective a day earlier, though its id is higher",
      command: usage("org", "10"),
      transfers: ["usage grant:b-early > consumed:org 10"],
    },
    {
      step: "usage 10: of two grants effective at the same time, the lower id first",
      command: usage("org", "10"),
      transfers: ["usage grant:a-now > consumed:org 10"],
    },
    {
      step: "usage 10 takes the last one",
      command: usage("org", "10"),
      transfers: ["usage grant:c-now > consumed:org 10"],
      expect: { "org.granted": "0" },
    },
  ],
);

exampleTable(
  "grants not yet effective, expired or voided are skipped",
  () =>
    ledgerWith(
      [
        grant("base", "org", "100"),
        grant("next-week", "org", "10", { priority: 0, effectiveAt: t0 + 7 * dayMs }),
        grant("today-only", "org", "10", { priority: 0, expiresAt: t0 + 8 * hourMs }),
        grant("withdrawn", "org", "10", { priority: 0 }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "voiding a grant forfeits its credits",
      command: voidGrant("withdrawn"),
      transfers: ["void grant:withdrawn > breakage 10"],
      expect: { "withdrawn.status": "voided", "next-week.status": "scheduled" },
    },
    {
      step: "an hour later, usage 4 takes the active priority-0 grant",
      at: hourMs,
      command: usage("org", "4"),
      transfers: ["usage grant:today-only > consumed:org 4"],
    },
    {
      step: "at its expiry, the rest of that grant goes to breakage",
      at: 8 * hourMs,
      transfers: ["expire grant:today-only > breakage 6"],
      expect: { "today-only.status": "expired", breakage: "16" },
    },
    {
      step: "usage 5 skips the scheduled, expired and voided grants",
      command: usage("org", "5"),
      transfers: ["usage grant:base > consumed:org 5"],
      expect: { base: "95", "org.granted": "95" },
    },
    {
      step: "once the scheduled grant is effective, usage 5 takes it first",
      at: 7 * dayMs,
      command: usage("org", "5"),
      transfers: ["usage grant:next-week > consumed:org 5"],
      expect: { "next-week": "5", "next-week.status": "active", base: "95" },
    },
  ],
);

exampleTable(
  "own pool first, then up the draw chain, whatever the priorities",
  () =>
    ledgerWith(
      [
        pool("eng", "org"),
        pool("team", "eng"),
        grant("org-credits", "org", "100", { priority: 0 }),
        grant("eng-credits", "eng", "10", { priority: 500 }),
        grant("team-credits", "team", "10", { priority: 1000 }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 15 at team takes team's grant, then its parent's",
      command: usage("team", "15"),
      transfers: [
        "usage grant:team-credits > consumed:team 10",
        "usage grant:eng-credits > consumed:team 5",
      ],
      expect: {
        "team.consumedThisPeriod": "15",
        "eng.consumedThisPeriod": "15",
        "org.consumedThisPeriod": "15",
      },
    },
    {
      step: "usage 10 at eng takes eng's grant, then the root's; a child's grant is not on its chain",
      command: usage("eng", "10"),
      transfers: [
        "usage grant:eng-credits > consumed:eng 5",
        "usage grant:org-credits > consumed:eng 5",
      ],
      expect: { "team.consumedThisPeriod": "15", "eng.consumedThisPeriod": "25" },
    },
    {
      step: "usage 5 at team, with team and eng empty, takes the root's grant",
      command: usage("team", "5"),
      transfers: ["usage grant:org-credits > consumed:team 5"],
      expect: { "team.consumedThisPeriod": "20", "org.consumedThisPeriod": "30" },
    },
    {
      step: "usage 5 at the root takes only the root's grants",
      command: usage("org", "5"),
      transfers: ["usage grant:org-credits > consumed:org 5"],
      expect: { "org-credits": "85", "org.consumedThisPeriod": "35", "team.available": "85" },
    },
  ],
);

const grantArbitrary = fc.record({
  id: fc.constantFrom("a", "b", "c", "d"),
  priority: fc.constantFrom(0, 100, 1000),
  expiresAt: fc.option(fc.constantFrom(t0 + dayMs, t0 + 2 * dayMs), { nil: null }),
  costBasis: fc.constantFrom(0n, 10_000n),
  effectiveAt: fc.constantFrom(t0 - dayMs, t0),
});

function grantFrom(terms: GrantKeys, index: number): Grant {
  return {
    ...terms,
    id: `${terms.id}${index}`,
    poolId: "org",
    amount: 1n,
    source: "purchase",
    createdAt: t0,
    remaining: 1n,
    held: 0n,
    activated: true,
    closed: null,
    closedAt: null,
  };
}

interface GrantKeys {
  readonly id: string;
  readonly priority: number;
  readonly expiresAt: number | null;
  readonly costBasis: bigint;
  readonly effectiveAt: number;
}

describe("the burn order is a total order", () => {
  it("inserting grants one by one gives the sorted order, whatever the insertion order", () => {
    fc.assert(
      fc.property(fc.array(grantArbitrary, { maxLength: 12 }), (terms) => {
        const grants = terms.map(grantFrom);
        const inserted: Grant[] = [];
        for (const each of grants) insertInBurnOrder(inserted, each);
        const sorted = [...grants].sort(compareBurnOrder);
        assert.deepEqual(
          inserted.map((each) => each.id),
          sorted.map((each) => each.id),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("two different grants always compare one way and the other the opposite way", () => {
    fc.assert(
      fc.property(grantArbitrary, grantArbitrary, (a, b) => {
        const first = grantFrom(a, 1);
        const second = grantFrom(b, 2);
        assert.notEqual(compareBurnOrder(first, second), 0);
        assert.equal(
          Math.sign(compareBurnOrder(first, second)),
          -Math.sign(compareBurnOrder(second, first)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
