/**
 * A smoke test of the benchmark's code path on SQLite with tiny runs: it produces figures and
 * keeps its books. It never asserts on timing; the machine's speed is not under test.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ratios } from "./report.ts";
import { runSqliteSuite } from "./suites.ts";

test("the SQLite hot-pool benchmark produces figures with zero overspend", async () => {
  const lines: string[] = [];
  const { measurements, facts } = await runSqliteSuite({
    callers: [1, 4],
    warmupMs: 0,
    measureMs: 150,
    pgbenchSeconds: 1,
    log: (line) => lines.push(line),
  });
  assert.equal(facts.synchronous, "FULL");
  assert.equal(facts.journal_mode, "wal");
  assert.deepEqual(
    measurements.map((m) => `${m.system} ${m.callers}`),
    ["engine 1", "naive 1", "engine 4", "naive 4"],
  );
  for (const m of measurements) {
    assert.ok(m.ok, `${m.system} ${m.callers}: ${m.check}`);
    assert.ok(m.rate > 0, `${m.system} ${m.callers} measured no pairs`);
    assert.ok(Number.isFinite(m.pair?.p50) && Number.isFinite(m.op.p99));
  }
  const engineChecks = measurements.filter((m) => m.system === "engine").map((m) => m.check);
  for (const check of engineChecks) assert.match(check, /^overspend none; verify clean/);
  assert.ok(lines.some((line) => line.includes("overspend: none")));
  const latency = ratios(measurements).find((r) => r.name.includes("p50 at 1 caller"));
  assert.ok(latency?.value !== null && latency?.value !== undefined);
});
