/** Exact arithmetic on the API's decimal strings: sums, differences and comparisons, never floats. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  compareDecimal,
  decimalText,
  microCredits,
  parseDecimal,
  subtractDecimal,
  sumCredits,
} from "../src/decimal.ts";

describe("sums are exact", () => {
  it("0.1 + 0.2 is 0.3 in credits, where floats would say 0.30000000000000004", () => {
    assert.equal(sumCredits(["0.1", "0.2"]), "0.3");
  });

  it("summing micro-credit strings equals the bigint sum, in any order", () => {
    const micro = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(fc.array(micro, { maxLength: 20 }), (values) => {
        const strings = values.map((value) => decimalText({ units: value, scale: 6 }));
        const total = values.reduce((a, b) => a + b, 0n);
        assert.equal(microCredits(sumCredits(strings)), total);
        assert.equal(sumCredits([...strings].reverse()), sumCredits(strings));
      }),
    );
  });

  it("decimalText and microCredits are inverse", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (value) => {
        assert.equal(microCredits(decimalText({ units: value, scale: 6 })), value);
      }),
    );
  });
});

describe("decimal arithmetic", () => {
  it("subtracts and compares exactly", () => {
    assert.equal(subtractDecimal("0.3", "0.1"), "0.2");
    assert.equal(subtractDecimal("100", "99.999999"), "0.000001");
    assert.equal(subtractDecimal("1.5", "2"), "-0.5");
    assert.equal(compareDecimal("10", "9.99"), 1);
    assert.equal(compareDecimal("1.50", "1.5"), 0);
    assert.equal(compareDecimal("-1", "0"), -1);
  });

  it("refuses what is not a decimal, or is finer than a micro-credit", () => {
    assert.throws(() => microCredits("1e3"), /not a decimal/);
    assert.throws(() => microCredits("0.0000001"), /more than 6 decimals/);
    assert.equal(parseDecimal("1e5"), null);
    assert.equal(parseDecimal("1."), null);
    assert.throws(() => subtractDecimal("abc", "1"));
  });

  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
    .map(([units, scale]) => decimalText({ units, scale }));

  it("reads back what it writes", () => {
    fc.assert(
      fc.property(decimal, (text) => {
        const value = parseDecimal(text);
        assert.notEqual(value, null);
        if (value !== null) assert.equal(decimalText(value), text);
      }),
    );
  });

  const negated = (text: string) => (text.startsWith("-") ? text.slice(1) : `-${text}`);

  it("a − b + b is a, and the sign of a − b is how a compares with b", () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const difference = subtractDecimal(a, b);
        assert.equal(compareDecimal(subtractDecimal(difference, negated(b)), a), 0);
        assert.equal(compareDecimal(a, b), compareDecimal(difference, "0"));
      }),
    );
  });
});
