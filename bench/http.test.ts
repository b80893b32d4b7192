/**
 * A smoke test of the HTTP benchmark's code path with tiny runs: both servers start in their own
 * processes, every run produces figures, the books show no overspend and `creditpool verify` is
 * clean. It never asserts on timing; the machine's speed is not under test.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { httpResultsTable, httpTargets } from "./http-report.ts";
import { runHttpSuite } from "./http-suite.ts";

test("the HTTP benchmark produces figures with zero overspend", async () => {
  const lines: string[] = [];
  const result = await runHttpSuite({
    connections: [1, 4],
    seconds: 1,
    warmupSeconds: 0,
    log: (line) => lines.push(line),
  });
  assert.deepEqual(
    result.rows.map((row) => `${row.load.target} ${row.load.connections}`),
    ["echo 1", "holds 1", "echo 4", "holds 4"],
  );
  for (const { load, server } of result.rows) {
    const name = `${load.target} ${load.connections}`;
    assert.ok(load.requestsPerSecond > 0, `${name} measured no requests`);
    assert.ok(Number.isFinite(load.latency.p50) && Number.isFinite(load.latency.p99), name);
    assert.equal(load.non2xx, 0, `${name} answered non-2xx`);
    assert.equal(load.errors + load.timeouts, 0, `${name} had errors`);
    assert.ok(server.cpuCores >= 0, name);
  }
  const holds = result.rows.filter((row) => row.load.target === "holds");
  for (const row of holds) {
    assert.ok(row.books?.ok, row.books?.detail);
    assert.match(row.books?.detail ?? "", /^none: /);
    assert.ok((row.load.pairsPerSecond ?? 0) > 0);
    assert.ok((row.server.commandsPerBatch ?? 0) >= 1, "the engine's batches were read");
  }
  assert.ok(result.verify.ok, result.verify.detail);
  assert.match(result.verify.detail, /Clean/);
  const targets = httpTargets(result.rows, result.verify);
  assert.deepEqual(
    targets.slice(2).map((target) => target.pass),
    [true, true],
  );
  assert.ok(targets.slice(0, 2).every((target) => target.pass !== null));
  assert.match(httpResultsTable(result.rows), /\| holds\+captures \| 4 \|/);
  assert.ok(lines.some((line) => line.startsWith("verify: exit 0")));
});
