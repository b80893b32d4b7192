/**
 * A smoke test of the gateway benchmark's code path with tiny runs: the fake upstream, creditpool,
 * Portkey and the bare proxy start in their own processes, every run answers every call whole, creditpool's
 * books are exact after each of its runs and `creditpool verify` is clean. It never asserts on
 * timing; the machine's speed is not under test.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gatewayResultsTable, gatewayTargets, gatewayTargetTable } from "./gateway-report.ts";
import { runGatewaySuite } from "./gateway-suite.ts";

test("the gateway benchmark measures every target and keeps creditpool's books", async () => {
  const lines: string[] = [];
  const result = await runGatewaySuite({
    clients: [1, 2],
    seconds: 0.3,
    warmupSeconds: 0.1,
    log: (line) => lines.push(line),
  });
  assert.deepEqual(
    result.rows.map((row) => `${row.mode} ${row.load.clients} ${row.target}`),
    [1, 2].flatMap((clients) =>
      ["whole", "stream"].flatMap((mode) =>
        ["direct", "creditpool", "portkey", "proxy"].map(
          (target) => `${mode} ${clients} ${target}`,
        ),
      ),
    ),
  );
  for (const { target, mode, load, books } of result.rows) {
    const name = `${target} ${mode} ${load.clients}`;
    assert.equal(load.failures, 0, `${name}: ${load.firstFailure}`);
    assert.ok(load.calls > 0, `${name} measured no calls`);
    assert.ok(load.callsAnswered >= load.calls, name);
    assert.ok(Number.isFinite(load.firstByte.p50) && Number.isFinite(load.complete.p99), name);
    assert.ok(load.firstByte.p50 <= load.complete.p50, `${name}: first byte after the end`);
    if (target === "creditpool") {
      assert.ok(books?.ok, books?.detail);
      assert.match(books?.detail ?? "", /^none: /);
    } else assert.equal(books, null);
  }
  assert.ok(result.verify.ok, result.verify.detail);
  assert.match(result.verify.detail, /Clean/);
  const targets = gatewayTargets(result.rows, result.verify);
  assert.equal(targets.length, 8);
  assert.ok(
    targets.every((target) => target.pass !== null),
    "every target was judged",
  );
  assert.deepEqual(
    targets.slice(-2).map((target) => target.pass),
    [true, true],
  );
  assert.match(gatewayResultsTable(result.rows), /\| stream \| 2 \| portkey \|/);
  assert.match(gatewayTargetTable(targets), /Portkey p99 overhead at 2 clients, first byte/);
  assert.ok(lines.some((line) => line.startsWith("verify: exit 0")));
});
