/**
 * Billing calendars: periods anchored on a wall time in a zone, clamped to short months,
 * computed from the anchor (never chained), with daylight saving gaps crossed forward and
 * overlaps settled on the earlier instant.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type BillingAnchor,
  type BillingInterval,
  billingCalendarLimits,
  billingPeriod,
  billingPeriodAt,
  isTimeZone,
  periodStartAt,
} from "../src/billing/index.ts";

const utc = (text: string) => Date.parse(`${text}Z`);
const iso = (time: number) => new Date(time).toISOString().replace(".000Z", "Z");
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Each line: period index, its start and end in UTC ("…Z" dropped from the ISO text). */
type PeriodLine = readonly [number, string, string];

function checkTable(anchor: BillingAnchor, lines: readonly PeriodLine[]): void {
  for (const [index, start, end] of lines) {
    const period = billingPeriod(anchor, index);
    assert.deepEqual([index, iso(period.start), iso(period.end)], [index, `${start}Z`, `${end}Z`]);
    assert.equal(periodStartAt(anchor, index), period.start);
  }
}

describe("billing periods, example tables", () => {
  it("a monthly anchor on Jan 31 in UTC clamps to short months and returns to the 31st", () => {
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-01-31T09:00:00"),
      timeZone: "UTC",
      interval: "month",
    };
    checkTable(anchor, [
      [0, "2027-01-31T09:00:00", "2027-02-28T09:00:00"],
      [1, "2027-02-28T09:00:00", "2027-03-31T09:00:00"],
      [2, "2027-03-31T09:00:00", "2027-04-30T09:00:00"],
      [3, "2027-04-30T09:00:00", "2027-05-31T09:00:00"],
      [11, "2027-12-31T09:00:00", "2028-01-31T09:00:00"],
      [12, "2028-01-31T09:00:00", "2028-02-29T09:00:00"],
      [13, "2028-02-29T09:00:00", "2028-03-31T09:00:00"],
      [24, "2029-01-31T09:00:00", "2029-02-28T09:00:00"],
    ]);
  });

  it("a yearly anchor on Feb 29 2028 is Feb 28 in common years and Feb 29 in leap years", () => {
    const anchor: BillingAnchor = {
      anchorAt: utc("2028-02-29T00:00:00"),
      timeZone: "UTC",
      interval: "year",
    };
    checkTable(anchor, [
      [0, "2028-02-29T00:00:00", "2029-02-28T00:00:00"],
      [1, "2029-02-28T00:00:00", "2030-02-28T00:00:00"],
      [3, "2031-02-28T00:00:00", "2032-02-29T00:00:00"],
      [4, "2032-02-29T00:00:00", "2033-02-28T00:00:00"],
      [72, "2100-02-28T00:00:00", "2101-02-28T00:00:00"],
    ]);
  });

  it("02:30 in New York moves forward by the spring-forward gap, to 03:30 EDT", () => {
    // 2027-01-14 02:30 EST; the clocks spring forward at 02:00 on 2027-03-14.
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-01-14T07:30:00"),
      timeZone: "America/New_York",
      interval: "month",
    };
    checkTable(anchor, [
      [0, "2027-01-14T07:30:00", "2027-02-14T07:30:00"],
      [1, "2027-02-14T07:30:00", "2027-03-14T07:30:00"], // ends 03:30 EDT, not in the gap
      [2, "2027-03-14T07:30:00", "2027-04-14T06:30:00"], // 02:30 EDT again from April
    ]);
  });

  it("01:30 in New York on the fall-back day is the earlier instant, 01:30 EDT", () => {
    // 2027-10-07 01:30 EDT; the clocks fall back at 02:00 on 2027-11-07.
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-10-07T05:30:00"),
      timeZone: "America/New_York",
      interval: "month",
    };
    checkTable(anchor, [
      [0, "2027-10-07T05:30:00", "2027-11-07T05:30:00"],
      [1, "2027-11-07T05:30:00", "2027-12-07T06:30:00"],
    ]);
  });

  it("period 0 starts at anchorAt even when its wall time is the later of an overlap", () => {
    // 2027-11-07 01:30 EST, the second 01:30 of the day; a month later is 01:30 EST again.
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-11-07T06:30:00"),
      timeZone: "America/New_York",
      interval: "month",
    };
    checkTable(anchor, [[0, "2027-11-07T06:30:00", "2027-12-07T06:30:00"]]);
  });

  it("midnight in Paris: periods across both changes are an hour short and an hour long", () => {
    // 2027: summer time from 2027-03-28, winter time from 2027-10-31.
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-02-28T23:00:00"),
      timeZone: "Europe/Paris",
      interval: "month",
    };
    const lengths: readonly (readonly [number, number])[] = [
      [0, 31 * dayMs - hourMs],
      [1, 30 * dayMs],
      [6, 30 * dayMs],
      [7, 31 * dayMs + hourMs],
      [8, 30 * dayMs],
    ];
    for (const [index, length] of lengths) {
      const period = billingPeriod(anchor, index);
      assert.equal(period.end - period.start, length, `period ${index}`);
    }
    checkTable(anchor, [
      [0, "2027-02-28T23:00:00", "2027-03-31T22:00:00"],
      [7, "2027-09-30T22:00:00", "2027-10-31T23:00:00"],
    ]);
  });

  const lordHowe = "Australia/Lord_Howe";
  it("Lord Howe's half-hour gap moves 02:15 to 02:45, and its overlap keeps the earlier 02:15", {
    skip: isTimeZone(lordHowe) ? false : `Intl does not know ${lordHowe}`,
  }, () => {
    // 2027-09-03 02:15 at +10:30; +11:00 from 02:00 on 2027-10-03 to 02:00 on 2028-04-02.
    const anchor: BillingAnchor = {
      anchorAt: utc("2027-09-02T15:45:00"),
      timeZone: lordHowe,
      interval: "month",
    };
    checkTable(anchor, [
      [0, "2027-09-02T15:45:00", "2027-10-02T15:45:00"], // 02:45 +11:00
      [1, "2027-10-02T15:45:00", "2027-11-02T15:15:00"], // 02:15 +11:00
      [6, "2028-03-02T15:15:00", "2028-04-02T15:45:00"], // 02:15 +10:30
    ]);
  });

  it("Apia skipped 2011-12-30: a period due that day starts a day of wall time later", () => {
    // 2011-11-30 00:00 at -10:00; Apia moved from -10:00 to +14:00 at the end of 2011-12-29.
    const anchor: BillingAnchor = {
      anchorAt: utc("2011-11-30T10:00:00"),
      timeZone: "Pacific/Apia",
      interval: "month",
    };
    checkTable(anchor, [
      [0, "2011-11-30T10:00:00", "2011-12-30T10:00:00"], // 2011-12-31 00:00 at +14:00
      [1, "2011-12-30T10:00:00", "2012-01-29T10:00:00"],
    ]);
  });
});

describe("billingPeriodAt", () => {
  const anchor: BillingAnchor = {
    anchorAt: utc("2027-01-31T09:00:00"),
    timeZone: "UTC",
    interval: "month",
  };
  const lines: readonly (readonly [string, number])[] = [
    ["2027-01-31T09:00:00.000", 0],
    ["2027-02-28T08:59:59.999", 0],
    ["2027-02-28T09:00:00.000", 1],
    ["2027-03-31T08:59:59.999", 1],
    ["2027-03-31T09:00:00.000", 2],
    ["2028-02-29T09:00:00.000", 13],
    ["2110-06-15T00:00:00.000", 1000],
  ];
  for (const [time, index] of lines) {
    it(`${time} is in period ${index}: a start belongs to its period, an end to the next`, () => {
      assert.equal(billingPeriodAt(anchor, utc(time)).index, index);
    });
  }
});

describe("billing calendar bounds", () => {
  const anchor: BillingAnchor = {
    anchorAt: utc("2027-01-31T09:00:00"),
    timeZone: "UTC",
    interval: "month",
  };
  const { periodIndexMax, anchorAtMin, anchorAtMax, timeZoneLengthMax } = billingCalendarLimits;

  it("knows time zones Intl accepts, and nothing else", () => {
    for (const zone of ["UTC", "Europe/Paris", "Asia/Kolkata", "Pacific/Apia"]) {
      assert.equal(isTimeZone(zone), true, zone);
    }
    for (const zone of [
      "",
      "Mars/Olympus_Mons",
      "Europe/Paris ",
      "x".repeat(timeZoneLengthMax + 1),
    ]) {
      assert.equal(isTimeZone(zone), false, zone);
    }
  });

  it("refuses indexes beyond 1000 years and anything but a non-negative integer", () => {
    assert.equal(billingPeriod(anchor, periodIndexMax.month).index, periodIndexMax.month);
    assert.equal(billingPeriod({ ...anchor, interval: "year" }, periodIndexMax.year).index, 1000);
    for (const index of [-1, 0.5, Number.NaN, periodIndexMax.month + 1]) {
      assert.throws(() => billingPeriod(anchor, index), RangeError);
      assert.throws(() => periodStartAt(anchor, index), RangeError);
    }
    assert.throws(() => billingPeriod({ ...anchor, interval: "year" }, 1001), RangeError);
  });

  it("refuses anchors outside 1970..9999, unknown zones and unknown intervals", () => {
    assert.equal(billingPeriod({ ...anchor, anchorAt: anchorAtMin }, 0).start, anchorAtMin);
    assert.equal(billingPeriod({ ...anchor, anchorAt: anchorAtMax }, 0).start, anchorAtMax);
    for (const anchorAt of [anchorAtMin - 1, anchorAtMax + 1, 1.5, Number.POSITIVE_INFINITY]) {
      assert.throws(() => billingPeriod({ ...anchor, anchorAt }, 0), RangeError);
    }
    assert.throws(() => billingPeriod({ ...anchor, timeZone: "Nowhere/Else" }, 0), RangeError);
    const weekly = { ...anchor, interval: "week" as BillingInterval };
    assert.throws(() => billingPeriod(weekly, 0), RangeError);
  });

  it("refuses instants before the anchor or after the last period", () => {
    assert.throws(() => billingPeriodAt(anchor, anchor.anchorAt - 1), RangeError);
    const last = billingPeriod(anchor, periodIndexMax.month);
    assert.equal(billingPeriodAt(anchor, last.end - 1).index, periodIndexMax.month);
    assert.throws(() => billingPeriodAt(anchor, last.end), RangeError);
  });
});

describe("billing calendar properties", () => {
  const zones = [
    "UTC",
    "Asia/Kolkata",
    "America/New_York",
    "Europe/Paris",
    "Pacific/Apia",
    "America/Sao_Paulo",
    "Pacific/Chatham",
    "America/St_Johns",
  ];
  const anchors = fc.record({
    anchorAt: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
    timeZone: fc.constantFrom(...zones),
    interval: fc.constantFrom<BillingInterval>("month", "year"),
  });

  it("the period of an instant contains it and is the period of its own index", () => {
    fc.assert(
      fc.property(anchors, fc.integer({ min: 0, max: 200 * 365 * dayMs }), (anchor, elapsed) => {
        const at = anchor.anchorAt + elapsed;
        const period = billingPeriodAt(anchor, at);
        assert.ok(period.start <= at && at < period.end);
        assert.deepEqual(billingPeriod(anchor, period.index), period);
      }),
      { numRuns: 300 },
    );
  });

  it("periods are contiguous, increasing, on the anchor's day clamped to the month", () => {
    fc.assert(
      fc.property(anchors, fc.integer({ min: 0, max: 1200 }), (anchor, drawn) => {
        const first = Math.min(drawn, billingCalendarLimits.periodIndexMax[anchor.interval] - 3);
        const anchorDay = wallDay(anchor.timeZone, anchor.anchorAt);
        let previous = billingPeriod(anchor, first);
        for (let index = first + 1; index <= first + 3; index += 1) {
          const period = billingPeriod(anchor, index);
          assert.equal(period.start, previous.end);
          assert.ok(period.start < period.end);
          assert.equal(billingPeriodAt(anchor, period.start).index, index);
          assert.equal(billingPeriodAt(anchor, period.start - 1).index, index - 1);
          previous = period;
        }
        // Only Apia's skipped 2011-12-30 moves a start to another day, and it is the next one.
        const start = wallDate(anchor.timeZone, previous.start);
        const expected = Math.min(anchorDay, daysInMonth(start.year, start.month));
        assert.ok(
          start.day === expected || (anchor.timeZone === "Pacific/Apia" && start.day === 31),
        );
      }),
      { numRuns: 300 },
    );
  });
});

function wallDate(timeZone: string, at: number): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(at);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: field("year"), month: field("month"), day: field("day") };
}

function wallDay(timeZone: string, at: number): number {
  return wallDate(timeZone, at).day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
