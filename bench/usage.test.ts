/**
 * A smoke test of the usage benchmark on SQLite with tiny runs: it produces figures, every
 * engine run consumes exactly the priced sum and its journal verifies. It never asserts on
 * timing; the machine's speed is not under test.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { priceUsage } from "@creditpool/core";
import { runUsageBench } from "./usage.ts";
import { benchRateCard, eventAt } from "./usage-events.ts";
import { usageReport, usageTargets } from "./usage-report.ts";

test("the rate card prices every bench event, by model", () => {
  const card = benchRateCard("rc_test", 0);
  const amounts = new Set<bigint>();
  for (let n = 0; n < 30; n += 1) {
    const event = eventAt("t", n);
    const priced = priceUsage(card, {
      quantities: {
        input_tokens: BigInt(event.quantities.input_tokens),
        output_tokens: BigInt(event.quantities.output_tokens),
      },
      dimensions: event.dimensions,
    });
    assert.ok(priced.ok, `event ${n} not priced`);
    if (priced.ok) amounts.add(priced.amount);
  }
  assert.ok(amounts.size > 3, "events should not all cost the same");
  assert.notEqual(eventAt("t", 1).id, eventAt("t", 2).id);
});

test("the SQLite usage benchmark produces figures and verifies its journal", async () => {
  const lines: string[] = [];
  const { rows, facts } = await runUsageBench({
    batchSizes: [5, 20],
    warmupMs: 0,
    measureMs: 150,
    databases: ["sqlite"],
    serverUrl: "",
    poolSize: 1,
    log: (line) => lines.push(line),
  });
  assert.equal(facts.synchronous, "FULL");
  assert.equal(facts.journal_mode, "wal");
  assert.deepEqual(
    rows.map((r) => `${r.system} ${r.batchSize}`),
    ["engine 5", "raw 5", "engine 20", "raw 20"],
  );
  for (const row of rows) {
    assert.ok(row.ok, `${row.system} ${row.batchSize}: ${row.check}`);
    assert.ok(row.batches > 0 && row.eventsPerSecond > 0, `${row.system} measured nothing`);
    assert.ok(Number.isFinite(row.p50) && Number.isFinite(row.p99));
  }
  for (const row of rows.filter((r) => r.system === "engine")) {
    assert.match(row.check, /^consumed = priced sum: .*; verify clean \(\d+ transfers replayed\)$/);
    assert.ok(row.detail !== null && row.detail.engineBatches > 0);
  }
  assert.ok(lines.some((line) => line.includes("sqlite engine, batches of 5")));
  const targets = usageTargets(rows);
  assert.equal(targets.length, 4);
  assert.ok(targets.every((t) => Number.isFinite(t.value)));
  assert.match(usageReport(rows), /\| sqlite \| engine \| 20 \|/);
});
