/**
 * A seeded fuzz of every operation of the API, on SQLite and on PostgreSQL, without sockets.
 * Requests carry NUL and other control characters, lone surrogates, text past every length,
 * amounts at and past every bound, running totals driven past 2^63, prices whose product passes
 * 64 bits, dates at years 0001 and 9999, wrong types, unknown fields, huge arrays, bodies that
 * are not JSON, and keys of every role, bound or not, of this organization or another. Whatever
 * is sent: no answer is a 5xx, every error has the envelope, a refused request writes nothing,
 * and afterwards the ledger verifies and a normal hold and capture still go through.
 *
 * The named edges run first, on a fresh world, with the ones that drive running totals to their
 * limit last; then each operation's seeded property; then the edge that lengthens the journal
 * most. FUZZ_SEED (default 20261102) and FUZZ_RUNS (requests per operation, default 24) replay or
 * widen a run. The world is shared by the tests of a store in order, so a failure reproduces by
 * running the whole file with the seed it prints.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { apiHarness, type StoreName } from "./support/api.ts";
import { holdStillWorks, ledgerViolations, nextPeriod } from "./support/fuzz-afterwards.ts";
import { edges } from "./support/fuzz-edges.ts";
import { exchange } from "./support/fuzz-exchange.ts";
import { requestsByOperation } from "./support/fuzz-operations.ts";
import { type FuzzWorld, fuzzWorld } from "./support/fuzz-world.ts";
import { testDatabaseUrl } from "./support/stores.ts";

/** A whole number from the environment, or the default; anything else stops the suite. */
function setting(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined || given === "") return fallback;
  const parsed = Number(given);
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number`);
  return parsed;
}

const seed = setting("FUZZ_SEED", 20261102);
const runs = setting("FUZZ_RUNS", 24);
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`;
const operations = Object.entries(requestsByOperation).sort(([a], [b]) => (a < b ? -1 : 1));

const stores: { name: StoreName; skip: string | false }[] = [
  { name: "sqlite", skip: false },
  {
    name: "postgres",
    skip:
      testDatabaseUrl() === undefined
        ? "TEST_DATABASE_URL is not set: no PostgreSQL server to fuzz"
        : false,
  },
];

describe("the fuzz covers the whole API", () => {
  it("every operation of /openapi.json has a request generator, and no other", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    assert.deepEqual(
      operations.map(([operation]) => operation),
      await api.operations(),
    );
  });
});

/** Runs every check even after one fails, so a failure lists all of them. */
async function checkAll<T>(items: readonly T[], check: (item: T) => Promise<unknown>) {
  const failures: string[] = [];
  for (const item of items) {
    await check(item).catch((error: unknown) => {
      failures.push(error instanceof Error ? error.message : String(error));
    });
  }
  if (failures.length > 0) {
    assert.fail(`${failures.length} failed (${replay}):\n\n${failures.join("\n\n")}`);
  }
}

for (const store of stores) {
  describe(`fuzzing every operation on ${store.name}`, { skip: store.skip }, () => {
    let world: FuzzWorld;
    before(async () => {
      world = await fuzzWorld(store.name, seed);
    });
    after(async () => {
      if (world !== undefined) await world.api.close();
    });

    const edgeTests = (last: boolean) => {
      for (const edge of edges.filter((each) => (each.last === true) === last)) {
        it(`edge: ${edge.what}`, () =>
          checkAll(edge.requests(world), (request) => exchange(world, request)));
      }
    };

    edgeTests(false);

    operations.forEach(([operation, requests], index) => {
      it(`${operation}: ${runs} hostile requests, none a 5xx or a write on refusal`, async () => {
        const property = fc.asyncProperty(requests, async (request) => {
          await exchange(world, request);
        });
        // No shrinking: each run changes the shared world, so a shrunk request would be replayed
        // against another world than the one it failed in. The failure shows the request as sent.
        try {
          await fc.assert(property, {
            seed: seed + index,
            numRuns: runs,
            endOnFailure: true,
            includeErrorInReport: true,
          });
        } catch (error) {
          if (error instanceof Error) {
            error.message = `${replay} (${store.name})\n${error.message}`;
          }
          throw error;
        }
      });
    });

    edgeTests(true);

    it("afterwards every organization's ledger verifies from its journal", async () => {
      assert.deepEqual(await ledgerViolations(world), {});
    });

    it("afterwards a hold and its capture go through on every fixture pool", async () => {
      await nextPeriod(world);
      await checkAll(Object.values(world.pools), (pool) => holdStillWorks(world, pool));
      assert.deepEqual(await ledgerViolations(world), {});
    });
  });
}
