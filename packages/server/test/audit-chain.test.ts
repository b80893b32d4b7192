/**
 * The audit chain on real databases: concurrent changes from two nodes (two engines, two stores
 * on one database) leave one dense chain; a row edited, deleted or swapped with SQL is reported by
 * verify at the record where the chain breaks.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { Engine } from "../src/engine/engine.ts";
import { ledgerAuditView } from "../src/http/audit-views.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { openStore } from "../src/store/open-store.ts";
import type { AuditEntry, Store } from "../src/store/port.ts";
import { scratchDatabase } from "../src/store/postgres/scratch-database.ts";
import { verifyDatabase } from "../src/verify/verify-database.ts";
import { testDatabaseUrl } from "./support/stores.ts";

interface Database2 {
  /** Opens a store (a node) on the database. */
  open(): Promise<Store>;
  sql(statement: string): Promise<void>;
  done(): Promise<void>;
}

async function sqliteDatabase(): Promise<Database2> {
  const file = join(mkdtempSync(join(tmpdir(), "creditpool-audit-")), "ledger.db");
  return {
    open: () => openStore(file),
    async sql(statement) {
      const db = new Database(file);
      db.exec(statement);
      db.close();
    },
    async done() {},
  };
}

async function postgresDatabase(adminUrl: string): Promise<Database2> {
  const scratch = await scratchDatabase(adminUrl, `creditpool_audit_${process.pid}`);
  return {
    open: () => openStore(scratch.url, { poolSize: 8 }),
    async sql(statement) {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      await client.query(statement);
      await client.end();
    },
    done: () => scratch.drop(),
  };
}

const kinds: [string, () => Promise<Database2>][] = [["sqlite", sqliteDatabase]];
const url = testDatabaseUrl();
if (url !== undefined) kinds.push(["postgres", () => postgresDatabase(url)]);

const actor = { type: "key", id: "key_test", role: "owner" } as const;

function memberWrite(store: Store, organizationId: string, n: number, at: number) {
  const id = `mem_${String(n).padStart(26, "0")}`;
  const entry: AuditEntry = {
    id: `aud_m${n}`,
    organizationId,
    at,
    actor,
    requestId: null,
    action: "member.created",
    targetType: "member",
    targetId: id,
    before: null,
    after: { id, name: `m${n}` },
  };
  const member = {
    id,
    organizationId,
    name: `m${n}`,
    kind: "person",
    role: "member",
    poolId: null,
    email: null,
    createdAt: at,
  } as const;
  const answer = {
    scope: organizationId,
    key: `request:m${n}`,
    fingerprint: "f",
    answer: "{}",
    createdAt: at,
    audit: [entry],
  };
  return store.insertMember(member, answer);
}

for (const [name, make] of kinds) {
  describe(`the audit chain on ${name}`, () => {
    it("stays one dense chain under concurrent changes from two nodes, and verify finds tampering", async () => {
      const database = await make();
      const stores = [await database.open(), await database.open()];
      const clock = () => 1_750_000_000_000;
      const engines = stores.map(
        (store, index) =>
          new Engine({
            store,
            clock,
            ids: ulidIdSource(clock, seededRandomFill(10 + index)),
            auditView: ledgerAuditView,
          }),
      );
      const [engine, sibling] = engines;
      const [store] = stores;
      assert.ok(engine !== undefined && sibling !== undefined && store !== undefined);
      try {
        const organization = await engine.createOrganization("acme");
        const audit = {
          actor,
          requestId: null,
          action: "pool.created",
          targetType: "pool",
        } as const;
        const writes: Promise<unknown>[] = [];
        for (let n = 0; n < 40; n += 1) {
          const on = engines[n % 2] ?? engine;
          const request = {
            type: "create_pool",
            parentId: organization.rootPoolId,
            name: `p${n}`,
            drawsFromParent: true,
            limit: null,
            overageLimit: null,
          } as const;
          writes.push(
            on.submit(organization.id, request, { idempotencyKey: `request:p${n}`, audit }),
          );
          writes.push(memberWrite(stores[n % 2] ?? store, organization.id, n, clock()));
        }
        await Promise.all(writes);
        const clean = await verifyDatabase(store);
        assert.deepEqual(clean.audit, []);
        const head = await store.readAuditHead(organization.id);
        assert.equal(head?.sequence, 80);

        const table = "audit_records";
        const where = (sequence: number) =>
          `organization_id = '${organization.id}' AND sequence = ${sequence}`;
        await database.sql(
          `UPDATE ${table} SET after_view = '{"name":"forged"}' WHERE ${where(5)}`,
        );
        const edited = await verifyDatabase(store);
        assert.equal(edited.audit[0]?.sequence, 5);
        assert.match(edited.audit[0]?.problem ?? "", /edited/);
        assert.ok(edited.violations > 0);

        await database.sql(`DELETE FROM ${table} WHERE ${where(5)}`);
        const deleted = await verifyDatabase(store);
        assert.equal(deleted.audit[0]?.sequence, 5);
        assert.match(deleted.audit[0]?.problem ?? "", /missing/);

        // Swapped: record 7 takes 6's place and 6 takes 7's; 5 comes back first to isolate it.
        await database.sql(`UPDATE ${table} SET sequence = 5 WHERE ${where(6)}`);
        await database.sql(`UPDATE ${table} SET sequence = 6 WHERE ${where(7)}`);
        await database.sql(`UPDATE ${table} SET sequence = 7 WHERE ${where(5)}`);
        const swapped = await verifyDatabase(store);
        assert.equal(swapped.audit[0]?.sequence, 5);
      } finally {
        for (const each of engines) await each.close();
        for (const each of stores) await each.close();
        await database.done();
      }
    });
  });
}
