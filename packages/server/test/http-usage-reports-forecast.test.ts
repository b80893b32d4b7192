/**
 * The forecast over HTTP on every store, along each pool's draw chain: a child sharing its
 * parent's grant with a sibling, and a self-funded department beside a parent's expiring grant.
 * Figures worked by hand.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ApiHarness, apiHarness, at, type StoreName, storeNames } from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const march1 = Date.UTC(2027, 2, 1);
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

for (const store of stores)
  describe(`forecast along the draw chain (${store})`, () => {
    let api: ApiHarness;
    let uses = 0;
    const use = (key: string, pool: string, amount: string) => {
      uses += 1;
      return api.ok("POST", "/v1/usage", {
        key,
        body: { events: [{ id: `use-${uses}`, pool, amount }] },
      });
    };

    before(async () => {
      api = await apiHarness({ store });
      api.clock.advance(march1 + hourMs - api.clock.read());
    });
    after(() => api.close());

    it("a child's history counts what its sibling drew from the shared grant: 100, 70, 20", async () => {
      const org = await api.newOrganization("Shared");
      const a = await api.pool(org, org.rootPoolId);
      const b = await api.pool(org, org.rootPoolId);
      await api.grant(org, org.rootPoolId, "100");
      api.clock.advance(dayMs);
      await use(org.ownerKey, a, "30");
      api.clock.advance(dayMs);
      await use(org.ownerKey, b, "50");
      const read = (pool: string) =>
        api.ok("GET", `/v1/reports/forecast?window=3&pool=${pool}`, { key: org.ownerKey });
      const balances = (report: unknown) =>
        (at(report, "history") as { balance: string }[]).map((day) => day.balance);
      const ofA = await read(a);
      assert.equal(at(ofA, "available"), "20");
      assert.equal(at(ofA, "consumed_in_window"), "30");
      assert.deepEqual(balances(ofA), ["100", "70", "20"]);
      const ofRoot = await read(org.rootPoolId);
      assert.deepEqual(balances(ofRoot), ["100", "70", "20"]);
      assert.deepEqual(
        (at(ofRoot, "pools") as { pool: string; consumed_in_window: string }[]).map((pool) => [
          pool.pool,
          pool.consumed_in_window,
        ]),
        [
          [b, "50"],
          [a, "30"],
        ],
      );
      assert.deepEqual(at(ofRoot, "others"), {
        pools: 0,
        consumed_in_window: "0",
        burn_per_day: "0",
      });
    });

    it("a self-funded department is not cut short by its parent's expiring grant: 99 days", async () => {
      const org = await api.newOrganization("Self-funded");
      const research = await api.pool(org, org.rootPoolId, { draws_from_parent: false });
      const expiresAt = new Date(api.clock.read() + 5 * dayMs).toISOString();
      await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "100", source: "purchase", expires_at: expiresAt },
      });
      await api.grant(org, research, "100");
      await use(org.ownerKey, research, "1");
      const report = await api.ok("GET", `/v1/reports/forecast?window=1&pool=${research}`, {
        key: org.ownerKey,
      });
      assert.equal(at(report, "available"), "99");
      assert.equal(at(report, "burn_per_day"), "1");
      assert.deepEqual(at(report, "expiring"), []);
      assert.equal(at(report, "days_left"), "99.0");
      // The root's own line does lose its grant at expiry: 100 left, 0 after 5 days.
      const root = await api.ok("GET", "/v1/reports/forecast?window=1", { key: org.ownerKey });
      assert.deepEqual(at(root, "expiring"), [{ at: expiresAt, credits: "100" }]);
      assert.equal(at(root, "days_left"), "5.0");
    });
  });
