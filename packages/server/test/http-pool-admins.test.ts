/**
 * A pool_admin over HTTP, and "within its parent's": what a bound key sets on the pools below
 * its own (limits, reservations, caps) never passes a hard limit above. Each refused row names
 * its field and writes nothing; each allowed row is at the bound. A pool_admin never changes its
 * own pool, and never reaches a sibling.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { type Answer, apiHarness, at, expectError, storeNames, text } from "./support/api.ts";

const hard = (amount: string, period = "month") => ({ amount, kind: "hard", period });
const soft = (amount: string, period = "month") => ({ amount, kind: "soft", period });
const per = (amount: string, period = "month") => ({ amount, period });

/**
 * Root with 1,000 credits; `team` (a hard limit of 100 a month, made by the owner), a pool_admin
 * key bound to it, and a pool `child` under it with a hard limit of 40 a month;
 * `other`, a sibling of team.
 */
async function world(t: TestContext, store: (typeof storeNames)[number]) {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  await api.grant(org, org.rootPoolId, "1000");
  const team = await api.pool(org, org.rootPoolId, { limit: hard("100") });
  const child = await api.pool(org, team, { limit: hard("40") });
  const other = await api.pool(org, org.rootPoolId);
  const admin = await api.keyFor(org, "pool_admin", { pool: team });
  return { api, org, team, child, other, admin };
}

type World = Awaited<ReturnType<typeof world>>;

/** A call with the pool_admin key (or `key`), checking that a refusal wrote nothing. */
async function send(
  w: World,
  method: "POST" | "PATCH",
  path: string,
  body: unknown,
  key = w.admin,
): Promise<Answer> {
  const before = await w.api.snapshot(w.org);
  const answer = await w.api.call(method, path, { key, body });
  if (answer.status >= 400) assert.equal(await w.api.snapshot(w.org), before, path);
  return answer;
}

/** One row: what a bound key asks, and the field it is refused on (none: allowed). */
interface Row {
  readonly what: string;
  readonly request: (w: World) => ["POST" | "PATCH", string, unknown];
  readonly refusedOn?: string;
}

const rows: Row[] = [
  {
    what: "a child's hard limit above the parent's month limit",
    request: (w) => ["POST", "/v1/pools", { parent: w.team, name: "A", limit: hard("101") }],
    refusedOn: "limit.amount",
  },
  {
    what: "a child's hard limit at the parent's month limit",
    request: (w) => ["POST", "/v1/pools", { parent: w.team, name: "A", limit: hard("100") }],
  },
  {
    what: "a soft week limit above the parent's month limit",
    request: (w) => [
      "POST",
      "/v1/pools",
      { parent: w.team, name: "A", limit: soft("101", "week") },
    ],
    refusedOn: "limit.amount",
  },
  {
    what: "a day limit at the parent's month limit",
    request: (w) => ["POST", "/v1/pools", { parent: w.team, name: "A", limit: hard("100", "day") }],
  },
  {
    what: "a grandchild's limit above its parent's, though within the team's",
    request: (w) => ["POST", "/v1/pools", { parent: w.child, name: "A", limit: hard("41") }],
    refusedOn: "limit.amount",
  },
  {
    what: "a grandchild's limit at its parent's",
    request: (w) => ["POST", "/v1/pools", { parent: w.child, name: "A", limit: hard("40") }],
  },
  {
    what: "a reservation above the parent's limit",
    request: (w) => ["POST", "/v1/pools", { parent: w.team, name: "A", reserved: per("101") }],
    refusedOn: "reserved.amount",
  },
  {
    what: "a reservation at the parent's limit",
    request: (w) => ["POST", "/v1/pools", { parent: w.team, name: "A", reserved: per("100") }],
  },
  {
    what: "a member cap above the pool's own limit",
    request: (w) => [
      "POST",
      "/v1/pools",
      { parent: w.team, name: "A", limit: hard("30"), member_cap: per("31") },
    ],
    refusedOn: "member_cap.amount",
  },
  {
    what: "a member cap at the pool's own limit",
    request: (w) => [
      "POST",
      "/v1/pools",
      { parent: w.team, name: "A", limit: hard("30"), member_cap: per("30") },
    ],
  },
  {
    what: "a key cap above the limit of the child it is set on",
    request: (w) => ["PATCH", `/v1/pools/${w.child}`, { key_cap: per("41") }],
    refusedOn: "key_cap.amount",
  },
  {
    what: "a key cap at that limit",
    request: (w) => ["PATCH", `/v1/pools/${w.child}`, { key_cap: per("40") }],
  },
  {
    what: "raising a child's limit past the parent's",
    request: (w) => ["PATCH", `/v1/pools/${w.child}`, { limit: hard("150") }],
    refusedOn: "limit.amount",
  },
  {
    what: "raising a child's limit to the parent's",
    request: (w) => ["PATCH", `/v1/pools/${w.child}`, { limit: hard("100") }],
  },
  {
    what: "renaming a child whatever its limit",
    request: (w) => ["PATCH", `/v1/pools/${w.child}`, { name: "Renamed" }],
  },
];

for (const store of storeNames) {
  describe(`within its parent's: a bound key's pools stay under the limits above (${store})`, () => {
    for (const row of rows) {
      const outcome = row.refusedOn === undefined ? "allowed" : `403 on ${row.refusedOn}`;
      it(`${row.what}: ${outcome}`, async (t) => {
        const w = await world(t, store);
        const [method, path, body] = row.request(w);
        const answer = await send(w, method, path, body);
        if (row.refusedOn === undefined) assert.ok(answer.status < 300, JSON.stringify(answer));
        else expectError(answer, 403, "permission_denied", row.refusedOn);
      });
    }

    it("holds an admin key bound to a pool to the same bounds", async (t) => {
      const w = await world(t, store);
      const bound = await w.api.keyFor(w.org, "admin", { pool: w.team });
      const body = { parent: w.team, name: "A", limit: hard("101") };
      const answer = await send(w, "POST", "/v1/pools", body, bound);
      expectError(answer, 403, "permission_denied", "limit.amount");
    });

    it("leaves keys of the whole organization unbounded", async (t) => {
      const w = await world(t, store);
      const body = { parent: w.team, name: "A", limit: hard("500") };
      const answer = await send(w, "POST", "/v1/pools", body, w.org.ownerKey);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    });
  });

  describe(`a pool_admin administers its subtree and nothing else (${store})`, () => {
    it("may not change its own pool: 403 on id", async (t) => {
      const w = await world(t, store);
      const raised = await send(w, "PATCH", `/v1/pools/${w.team}`, { limit: hard("1000") });
      expectError(raised, 403, "permission_denied", "id");
      const archived = await send(w, "POST", `/v1/pools/${w.team}/archive`, undefined);
      expectError(archived, 403, "permission_denied", "id");
    });

    it("does not reach a sibling: 404, as if it did not exist", async (t) => {
      const w = await world(t, store);
      const cases: [Answer, string][] = [
        [await send(w, "PATCH", `/v1/pools/${w.other}`, { name: "Mine" }), "id"],
        [await send(w, "POST", "/v1/pools", { parent: w.other, name: "Mine" }), "parent"],
        [await send(w, "POST", `/v1/pools/${w.other}/archive`, undefined), "id"],
        [await send(w, "POST", "/v1/keys", { name: "k", role: "agent", pool: w.other }), "pool"],
      ];
      for (const [answer, param] of cases) expectError(answer, 404, "pool_not_found", param);
    });

    it("archives an empty pool below its own", async (t) => {
      const w = await world(t, store);
      const answer = await send(w, "POST", `/v1/pools/${w.child}/archive`, undefined);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(typeof at(answer.body, "archived_at"), "string");
    });

    it("mints keys and members no more powerful than its own, bound inside its subtree", async (t) => {
      const w = await world(t, store);
      const agent = await send(w, "POST", "/v1/keys", { name: "bot", role: "agent" });
      assert.equal(at(agent.body, "pool"), w.team);
      const deputy = await send(w, "POST", "/v1/keys", {
        name: "deputy",
        role: "pool_admin",
        pool: w.child,
      });
      assert.equal(at(deputy.body, "pool"), w.child);
      const member = await send(w, "POST", "/v1/members", { name: "Ann", role: "member" });
      assert.equal(at(member.body, "pool"), w.team);
      const admin = await send(w, "POST", "/v1/keys", { name: "up", role: "admin" });
      expectError(admin, 403, "permission_denied", "role");
      const deputyKey = text(deputy.body, "secret");
      const above = await w.api.call("PATCH", `/v1/pools/${w.child}`, {
        key: deputyKey,
        body: { name: "Mine" },
      });
      expectError(above, 403, "permission_denied", "id");
    });

    it("reads the decision records of its subtree only", async (t) => {
      const w = await world(t, store);
      const refuse = (pool: string) =>
        w.api.ok("POST", "/v1/holds", { key: w.org.ownerKey, body: { pool, amount: "500" } });
      const inside = text(await refuse(w.child), "decision_id");
      const outside = text(
        await w.api.ok("POST", "/v1/holds", {
          key: w.org.ownerKey,
          body: { pool: w.other, amount: "5000" },
        }),
        "decision_id",
      );
      const read = await w.api.call("GET", `/v1/decisions/${inside}`, { key: w.admin });
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const hidden = await w.api.call("GET", `/v1/decisions/${outside}`, { key: w.admin });
      expectError(hidden, 404, "decision_not_found", "id");
    });
  });
}
