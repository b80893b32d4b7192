/**
 * The views' formatters and decimal arithmetic: figures are shown digit for digit from the API's
 * strings, and money is compared and subtracted exactly.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  compareDecimal,
  decimalText,
  parseDecimal,
  subtractDecimal,
} from "../src/views/more/decimal.ts";
import {
  formatCredits,
  formatDateTimeUtc,
  formatDateUtc,
  formatMinorRate,
  formatMinorUnits,
  formatMoney,
  formatPercent,
  formatPeriodUtc,
} from "../src/views/more/format.ts";

describe("formatCredits", () => {
  it("groups thousands and keeps every digit after the point", () => {
    assert.equal(formatCredits("1234567.5"), "1,234,567.5");
    assert.equal(formatCredits("0.000001"), "0.000001");
    assert.equal(formatCredits("-1000"), "-1,000");
    assert.equal(formatCredits("999"), "999");
  });

  it("keeps precision a float would lose", () => {
    assert.equal(formatCredits("9007199254740993.000001"), "9,007,199,254,740,993.000001");
  });

  it("shows a dash for a missing figure and the text itself for one it cannot read", () => {
    assert.equal(formatCredits(null), "—");
    assert.equal(formatCredits("n/a"), "n/a");
  });
});

describe("formatMoney (units of the currency)", () => {
  it("pads to the currency's minor unit and names the currency", () => {
    assert.equal(formatMoney("1234.5", "USD"), "USD 1,234.50");
    assert.equal(formatMoney("0", "USD"), "USD 0.00");
    assert.equal(formatMoney("1500", "JPY"), "JPY 1,500");
    assert.equal(formatMoney("1.5", "KWD"), "KWD 1.500");
  });

  it("never rounds away digits past the minor unit", () => {
    assert.equal(formatMoney("0.001234", "USD"), "USD 0.001234");
  });

  it("stands alone without a currency", () => {
    assert.equal(formatMoney("12.3", null), "12.30");
  });
});

describe("formatMinorUnits (billing's integers)", () => {
  it("places the point by the currency's minor unit", () => {
    assert.equal(formatMinorUnits("123456", "USD"), "USD 1,234.56");
    assert.equal(formatMinorUnits("5", "USD"), "USD 0.05");
    assert.equal(formatMinorUnits("-250", "EUR"), "EUR -2.50");
    assert.equal(formatMinorUnits("1500", "JPY"), "JPY 1,500");
  });

  it("moves the point of a price per credit by the currency's minor unit", () => {
    assert.equal(formatMinorRate("0.4", "USD"), "USD 0.004");
    assert.equal(formatMinorRate("150", "USD"), "USD 1.50");
    assert.equal(formatMinorRate("2", "JPY"), "JPY 2");
  });

  it("says so when the amount is not an integer", () => {
    assert.equal(formatMinorUnits("1.5", "USD"), "USD 1.5 (minor units)");
  });
});

describe("formatPercent and dates", () => {
  it("shows percents from strings and numbers", () => {
    assert.equal(formatPercent("12.5"), "12.5%");
    assert.equal(formatPercent(80), "80%");
    assert.equal(formatPercent(null), "—");
  });

  it("shows dates and moments in UTC whatever the machine's zone", () => {
    assert.equal(formatDateUtc("2026-11-21T23:30:00.000Z"), "2026-11-21");
    assert.equal(formatDateTimeUtc("2026-11-21T09:30:59.000Z"), "2026-11-21 09:30 UTC");
    assert.equal(formatDateTimeUtc("2026-11-21T09:30:00+02:00"), "2026-11-21 07:30 UTC");
    assert.equal(formatDateTimeUtc(null), "—");
  });

  it("labels a period by its interval", () => {
    const start = "2026-03-02T05:00:00.000Z";
    assert.equal(formatPeriodUtc(start, "hour"), "03-02 05h");
    assert.equal(formatPeriodUtc(start, "day"), "2026-03-02");
    assert.equal(formatPeriodUtc(start, "week"), "2026-03-02");
    assert.equal(formatPeriodUtc(start, "month"), "2026-03");
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

  it("refuses what is not a decimal", () => {
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
