/**
 * Usage buckets and the report math, as example tables: which rows a consuming transfer adds,
 * meter shares, periods and weeks, top groups with "(other)", roll-up by subtree, the forecast's
 * line, the buyer's math and the pooling replay, each with figures worked by hand.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Attribution,
  type BuyersPrices,
  breakEven,
  cheapestOf,
  costsOf,
  curveOf,
  departmentOf,
  foldUsage,
  forecast,
  intervalCount,
  intervalStart,
  intervalsOf,
  largestRemainder,
  moneyText6,
  percentText,
  replayPooling,
  sumUsage,
  type Transfer,
  untaggedOfOneRead,
  withUntagged,
} from "../src/index.ts";

const at = (iso: string) => Date.parse(iso);
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const t0 = at("2027-03-01T10:15:00Z");

let sequence = 0;
function transfer(
  kind: Transfer["kind"],
  amount: bigint,
  options: { at?: number; pool?: string; grant?: string | null; attribution?: Attribution } = {},
): Transfer {
  sequence += 1;
  const grantId = options.grant === undefined ? "g1" : options.grant;
  const pool = options.pool ?? "p1";
  return {
    id: `t${sequence}`,
    sequence,
    kind,
    debitAccount:
      kind === "debt" ? `debt:${pool}` : grantId === null ? "overage" : `grant:${grantId}`,
    creditAccount: `consumed:${pool}`,
    amount,
    poolId: pool,
    grantId: kind === "debt" ? null : grantId,
    holdId: null,
    rateCardVersion: null,
    at: options.at ?? t0,
    ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
  };
}

const ada: Attribution = {
  memberId: "mem_ada",
  keyId: "key_1",
  model: "gpt-x",
  meters: { input_tokens: 1n, output_tokens: 2n },
  tags: { feature: "search" },
};

const grantOf = (id: string) =>
  id === "g1" ? { poolId: "p1", costBasis: 20_000n, rollover: false } : undefined;

describe("usage buckets from consuming transfers", () => {
  it("adds a row per dimension, meters shared by largest remainder, tags once each", () => {
    const rows = sumUsage([transfer("usage", 10n, { attribution: ada })], grantOf, ["hour"]);
    const shown = rows.map((row) => `${row.dimension}=${row.value} ${row.credits}`).sort();
    assert.deepEqual(shown, [
      "= 10",
      "key=key_1 10",
      "member=mem_ada 10",
      "meter=input_tokens 3",
      "meter=output_tokens 7",
      "model=gpt-x 10",
      "rate_card=(none) 10",
      "tag:feature=search 10",
    ]);
    assert.ok(rows.every((row) => row.costBasis === 20_000n));
    assert.ok(rows.every((row) => row.start === at("2027-03-01T10:00:00Z")));
  });

  it("counts a transfer with no attribution as (none) everywhere but tags", () => {
    const rows = sumUsage([transfer("capture", 5n)], grantOf, ["day"]);
    assert.deepEqual(rows.map((row) => `${row.dimension}=${row.value}`).sort(), [
      "=",
      "key=(none)",
      "member=(none)",
      "meter=(none)",
      "model=(none)",
      "rate_card=(none)",
    ]);
  });

  it("sums provider cost and costed credits, by meter by the event's cost split", () => {
    const costed: Attribution = {
      ...ada,
      cost: { amount: 9n, currency: "USD", meters: { input_tokens: 1n, output_tokens: 1n } },
    };
    const rows = sumUsage(
      [
        { ...transfer("usage", 10n, { attribution: costed }), rateCardVersion: "rc_2" },
        transfer("usage", 4n, { attribution: ada }),
      ],
      grantOf,
      ["hour"],
    );
    const shown = rows
      .filter((row) => ["", "meter", "rate_card"].includes(row.dimension))
      .map(
        (row) =>
          `${row.dimension}=${row.value} ${row.credits} ${row.providerCost} ${row.costedCredits}`,
      )
      .sort();
    // Credits 10 share 1:2 (3 and 7, and 4 as 1 and 3); the cost 9 shares 1:1 (5 and 4, the
    // one left over to the name first).
    assert.deepEqual(shown, [
      "= 14 9 10",
      "meter=input_tokens 4 5 3",
      "meter=output_tokens 10 4 7",
      "rate_card=(none) 4 0 0",
      "rate_card=rc_2 10 9 10",
    ]);
  });

  it("keeps overage and debt uncovered, skips holds and grants, rolls up to day and month", () => {
    const rows = sumUsage(
      [
        transfer("usage", 4n, { grant: null }),
        transfer("debt", 6n),
        transfer("hold", 100n),
        transfer("grant", 100n),
      ],
      grantOf,
    ).filter((row) => row.dimension === "");
    assert.deepEqual(rows.map((row) => `${row.span} ${row.costBasis} ${row.credits}`).sort(), [
      "day null 10",
      "hour null 10",
      "month null 10",
    ]);
  });

  it("finds untagged consumption as the pool's rows minus the tagged ones", () => {
    const rows = sumUsage(
      [transfer("usage", 10n, { attribution: ada }), transfer("usage", 7n)],
      grantOf,
      ["hour"],
    );
    const folded = withUntagged(
      "tag:feature",
      rows.filter((row) => row.dimension === ""),
      rows.filter((row) => row.dimension === "tag:feature"),
    );
    assert.deepEqual(folded.map((row) => `${row.value} ${row.credits}`).sort(), [
      "(none) 7",
      "search 10",
    ]);
  });

  it("refuses to combine a pool-only read older than the tag's read", () => {
    const before = sumUsage([transfer("usage", 10n, { attribution: ada })], grantOf, ["hour"]);
    const after = sumUsage(
      [transfer("usage", 10n, { attribution: ada }), transfer("usage", 5n, { attribution: ada })],
      grantOf,
      ["hour"],
    );
    const pools = (rows: typeof before) => rows.filter((row) => row.dimension === "");
    const tagged = (rows: typeof before) => rows.filter((row) => row.dimension === "tag:feature");
    // The projection moved between the reads: 15 tagged of a pool read at 10.
    assert.equal(untaggedOfOneRead("tag:feature", pools(before), tagged(after)), null);
    const same = untaggedOfOneRead("tag:feature", pools(after), tagged(after));
    assert.deepEqual(
      same?.map((row) => `${row.value} ${row.credits}`),
      ["search 15"],
    );
  });
});

describe("meter shares", () => {
  it("shares by largest remainder, ties to the first name, always summing to the amount", () => {
    assert.deepEqual(largestRemainder(10n, { b: 1n, a: 1n, c: 1n }), [
      ["a", 4n],
      ["b", 3n],
      ["c", 3n],
    ]);
    assert.deepEqual(largestRemainder(100n, { in: 1n, out: 3n }), [
      ["in", 25n],
      ["out", 75n],
    ]);
    assert.deepEqual(largestRemainder(5n, {}), []);
    assert.deepEqual(largestRemainder(5n, { zero: 0n }), []);
  });
});

describe("periods", () => {
  it("weeks start on Monday, UTC; months are calendar months", () => {
    // 2027-03-03 is a Wednesday; its week starts Monday 2027-03-01.
    assert.equal(intervalStart("week", at("2027-03-03T12:00:00Z")), at("2027-03-01T00:00:00Z"));
    assert.equal(intervalStart("week", at("2027-03-01T00:00:00Z")), at("2027-03-01T00:00:00Z"));
    assert.equal(intervalStart("week", at("2027-02-28T23:59:59Z")), at("2027-02-22T00:00:00Z"));
    assert.equal(intervalStart("month", at("2027-03-31T23:00:00Z")), at("2027-03-01T00:00:00Z"));
  });

  it("cuts the first and last period to the report's span and counts them", () => {
    const from = at("2027-03-03T12:00:00Z");
    const to = at("2027-03-16T00:00:00Z");
    const shown = intervalsOf("week", from, to).map(
      (p) => `${new Date(p.start).toISOString()} ${new Date(p.end).toISOString()}`,
    );
    assert.deepEqual(shown, [
      "2027-03-03T12:00:00.000Z 2027-03-08T00:00:00.000Z",
      "2027-03-08T00:00:00.000Z 2027-03-15T00:00:00.000Z",
      "2027-03-15T00:00:00.000Z 2027-03-16T00:00:00.000Z",
    ]);
    assert.equal(intervalCount("week", from, to, 1000), 3);
    assert.equal(intervalCount("hour", 0, 5000 * hourMs, 1000), 1001);
  });
});

describe("folding buckets into a usage report", () => {
  const rows = sumUsage(
    [
      transfer("usage", 50n, { at: t0, attribution: { ...ada, memberId: "mem_a" } }),
      transfer("usage", 30n, { at: t0 + dayMs, attribution: { ...ada, memberId: "mem_b" } }),
      transfer("usage", 20n, { at: t0 + dayMs, attribution: { ...ada, memberId: "mem_c" } }),
      transfer("usage", 5n, {
        at: t0 + dayMs,
        grant: null,
        attribution: { ...ada, memberId: "mem_d" },
      }),
    ],
    grantOf,
    ["day"],
  ).filter((row) => row.dimension === "member");

  it("keeps the biggest groups, folds the rest into (other), rows by start then rank", () => {
    const fold = foldUsage(rows, {
      interval: "day",
      from: at("2027-03-01T00:00:00Z"),
      to: at("2027-03-03T00:00:00Z"),
      limit: 2,
      groupOf: (row) => row.value,
    });
    assert.deepEqual(
      fold.groups.map((g) => `${g.group} ${g.consumption.credits}`),
      ["mem_a 50", "mem_b 30", "(other) 25"],
    );
    assert.deepEqual(fold.total, { credits: 105n, money: 100n * 20_000n, uncovered: 5n });
    assert.deepEqual(
      fold.rows.map(
        (r) =>
          `${new Date(r.start).toISOString().slice(0, 10)} ${r.group} ${r.consumption.credits}`,
      ),
      ["2027-03-01 mem_a 50", "2027-03-02 mem_b 30", "2027-03-02 (other) 25"],
    );
  });

  it("rolls pools up into the departments under a pool", () => {
    const parents = new Map<string, string | null>([
      ["root", null],
      ["eng", "root"],
      ["web", "eng"],
      ["ops", "root"],
    ]);
    assert.equal(departmentOf(parents, "root", "web"), "eng");
    assert.equal(departmentOf(parents, "root", "root"), "root");
    assert.equal(departmentOf(parents, "eng", "ops"), null);
    assert.equal(departmentOf(parents, "eng", "web"), "web");
  });
});

describe("figures as text", () => {
  it("percent with at most 2 decimals half up; money with at most 6 decimals half up", () => {
    assert.equal(percentText(1n, 8n), "12.5");
    assert.equal(percentText(1n, 3n), "33.33");
    assert.equal(percentText(2n, 3n), "66.67");
    assert.equal(percentText(5n, 5n), "100");
    assert.equal(percentText(0n, 0n), "0");
    assert.equal(moneyText6(1_234_567_500_000n), "1.234568");
    assert.equal(moneyText6(1_234_567_499_999n), "1.234567");
    assert.equal(moneyText6(-2_500_000n), "-0.000003");
  });
});

describe("forecast", () => {
  const now = at("2027-03-10T12:00:00Z");
  const day = (offset: number, consumed: bigint) => ({
    start: at("2027-03-10T00:00:00Z") + offset * dayMs,
    consumed,
    grantsNet: 0n,
    drawn: consumed,
  });

  it("burns the window's average a day and runs out when the line meets 0", () => {
    const result = forecast({
      now,
      available: 100_000_000n,
      windowDays: 2,
      days: [day(-1, 30_000_000n), day(0, 10_000_000n)],
      expiring: [],
      horizonDays: 90,
    });
    assert.equal(result.burnPerDay, 20_000_000n);
    assert.equal(result.daysLeftTenths, 50n);
    assert.equal(result.depletesAt, now + 5 * dayMs);
    assert.deepEqual(
      result.history.map((h) => h.balance),
      [110_000_000n, 100_000_000n],
    );
    // Today's end: 12 hours of burn; then 20 a day until 0.
    assert.deepEqual(
      result.projection.map((p) => p.balance),
      [90_000_000n, 70_000_000n, 50_000_000n, 30_000_000n, 10_000_000n, 0n],
    );
  });

  it("takes away what is left of a grant at its expiry", () => {
    const result = forecast({
      now,
      available: 100_000_000n,
      windowDays: 1,
      days: [day(0, 10_000_000n)],
      // 30 credits expire in 1.5 days: by then 15 were burnt from them, 15 expire.
      expiring: [{ at: now + 1.5 * dayMs, credits: 30_000_000n }],
      horizonDays: 90,
    });
    assert.equal(result.projection[1]?.balance, 100_000_000n - 15_000_000n - 15_000_000n);
    assert.equal(result.depletesAt, now + 1.5 * dayMs + 7 * dayMs);
  });

  it("has no depletion when nothing burns", () => {
    const result = forecast({
      now,
      available: 5n,
      windowDays: 30,
      days: [],
      expiring: [],
      horizonDays: 3,
    });
    assert.equal(result.daysLeftTenths, null);
    assert.equal(result.depletesAt, null);
    assert.equal(result.projection.length, 4);
  });
});

describe("the buyer's math", () => {
  const prices: BuyersPrices = {
    seatPrice: 20_000_000_000_000n, // 20 a seat
    seatCredits: 100_000_000n, // 100 credits
    overagePrice: 300_000n, // 0.30 a credit
    creditPrice: 250_000n, // 0.25 a credit
    hybridSeatPrice: 10_000_000_000_000n,
    hybridSeatCredits: 50_000_000n,
    seats: 3,
  };
  const usages = [150_000_000n, 20_000_000n, 10_000_000n];

  it("costs each way exactly", () => {
    const costs = costsOf(usages, prices);
    // 3 × 20 + 50 × 0.30 = 75; 180 × 0.25 = 45; 3 × 10 + (180 − 150) × 0.25 = 37.5
    assert.equal(moneyText6(costs.per_seat), "75");
    assert.equal(moneyText6(costs.credit_based), "45");
    assert.equal(moneyText6(costs.hybrid), "37.5");
    assert.equal(cheapestOf(costs), "hybrid");
  });

  it("draws 21 points from 0 to 2x", () => {
    const curve = curveOf(usages, prices);
    assert.equal(curve.length, 21);
    assert.equal(curve[0]?.costs.credit_based, 0n);
    assert.equal(curve[10]?.costs.hybrid, costsOf(usages, prices).hybrid);
    assert.equal(curve[20]?.creditsPerMember, 120_000_000n);
  });

  it("finds where two pricings cost the same per seat", () => {
    // per seat: 20 + max(0, c − 100) × 0.30; credits: 0.25 c → equal at c = 80.
    assert.equal(breakEven("per_seat", "credit_based", prices), 80_000_000n);
    // credits vs hybrid: 0.25 c = 10 + max(0, c − 50) × 0.25 → c = 40.
    assert.equal(breakEven("credit_based", "hybrid", prices), 40_000_000n);
    // per seat vs hybrid: 20 = 10 + (c − 50) × 0.25 → c = 90.
    assert.equal(breakEven("per_seat", "hybrid", prices), 90_000_000n);
    const parallel = { ...prices, seatPrice: 0n, hybridSeatPrice: 0n, seatCredits: 0n };
    assert.equal(
      breakEven("per_seat", "credit_based", { ...parallel, overagePrice: 250_000n }),
      0n,
    );
    assert.equal(
      breakEven("per_seat", "credit_based", { ...parallel, seatPrice: 1n, overagePrice: 250_000n }),
      null,
    );
  });
});

describe("pooling replayed hour by hour", () => {
  it("a shared pool serves what quotas strand", () => {
    const h = (hour: number, member: string, credits: bigint) => ({
      start: t0 + hour * hourMs,
      member,
      credits,
    });
    // Capacity 100 for 2 members: quotas of 50. Ada wants 80, Bob 10.
    const result = replayPooling([h(0, "ada", 30n), h(0, "bob", 10n), h(1, "ada", 50n)], 100n, 2);
    assert.equal(result.quotaPerMember, 50n);
    assert.deepEqual(result.pooled, { served: 90n, blocked: 0n, stranded: 10n });
    assert.deepEqual(result.siloed, {
      served: 60n,
      blocked: 30n,
      stranded: 40n,
      membersBlocked: 1,
    });
    assert.equal(result.perMember[0]?.member, "ada");
    assert.equal(result.perMember[0]?.blockedAt, t0 + hourMs);
    assert.equal(result.perMember[1]?.stranded, 40n);
    assert.equal(replayPooling([h(0, "a", 1n)], 10n, 3).remainder, 1n);
  });
});
