/**
 * The contract every store keeps, run against each adapter through the engine: what is committed
 * is what is read back, rollbacks leave nothing, settled objects are found again, idempotent
 * answers survive, the journal always verifies, and the audit trail chains (`audit-contract.ts`).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, noDueTime, verifyLedger } from "@creditpool/core";
import type { Store } from "../src/store/port.ts";
import { auditContract } from "./support/audit-contract.ts";
import {
  grantRequest,
  holdRequest,
  idOf,
  poolRequest,
  TestClock,
  testEngine,
} from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

async function assertVerified(store: Store, organizationId: string): Promise<void> {
  const report = verifyLedger(await store.readSnapshot(organizationId));
  assert.deepEqual(report.violations, []);
}

for (const kind of contractKinds()) {
  describe(`store contract: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("creates an organization with its root pool, read back as committed", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const organization = await engine.createOrganization("Acme");
      const row = await store.readOrganization(organization.id);
      assert.equal(row?.rootPoolId, organization.rootPoolId);
      assert.equal(row?.nextSequence, 1);
      assert.equal(row?.nextDueAt, noDueTime);
      const state = await store.readState(organization.id);
      assert.equal(state?.pools.get(organization.rootPoolId)?.depth, 1);
      assert.deepEqual(await store.listOrganizationIds(), [organization.id]);
      await store.close();
    });

    it("round-trips amounts beyond 2^53 micro-credits exactly", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Big");
      const amount = 10n ** 18n - 1n;
      const granted = await engine.submit(id, grantRequest(rootPoolId, amount));
      assert.equal(granted.code, "ok");
      const state = await store.readState(id);
      assert.equal(state?.grants.get(idOf(granted))?.remaining, amount);
      await assertVerified(store, id);
      await store.close();
    });

    it("rolls back a transaction that throws, leaving nothing", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const organization = await engine.createOrganization("Rollback");
      await assert.rejects(
        store.transaction(async (tx) => {
          const row = (await tx.lockOrganizations([organization.id])).get(organization.id);
          assert.ok(row !== undefined);
          await tx.write({
            organization: { ...row, version: row.version + 1, nextSequence: 99 },
            pools: [],
            grants: [],
            holds: [],
            transfers: [],
            answers: [{ key: "k", fingerprint: "f", answer: "{}", createdAt: row.lastNow }],
            tallies: [],
            decisions: [],
          });
          throw new Error("abandon");
        }),
        /abandon/,
      );
      const row = await store.readOrganization(organization.id);
      assert.equal(row?.nextSequence, 1);
      assert.equal(row?.version, organization.version);
      await store.close();
    });

    it("keeps holds, grants and transfers of a full lifecycle and verifies clean", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Lifecycle");
      const team = await engine.submit(id, poolRequest(rootPoolId, "team", "50"));
      const teamId = idOf(team);
      await engine.submit(id, grantRequest(rootPoolId, "100"));
      const first = await engine.submit(id, holdRequest(teamId, "30"));
      const second = await engine.submit(id, holdRequest(teamId, "30"));
      assert.equal(first.code, "ok");
      assert.equal(second.code, "pool_limit_exceeded");
      assert.ok(second.result.kind === "refused" && second.result.decisionId !== null);
      assert.equal(second.result.poolId, teamId);
      const decision = await store.readDecision(id, second.result.decisionId);
      assert.equal(decision?.code, "pool_limit_exceeded");
      assert.equal(decision?.poolId, teamId);
      assert.equal(decision?.amount, credits(30));
      const evidence = JSON.parse(decision?.evidence ?? "{}");
      assert.deepEqual(evidence.path[0].limit, { amount: "50", kind: "hard", period: "month" });
      assert.equal(evidence.path[0].held, "30");
      const captured = await engine.submit(id, {
        type: "capture_hold",
        holdId: idOf(first),
        amount: credits(12),
      });
      assert.equal(
        captured.result.kind === "hold" ? captured.result.hold.captured : null,
        credits(12),
      );
      const state = await store.readState(id);
      assert.equal(state?.pools.get(teamId)?.held, 0n);
      assert.equal(state?.pools.get(teamId)?.consumed.month.amount, credits(12));
      const transfers = await store.listTransfers(id, { afterSequence: 0, limit: 100 });
      assert.deepEqual(
        transfers.map((t) => t.kind),
        ["grant", "hold", "capture", "release"],
      );
      await assertVerified(store, id);
      await store.close();
    });

    it("finds a settled hold again after a restart and answers hold_not_held", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Settled");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const hold = await engine.submit(id, holdRequest(rootPoolId, "4"));
      await engine.submit(id, { type: "release_hold", holdId: idOf(hold) });
      const restarted = testEngine(store).engine;
      const again = await restarted.submit(id, { type: "release_hold", holdId: idOf(hold) });
      assert.equal(again.code, "hold_not_held");
      const missing = await restarted.submit(id, { type: "release_hold", holdId: "hold_missing" });
      assert.equal(missing.code, "hold_not_found");
      await store.close();
    });

    it("on the same node, finds a settled hold: hold_not_held, and a late capture is usage", async () => {
      const store = await kind.open();
      const { engine, clock } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Same node");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const released = await engine.submit(id, holdRequest(rootPoolId, "4"));
      await engine.submit(id, { type: "release_hold", holdId: idOf(released) });
      const again = await engine.submit(id, { type: "release_hold", holdId: idOf(released) });
      assert.equal(again.code, "hold_not_held");
      const expiring = await engine.submit(id, holdRequest(rootPoolId, "3", 1));
      clock.advance(2_000);
      await engine.sweepDue();
      const late = await engine.submit(id, {
        type: "capture_hold",
        holdId: idOf(expiring),
        amount: credits(2),
      });
      assert.equal(late.code, "hold_expired");
      const state = await store.readState(id);
      assert.equal(state?.pools.get(rootPoolId)?.consumed.month.amount, credits(2));
      await assertVerified(store, id);
      await store.close();
    });

    it("stores the first answer with its key and replays it, on the same node and after a restart", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Idempotent");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const first = await engine.submit(id, holdRequest(rootPoolId, "4"), {
        idempotencyKey: "order-1",
      });
      const again = await engine.submit(id, holdRequest(rootPoolId, "4"), {
        idempotencyKey: "order-1",
      });
      assert.deepEqual(again, { ...first, replayed: true });
      const restarted = testEngine(store).engine;
      const replay = await restarted.submit(id, holdRequest(rootPoolId, "4"), {
        idempotencyKey: "order-1",
      });
      assert.deepEqual(replay, { ...first, replayed: true });
      const reused = await restarted.submit(id, holdRequest(rootPoolId, "5"), {
        idempotencyKey: "order-1",
      });
      assert.equal(reused.code, "idempotency_key_reused");
      const state = await store.readState(id);
      assert.equal(state?.holds.size, 1);
      await store.close();
    });

    it("pages the journal by sequence and filters by pool, grant and hold", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Journal");
      const grant = await engine.submit(id, grantRequest(rootPoolId, "10"));
      for (let index = 0; index < 5; index += 1) {
        await engine.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(1) });
      }
      const page = await store.listTransfers(id, { afterSequence: 2, limit: 2 });
      assert.deepEqual(
        page.map((t) => t.sequence),
        [3, 4],
      );
      const byGrant = await store.listTransfers(id, {
        afterSequence: 0,
        limit: 50,
        grantId: idOf(grant),
      });
      assert.equal(byGrant.length, 6);
      const byHold = await store.listTransfers(id, {
        afterSequence: 0,
        limit: 50,
        holdId: "hold_none",
      });
      assert.equal(byHold.length, 0);
      const at = (await store.listTransfers(id, { afterSequence: 0, limit: 1 }))[0]?.at ?? 0;
      const window = { afterSequence: 0, limit: 50, fromAt: at, toAt: at + 1 };
      assert.equal((await store.listTransfers(id, window)).length, 6);
      const later = { afterSequence: 0, limit: 50, fromAt: at + 1 };
      assert.equal((await store.listTransfers(id, later)).length, 0);
      await store.close();
    });

    it("lists organizations with something due, and the sweep writes the expiry", async () => {
      const store = await kind.open();
      const { engine, clock } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Due");
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      const hold = await engine.submit(id, holdRequest(rootPoolId, "4", 30));
      assert.deepEqual(await store.dueOrganizationIds(clock.nowMs, 10), []);
      clock.advance(30_000);
      assert.deepEqual(await store.dueOrganizationIds(clock.nowMs, 10), [id]);
      assert.equal(await engine.sweepDue(), 1);
      const transfers = await store.listTransfers(id, {
        afterSequence: 0,
        limit: 10,
        holdId: idOf(hold),
      });
      assert.deepEqual(
        transfers.map((t) => [t.kind, t.at]),
        [
          ["hold", clock.nowMs - 30_000],
          ["expire", clock.nowMs],
        ],
      );
      assert.deepEqual(await store.dueOrganizationIds(clock.nowMs, 10), []);
      await assertVerified(store, id);
      await store.close();
    });

    it("forgets answers past their cutoff, oldest first, at most a limit at a time", async () => {
      const store = await kind.open();
      const clock = new TestClock();
      const { engine } = testEngine(store, clock);
      const { id, rootPoolId } = await engine.createOrganization("Retention");
      const start = clock.nowMs;
      const dayMs = 86_400_000;
      // Answers made 0 to 4 days after the start; the third under a usage event's key, the
      // fourth under a subscription's ledger effect's, which is never forgotten.
      const keys = ["first", "second", "event:e1", "billing:sub_1:p0", "recent"];
      for (const key of keys) {
        await engine.submit(id, grantRequest(rootPoolId, "1"), { idempotencyKey: key });
        clock.advance(dayMs);
      }
      const kept = async () => {
        const found = await Promise.all(keys.map((key) => store.findAnswer(id, key)));
        return keys.filter((_, index) => found[index] !== null);
      };
      // Requests made before day 3.5 go (not the effect's); event ids only before day 0.5.
      const cutoffs = { requestsBefore: start + 3.5 * dayMs, eventsBefore: start + 0.5 * dayMs };
      assert.equal(await store.pruneAnswers(cutoffs, 1), 1);
      assert.deepEqual(await kept(), ["second", "event:e1", "billing:sub_1:p0", "recent"]);
      assert.equal(await store.pruneAnswers(cutoffs, 10), 1);
      assert.equal(await store.pruneAnswers(cutoffs, 10), 0);
      assert.deepEqual(await kept(), ["event:e1", "billing:sub_1:p0", "recent"]);
      // A key forgotten is new again: a retry under it applies afresh.
      const again = await engine.submit(id, grantRequest(rootPoolId, "1"), {
        idempotencyKey: "first",
      });
      assert.equal(again.code, "ok");
      assert.notEqual(again.replayed, true);
      await assertVerified(store, id);
      await store.close();
    });

    it("never lets a cached state hide another node's commit", async () => {
      const store = await kind.open();
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const a = testEngine(store).engine;
      const b = testEngine(sibling).engine;
      const { id, rootPoolId } = await a.createOrganization("Two nodes");
      await a.submit(id, grantRequest(rootPoolId, "10"));
      const codes: string[] = [];
      for (let round = 0; round < 6; round += 1) {
        const node = round % 2 === 0 ? a : b;
        codes.push((await node.submit(id, holdRequest(rootPoolId, "2"))).code);
      }
      assert.deepEqual(codes, ["ok", "ok", "ok", "ok", "ok", "insufficient_credits"]);
      const state = await store.readState(id);
      assert.equal(state?.holds.size, 5);
      await assertVerified(store, id);
      if (sibling !== store) await sibling.close();
      await store.close();
    });

    auditContract(kind);
    it("archives only an empty pool, keeps it archived after a restart, and it takes nothing new", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Archive");
      const archive = (poolId: string, node = engine) =>
        node.submit(id, { type: "archive_pool", poolId });
      const made = async (parentId: string) =>
        idOf(await engine.submit(id, poolRequest(parentId, "p")));
      await engine.submit(id, grantRequest(rootPoolId, "10"));
      // Each pool is kept open by one thing: a child, an open hold, a grant, debt.
      const parent = await made(rootPoolId);
      await made(parent);
      const holding = await made(rootPoolId);
      await engine.submit(id, holdRequest(holding, "1"));
      const granted = await made(rootPoolId);
      await engine.submit(id, grantRequest(granted, "1"));
      const indebted = idOf(
        await engine.submit(id, { ...poolRequest(rootPoolId, "d"), drawsFromParent: false }),
      );
      await engine.submit(id, { type: "record_usage", poolId: indebted, amount: credits(1) });
      for (const open of [parent, holding, granted, indebted])
        assert.equal((await archive(open)).code, "pool_not_empty", open);
      assert.equal((await archive(rootPoolId)).code, "invalid_request");
      const empty = await made(rootPoolId);
      const archived = await archive(empty);
      assert.equal(archived.code, "ok");
      const restarted = testEngine(store).engine;
      const row = (await store.readState(id))?.pools.get(empty);
      assert.equal(row?.archivedAt, (await store.readOrganization(id))?.lastNow);
      const refused = [
        await restarted.submit(id, holdRequest(empty, "1")),
        await restarted.submit(id, { type: "record_usage", poolId: empty, amount: credits(1) }),
        await restarted.submit(id, grantRequest(empty, "1")),
        await restarted.submit(id, poolRequest(empty, "child")),
      ];
      assert.deepEqual(
        refused.map((answer) => answer.code),
        ["pool_archived", "pool_archived", "pool_archived", "pool_archived"],
      );
      assert.equal((await archive(empty, restarted)).code, "ok");
      await assertVerified(store, id);
      await store.close();
    });

    it("keeps a reallocated grant's source and a pool's boost across a restart", async () => {
      const store = await kind.open();
      const { engine, clock } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Moves");
      const team = idOf(await engine.submit(id, poolRequest(rootPoolId, "team", "10")));
      const source = idOf(await engine.submit(id, grantRequest(rootPoolId, "100")));
      const moved = await engine.submit(id, {
        type: "reallocate",
        grantId: source,
        poolId: team,
        amount: credits(40),
      });
      assert.equal(moved.code, "ok");
      const boosted = await engine.submit(id, {
        type: "boost_pool",
        poolId: team,
        amount: credits(5),
        until: clock.nowMs + 3_600_000,
      });
      assert.equal(boosted.code, "ok");
      const state = await store.readState(id);
      assert.equal(state?.grants.get(idOf(moved))?.reallocatedFrom, source);
      assert.deepEqual(state?.pools.get(team)?.boost, {
        amount: credits(5),
        until: clock.nowMs + 3_600_000,
      });
      const restarted = testEngine(store, clock).engine;
      assert.equal((await restarted.submit(id, holdRequest(team, "15"))).code, "ok");
      const undone = await restarted.submit(id, {
        type: "undo_reallocation",
        grantId: idOf(moved),
      });
      assert.equal(undone.code, "ok");
      assert.equal((await store.readState(id))?.grants.get(source)?.remaining, credits(85));
      await assertVerified(store, id);
      await store.close();
    });
  });
}
