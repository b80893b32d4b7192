import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Command, Outcome } from "@creditpool/core";
import { MemoryStore } from "../packages/server/src/store/memory/memory-store.ts";
import type { Store, StoreTransaction } from "../packages/server/src/store/port.ts";
import { CoreDriver } from "./core-driver.ts";
import type { DriverFactory } from "./driver.ts";
import { EngineDriver } from "./engine-driver.ts";
import {
  engineDriverFactory,
  engineMemoryDriverFactory,
  engineSqliteDriverFactory,
} from "./engine-stores.ts";
import { faultKinds } from "./faults.ts";
import { noFlips } from "./reference-model.ts";
import { shrinkFailure } from "./shrink.ts";
import {
  formatMismatch,
  type RecordedBatch,
  replayBatches,
  runSimulation,
  type SimulationOptions,
  type SimulationResult,
} from "./simulator.ts";
import { rootPoolId, startTimeFor } from "./workload.ts";

const seedFirst = 1;
const seedCount = 40;
const opsPerSeed = 500;

/** Runs seeds from `first` until one fails; the simulator must notice a wrong model quickly. */
async function firstFailure(options: Omit<SimulationOptions, "seed">, first = 1, count = 40) {
  for (let seed = first; seed < first + count; seed += 1) {
    const result = await runSimulation({ ...options, seed });
    if (!result.ok) return result;
  }
  return null;
}

function assertFails(result: SimulationResult | null): asserts result is SimulationResult & {
  ok: false;
} {
  assert.ok(result !== null && !result.ok, "the simulator reported no mismatch");
}

const agreeing = `the core agrees with the reference model (${seedCount} x ${opsPerSeed} ops)`;

describe(agreeing, () => {
  for (let seed = seedFirst; seed < seedFirst + seedCount; seed += 1) {
    test(`seed ${seed}`, async () => {
      const result = await runSimulation({ seed, ops: opsPerSeed });
      if (!result.ok) assert.fail(`seed ${seed}:\n${formatMismatch(result.mismatch)}`);
      assert.ok(result.stats.codes.has("ok"), `seed ${seed} applied no command`);
    });
  }
});

describe("the simulator can fail", () => {
  test("a model that burns dearer credits first is caught, with its seed", async () => {
    const flips = { ...noFlips, costBasisDescending: true };
    const result = await firstFailure({ ops: opsPerSeed, flips });
    assertFails(result);
    const report = formatMismatch(result.mismatch);
    assert.match(report, new RegExp(`seed ${result.seed} `));
    assert.match(report, /npm run sim -- --seed \d+ --ops \d+/);
  });

  test("a model that expires holds one millisecond late is caught", async () => {
    const flips = { ...noFlips, holdExpiresAfterTtl: true };
    assertFails(await firstFailure({ ops: opsPerSeed, flips }));
  });

  test("a driver that answers one wrong code is caught at that op", async () => {
    const wrongAt = 25;
    const lying: DriverFactory = async (setup) => {
      const driver = new CoreDriver(setup);
      let applied = 0;
      const apply = driver.apply.bind(driver);
      driver.apply = async (batch: readonly Command[], now: number): Promise<Outcome[]> => {
        const outcomes = await apply(batch, now);
        return outcomes.map((outcome) => {
          applied += 1;
          return applied === wrongAt ? { code: "hold_not_found" as const } : outcome;
        });
      };
      return driver;
    };
    const result = await runSimulation({ seed: 3, ops: opsPerSeed, driverFactory: lying });
    assertFails(result);
    assert.equal(result.mismatch.actual, "hold_not_found");
  });

  test("a failure reproduces with --ops cut right after the failing op", async () => {
    const flips = { ...noFlips, costBasisDescending: true };
    const result = await firstFailure({ ops: opsPerSeed, flips });
    assertFails(result);
    const { seed, opIndex } = result.mismatch;
    const again = await runSimulation({ seed, ops: opIndex + 1, flips });
    assertFails(again);
    assert.equal(again.mismatch.opIndex, opIndex);
    assert.equal(again.mismatch.op, result.mismatch.op);
  });

  test("the shrinker keeps a failing sequence that is shorter and still fails", async () => {
    const flips = { ...noFlips, costBasisDescending: true };
    const result = await firstFailure({ ops: opsPerSeed, flips });
    assertFails(result);
    const options = { seed: result.seed, ops: opsPerSeed, flips };
    const shrunk = await shrinkFailure(result.batches, options, { replaysMax: 400 });
    assert.ok(shrunk !== null, "the recorded batches fail on replay");
    const size = (batches: readonly RecordedBatch[]) =>
      batches.reduce((sum, batch) => sum + batch.commands.length, 0);
    assert.ok(size(shrunk.batches) < size(result.batches));
    assert.notEqual(await replayBatches(shrunk.batches, options), null);
  });
});

test("the same seed gives the same run", async () => {
  const first = await runSimulation({ seed: 42, ops: opsPerSeed });
  const second = await runSimulation({ seed: 42, ops: opsPerSeed });
  assert.deepEqual(second.stats, first.stats);
});

test("credits a hold returns at the instant its grant expires are forfeited, not paid to debt", async () => {
  const seed = 7;
  const startAt = startTimeFor(seed);
  const hour = 3_600_000;
  const batches: RecordedBatch[] = [
    {
      now: startAt,
      commands: [
        {
          type: "create_grant",
          grantId: "g1",
          poolId: rootPoolId,
          amount: 100_000_000n,
          source: "plan",
          priority: 100,
          effectiveAt: null,
          expiresAt: startAt + hour,
          costBasis: 0n,
        },
        {
          type: "create_hold",
          holdId: "h1",
          poolId: rootPoolId,
          amount: 100_000_000n,
          ttlSeconds: 3600,
        },
        { type: "record_usage", poolId: rootPoolId, amount: 50_000_000n },
      ],
    },
    { now: startAt + hour, commands: [] },
  ];
  const mismatch = await replayBatches(batches, { seed, ops: 0 });
  assert.equal(mismatch, null, mismatch === null ? "" : formatMismatch(mismatch));
});

describe("the engine over real stores agrees with the reference model", () => {
  const stores = [
    ["memory store", engineMemoryDriverFactory, 8],
    ["SQLite store", engineSqliteDriverFactory, 4],
  ] as const;
  for (const [name, driverFactory, seeds] of stores) {
    for (let seed = 101; seed < 101 + seeds; seed += 1) {
      test(`${name}, seed ${seed} x 400 ops`, async () => {
        const result = await runSimulation({ seed, ops: 400, driverFactory });
        assert.ok(result.ok, result.ok ? "" : formatMismatch(result.mismatch));
      });
    }
  }
});

describe("the engine agrees with the reference model through faults at the store", () => {
  const rate = 0.3;
  for (const storeKind of ["memory", "sqlite"] as const) {
    for (const kind of faultKinds) {
      test(`${storeKind} store, ${kind}, seed 201 x 400 ops`, async () => {
        const driverFactory = engineDriverFactory(storeKind, { kinds: [kind], rate });
        const result = await runSimulation({ seed: 201, ops: 400, driverFactory });
        assert.ok(result.ok, result.ok ? "" : formatMismatch(result.mismatch));
        assert.ok((result.stats.faults.get(kind) ?? 0) > 0, `no ${kind} fault was injected`);
      });
    }
  }

  test("the same seed meets the same faults", async () => {
    const driverFactory = engineDriverFactory("memory", { kinds: [...faultKinds], rate });
    const first = await runSimulation({ seed: 202, ops: 300, driverFactory });
    const second = await runSimulation({ seed: 202, ops: 300, driverFactory });
    assert.deepEqual(second.stats, first.stats);
  });

  describe("a store that loses stored answers applies a command twice after a crash", () => {
    const forgetful: DriverFactory = async (setup) =>
      EngineDriver.open(forgetAnswers(new MemoryStore()), setup, {
        kinds: ["crash-after"],
        rate,
      });
    const options = { ops: 400, driverFactory: forgetful, reproduceArgs: "--faults crash-after" };

    test("and is caught, with the faults in the command that reproduces it", async () => {
      const result = await runSimulation({ ...options, seed: 201 });
      assertFails(result);
      assert.match(result.mismatch.actual, /applied again after a crash/);
      assert.match(result.mismatch.reproduce, /--faults crash-after$/);
      assert.ok((result.stats.faults.get("crash-after") ?? 0) > 0);
    });

    test("the failure reproduces with --ops cut right after it, and shrinks", async () => {
      const result = await firstFailure(options, 203, 20);
      assertFails(result);
      const { seed, opIndex } = result.mismatch;
      const again = await runSimulation({ ...options, seed, ops: opIndex + 1 });
      assertFails(again);
      assert.equal(again.mismatch.opIndex, opIndex);
      const shrunk = await shrinkFailure(result.batches, { ...options, seed }, { replaysMax: 200 });
      assert.ok(shrunk !== null, "the recorded batches fail on replay");
    });
  });
});

describe("the engine on PostgreSQL agrees with the reference model, through every fault", () => {
  // A fresh database per run on the server the tests use; skipped where there is none.
  const url = process.env.TEST_DATABASE_URL;
  const options = { skip: url === undefined ? "no TEST_DATABASE_URL" : false };
  test("seed 301 x 300 ops, every fault kind", options, async () => {
    const faults = { kinds: [...faultKinds], rate: 0.3 };
    const driverFactory = engineDriverFactory("postgres", faults, url ?? null);
    const result = await runSimulation({ seed: 301, ops: 300, driverFactory });
    assert.ok(result.ok, result.ok ? "" : formatMismatch(result.mismatch));
    assert.ok(
      [...result.stats.faults.values()].some((count) => count > 0),
      "no fault injected",
    );
  });
});

/** A store that neither keeps nor finds answers, as if idempotency keys were lost. */
function forgetAnswers(store: Store): Store {
  const transaction = store.transaction.bind(store);
  store.transaction = <T>(work: (tx: StoreTransaction) => Promise<T>) =>
    transaction((tx) => {
      const forgetting: StoreTransaction = Object.create(tx);
      forgetting.findAnswers = async () => new Map();
      forgetting.write = (batch) => tx.write({ ...batch, answers: [] });
      return work(forgetting);
    });
  return store;
}

describe("a long run keeps only what is live, and still proves all of it", () => {
  /** The core driver, counting what the simulator retires and able to break one settled grant. */
  type Breakage = "none" | "grant remaining" | "hold status";

  /**
   * The core driver, counting what the simulator retires, and able to break a settled object no
   * command names: a grant's remaining, or how a hold ended (captured shown as released).
   */
  function countingDriver(counts: { holds: number; grants: number }, breakage: Breakage = "none") {
    const factory: DriverFactory = async (setup) => {
      const driver = new CoreDriver(setup);
      const archive = driver as unknown as {
        archivedGrants: Map<string, { remaining: bigint }>;
        archivedHolds: Map<string, { status: string }>;
      };
      const retire = driver.retire.bind(driver);
      driver.retire = async (holdIds, grantIds) => {
        counts.holds += holdIds.length;
        counts.grants += grantIds.length;
        if (breakage === "grant remaining" && counts.grants > 0) {
          const victim = archive.archivedGrants.values().next().value;
          if (victim !== undefined) victim.remaining += 1n;
        }
        if (breakage === "hold status") {
          const victim = holdIds
            .map((id) => archive.archivedHolds.get(id))
            .find((hold) => hold?.status === "captured");
          if (victim !== undefined) victim.status = "released";
        }
        return retire(holdIds, grantIds);
      };
      return driver;
    };
    return factory;
  }

  // The model keeps the last 50 objects made rather than 2,000, so a short run retires many.
  const recentKept = 50;

  test("seed 2 x 10,000 ops: settled holds and grants are retired, and the run is clean", async () => {
    const counts = { holds: 0, grants: 0 };
    const result = await runSimulation({
      seed: 2,
      ops: 10_000,
      recentKept,
      driverFactory: countingDriver(counts),
    });
    assert.ok(result.ok, result.ok ? "" : formatMismatch(result.mismatch));
    assert.ok(counts.holds > 0 && counts.grants > 0, JSON.stringify(counts));
  });

  test("a settled grant changed behind the model's back is caught", async () => {
    const counts = { holds: 0, grants: 0 };
    const result = await runSimulation({
      seed: 1,
      ops: 60_000,
      driverFactory: countingDriver(counts, "grant remaining"),
    });
    assertFails(result);
    assert.match(
      `${result.mismatch.op} ${result.mismatch.actual}`,
      /balances after the batch: grant|verifyLedger/,
    );
  });

  test("a retired hold that ended otherwise in the ledger is caught as it is retired", async () => {
    const counts = { holds: 0, grants: 0 };
    const result = await runSimulation({
      seed: 2,
      ops: 10_000,
      recentKept,
      driverFactory: countingDriver(counts, "hold status"),
    });
    assertFails(result);
    assert.match(result.mismatch.op, /^final status of hold /);
    assert.equal(result.mismatch.expected, "captured");
    assert.equal(result.mismatch.actual, "released");
  });
});
