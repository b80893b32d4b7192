/**
 * The engine's own promises, on the memory store: group commit, one answer per command, failures
 * confined to the command that caused them, time that never runs backwards, expiries written by
 * the sweep without any command.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { credits, type LedgerState } from "@creditpool/core";
import { type BatchStats, Engine } from "../src/engine/engine.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { MemoryStore } from "../src/store/memory/memory-store.ts";
import type { OrganizationRow, StoreTransaction } from "../src/store/port.ts";
import { grantRequest, holdRequest, idOf, TestClock, testEngine } from "./support/ledger.ts";

describe("engine", () => {
  it("applies commands submitted together in one batch, one transaction", async () => {
    const store = new MemoryStore();
    const clock = new TestClock();
    const batches: BatchStats[] = [];
    const engine = new Engine({
      store,
      clock: clock.read,
      ids: ulidIdSource(clock.read, seededRandomFill(7)),
      onBatch: (stats) => batches.push(stats),
    });
    const { id, rootPoolId } = await engine.createOrganization("Batch");
    await engine.submit(id, grantRequest(rootPoolId, "1000"));
    batches.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => engine.submit(id, holdRequest(rootPoolId, "1"))),
    );
    assert.ok(answers.every((answer) => answer.code === "ok"));
    assert.deepEqual(
      batches.map((b) => [b.commands, b.transfers]),
      [[100, 100]],
    );
  });

  it("answers a refused request with the field at fault and writes nothing", async () => {
    const store = new MemoryStore();
    const { engine } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Invalid");
    const cases = [
      [{ ...holdRequest(rootPoolId, "1"), ttlSeconds: 86_401 }, "ttl_seconds"],
      [{ ...holdRequest(rootPoolId, "1"), amount: 0n }, "amount"],
      [{ ...grantRequest(rootPoolId, "5"), priority: 1001 }, "priority"],
      [
        {
          ...grantRequest(rootPoolId, "5"),
          effectiveAt: Date.UTC(2027, 0, 2),
          expiresAt: Date.UTC(2027, 0, 1),
        },
        "expires_at",
      ],
    ] as const;
    for (const [request, param] of cases) {
      const answer = await engine.submit(id, request);
      assert.equal(answer.code, "invalid_request");
      assert.equal(answer.param, param);
    }
    const longKey = await engine.submit(id, holdRequest(rootPoolId, "1"), {
      idempotencyKey: "k".repeat(300),
    });
    assert.equal(longKey.param, "Idempotency-Key");
    assert.deepEqual(await store.listTransfers(id, { afterSequence: 0, limit: 10 }), []);
    assert.equal((await store.readOrganization(id))?.version, 1);
  });

  it("answers organization_not_found for an unknown organization", async () => {
    const { engine } = testEngine(new MemoryStore());
    const answer = await engine.submit("org_missing", holdRequest("pool_x", "1"));
    assert.equal(answer.code, "organization_not_found");
  });

  it("gives the same key in one batch one effect and the same answer", async () => {
    const store = new MemoryStore();
    const { engine } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Same key");
    await engine.submit(id, grantRequest(rootPoolId, "10"));
    const [a, b] = await Promise.all([
      engine.submit(id, holdRequest(rootPoolId, "3"), { idempotencyKey: "once" }),
      engine.submit(id, holdRequest(rootPoolId, "3"), { idempotencyKey: "once" }),
    ]);
    assert.deepEqual(b, { ...a, replayed: true });
    assert.equal((await store.readState(id))?.holds.size, 1);
  });

  it("fails only the command that breaks an invariant; the rest of its batch commits", async () => {
    const store = new CorruptingStore();
    const { engine } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Faults");
    await engine.submit(id, grantRequest(rootPoolId, "10"));
    const hold = await engine.submit(id, holdRequest(rootPoolId, "4"));
    store.dropGrantsOnLoad = true;
    const fresh = testEngine(store).engine;
    const [capture, usage] = await Promise.all([
      fresh.submit(id, { type: "capture_hold", holdId: idOf(hold), amount: credits(1) }),
      fresh.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(2) }),
    ]);
    assert.equal(capture.code, "internal_error");
    assert.equal(usage.code, "ok");
    const kinds = (await store.listTransfers(id, { afterSequence: 0, limit: 10 })).map(
      (t) => t.kind,
    );
    assert.deepEqual(kinds, ["grant", "hold", "usage"]);
  });

  it("never moves an organization's time backwards, whatever the clock says", async () => {
    const store = new MemoryStore();
    const { engine, clock } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Time");
    await engine.submit(id, grantRequest(rootPoolId, "10"));
    clock.advance(-60_000);
    await engine.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(1) });
    const times = (await store.listTransfers(id, { afterSequence: 0, limit: 10 })).map((t) => t.at);
    assert.equal(times[1], times[0]);
  });

  it("activates a scheduled grant at its effective time through the sweep, paying debt first", async () => {
    const store = new MemoryStore();
    const { engine, clock } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Activation");
    await engine.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(3) });
    const effectiveAt = clock.nowMs + 3_600_000;
    await engine.submit(id, grantRequest(rootPoolId, "10", { effectiveAt }));
    clock.advance(3_600_000);
    assert.equal(await engine.sweepDue(), 1);
    const transfers = await store.listTransfers(id, { afterSequence: 0, limit: 10 });
    assert.deepEqual(
      transfers.map((t) => [t.kind, t.amount, t.at]),
      [
        ["debt", credits(3), effectiveAt - 3_600_000],
        ["grant", credits(10), effectiveAt - 3_600_000],
        ["debt_payment", credits(3), effectiveAt],
      ],
    );
    const state = await engine.readState(id);
    assert.equal(state?.pools.get(rootPoolId)?.debt, 0n);
  });

  it("shows reads as of now, before the sweep has written an expiry", async () => {
    const store = new MemoryStore();
    const { engine, clock } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Views");
    await engine.submit(id, grantRequest(rootPoolId, "10", { expiresAt: clock.nowMs + 1000 }));
    await engine.submit(id, holdRequest(rootPoolId, "2", 1));
    clock.advance(1000);
    const state = await engine.readState(id);
    assert.equal(state?.pools.get(rootPoolId)?.held, 0n);
    assert.equal([...(state?.grants.values() ?? [])][0]?.remaining, 0n);
    assert.equal((await store.listTransfers(id, { afterSequence: 0, limit: 10 })).length, 2);
  });
});

/** A memory store that can lose grants on load, so a capture finds its reservation's grant gone. */
class CorruptingStore extends MemoryStore {
  dropGrantsOnLoad = false;

  override transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) => {
      const loadState = async (organization: OrganizationRow): Promise<LedgerState> => {
        const state = await tx.loadState(organization);
        if (this.dropGrantsOnLoad) state.grants.clear();
        return state;
      };
      return work({ ...bindAll(tx), loadState });
    });
  }
}

function bindAll(tx: StoreTransaction): StoreTransaction {
  return {
    lockOrganizations: (ids) => tx.lockOrganizations(ids),
    loadState: (row) => tx.loadState(row),
    loadHolds: (organizationId, ids) => tx.loadHolds(organizationId, ids),
    loadGrants: (organizationId, ids) => tx.loadGrants(organizationId, ids),
    findAnswers: (organizationId, keys) => tx.findAnswers(organizationId, keys),
    loadTallies: (organizationId, keys) => tx.loadTallies(organizationId, keys),
    createOrganization: (row, root) => tx.createOrganization(row, root),
    write: (batch) => tx.write(batch),
  };
}
