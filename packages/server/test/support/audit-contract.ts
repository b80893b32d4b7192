/**
 * The audit trail's part of the store contract, run by `store-contract.test.ts` on every
 * adapter: records appended with a change (an engine batch, or a write's claimed answer) are
 * read back as written and chained; a replay or a rollback appends nothing; sequences are dense
 * per organization under concurrent writers; lists filter and page as the port says.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { MemberRow } from "../../src/store/directory.ts";
import {
  type AuditActor,
  type AuditEntry,
  type AuditRecord,
  auditGenesisHash,
  auditHash,
  type Store,
} from "../../src/store/port.ts";
import { poolRequest, testEngine } from "./ledger.ts";
import type { StoreKind } from "./stores.ts";

const owner: AuditActor = { type: "key", id: "key_owner", role: "owner" };
let made = 0;

/** A member to insert, and the entry its answer carries. */
function memberChange(organizationId: string, at: number, actor: AuditActor = owner) {
  made += 1;
  const member: MemberRow = {
    id: `mem_${String(made).padStart(26, "0")}`,
    organizationId,
    name: `member ${made}`,
    kind: "person",
    role: "member",
    poolId: null,
    email: null,
    createdAt: at,
  };
  const entry: AuditEntry = {
    id: `aud_${String(made).padStart(26, "0")}`,
    organizationId,
    at,
    actor,
    requestId: `req_${made}`,
    action: "member.created",
    targetType: "member",
    targetId: member.id,
    before: null,
    after: { id: member.id, name: member.name, tags: ["a", "b"], nested: { z: 1, a: null } },
  };
  const answer = (key: string) => ({
    scope: organizationId,
    key,
    fingerprint: key,
    answer: JSON.stringify({ id: member.id }),
    createdAt: at,
    audit: [entry],
  });
  return { member, entry, answer };
}

/** A chain read back whole: dense from 1, each naming the hash before it, each hash its own. */
function assertChained(records: readonly AuditRecord[]): void {
  let prev = auditGenesisHash;
  for (const [index, record] of records.entries()) {
    assert.equal(record.sequence, index + 1);
    assert.equal(record.prevHash, prev);
    const { hash, ...unsigned } = record;
    assert.equal(auditHash(unsigned), hash);
    prev = hash;
  }
}

const all = { afterSequence: 0, limit: 1000 };

export function auditContract(kind: StoreKind): void {
  it("appends audit records with their changes and reads them back, chained", async () => {
    const store: Store = await kind.open();
    const { engine, clock } = testEngine(store);
    const { id, rootPoolId } = await engine.createOrganization("Audited");
    assert.equal(await store.readAuditHead(id), null);
    const audit = { actor: owner, requestId: "req_pool", action: "pool.created" };
    const pool = await engine.submit(id, poolRequest(rootPoolId, "team"), {
      audit: { ...audit, targetType: "pool" },
    });
    assert.equal(pool.code, "ok");
    const change = memberChange(id, clock.read(), { type: "system" });
    assert.equal(await store.insertMember(change.member, change.answer("m-1")), null);
    const operator = memberChange(id, clock.read(), { type: "operator", id: "key_operator" });
    await store.insertMember(operator.member, operator.answer("m-2"));

    const records = await store.listAuditRecords(id, all);
    assertChained(records);
    assert.deepEqual(
      records.map((record) => [record.action, record.actor]),
      [
        ["pool.created", owner],
        ["member.created", { type: "system" }],
        ["member.created", { type: "operator", id: "key_operator" }],
      ],
    );
    const [first, second] = records as [AuditRecord, AuditRecord];
    assert.deepEqual([first.targetType, first.before, first.requestId], ["pool", null, "req_pool"]);
    assert.equal((first.after as { name: string }).name, "team");
    const { sequence, prevHash, hash, ...entry } = second;
    assert.deepEqual(entry, change.entry, "an entry is read back as it was written");
    const last = records.at(-1);
    assert.deepEqual(await store.readAuditHead(id), { sequence: 3, hash: last?.hash });
    await store.close();
  });

  it("appends nothing for a replayed answer or a write rolled back", async () => {
    const store: Store = await kind.open();
    const { engine, clock } = testEngine(store);
    const { id } = await engine.createOrganization("Replayed");
    const first = memberChange(id, clock.read());
    await store.insertMember(first.member, first.answer("same"));
    const again = memberChange(id, clock.read());
    assert.notEqual(await store.insertMember(again.member, again.answer("same")), null);
    const lost = memberChange(id, clock.read());
    // The member's id is taken: the insert fails after its answer was claimed, and rolls back.
    const taken = { ...lost.member, id: first.member.id };
    await assert.rejects(store.insertMember(taken, lost.answer("other")));
    const records = await store.listAuditRecords(id, all);
    assert.deepEqual(
      records.map((record) => record.targetId),
      [first.member.id],
    );
    assert.equal((await store.readAuditHead(id))?.sequence, 1);
    await store.close();
  });

  it("keeps sequences dense per organization under concurrent writers", async () => {
    const store: Store = await kind.open();
    const { engine, clock } = testEngine(store);
    const a = await engine.createOrganization("A");
    const b = await engine.createOrganization("B");
    const writes = Array.from({ length: 12 }, (_, index) => {
      const change = memberChange(index % 3 === 0 ? b.id : a.id, clock.read());
      return store.insertMember(change.member, change.answer(`dense-${index}`));
    });
    await Promise.all(writes);
    const chainA = await store.listAuditRecords(a.id, all);
    const chainB = await store.listAuditRecords(b.id, all);
    assert.equal(chainA.length, 8);
    assert.equal(chainB.length, 4);
    assertChained(chainA);
    assertChained(chainB);
    const ids = await store.listAuditOrganizations("", 10);
    assert.deepEqual(ids, [a.id, b.id].sort());
    assert.deepEqual(await store.listAuditOrganizations(ids[0] ?? "", 10), ids.slice(1));
    assert.deepEqual(await store.listAuditOrganizations("", 1), ids.slice(0, 1));
    await store.close();
  });

  it("filters by action, target, actor and time, and pages by sequence", async () => {
    const store: Store = await kind.open();
    const { engine, clock } = testEngine(store);
    const { id } = await engine.createOrganization("Filtered");
    const actors: AuditActor[] = [owner, { type: "system" }, { type: "operator", id: "key_op" }];
    const changes = actors.map((actor, index) => {
      clock.advance(1000);
      const change = memberChange(id, clock.read(), actor);
      return { ...change, key: `filter-${index}` };
    });
    for (const change of changes)
      await store.insertMember(change.member, change.answer(change.key));
    const sequences = async (query: object) =>
      (await store.listAuditRecords(id, { ...all, ...query })).map((record) => record.sequence);
    const [one, two, three] = changes.map((change) => change.entry);
    assert.deepEqual(await sequences({ action: "member.created" }), [1, 2, 3]);
    assert.deepEqual(await sequences({ action: "pool.updated" }), []);
    assert.deepEqual(await sequences({ targetId: two?.targetId }), [2]);
    assert.deepEqual(await sequences({ actor: "key_owner" }), [1]);
    assert.deepEqual(await sequences({ actor: "system" }), [2]);
    assert.deepEqual(await sequences({ actor: "operator" }), [3]);
    assert.deepEqual(await sequences({ actor: "key_op" }), [3]);
    assert.deepEqual(await sequences({ fromAt: two?.at }), [2, 3]);
    assert.deepEqual(await sequences({ toAt: three?.at }), [1, 2]);
    assert.deepEqual(await sequences({ fromAt: one?.at, toAt: two?.at }), [1]);
    assert.deepEqual(await sequences({ afterSequence: 1, limit: 1 }), [2]);
    assert.deepEqual(await sequences({ afterSequence: 3 }), []);
    assert.deepEqual(await store.listAuditRecords("org_none", all), []);
    await store.close();
  });
}
