/**
 * The console's formatters: headlines round half up for reading, tables and reports show every
 * digit of the API's strings, and nothing turns an amount into a float.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  exactCredits,
  formatCredits,
  formatDateTimeUtc,
  formatDateUtc,
  formatDays,
  formatMinorRate,
  formatMinorUnits,
  formatMoney,
  formatPercent,
  formatPeriodUtc,
  groupDecimal,
  percentOf,
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

  it("names the unit of a headline, rounded for reading", () => {
    assert.equal(formatCredits("45240.64"), "45,240.64 credits");
    assert.equal(formatCredits("0.0000015", 6), "0.000002 credits");
    assert.equal(formatDays("12.5"), "12.5 days");
    assert.equal(formatDays(null), "no burn");
  });
});

describe("exactCredits", () => {
  it("groups thousands and keeps every digit after the point", () => {
    assert.equal(exactCredits("1234567.5"), "1,234,567.5");
    assert.equal(exactCredits("0.000001"), "0.000001");
    assert.equal(exactCredits("-1000"), "-1,000");
    assert.equal(exactCredits("999"), "999");
  });

  it("keeps precision a float would lose", () => {
    assert.equal(exactCredits("9007199254740993.000001"), "9,007,199,254,740,993.000001");
  });

  it("shows a dash for a missing figure and the text itself for one it cannot read", () => {
    assert.equal(exactCredits(null), "—");
    assert.equal(exactCredits("n/a"), "n/a");
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

describe("bar widths", () => {
  it("is the part's share of the whole in percent, capped to 0..100", () => {
    assert.equal(percentOf("25", "100"), 25);
    assert.equal(percentOf("1", "3"), 33.33);
    assert.equal(percentOf("5", "0"), 0);
    assert.equal(percentOf("150", "100"), 100);
    assert.equal(percentOf("-5", "100"), 0);
  });
});
