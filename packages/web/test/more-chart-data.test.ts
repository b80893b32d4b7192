/** The reports reshaped for charts: periods, stacked groups, buyer's math curve and verdict. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  breakEvenMarks,
  cheapestMargin,
  otherColor,
  periodStarts,
  periodsMax,
  servedSeries,
  stackedUsage,
} from "../src/views/more/chart-data.ts";
import type { UsageReport } from "../src/views/more/types.ts";

describe("periodStarts", () => {
  it("starts weeks on Monday and months on the first, in UTC", () => {
    // 2026-11-04 is a Wednesday.
    assert.deepEqual(periodStarts("2026-11-04T00:00:00Z", "2026-11-17T00:00:00Z", "week"), [
      "2026-11-02T00:00:00.000Z",
      "2026-11-09T00:00:00.000Z",
      "2026-11-16T00:00:00.000Z",
    ]);
    assert.deepEqual(periodStarts("2026-11-15T00:00:00Z", "2027-01-02T00:00:00Z", "month"), [
      "2026-11-01T00:00:00.000Z",
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("counts days and hours up to the exclusive end", () => {
    assert.equal(periodStarts("2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z", "day").length, 7);
    assert.equal(periodStarts("2026-11-01T00:00:00Z", "2026-11-01T05:30:00Z", "hour").length, 6);
  });

  it("draws no more periods than a report may have", () => {
    assert.equal(
      periodStarts("2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "hour").length,
      periodsMax,
    );
  });
});

const report: UsageReport = {
  object: "usage_report",
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-11-04T00:00:00.000Z",
  interval: "day",
  group_by: "model",
  tag: null,
  pool: "pool_root",
  currency: "USD",
  summed_to_sequence: 9,
  complete: true,
  total: { credits: "17.5", money: "1.75", uncovered: "0" },
  groups: [
    { group: "gpt-4.1", name: null, credits: "12", money: "1.2", uncovered: "0" },
    { group: "(other)", name: null, credits: "5.5", money: "0.55", uncovered: "0" },
  ],
  rows: [
    {
      start: "2026-11-01T00:00:00.000Z",
      end: "2026-11-02T00:00:00.000Z",
      group: "gpt-4.1",
      credits: "10",
      money: "1",
      uncovered: "0",
    },
    {
      start: "2026-11-03T00:00:00.000Z",
      end: "2026-11-04T00:00:00.000Z",
      group: "gpt-4.1",
      credits: "2",
      money: "0.2",
      uncovered: "0",
    },
    {
      start: "2026-11-03T00:00:00.000Z",
      end: "2026-11-04T00:00:00.000Z",
      group: "(other)",
      credits: "5.5",
      money: "0.55",
      uncovered: "0",
    },
  ],
};

describe("stackedUsage", () => {
  it("keeps the empty period and puts each group under a key with no dot", () => {
    const chart = stackedUsage(report);
    assert.deepEqual(
      chart.series.map((series) => [series.key, series.label]),
      [
        ["g0", "gpt-4.1"],
        ["g1", "(other)"],
      ],
    );
    assert.deepEqual(chart.data, [
      { start: "2026-11-01T00:00:00.000Z", g0: 10 },
      { start: "2026-11-02T00:00:00.000Z" },
      { start: "2026-11-03T00:00:00.000Z", g0: 2, g1: 5.5 },
    ]);
  });

  it("greys the folded groups and names groups by their name when they have one", () => {
    const named = stackedUsage({
      ...report,
      groups: [{ ...report.groups[0], group: "mem_1", name: "Ada" } as UsageReport["groups"][0]],
      rows: [],
    });
    assert.equal(named.series[0]?.label, "Ada");
    assert.equal(stackedUsage(report).series[1]?.color, otherColor);
  });
});

describe("buyer's math", () => {
  const costs = { per_seat: "300", credit_based: "212.345678", hybrid: "250" };

  it("says by how much the cheapest beats the next cheapest, exactly", () => {
    assert.deepEqual(cheapestMargin({ costs, cheapest: "credit_based" }), {
      runnerUp: "hybrid",
      by: "37.654322",
    });
  });

  it("has no margin when two models tie", () => {
    assert.equal(
      cheapestMargin({ costs: { ...costs, hybrid: "212.345678" }, cheapest: "credit_based" }),
      null,
    );
  });

  it("marks only the break-even points that exist", () => {
    const marks = breakEvenMarks({
      break_even: [
        { between: ["per_seat", "credit_based"], credits_per_member: "150.5" },
        { between: ["per_seat", "hybrid"], credits_per_member: null },
      ],
    });
    assert.deepEqual(marks, [{ x: 150.5, credits: "150.5", label: "Per-seat = Credit-based" }]);
  });
});

describe("servedSeries", () => {
  it("plots the cumulative served credits of both sides", () => {
    assert.deepEqual(
      servedSeries({
        series: [{ date: "2026-11-01", pooled_served: "10.5", siloed_served: "8" }],
      }),
      [{ date: "2026-11-01", pooled: 10.5, siloed: 8 }],
    );
  });
});
