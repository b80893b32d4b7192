/**
 * No hold beyond a hard limit or the credits granted, under real concurrency: many callers, two
 * engines (two nodes) on one database, against SQLite and, when TEST_DATABASE_URL is set, a real
 * PostgreSQL server. The number and sum of allowed holds is exactly what the limits allow.
 */
import assert from "node:assert/strict";
import { randomFillSync } from "node:crypto";
import { after, describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { credits, verifyLedger } from "@creditpool/core";
import { Engine } from "../src/engine/engine.ts";
import { ulidIdSource } from "../src/ids.ts";
import type { Store } from "../src/store/port.ts";
import type { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import { grantRequest, idOf, poolRequest } from "./support/ledger.ts";
import { raceHolds } from "./support/race.ts";
import { postgresKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

function wallClockEngine(store: Store): Engine {
  return new Engine({
    store,
    clock: Date.now,
    ids: ulidIdSource(Date.now, (b) => randomFillSync(b)),
  });
}

async function organizationWithTeam(engine: Engine, grant: string, teamLimit: string | undefined) {
  const { id, rootPoolId } = await engine.createOrganization("Race");
  await engine.submit(id, grantRequest(rootPoolId, grant));
  const team = await engine.submit(id, poolRequest(rootPoolId, "team", teamLimit));
  return { organizationId: id, teamId: idOf(team) };
}

async function assertExactly(
  store: Store,
  organizationId: string,
  teamId: string,
  expected: number,
) {
  const state = await store.readState(organizationId);
  assert.equal(state?.pools.get(teamId)?.held, credits(expected));
  assert.equal(state?.holds.size, expected);
  assert.deepEqual(verifyLedger(await store.readSnapshot(organizationId)).violations, []);
}

describe("concurrency: sqlite", () => {
  const kind = sqliteKind();
  after(() => kind.cleanup());

  it("256 callers on one engine: allowed holds sum exactly to the hard limit", async () => {
    const store = await kind.open();
    const engine = wallClockEngine(store);
    const { organizationId, teamId } = await organizationWithTeam(engine, "100000", "300");
    const result = await raceHolds([engine], organizationId, teamId, 256, 2);
    assert.equal(result.allowed, 300);
    assert.equal(result.refused.get("pool_limit_exceeded"), 512 - 300);
    await assertExactly(store, organizationId, teamId, 300);
    await store.close();
  });

  it("two nodes in two threads on one file: allowed holds sum exactly to the credits", async () => {
    const store = await kind.open();
    const engine = wallClockEngine(store);
    const { organizationId, teamId } = await organizationWithTeam(engine, "250", undefined);
    const file = (store as SqliteStore).file;
    const worker = new Worker(new URL("./support/typescript-worker.mjs", import.meta.url), {
      workerData: {
        module: new URL("./support/sqlite-node-worker.ts", import.meta.url).href,
        job: { file, organizationId, poolId: teamId, callers: 64, attempts: 3 },
      },
    });
    const fromWorker = new Promise<{ allowed: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    const here = await raceHolds([engine], organizationId, teamId, 64, 3);
    const there = await fromWorker;
    assert.equal(here.allowed + there.allowed, 250);
    assert.ok(here.allowed > 0 && there.allowed > 0, "both nodes won some holds");
    await assertExactly(store, organizationId, teamId, 250);
    await store.close();
  });
});

const url = testDatabaseUrl();
describe("concurrency: postgres", {
  skip: url === undefined ? "TEST_DATABASE_URL is not set" : false,
}, () => {
  const kind = postgresKind(url ?? "");
  after(() => kind.cleanup());

  it("96 callers over two engines: allowed holds sum exactly to the hard limit", async () => {
    const first = await kind.open();
    const second = await kind.openSibling?.();
    assert.ok(second !== undefined);
    const engines = [wallClockEngine(first), wallClockEngine(second)];
    const [a] = engines;
    assert.ok(a !== undefined);
    const { organizationId, teamId } = await organizationWithTeam(a, "100000", "500");
    const result = await raceHolds(engines, organizationId, teamId, 96, 8);
    assert.equal(result.allowed, 500);
    assert.equal(result.refused.get("pool_limit_exceeded"), 96 * 8 - 500);
    await assertExactly(first, organizationId, teamId, 500);
    await Promise.all([first.close(), second.close()]);
  });

  it("128 callers over two engines: allowed holds sum exactly to the credits granted", async () => {
    const first = await kind.open();
    const second = await kind.openSibling?.();
    assert.ok(second !== undefined);
    const engines = [wallClockEngine(first), wallClockEngine(second)];
    const [a] = engines;
    assert.ok(a !== undefined);
    const { organizationId, teamId } = await organizationWithTeam(a, "333", undefined);
    const result = await raceHolds(engines, organizationId, teamId, 128, 4);
    assert.equal(result.allowed, 333);
    assert.equal(result.refused.get("insufficient_credits"), 128 * 4 - 333);
    await assertExactly(first, organizationId, teamId, 333);
    await Promise.all([first.close(), second.close()]);
  });
});
