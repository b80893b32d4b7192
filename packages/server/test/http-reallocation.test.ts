/**
 * Reallocation and boosts over HTTP: a grant's remainder moves to another pool of its carrier and
 * back within the undo window, refusals name the field and write nothing, and a boost raises a
 * pool's hard limit until its time (the test clock), then lapses by itself.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyLedger } from "@creditpool/core";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const hourMs = 3_600_000;
const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores) {
  describe(`reallocation and boosts (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Moves");
    });
    after(() => api.close());

    const key = () => org.ownerKey;
    const iso = (offsetMs: number) => new Date(api.clock.read() + offsetMs).toISOString();
    const reallocate = (grant: string, body: object) =>
      api.call("POST", `/v1/grants/${grant}/reallocate`, { key: key(), body });
    const undo = (grant: string) =>
      api.call("POST", `/v1/grants/${grant}/undo-reallocation`, { key: key(), body: {} });
    const grantAt = async (pool: string) =>
      text(
        await api.ok("POST", "/v1/grants", {
          key: key(),
          body: { pool, amount: "10", source: "purchase", cost_basis: "0.5" },
        }),
        "id",
      );

    it("moves part of a grant to a sibling and answers the new grant, linked", async () => {
      const team = await api.pool(org, org.rootPoolId);
      const source = await grantAt(org.rootPoolId);
      const answer = await reallocate(source, { pool: team, amount: "4" });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(at(answer.body, "pool"), team);
      assert.equal(at(answer.body, "amount"), "4");
      assert.equal(at(answer.body, "cost_basis"), "0.5");
      assert.equal(at(answer.body, "reallocated_from"), source);
      const left = await api.ok("GET", `/v1/grants/${source}`, { key: key() });
      assert.equal(at(left, "remaining"), "6");
      const audit = (await api.ok("GET", "/v1/audit-records?limit=100", { key: key() })) as {
        data: { action: string }[];
      };
      assert.ok(audit.data.some((record) => record.action === "grant.reallocated"));
    });

    it("undoes within the window what is unspent, and refuses past it", async () => {
      const team = await api.pool(org, org.rootPoolId);
      const source = await grantAt(org.rootPoolId);
      const moved = text(
        await reallocate(source, { pool: team, amount: "5" }).then((a) => a.body),
        "id",
      );
      await api.hold(org, team, "2");
      const undone = await undo(moved);
      assert.equal(undone.status, 200, JSON.stringify(undone.body));
      assert.equal(at(undone.body, "remaining"), "0");
      const back = await api.ok("GET", `/v1/grants/${source}`, { key: key() });
      assert.equal(at(back, "remaining"), "8");
      const late = text(
        await reallocate(source, { pool: team, amount: "1" }).then((a) => a.body),
        "id",
      );
      api.clock.advance(25 * hourMs);
      expectError(await undo(late), 409, "reallocation_not_undoable", "id");
      expectError(await undo(source), 409, "reallocation_not_undoable", "id");
    });

    it("moves all of a grant, and the undo finds the spent source again", async () => {
      const team = await api.pool(org, org.rootPoolId);
      const source = await grantAt(org.rootPoolId);
      const moved = await reallocate(source, { pool: team, amount: "10" });
      assert.equal(moved.status, 201, JSON.stringify(moved.body));
      const undone = await undo(text(moved.body, "id"));
      assert.equal(undone.status, 200, JSON.stringify(undone.body));
      const back = await api.ok("GET", `/v1/grants/${source}`, { key: key() });
      assert.equal(at(back, "remaining"), "10");
    });

    it("refuses naming the field and writes nothing", async () => {
      const team = await api.pool(org, org.rootPoolId);
      const own = text(
        await api.ok("POST", "/v1/pools", {
          key: key(),
          body: { parent: org.rootPoolId, name: "own", draws_from_parent: false },
        }),
        "id",
      );
      const source = await grantAt(org.rootPoolId);
      const before = await api.snapshot(org);
      expectError(
        await reallocate(source, { pool: team, amount: "11" }),
        400,
        "invalid_request",
        "amount",
      );
      expectError(
        await reallocate(source, { pool: org.rootPoolId, amount: "1" }),
        400,
        "invalid_request",
        "pool",
      );
      expectError(
        await reallocate(source, { pool: own, amount: "1" }),
        422,
        "reallocation_target_outside",
        "pool",
      );
      expectError(await reallocate(source, { pool: team }), 400, "invalid_request", "amount");
      assert.equal(await api.snapshot(org), before);
    });

    it("a boost raises the hard limit until its time, then lapses by itself", async () => {
      const limit = { amount: "5", kind: "hard", period: "month" };
      const capped = await api.pool(org, org.rootPoolId, { limit });
      await grantAt(capped);
      const hold = (amount: string) =>
        api.ok("POST", "/v1/holds", {
          key: key(),
          body: { pool: capped, amount, ttl_seconds: 60 },
        });
      assert.equal(at(await hold("8"), "allowed"), false);
      const boosted = await api.call("POST", `/v1/pools/${capped}/boost`, {
        key: key(),
        body: { amount: "5", until: iso(hourMs) },
      });
      assert.equal(boosted.status, 200, JSON.stringify(boosted.body));
      assert.deepEqual(at(boosted.body, "boost"), { amount: "5", until: iso(hourMs) });
      const held = await hold("8");
      assert.equal(at(held, "allowed"), true);
      await api.ok("POST", `/v1/holds/${text(held, "hold.id")}/release`, { key: key(), body: {} });
      api.clock.advance(hourMs);
      assert.equal(at(await hold("8"), "allowed"), false);
      const pool = await api.ok("GET", `/v1/pools/${capped}`, { key: key() });
      assert.equal(at(pool, "boost"), null);
    });

    it("DELETE ends a boost at once; until is refused past 31 days and on a pool without a limit", async () => {
      const limit = { amount: "5", kind: "hard", period: "month" };
      const capped = await api.pool(org, org.rootPoolId, { limit });
      const body = { amount: "5", until: iso(hourMs) };
      await api.ok("POST", `/v1/pools/${capped}/boost`, { key: key(), body });
      const ended = await api.ok("DELETE", `/v1/pools/${capped}/boost`, { key: key() });
      assert.equal(at(ended, "boost"), null);
      const far = { amount: "5", until: iso(32 * 24 * hourMs) };
      const farAnswer = await api.call("POST", `/v1/pools/${capped}/boost`, {
        key: key(),
        body: far,
      });
      expectError(farAnswer, 400, "invalid_request", "until");
      const open = await api.pool(org, org.rootPoolId);
      const openAnswer = await api.call("POST", `/v1/pools/${open}/boost`, { key: key(), body });
      expectError(openAnswer, 400, "invalid_request", "amount");
    });

    it("a key bound to a pool does not reallocate: grants.write is not a bound key's", async () => {
      const team = await api.pool(org, org.rootPoolId);
      const below = await api.pool(org, team);
      const made = await api.ok("POST", "/v1/keys", {
        key: key(),
        body: { name: "lead", role: "admin", pool: team },
      });
      const source = await grantAt(team);
      const answer = await api.call("POST", `/v1/grants/${source}/reallocate`, {
        key: text(made, "secret"),
        body: { pool: below, amount: "1" },
      });
      expectError(answer, 403, "permission_denied");
    });

    it("a bound key's boost keeps the limit within its parent's", async () => {
      const limit = { amount: "10", kind: "hard", period: "month" };
      const team = await api.pool(org, org.rootPoolId, { limit });
      const below = await api.pool(org, team, { limit: { ...limit, amount: "8" } });
      const made = await api.ok("POST", "/v1/keys", {
        key: key(),
        body: { name: "lead", role: "pool_admin", pool: team },
      });
      const boost = (amount: string) =>
        api.call("POST", `/v1/pools/${below}/boost`, {
          key: text(made, "secret"),
          body: { amount, until: iso(hourMs) },
        });
      expectError(await boost("3"), 403, "permission_denied", "limit.amount");
      assert.equal((await boost("2")).status, 200);
    });

    it("the journal verifies", async () => {
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}
