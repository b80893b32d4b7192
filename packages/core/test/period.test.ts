import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { limits, type Period, periodEnd, periodStart, periods } from "../src/index.ts";

const utc = (text: string) => Date.parse(`${text}Z`);

describe("limit periods in UTC calendar time, each [start, end)", () => {
  const cases: readonly (readonly [string, Period, string, string])[] = [
    ["2025-01-08T13:45:00.000", "day", "2025-01-08T00:00:00.000", "2025-01-09T00:00:00.000"],
    ["2025-01-08T00:00:00.000", "day", "2025-01-08T00:00:00.000", "2025-01-09T00:00:00.000"],
    ["2025-01-08T23:59:59.999", "day", "2025-01-08T00:00:00.000", "2025-01-09T00:00:00.000"],
    ["2025-01-08T13:45:00.000", "week", "2025-01-06T00:00:00.000", "2025-01-13T00:00:00.000"],
    ["2025-01-12T23:59:59.999", "week", "2025-01-06T00:00:00.000", "2025-01-13T00:00:00.000"],
    ["2025-01-13T00:00:00.000", "week", "2025-01-13T00:00:00.000", "2025-01-20T00:00:00.000"],
    ["2026-01-01T12:00:00.000", "week", "2025-12-29T00:00:00.000", "2026-01-05T00:00:00.000"],
    ["2024-02-15T08:00:00.000", "month", "2024-02-01T00:00:00.000", "2024-03-01T00:00:00.000"],
    ["2025-02-28T23:59:59.999", "month", "2025-02-01T00:00:00.000", "2025-03-01T00:00:00.000"],
    ["2025-12-31T23:59:59.999", "month", "2025-12-01T00:00:00.000", "2026-01-01T00:00:00.000"],
  ];
  for (const [time, period, start, end] of cases) {
    it(`the ${period} of ${time} is [${start}, ${end})`, () => {
      assert.equal(new Date(periodStart(utc(time), period)).toISOString(), `${start}Z`);
      assert.equal(new Date(periodEnd(utc(time), period)).toISOString(), `${end}Z`);
    });
  }

  it("every time lies in its period, which starts at midnight on a Monday or a first", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: limits.timeMsMin, max: limits.timeMsMax }),
        fc.constantFrom(...periods),
        (time, period) => {
          const start = periodStart(time, period);
          const end = periodEnd(time, period);
          assert.ok(start <= time && time < end);
          assert.equal(periodStart(start, period), start);
          assert.equal(periodStart(end, period), end);
          assert.equal(periodStart(end - 1, period), start);
          const first = new Date(start);
          assert.equal(first.getUTCHours() + first.getUTCMinutes() + first.getUTCSeconds(), 0);
          if (period === "day") assert.equal(end - start, 86_400_000);
          if (period === "week") {
            assert.equal(first.getUTCDay(), 1);
            assert.equal(end - start, 7 * 86_400_000);
          }
          if (period === "month") assert.equal(first.getUTCDate(), 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
