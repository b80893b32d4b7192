import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  costBasis,
  credits,
  currencyDigits,
  includedCredits,
  isCurrency,
  type PlanTerms,
  periodPrice,
  periodProblem,
  rational,
  rolloverCapOf,
} from "../src/index.ts";

const team: PlanTerms = {
  name: "Team",
  currency: "USD",
  interval: "month",
  basePrice: 0n,
  seatPrice: 3000n,
  creditsPerSeat: credits("1000"),
  seatName: null,
  seatTiers: [],
  creditsPerOrganization: credits("5000"),
  overagePrice: rational(4n, 1n),
  rollover: { cap: { kind: "percent", percent: 25 }, lifetimeDays: 30 },
  seatRemoval: "keep",
  topUps: [],
  topUpPrice: null,
  commitment: null,
};

describe("a plan's period", () => {
  it("includes the organization's credits plus each seat's", () => {
    assert.equal(includedCredits(team, 10), credits("15000"));
    assert.equal(includedCredits(team, 0), credits("5000"));
  });

  it("costs the base price plus each seat's", () => {
    assert.equal(periodPrice(team, 10), 30_000n);
    assert.equal(periodPrice({ ...team, basePrice: 9900n }, 0), 9900n);
  });
});

describe("currencies", () => {
  const table: [string, number][] = [
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KWD", 3],
  ];
  for (const [code, digits] of table) {
    it(`${code} has ${digits} digits after the point`, () => {
      assert.equal(isCurrency(code), true);
      assert.equal(currencyDigits(code), digits);
    });
  }
  it("refuses what is not an ISO 4217 code", () => {
    for (const code of ["usd", "US", "XYZ1", "", "DOLLAR"]) assert.equal(isCurrency(code), false);
  });
});

describe("cost basis: money paid per credit, in micro-units of the currency", () => {
  const table: [string, bigint, string, string, string][] = [
    ["$300 for 15,000 credits", 30_000n, "USD", "15000", "0.02"],
    ["¥1,000 for 3 credits", 1000n, "JPY", "3", "333.333333"],
    ["$1 for 3 credits rounds half up once", 100n, "USD", "3", "0.333333"],
    ["$2 for 3 credits", 200n, "USD", "3", "0.666667"],
    ["free credits cost nothing", 0n, "USD", "100", "0"],
    ["no credits: zero, never a division by zero", 500n, "USD", "0", "0"],
  ];
  for (const [name, price, currency, bought, expected] of table) {
    it(name, () => assert.equal(costBasis(price, currency, credits(bought)), credits(expected)));
  }
});

describe("rollover caps", () => {
  it("a percentage applies to each grant alike", () => {
    const rule = team.rollover;
    assert.ok(rule !== null);
    assert.equal(rolloverCapOf(rule, credits("15000"), credits("15000")), credits("3750"));
    assert.equal(rolloverCapOf(rule, credits("700"), credits("15000")), credits("175"));
  });

  it("an amount cap is shared in proportion to each grant, never passed together", () => {
    const rule = { cap: { kind: "amount" as const, amount: credits("1000") }, lifetimeDays: 30 };
    assert.equal(rolloverCapOf(rule, credits("15000"), credits("15000")), credits("1000"));
    assert.equal(rolloverCapOf(rule, credits("5000"), credits("15000")), 333_333_333n);
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (amounts, cap) => {
          const included = amounts.reduce((sum, amount) => sum + amount, 0n);
          const shared = { cap: { kind: "amount" as const, amount: cap }, lifetimeDays: 1 };
          const caps = amounts.map((amount) => rolloverCapOf(shared, amount, included));
          const total = caps.reduce((sum, each) => sum + each, 0n);
          return total <= cap && caps.every((each, i) => each <= (amounts[i] ?? 0n));
        },
      ),
    );
  });
});

describe("a period past a bound is named before anything is decided", () => {
  const table: [string, Partial<PlanTerms>, number, RegExp | null][] = [
    ["the team plan at a million seats is fine", {}, 1_000_000, null],
    [
      "included credits past the largest amount",
      { creditsPerSeat: credits("1000000000000") },
      2,
      /credits/,
    ],
    ["seats costing more than a line may", { seatPrice: 10n ** 15n }, 2, /cost more/],
    [
      "a credit dearer than the largest cost basis",
      { seatPrice: 10n ** 15n, creditsPerSeat: 1n },
      1,
      /cost basis/,
    ],
  ];
  for (const [name, change, seats, problem] of table) {
    it(name, () => {
      const found = periodProblem({ ...team, ...change }, seats);
      if (problem === null) assert.equal(found, null);
      else assert.match(found ?? "", problem);
    });
  }
});
