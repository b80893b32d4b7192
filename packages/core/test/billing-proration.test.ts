/**
 * Proration: shares are differences of cumulative roundings, so any split of a period sums back
 * to the whole amount; apportioning by weights gives the leftover units to the largest remainders.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { apportion, type BillingPeriod, billingPeriod, prorateSpan } from "../src/billing/index.ts";

const dayMs = 86_400_000;
const utc = (text: string) => Date.parse(`${text}Z`);
/** January 2027 in UTC: 31 days. */
const january: BillingPeriod = {
  index: 0,
  start: utc("2027-01-01T00:00:00"),
  end: utc("2027-02-01T00:00:00"),
};
const day = (n: number) => january.start + n * dayMs;

describe("prorateSpan, example table", () => {
  // 10 micro-credits over 31 days, cut after day 3 and day 17. Rounded one by one the shares
  // would be 1 + 5 + 5 = 11; as differences of cumulative amounts (1, 5, 10) they are 1, 4, 5.
  const lines: readonly (readonly [string, bigint, number, number, bigint])[] = [
    ["days 0..3 of 31", 10n, 0, 3, 1n],
    ["days 3..17 of 31", 10n, 3, 17, 4n],
    ["days 17..31 of 31", 10n, 17, 31, 5n],
    ["the whole month", 10n, 0, 31, 10n],
    ["an empty span", 10n, 12, 12, 0n],
    ["half a month of 31 credits, rounded half up", 31_000_000n, 0, 15.5, 15_500_000n],
    ["nothing", 0n, 0, 31, 0n],
  ];
  for (const [name, amount, from, to, share] of lines) {
    it(`${name}: ${amount} prorates to ${share}`, () => {
      assert.equal(prorateSpan(amount, january, day(from), day(to)), share);
    });
  }

  it("prorates by elapsed time: a Paris month an hour short charges its own length", () => {
    const march = billingPeriod(
      { anchorAt: utc("2027-02-28T23:00:00"), timeZone: "Europe/Paris", interval: "month" },
      0,
    );
    const length = BigInt(march.end - march.start);
    assert.equal(length, BigInt(31 * dayMs - 3_600_000));
    assert.equal(prorateSpan(length, march, march.start, march.start + dayMs), BigInt(dayMs));
  });

  it("refuses spans outside their period, negative amounts and empty periods", () => {
    assert.throws(() => prorateSpan(10n, january, day(-1), day(3)), RangeError);
    assert.throws(() => prorateSpan(10n, january, day(3), day(32)), RangeError);
    assert.throws(() => prorateSpan(10n, january, day(4), day(3)), RangeError);
    assert.throws(() => prorateSpan(10n, january, day(0) + 0.5, day(3)), RangeError);
    assert.throws(() => prorateSpan(-1n, january, day(0), day(3)), RangeError);
    const empty = { index: 0, start: january.start, end: january.start };
    assert.throws(() => prorateSpan(10n, empty, january.start, january.start), RangeError);
  });
});

describe("apportion, example table", () => {
  const lines: readonly (readonly [bigint, readonly bigint[], readonly bigint[]])[] = [
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]], // a tie goes to the earlier index
    [10n, [1n, 2n, 3n, 4n], [1n, 2n, 3n, 4n]],
    [10n, [1n, 1n, 1n, 3n], [2n, 2n, 1n, 5n]], // remainders 2/3, 2/3, 2/3, 0: two units left
    [1n, [1n, 1n], [1n, 0n]],
    [5n, [0n, 3n], [0n, 5n]],
    [0n, [7n], [0n]],
  ];
  for (const [total, weights, shares] of lines) {
    it(`${total} by [${weights.join(", ")}] is [${shares.join(", ")}]`, () => {
      assert.deepEqual(apportion(total, weights), shares);
    });
  }

  it("refuses a negative total, a negative weight and weights that are all zero", () => {
    assert.throws(() => apportion(-1n, [1n]), RangeError);
    assert.throws(() => apportion(1n, [1n, -1n]), RangeError);
    assert.throws(() => apportion(1n, [0n, 0n]), RangeError);
    assert.throws(() => apportion(1n, []), RangeError);
  });
});

describe("proration properties", () => {
  const amounts = fc.bigInt({ min: 0n, max: 2n ** 62n });
  const periods = fc
    .tuple(
      fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
      fc.integer({ min: 1, max: 400 * dayMs }),
    )
    .map(([start, length]): BillingPeriod => ({ index: 0, start, end: start + length }));
  const splits = periods.chain((period) =>
    fc
      .array(fc.integer({ min: period.start, max: period.end }), { maxLength: 12 })
      .map((cuts) => ({ period, cuts: [period.start, ...cuts.sort((a, b) => a - b), period.end] })),
  );

  it("the shares of any split of a period sum to the amount, each within 1 of exact", () => {
    fc.assert(
      fc.property(amounts, splits, (amount, { period, cuts }) => {
        const length = BigInt(period.end - period.start);
        let sum = 0n;
        for (let i = 1; i < cuts.length; i += 1) {
          const from = cuts[i - 1] ?? period.start;
          const to = cuts[i] ?? period.end;
          const share = prorateSpan(amount, period, from, to);
          const error = share * length - amount * BigInt(to - from);
          assert.ok(share >= 0n && -length <= error && error <= length);
          sum += share;
        }
        assert.equal(sum, amount);
        assert.equal(prorateSpan(amount, period, period.start, period.end), amount);
      }),
      { numRuns: 500 },
    );
  });

  it("apportioned shares sum to the total, each within 1 of exact, 0 for weight 0", () => {
    const weights = fc
      .array(fc.bigInt({ min: 0n, max: 2n ** 40n }), { minLength: 1, maxLength: 20 })
      .filter((list) => list.some((weight) => weight > 0n));
    fc.assert(
      fc.property(amounts, weights, (total, list) => {
        const weightSum = list.reduce((sum, weight) => sum + weight, 0n);
        const shares = apportion(total, list);
        assert.equal(shares.length, list.length);
        assert.equal(
          shares.reduce((sum, share) => sum + share, 0n),
          total,
        );
        shares.forEach((share, i) => {
          const weight = list[i] ?? 0n;
          const error = share * weightSum - total * weight;
          assert.ok(-weightSum < error && error < weightSum);
          if (weight === 0n) assert.equal(share, 0n);
        });
      }),
      { numRuns: 500 },
    );
  });
});
