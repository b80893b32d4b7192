/**
 * `POST /v1/pools/{id}/archive` over HTTP: refused with `pool_not_empty` for each thing that
 * keeps a pool open, never for the root; an empty pool archives, leaves the list unless asked
 * for, keeps its history, and answers `pool_archived` to holds, usage, grants and children.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { apiHarness, at, expectError, storeNames, text } from "./support/api.ts";

async function world(t: TestContext, store: (typeof storeNames)[number]) {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  await api.grant(org, org.rootPoolId, "100");
  const key = org.ownerKey;
  const archive = (pool: string) => api.call("POST", `/v1/pools/${pool}/archive`, { key });
  return { api, org, key, archive };
}

type World = Awaited<ReturnType<typeof world>>;

/** Each thing that keeps a pool open, made in a new pool; answers the pool. */
const keptOpenBy: [string, (w: World) => Promise<string>][] = [
  [
    "a child pool not archived",
    async (w) => {
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      await w.api.pool(w.org, pool);
      return pool;
    },
  ],
  [
    "an open hold",
    async (w) => {
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      await w.api.hold(w.org, pool, "1");
      return pool;
    },
  ],
  [
    "a grant with credits left",
    async (w) => {
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      await w.api.grant(w.org, pool, "1");
      return pool;
    },
  ],
  [
    "debt",
    async (w) => {
      const pool = await w.api.pool(w.org, w.org.rootPoolId, { draws_from_parent: false });
      const events = [{ id: "evt-debt", pool, amount: "2" }];
      await w.api.ok("POST", "/v1/usage", { key: w.key, body: { events } });
      return pool;
    },
  ],
];

for (const store of storeNames) {
  describe(`archiving a pool (${store})`, () => {
    for (const [what, make] of keptOpenBy) {
      it(`a pool with ${what} answers 409 pool_not_empty, and stays open`, async (t) => {
        const w = await world(t, store);
        const pool = await make(w);
        const before = await w.api.snapshot(w.org);
        const answer = await w.archive(pool);
        expectError(answer, 409, "pool_not_empty", "id");
        assert.equal(await w.api.snapshot(w.org), before);
      });
    }

    it("a pool a recurring grant still issues to answers 409 pool_not_empty", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const body = { pool, amount: "1", source: "promotion", interval: "month" };
      await w.api.ok("POST", "/v1/recurring-grants", { key: w.key, body });
      const answer = await w.archive(pool);
      expectError(answer, 409, "pool_not_empty", "id");
      assert.match(String(at(answer.body, "error.message")), /recurring grant/);
    });

    it("the root answers 400 on id", async (t) => {
      const w = await world(t, store);
      expectError(await w.archive(w.org.rootPoolId), 400, "invalid_request", "id");
    });

    it("an empty pool archives, and a repeat with the same key replays the answer", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const headers = { "Idempotency-Key": "archive-once" };
      const first = await w.api.call("POST", `/v1/pools/${pool}/archive`, { key: w.key, headers });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(at(first.body, "archived_at"), new Date(w.api.clock.nowMs).toISOString());
      const again = await w.api.call("POST", `/v1/pools/${pool}/archive`, { key: w.key, headers });
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(again.body, first.body);
    });

    it("an archived pool leaves the list unless include_archived=true, and keeps its history", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const hold = await w.api.hold(w.org, pool, "3");
      await w.api.ok("POST", `/v1/holds/${hold}/capture`, { key: w.key, body: { amount: "2" } });
      assert.equal((await w.archive(pool)).status, 200);
      const ids = async (query: string) =>
        (
          (await w.api.ok("GET", `/v1/pools${query}`, { key: w.key })) as { data: { id: string }[] }
        ).data.map((each) => each.id);
      assert.ok(!(await ids("")).includes(pool));
      assert.ok((await ids("?include_archived=true")).includes(pool));
      const read = await w.api.ok("GET", `/v1/pools/${pool}`, { key: w.key });
      assert.equal(at(read, "consumed_this_period"), "2");
      assert.equal(typeof at(read, "archived_at"), "string");
      const journal = await w.api.ok("GET", `/v1/transfers?pool=${pool}`, { key: w.key });
      assert.deepEqual(
        (at(journal, "data") as unknown[]).map((each) => at(each, "kind")),
        ["hold", "capture", "release"],
      );
    });

    it("an archived pool answers pool_archived to holds, usage, grants, children and subscriptions", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      assert.equal((await w.archive(pool)).status, 200);
      const before = await w.api.snapshot(w.org);
      const key = w.key;
      const hold = await w.api.call("POST", "/v1/holds", { key, body: { pool, amount: "1" } });
      expectError(hold, 409, "pool_archived", "pool");
      const grant = await w.api.call("POST", "/v1/grants", {
        key,
        body: { pool, amount: "1", source: "purchase" },
      });
      expectError(grant, 409, "pool_archived", "pool");
      const child = await w.api.call("POST", "/v1/pools", {
        key,
        body: { parent: pool, name: "C" },
      });
      expectError(child, 409, "pool_archived", "parent");
      const changed = await w.api.call("PATCH", `/v1/pools/${pool}`, { key, body: { name: "N" } });
      expectError(changed, 409, "pool_archived");
      const plan = { id: "team", name: "Team", currency: "USD", interval: "month" };
      const terms = { seat_price: 3000, credits_per_seat: "1000" };
      await w.api.ok("POST", "/v1/plans", { key: w.api.operatorKey, body: { ...plan, ...terms } });
      const subscribed = await w.api.call("POST", "/v1/subscriptions", {
        key: w.org.ownerKey,
        body: { plan: "team", seats: 1, pool },
      });
      expectError(subscribed, 409, "pool_archived", "pool");
      assert.equal(await w.api.snapshot(w.org), before);
      const events = [{ id: "evt-late", pool, amount: "1" }];
      const usage = await w.api.ok("POST", "/v1/usage", { key, body: { events } });
      assert.equal(at(usage, "data.0.status"), "refused");
      assert.equal(at(usage, "data.0.code"), "pool_archived");
      assert.equal(text(await w.api.ok("GET", `/v1/pools/${pool}`, { key }), "held"), "0");
    });
  });
}
