/** The console's formatters: exact on credits and money, rounding half up only for display. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  formatCredits,
  formatDays,
  formatMoney,
  formatScaled,
  groupDecimal,
  microCredits,
  percentOf,
  sumCredits,
} from "../src/format.ts";

describe("credits and money for people", () => {
  const cases: readonly [string, number, string][] = [
    ["0", 2, "0.00"],
    ["12.5", 2, "12.50"],
    ["1234567.125", 2, "1,234,567.13"],
    ["1234567.124999", 2, "1,234,567.12"],
    ["999.995", 2, "1,000.00"],
    ["-1234.5", 2, "-1,234.50"],
    ["-0.001", 2, "0.00"],
    ["0.000001", 6, "0.000001"],
    ["100", 0, "100"],
  ];
  for (const [decimal, decimals, expected] of cases) {
    it(`groupDecimal(${decimal}, ${decimals}) is ${expected}`, () => {
      assert.equal(groupDecimal(decimal, decimals), expected);
    });
  }

  it("names the unit: credits and the currency", () => {
    assert.equal(formatCredits("45240.64"), "45,240.64 credits");
    assert.equal(formatMoney("1125.386", "USD"), "$1,125.39");
    assert.equal(formatMoney("-3", "usd"), "-$3.00");
    assert.equal(formatMoney("7", "CHF"), "7.00 CHF");
    assert.equal(formatDays("12.5"), "12.5 days");
    assert.equal(formatDays(null), "no burn");
  });

  it("refuses what is not a decimal, or is finer than a micro-credit", () => {
    assert.throws(() => microCredits("1e3"), /not a decimal/);
    assert.throws(() => microCredits("0.0000001"), /more than 6 decimals/);
  });
});

describe("sums are exact", () => {
  it("0.1 + 0.2 is 0.3 in credits, where floats would say 0.30000000000000004", () => {
    assert.equal(sumCredits(["0.1", "0.2"]), "0.3");
  });

  it("summing micro-credit strings equals the bigint sum, in any order", () => {
    const micro = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(fc.array(micro, { maxLength: 20 }), (values) => {
        const strings = values.map((value) => formatScaled(value, 6));
        const total = values.reduce((a, b) => a + b, 0n);
        assert.equal(microCredits(sumCredits(strings)), total);
        assert.equal(sumCredits([...strings].reverse()), sumCredits(strings));
      }),
    );
  });

  it("formatScaled and microCredits are inverse", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (value) => {
        assert.equal(microCredits(formatScaled(value, 6)), value);
      }),
    );
  });
});

describe("bar widths", () => {
  it("is the part's share of the whole in percent, capped to 0..100", () => {
    assert.equal(percentOf("25", "100"), 25);
    assert.equal(percentOf("1", "3"), 33.33);
    assert.equal(percentOf("5", "0"), 0);
    assert.equal(percentOf("150", "100"), 100);
    assert.equal(percentOf("-5", "100"), 0);
  });
});
