/**
 * A smoke test of the reports benchmark with a tiny journal: the projection reaches every
 * transfer and each report and both its scans produce a figure. It never asserts on timing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { attributionOf, runReportsBench } from "./reports.ts";

test("attribution is a pure function of the sequence, spread over members and models", () => {
  assert.deepEqual(attributionOf(42), attributionOf(42));
  const members = new Set(Array.from({ length: 500 }, (_, n) => attributionOf(n).memberId));
  assert.ok(members.size > 50, `only ${members.size} members`);
});

test("the benchmark runs every report on a tiny journal", async () => {
  const { projectSeconds, timings } = await runReportsBench({
    transfers: 3_000,
    runs: 1,
    log: () => {},
  });
  assert.ok(projectSeconds >= 0);
  assert.equal(timings.length, 8);
  for (const timing of timings) {
    assert.ok(Number.isFinite(timing.buckets.p50), timing.report);
    assert.ok(Number.isFinite(timing.scan.p50), timing.report);
    assert.ok(Number.isFinite(timing.journal.p50), timing.report);
  }
});
