/**
 * The engine on a worker thread, against a real SQLite file and (with TEST_DATABASE_URL) a real
 * PostgreSQL server: what the serving thread submits is applied there exactly once, a view read
 * here sees it, many concurrent holds never overspend, and a close answers everything first.
 */
import assert from "node:assert/strict";
import { randomFillSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { credits, poolBalances } from "@creditpool/core";
import { resultId } from "../src/engine/results.ts";
import { ThreadEngine } from "../src/engine/thread-engine.ts";
import { ulidIdSource } from "../src/ids.ts";
import { SharedMutex } from "../src/store/mutex.ts";
import { openStore, sharedWriteLock } from "../src/store/open-store.ts";
import { scratchDatabase } from "../src/store/postgres/scratch-database.ts";
import { grantRequest, holdRequest } from "./support/ledger.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-thread-"));
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(directory, { recursive: true, force: true });
});

const locations: { name: string; location: () => Promise<string> }[] = [
  { name: "sqlite", location: async () => join(directory, `ledger-${cleanups.length}.db`) },
];
const adminUrl = testDatabaseUrl();
if (adminUrl !== undefined) {
  locations.push({
    name: "postgres",
    async location() {
      const name = `creditpool_thread_${process.pid}_${cleanups.length}`;
      const scratch = await scratchDatabase(adminUrl, name);
      cleanups.push(() => scratch.drop());
      return scratch.url;
    },
  });
}

async function threadEngine(location: string) {
  const store = await openStore(location);
  const batches: number[] = [];
  const engine = await ThreadEngine.start({
    location,
    store,
    clock: Date.now,
    ids: ulidIdSource(Date.now, (bytes) => randomFillSync(bytes)),
    onBatch: (stats) => batches.push(stats.commands),
  });
  cleanups.unshift(async () => {
    await engine.close();
    await store.close();
  });
  return { engine, store, batches };
}

for (const { name, location } of locations) {
  describe(`the engine on a worker thread (${name})`, () => {
    it("applies submits once, replays a key, and a view here sees what it wrote", async () => {
      const { engine, batches } = await threadEngine(await location());
      const { id, rootPoolId } = await engine.createOrganization("Threaded");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const first = await engine.submit(id, holdRequest(rootPoolId, "4"), { idempotencyKey: "k" });
      const again = await engine.submit(id, holdRequest(rootPoolId, "4"), { idempotencyKey: "k" });
      assert.equal(first.code, "ok");
      assert.equal(again.replayed, true);
      assert.equal(resultId(again.result), resultId(first.result));
      const view = await engine.readView(id);
      const root = view?.pools.get(rootPoolId);
      assert.ok(view !== null && root !== undefined);
      assert.equal(poolBalances(view, root).held, credits(4));
      assert.ok(batches.length >= 2, "batch stats come back to the serving thread");
    });

    it("admits exactly what the pool holds under 200 concurrent holds", async () => {
      const { engine } = await threadEngine(await location());
      const { id, rootPoolId } = await engine.createOrganization("Raced");
      await engine.submit(id, grantRequest(rootPoolId, "50"));
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => engine.submit(id, holdRequest(rootPoolId, "1"))),
      );
      const allowed = answers.filter((answer) => answer.code === "ok").length;
      assert.equal(allowed, 50);
      assert.ok(answers.every((a) => a.code === "ok" || a.code === "insufficient_credits"));
      const view = await engine.readView(id);
      const root = view?.pools.get(rootPoolId);
      assert.ok(view !== null && root !== undefined);
      assert.equal(poolBalances(view, root).held, credits(50));
    });

    it("answers everything queued before it closes, and refuses what comes after", async () => {
      const { engine } = await threadEngine(await location());
      const { id, rootPoolId } = await engine.createOrganization("Closing");
      await engine.submit(id, grantRequest(rootPoolId, "100"));
      const queued = Array.from({ length: 20 }, () =>
        engine.submit(id, holdRequest(rootPoolId, "1")),
      );
      const closing = engine.close();
      const during = assert.rejects(engine.submit(id, holdRequest(rootPoolId, "1")), /closed/);
      await closing;
      assert.deepEqual(
        (await Promise.all(queued)).map((answer) => answer.code),
        Array(20).fill("ok"),
      );
      await during;
      await assert.rejects(engine.submit(id, holdRequest(rootPoolId, "1")), /closed/);
    });

    it("fails the calls of a turn that cannot reach the thread, and serves the next", async () => {
      const { engine } = await threadEngine(await location());
      const { id, rootPoolId } = await engine.createOrganization("Uncloneable");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const unsendable = { ...holdRequest(rootPoolId, "1"), callback: () => {} };
      await assert.rejects(engine.submit(id, unsendable), /could not be cloned/);
      assert.equal((await engine.submit(id, holdRequest(rootPoolId, "1"))).code, "ok");
    });

    it("lets this thread create organizations while the engine thread writes a flood", async () => {
      const { engine } = await threadEngine(await location());
      const { id, rootPoolId } = await engine.createOrganization("Flooded");
      await engine.submit(id, grantRequest(rootPoolId, "1000"));
      const [holds, organizations] = await Promise.all([
        Promise.all(
          Array.from({ length: 600 }, () => engine.submit(id, holdRequest(rootPoolId, "1"))),
        ),
        Promise.all(Array.from({ length: 20 }, (_, n) => engine.createOrganization(`Side ${n}`))),
      ]);
      assert.equal(holds.filter((answer) => answer.code === "ok").length, 600);
      assert.equal(new Set(organizations.map((organization) => organization.id)).size, 20);
    });

    if (name === "sqlite") {
      it("shares the file's write lock with this thread: no batch commits while it is held here", async () => {
        const file = await location();
        const { engine } = await threadEngine(file);
        const { id, rootPoolId } = await engine.createOrganization("Locked");
        await engine.submit(id, grantRequest(rootPoolId, "10"));
        const lock = new SharedMutex(sharedWriteLock(file) ?? new SharedArrayBuffer(8));
        let answered = false;
        let pending: Promise<unknown> = Promise.resolve();
        await lock.run(async () => {
          pending = engine.submit(id, holdRequest(rootPoolId, "1")).then(() => {
            answered = true;
          });
          await new Promise((resolve) => setTimeout(resolve, 200));
          assert.equal(answered, false, "the engine thread waited for the lock held here");
        });
        await pending;
        assert.equal(answered, true);
      });
    }
  });
}

describe("starting the engine thread", () => {
  it("fails to start, clearly, when its thread cannot open the database", async () => {
    const store = await openStore(join(directory, "here.db"));
    try {
      const start = ThreadEngine.start({
        location: join(directory, "here.db", "not-a-directory", "ledger.db"),
        store,
        clock: Date.now,
        ids: ulidIdSource(Date.now, (bytes) => randomFillSync(bytes)),
      });
      await assert.rejects(start, /ENOTDIR|not a directory/);
    } finally {
      await store.close();
    }
  });
});
