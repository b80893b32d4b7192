import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { credits, formatDecimal, limits, parseDecimal, roundHalfUp } from "../src/index.ts";

describe("parseDecimal reads credits into micro-credits", () => {
  const accepted: readonly (readonly [string | number, bigint])[] = [
    ["12", 12_000_000n],
    ["12.5", 12_500_000n],
    ["0.000001", 1n],
    ["12.500000", 12_500_000n],
    ["-3.25", -3_250_000n],
    ["007", 7_000_000n],
    ["1000000000000", 10n ** 18n],
    [12.5, 12_500_000n],
    [0.1, 100_000n],
    [0.000001, 1n],
    [-2, -2_000_000n],
    [999_999_999.999999, 999_999_999_999_999n],
  ];
  for (const [input, expected] of accepted) {
    it(`${typeof input} ${String(input)} is ${expected} micro-credits`, () => {
      assert.deepEqual(parseDecimal(input), { ok: true, value: expected });
    });
  }

  const refused: readonly (readonly [unknown, string])[] = [
    ["12.1234567", "more than 6 fractional digits"],
    ["1e3", "decimal such as"],
    ["12.", "decimal such as"],
    [".5", "decimal such as"],
    ["+1", "decimal such as"],
    [" 12", "decimal such as"],
    ["", "decimal such as"],
    ["1000000000000.000001", "exceeds the maximum"],
    [1_234_567_890.123456, "more than 15 significant digits"],
    [1_234_567_890_123_456, "more than 15 significant digits"],
    [0.1234567, "more than 6 fractional digits"],
    [1e21, "too large or too small"],
    [1e-7, "too large or too small"],
    [Number.NaN, "finite"],
    [Number.POSITIVE_INFINITY, "finite"],
    [null, "decimal string or number"],
    [12n, "decimal string or number"],
  ];
  for (const [input, reason] of refused) {
    it(`${typeof input} ${String(input)} is refused: ${reason}`, () => {
      const parsed = parseDecimal(input);
      assert.equal(parsed.ok, false);
      assert.ok(!parsed.ok && parsed.reason.includes(reason), JSON.stringify(parsed));
    });
  }

  it("every JSON number with at most 15 significant digits and 6 decimals parses exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999_999 }), (micros) => {
        assert.deepEqual(parseDecimal(micros / 1_000_000), { ok: true, value: BigInt(micros) });
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatDecimal writes the canonical form", () => {
  const cases: readonly (readonly [bigint, string])[] = [
    [12_000_000n, "12"],
    [12_500_000n, "12.5"],
    [120_000_000n, "120"],
    [1n, "0.000001"],
    [0n, "0"],
    [-1_500_000n, "-1.5"],
    [10n ** 18n, "1000000000000"],
  ];
  for (const [micros, text] of cases) {
    it(`${micros} micro-credits are "${text}"`, () => {
      assert.equal(formatDecimal(micros), text);
    });
  }

  it("reads back to the same amount, with no trailing zero or point", () => {
    const max = limits.amountMicrosMax;
    fc.assert(
      fc.property(fc.bigInt({ min: -max, max }), (micros) => {
        const text = formatDecimal(micros);
        assert.match(text, /^-?\d+(\.\d*[1-9])?$/);
        assert.deepEqual(parseDecimal(text), { ok: true, value: micros });
      }),
      { numRuns: 500 },
    );
  });
});

describe("credits is the shorthand of tests and examples", () => {
  it('credits("12.5") is 12,500,000 micro-credits', () => {
    assert.equal(credits("12.5"), 12_500_000n);
  });

  it("throws on what parseDecimal refuses", () => {
    assert.throws(() => credits("1.2345678"), RangeError);
  });
});

describe("roundHalfUp, the one rounding rule", () => {
  const cases: readonly (readonly [bigint, bigint, bigint])[] = [
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [5n, 2n, 3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [0n, 7n, 0n],
    [7n, 1n, 7n],
    [1_000_001n, 2_000_000n, 1n],
    [999_999n, 2_000_000n, 0n],
  ];
  for (const [numerator, denominator, expected] of cases) {
    it(`${numerator}/${denominator} rounds to ${expected}`, () => {
      assert.equal(roundHalfUp({ numerator, denominator }), expected);
    });
  }

  it("refuses a denominator that is not positive and a negative numerator", () => {
    assert.throws(() => roundHalfUp({ numerator: 1n, denominator: 0n }), RangeError);
    assert.throws(() => roundHalfUp({ numerator: 1n, denominator: -2n }), RangeError);
    assert.throws(() => roundHalfUp({ numerator: -1n, denominator: 2n }), RangeError);
  });

  it("is within half a unit, and a half rounds up", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (numerator, denominator) => {
          const rounded = roundHalfUp({ numerator, denominator });
          // The error numerator − rounded × denominator lies in [−d/2, d/2).
          const twiceError = 2n * (numerator - rounded * denominator);
          assert.ok(twiceError >= -denominator && twiceError < denominator);
        },
      ),
      { numRuns: 500 },
    );
  });
});
