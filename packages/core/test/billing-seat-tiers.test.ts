/**
 * Seat tiers: premium seats beside a plan's own, in one subscription and one pool. What a tier
 * list may be, what a period with tiers includes and costs, and a property: the seats' lines of
 * a period, each kind rounded once, sum to its price however the seats are split across tiers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  credits,
  includedCredits,
  limits,
  missingTier,
  type PlanTerms,
  periodPrice,
  periodProblem,
  prorateSpan,
  rational,
  seatsDescription,
  seatsTotal,
  seatTiersProblem,
} from "../src/index.ts";

const claudeTeam: PlanTerms = {
  name: "Claude Team",
  currency: "USD",
  interval: "month",
  basePrice: 0n,
  seatPrice: 3000n,
  creditsPerSeat: credits("1000"),
  seatName: null,
  seatTiers: [
    { id: "premium", name: "Premium", seatPrice: 15_000n, creditsPerSeat: credits("5000") },
  ],
  creditsPerOrganization: credits("0"),
  overagePrice: rational(0n, 1n),
  rollover: null,
  seatRemoval: "claw_back",
  topUps: [],
  topUpPrice: null,
  commitment: null,
};

describe("a plan's seat tiers", () => {
  const tier = (id: string) => ({ id });
  const table: [string, { id: string }[], number | null, RegExp | null][] = [
    ["none", [], null, null],
    ["premium and max", [tier("premium"), tier("max")], null, null],
    ["digits, _ and - after a letter", [tier("tier_2-b")], null, null],
    ["standard, the plan's own seat", [tier("standard")], 0, /standard/],
    ["a capital", [tier("Premium")], 0, /lowercase/],
    ["a digit first", [tier("2nd")], 0, /lowercase/],
    ["33 characters", [tier(`a${"b".repeat(32)}`)], 0, /lowercase/],
    ["one twice", [tier("max"), tier("premium"), tier("max")], 2, /once/],
    ["five", ["a", "b", "c", "d", "e"].map(tier), null, /at most 4/],
  ];
  for (const [name, tiers, index, message] of table) {
    it(`${message === null ? "takes" : "refuses"} ${name}`, () => {
      const problem = seatTiersProblem(tiers);
      if (message === null) return assert.equal(problem, null);
      assert.equal(problem?.index, index);
      assert.match(problem?.message ?? "", message);
    });
  }
  it("at most seatTiersMax", () => assert.equal(limits.seatTiersMax, 4));
});

describe("a period with tiers", () => {
  it("includes each seat's credits: 10 × 1,000 + 3 × 5,000", () => {
    assert.equal(includedCredits(claudeTeam, 10, { premium: 3 }), credits("25000"));
  });

  it("costs each seat's price: 10 × 3000 + 3 × 15000", () => {
    assert.equal(periodPrice(claudeTeam, 10, { premium: 3 }), 75_000n);
    assert.equal(seatsTotal(10, { premium: 3 }), 13);
  });

  it("names the plan's own seat Standard beside tiers, and a tier by its name", () => {
    assert.equal(seatsDescription(claudeTeam, null, 10), "10 Standard seats");
    assert.equal(seatsDescription(claudeTeam, "premium", 1), "1 Premium seat");
    assert.equal(seatsDescription({ ...claudeTeam, seatName: "Core" }, null, 2), "2 Core seats");
    assert.equal(seatsDescription({ ...claudeTeam, seatTiers: [] }, null, 2), "2 seats");
  });

  it("finds a tier a plan lacks", () => {
    assert.equal(missingTier(claudeTeam, { premium: 3 }), null);
    assert.equal(missingTier({ ...claudeTeam, seatTiers: [] }, { premium: 3 }), "premium");
    // Named with no seats is named still: a request naming it is refused.
    assert.equal(missingTier({ ...claudeTeam, seatTiers: [] }, { premium: 0 }), "premium");
  });

  it("is past a bound when a tier's seats cost more than a line may, or a credit too much", () => {
    const tier = { id: "premium", name: "Premium", seatPrice: 10n ** 15n };
    const dear = { ...claudeTeam, seatTiers: [{ ...tier, creditsPerSeat: credits("1000000") }] };
    assert.equal(periodProblem(dear, 10, { premium: 0 }), null);
    assert.equal(periodProblem(dear, 0, { premium: 1 }), null);
    assert.match(periodProblem(dear, 0, { premium: 2 }) ?? "", /cost more/);
    const rare = { ...claudeTeam, seatTiers: [{ ...tier, creditsPerSeat: 1n }] };
    assert.match(periodProblem(rare, 0, { premium: 1 }) ?? "", /cost basis/);
  });
});

describe("splitting seats across tiers", () => {
  const day = 86_400_000;
  const january = { index: 0, start: Date.UTC(2027, 0, 1), end: Date.UTC(2027, 1, 1) };
  const tiers: PlanTerms["seatTiers"] = [
    { id: "premium", name: "Premium", seatPrice: 15_000n, creditsPerSeat: credits("5000") },
    { id: "max", name: "Max", seatPrice: 33_333n, creditsPerSeat: credits("12345.678901") },
  ];
  const plan = { ...claudeTeam, seatTiers: tiers };
  const seats = fc.integer({ min: 0, max: 10_000 });

  it("sums as the lines say: each kind's line rounded once, a full period exact", () => {
    fc.assert(
      fc.property(seats, seats, seats, fc.integer({ min: 0, max: 31 * day }), (own, p, m, at) => {
        const split = { premium: p, max: m };
        const kinds = [
          { count: own, price: plan.seatPrice, credits: plan.creditsPerSeat },
          ...tiers.map((tier) => ({
            count: split[tier.id as "premium" | "max"],
            price: tier.seatPrice,
            credits: tier.creditsPerSeat,
          })),
        ];
        // A full period: the lines are exact and sum to the period's price and credits.
        const lines = kinds.map((kind) => BigInt(kind.count) * kind.price);
        const sum = lines.reduce((total, line) => total + line, 0n);
        if (sum !== periodPrice(plan, own, split)) return false;
        const granted = kinds.reduce((total, k) => total + BigInt(k.count) * k.credits, 0n);
        if (granted !== includedCredits(plan, own, split)) return false;
        // From `at` to the end: each line rounded once, within a minor unit a line of the whole.
        const from = january.start + at;
        const prorated = lines.map((line) => prorateSpan(line, january, from, january.end));
        const whole = prorateSpan(sum, january, from, january.end);
        const drift = prorated.reduce((total, line) => total + line, 0n) - whole;
        return drift >= -BigInt(lines.length) && drift <= BigInt(lines.length);
      }),
    );
  });

  it("a tier priced as the plan's own seat changes nothing: the split is invisible", () => {
    const twin = {
      ...claudeTeam,
      seatTiers: [{ id: "twin", name: "Twin", seatPrice: 3000n, creditsPerSeat: credits("1000") }],
    };
    fc.assert(
      fc.property(seats, seats, (own, moved) => {
        const split = periodPrice(twin, own, { twin: moved });
        const whole = periodPrice(twin, own + moved);
        return (
          split === whole &&
          includedCredits(twin, own, { twin: moved }) === includedCredits(twin, own + moved)
        );
      }),
    );
  });
});
