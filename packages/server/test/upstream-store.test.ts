/**
 * The upstream accounts' part of the store contract, run against every adapter: an account is
 * stored once (a replay answers the first answer) and read back field for field; an
 * administrator's change lands only at the version read, keeps what the gateway set, and forgets
 * the usage of windows it drops; a use adds to every window, or starts a window anew once its
 * duration has passed; a cool-down only ever moves later; no organization reads another's rows.
 * On a real PostgreSQL server, two nodes recording uses at once sum exactly.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { AuditEntry } from "../src/store/audit.ts";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { UpstreamAccountRow } from "../src/store/upstreams.ts";
import { contractKinds, postgresKind, testDatabaseUrl } from "./support/stores.ts";

const at = 1_800_000_000_000;
const hour = 3_600_000;

function account(
  organizationId: string,
  id: string,
  changes: Partial<UpstreamAccountRow> = {},
): UpstreamAccountRow {
  return {
    organizationId,
    id,
    provider: "anthropic",
    name: "seat one",
    baseUrl: "https://api.anthropic.com",
    credentialSealed: "v1.abcd1234.bm9uY2U.Ym9keQ",
    credentialLast4: "wxyz",
    windows: [
      { durationSeconds: 5 * 3600, maxRequests: 100, maxTokens: null },
      { durationSeconds: 7 * 86_400, maxRequests: null, maxTokens: 5_000_000 },
    ],
    enabled: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
    coolingUntil: null,
    lastUsedAt: null,
    ...changes,
  };
}

function answer(scope: string, key: string, audit?: AuditEntry): ScopedAnswer {
  const stored = { scope, key, fingerprint: "f", answer: `{"key":"${key}"}`, createdAt: at };
  return audit === undefined ? stored : { ...stored, audit: [audit] };
}

function audit(organizationId: string, id: string, action: string): AuditEntry {
  return {
    id,
    organizationId,
    at,
    actor: { type: "key", id: "key_1", role: "admin" },
    requestId: null,
    action,
    targetType: "upstream",
    targetId: "ups_1",
    before: null,
    after: { api_key_last4: "wxyz" },
  };
}

for (const kind of contractKinds()) {
  describe(`store contract, upstream accounts: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("stores an account once, reads it back field for field, and lists by id", async () => {
      const store = await kind.open();
      try {
        const first = account("org_a", "ups_2");
        const made = answer("org_a", "k1", audit("org_a", "aud_1", "upstream.created"));
        assert.equal(await store.insertUpstreamAccount(first, made), null);
        const replay = await store.insertUpstreamAccount(account("org_a", "ups_9"), made);
        assert.deepEqual(replay, { fingerprint: "f", answer: '{"key":"k1"}' });
        assert.equal(
          await store.readUpstreamAccount("org_a", "ups_9"),
          null,
          "a replay writes none",
        );
        assert.deepEqual(await store.readUpstreamAccount("org_a", "ups_2"), first);
        const bare = account("org_a", "ups_1", { windows: [], enabled: false, provider: "openai" });
        await store.insertUpstreamAccount(bare);
        assert.deepEqual(
          (await store.listUpstreamAccounts("org_a", { limit: 10 })).map((row) => row.id),
          ["ups_1", "ups_2"],
        );
        assert.deepEqual(
          await store.listUpstreamAccounts("org_a", { limit: 1, startingAfter: "ups_1" }),
          [first],
        );
        assert.equal(await store.countUpstreamAccounts("org_a"), 2);
        assert.equal(await store.countUpstreamAccounts("org_b"), 0);
        assert.equal(await store.readUpstreamAccount("org_b", "ups_2"), null);
        const records = await store.listAuditRecords("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          records.map((r) => r.action),
          ["upstream.created"],
          "the claim recorded its audit record once",
        );
      } finally {
        await store.close();
      }
    });

    it("adds a use to every window, and starts a window anew once its duration passed", async () => {
      const store = await kind.open();
      try {
        await store.insertUpstreamAccount(account("org_a", "ups_1"));
        const use = { requests: 1, tokens: 1200 };
        await store.recordUpstreamUse("org_a", "ups_1", use, at);
        const second = await store.recordUpstreamUse("org_a", "ups_1", use, at + hour);
        assert.deepEqual(
          second?.map((row) => [row.durationSeconds, row.startedAt, row.requests, row.tokens]),
          [
            [5 * 3600, at, 2, 2400],
            [7 * 86_400, at, 2, 2400],
          ],
        );
        // Five hours after the first use the short window starts again; the week goes on.
        const later = at + 5 * hour;
        await store.recordUpstreamUse("org_a", "ups_1", { requests: 1, tokens: 10 }, later);
        const usage = await store.listUpstreamUsage("org_a");
        assert.deepEqual(
          usage.map((row) => [row.durationSeconds, row.startedAt, row.requests, row.tokens]),
          [
            [5 * 3600, later, 1, 10],
            [7 * 86_400, at, 3, 2410],
          ],
        );
        assert.equal((await store.readUpstreamAccount("org_a", "ups_1"))?.lastUsedAt, later);
        // A node whose clock runs behind does not move the last use back.
        await store.recordUpstreamUse("org_a", "ups_1", { requests: 0, tokens: 0 }, later - 1);
        assert.equal((await store.readUpstreamAccount("org_a", "ups_1"))?.lastUsedAt, later);
        assert.equal(await store.recordUpstreamUse("org_a", "ups_9", use, at), null);
        assert.equal(await store.recordUpstreamUse("org_b", "ups_1", use, at), null);
        assert.deepEqual(await store.listUpstreamUsage("org_b"), []);
      } finally {
        await store.close();
      }
    });

    it("changes an account only at the version read, keeping what the gateway set", async () => {
      const store = await kind.open();
      try {
        await store.insertUpstreamAccount(account("org_a", "ups_1"));
        await store.recordUpstreamUse("org_a", "ups_1", { requests: 3, tokens: 30 }, at);
        assert.equal(await store.coolUpstreamAccount("org_a", "ups_1", at + hour), true);
        const oneWindow = [{ durationSeconds: 7 * 86_400, maxRequests: 10, maxTokens: null }];
        const next = account("org_a", "ups_1", {
          name: "seat renamed",
          windows: oneWindow,
          enabled: false,
          version: 2,
          updatedAt: at + 1,
        });
        const record = audit("org_a", "aud_2", "upstream.updated");
        assert.equal(await store.updateUpstreamAccount(next, 1, record), true);
        assert.equal(await store.updateUpstreamAccount(next, 1, record), false, "stale version");
        const read = await store.readUpstreamAccount("org_a", "ups_1");
        assert.deepEqual(read, { ...next, coolingUntil: at + hour, lastUsedAt: at });
        assert.deepEqual(
          (await store.listUpstreamUsage("org_a")).map((row) => row.durationSeconds),
          [7 * 86_400],
          "the usage of a window dropped is forgotten",
        );
        const records = await store.listAuditRecords("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          records.map((r) => r.action),
          ["upstream.updated"],
        );
      } finally {
        await store.close();
      }
    });

    it("cools an account down only ever later", async () => {
      const store = await kind.open();
      try {
        await store.insertUpstreamAccount(account("org_a", "ups_1"));
        assert.equal(await store.coolUpstreamAccount("org_a", "ups_1", at + 2 * hour), true);
        assert.equal(await store.coolUpstreamAccount("org_a", "ups_1", at + hour), true);
        const row = await store.readUpstreamAccount("org_a", "ups_1");
        assert.equal(row?.coolingUntil, at + 2 * hour);
        assert.equal(row?.version, 1, "a cool-down does not move the version");
        assert.equal(await store.coolUpstreamAccount("org_b", "ups_1", at), false);
      } finally {
        await store.close();
      }
    });

    it("deletes an account with its usage, recording the audit made from it", async () => {
      const store = await kind.open();
      try {
        await store.insertUpstreamAccount(account("org_a", "ups_1"));
        await store.insertUpstreamAccount(account("org_b", "ups_1"));
        await store.recordUpstreamUse("org_a", "ups_1", { requests: 1, tokens: 1 }, at);
        await store.recordUpstreamUse("org_b", "ups_1", { requests: 1, tokens: 1 }, at);
        assert.equal(await store.deleteUpstreamAccount("org_a", "ups_9", null), null);
        const deleted = await store.deleteUpstreamAccount("org_a", "ups_1", (row) => ({
          ...audit("org_a", "aud_3", "upstream.deleted"),
          before: { name: row.name },
        }));
        assert.equal(deleted?.name, "seat one");
        assert.equal(await store.readUpstreamAccount("org_a", "ups_1"), null);
        assert.deepEqual(await store.listUpstreamUsage("org_a"), []);
        assert.equal((await store.listUpstreamUsage("org_b")).length, 2, "B's rows stay");
        const records = await store.listAuditRecords("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          records.map((r) => [r.action, r.before]),
          [["upstream.deleted", { name: "seat one" }]],
        );
      } finally {
        await store.close();
      }
    });
  });
}

const url = testDatabaseUrl();
describe("upstream uses on two PostgreSQL nodes at once", {
  skip: url === undefined ? "needs TEST_DATABASE_URL" : false,
}, () => {
  const kind = postgresKind(url ?? "");
  after(() => kind.cleanup());

  it("sums every use exactly, whichever node recorded it", async () => {
    const first = await kind.open();
    const second = kind.openSibling === undefined ? first : await kind.openSibling();
    try {
      await first.insertUpstreamAccount(account("org_a", "ups_1"));
      const uses = 200;
      await Promise.all(
        Array.from({ length: uses }, (_, index) =>
          (index % 2 === 0 ? first : second).recordUpstreamUse(
            "org_a",
            "ups_1",
            { requests: 1, tokens: index },
            at + index,
          ),
        ),
      );
      const usage = await first.listUpstreamUsage("org_a");
      const tokens = (uses * (uses - 1)) / 2;
      assert.deepEqual(
        usage.map((row) => [row.durationSeconds, row.requests, row.tokens]),
        [
          [5 * 3600, uses, tokens],
          [7 * 86_400, uses, tokens],
        ],
      );
    } finally {
      await first.close();
      await second.close();
    }
  });
});
