import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BillingDriver, type BillingSetup, billingFaultKinds } from "./billing-driver.ts";
import {
  type BillingResult,
  type BillingSimulationOptions,
  runBillingSimulation,
} from "./billing-simulator.ts";
import type { EngineStoreKind } from "./engine-stores.ts";
import { formatMismatch } from "./simulator.ts";

function opener(kind: EngineStoreKind, faulted = false, url: string | null = null) {
  const faults = faulted ? { kinds: [...billingFaultKinds], rate: 0.3 } : null;
  return (setup: BillingSetup) => BillingDriver.open(kind, setup, faults, url);
}

function assertAgrees(result: BillingResult): void {
  assert.ok(result.ok, result.ok ? "" : formatMismatch(result.mismatch));
  assert.ok((result.stats.steps.get("seats") ?? 0) > 0, "no seat change was made");
}

async function firstFailure(options: Omit<BillingSimulationOptions, "seed">, count = 10) {
  for (let seed = 1; seed <= count; seed += 1) {
    const result = await runBillingSimulation({ ...options, seed });
    if (!result.ok) return result;
  }
  return null;
}

describe("billing: the services agree with the billing reference", () => {
  const runs = [
    ["memory", 8, 400],
    ["sqlite", 3, 300],
  ] as const;
  for (const [kind, seeds, ops] of runs) {
    for (let seed = 1; seed <= seeds; seed += 1) {
      test(`${kind} store, seed ${seed} x ${ops} ops`, async () => {
        assertAgrees(await runBillingSimulation({ seed, ops, open: opener(kind) }));
      });
    }
  }

  const url = process.env.TEST_DATABASE_URL;
  const skip = { skip: url === undefined ? "no TEST_DATABASE_URL" : false };
  test("PostgreSQL, seed 1 x 200 ops", skip, async () => {
    const open = opener("postgres", false, url ?? null);
    assertAgrees(await runBillingSimulation({ seed: 1, ops: 200, open }));
  });
});

describe("billing: a crash between a decision and its effect still bills and grants once", () => {
  // Seeds 2 and 14 once caught two bugs: a `start` retried after a crash answered its stored
  // replay without applying the opening grant, and the renewal job left a renewal's grant pending
  // once the subscription was no longer due.
  const seeds = [1, 2, 3, 5, 7, 11, 14, 27];
  for (const seed of seeds) {
    test(`memory store, seed ${seed} x 400 ops, ${billingFaultKinds.join(", ")}`, async () => {
      const result = await runBillingSimulation({ seed, ops: 400, open: opener("memory", true) });
      assertAgrees(result);
      const faults = [...result.stats.faults.values()].reduce((sum, count) => sum + count, 0);
      assert.ok(faults > 0, "no fault was injected");
    });
  }

  test("SQLite store, seed 4 x 300 ops, every billing fault", async () => {
    assertAgrees(await runBillingSimulation({ seed: 4, ops: 300, open: opener("sqlite", true) }));
  });
});

describe("billing: the comparison can fail", () => {
  test("a reference billing seats added a minor unit more is caught, with its seed", async () => {
    const result = await firstFailure({ ops: 400, open: opener("memory"), wrongReference: true });
    assert.ok(result !== null && !result.ok, "no mismatch was reported");
    assert.match(result.mismatch.op, /^the invoice of period /);
    assert.match(result.mismatch.reproduce, /npm run sim -- --mode billing --seed \d+ --ops \d+/);
    const again = await runBillingSimulation({
      seed: result.seed,
      ops: result.mismatch.opIndex + 1,
      open: opener("memory"),
      wrongReference: true,
    });
    assert.ok(!again.ok, "the printed command does not reproduce it");
    assert.equal(again.mismatch.opIndex, result.mismatch.opIndex);
  });

  test("a finalized invoice that changes afterwards is caught", async () => {
    const open = async (setup: BillingSetup) => {
      const driver = await opener("memory")(setup);
      const invoices = driver.invoices.bind(driver);
      let reads = 0;
      driver.invoices = async () => {
        reads += 1;
        const rows = await invoices();
        // Once a finalized invoice has been seen, it shows one minor unit more.
        return rows.map((row) =>
          row.status === "finalized" && reads % 7 === 0 ? { ...row, total: row.total + 1n } : row,
        );
      };
      return driver;
    };
    const result = await firstFailure({ ops: 400, open }, 3);
    assert.ok(result !== null && !result.ok, "no mismatch was reported");
    // The reference sees the total differ, or the finalized invoice seen before change.
    assert.match(result.mismatch.op, /^(finalized invoice|the invoice of period) /);
  });
});
