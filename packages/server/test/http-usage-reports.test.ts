/**
 * The usage reports over HTTP on every store: a small organization (a root, two departments,
 * grants at a cost basis, usage, one part uncovered) and each report's figures worked by hand.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  type OrganizationFixture,
  type StoreName,
  storeNames,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const march1 = Date.UTC(2027, 2, 1);
const hourMs = 3_600_000;

for (const store of stores)
  describe(`usage reports (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    const pools = { eng: "", ops: "" };
    let uses = 0;
    const use = (pool: string, amount: string) => {
      uses += 1;
      return api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: `use-${uses}`, pool, amount }] },
      });
    };

    before(async () => {
      api = await apiHarness({ store });
      api.clock.advance(march1 - api.clock.read());
      org = await api.newOrganization("Reports");
      pools.eng = await api.pool(org, org.rootPoolId, { name: "Engineering, R&D" });
      pools.ops = await api.pool(org, org.rootPoolId, { name: "Ops" });
      await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "100", source: "purchase", cost_basis: "0.5" },
      });
      api.clock.advance(hourMs);
      await use(pools.eng, "60");
      api.clock.advance(24 * hourMs);
      await use(pools.ops, "30");
      await use(org.rootPoolId, "5");
      // 5 credits are left: 10 more leaves 5 uncovered, as debt on the root.
      await use(pools.ops, "10");
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const span = "from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z";

    it("usage by day and department: 60 on day one, 45 on day two, 5 of it uncovered", async () => {
      const report = await get(`/v1/reports/usage?${span}&interval=day&group_by=pool`);
      assert.deepEqual(at(report, "total"), { credits: "105", money: "50", uncovered: "5" });
      const rows = (at(report, "rows") as { start: string; group: string; credits: string }[]).map(
        (row) => `${row.start.slice(0, 10)} ${row.group} ${row.credits}`,
      );
      assert.deepEqual(rows, [
        `2027-03-01 ${pools.eng} 60`,
        `2027-03-02 ${pools.ops} 40`,
        `2027-03-02 ${org.rootPoolId} 5`,
      ]);
      assert.equal(at(report, "groups.0.name"), "Engineering, R&D");
      assert.equal((at(report, "summed_to_sequence") as number) > 0, true);
    });

    it("chargeback: each department's share, the root's own as (direct); CSV quotes names", async () => {
      const report = await get(`/v1/reports/chargeback?${span}`);
      const departments = (at(report, "departments") as { name: string; share: string }[]).map(
        (d) => `${d.name} ${d.share}`,
      );
      assert.deepEqual(departments, ["Engineering, R&D 57.14", "Ops 38.1", "(direct) 4.76"]);
      const csv = await api.call("GET", `/v1/reports/chargeback?${span}&format=csv`, {
        key: org.ownerKey,
      });
      const lines = String(csv.body).trim().split("\r\n");
      assert.equal(lines[0], "pool,name,credits,money,uncovered,share");
      assert.equal(lines[1], `${pools.eng},"Engineering, R&D",60,30,0,57.14`);
    });

    it("top consumers by pool: each pool on its own", async () => {
      const report = await get(`/v1/reports/top-consumers?${span}&by=pool&limit=1`);
      assert.deepEqual(at(report, "consumers.0"), {
        id: pools.eng,
        name: "Engineering, R&D",
        credits: "60",
        money: "30",
        uncovered: "0",
        share: "57.14",
      });
      assert.equal((at(report, "consumers") as unknown[]).length, 1);
    });

    it("forecast: 105 consumed over a 2-day window burns 52.5 a day; nothing is left", async () => {
      const report = await get("/v1/reports/forecast?window=2");
      assert.equal(at(report, "consumed_in_window"), "105");
      assert.equal(at(report, "burn_per_day"), "52.5");
      assert.equal(at(report, "available"), "0");
      assert.equal(at(report, "days_left"), "0.0");
    });

    it("a stranger's key sees none of it, and the organization's pools are not found", async () => {
      const stranger = await api.newOrganization("Stranger");
      const read = (path: string) => api.call("GET", path, { key: stranger.ownerKey });
      const own = await read(`/v1/reports/chargeback?${span}`);
      assert.equal(own.status, 200);
      assert.deepEqual(at(own.body, "total"), { credits: "0", money: "0", uncovered: "0" });
      assert.deepEqual(at(own.body, "departments"), []);
      assert.equal(at(own.body, "pool"), stranger.rootPoolId);
      for (const path of [
        `/v1/reports/usage?${span}&interval=day&pool=${pools.eng}`,
        `/v1/reports/top-consumers?${span}&pool=${org.rootPoolId}`,
        `/v1/reports/chargeback?${span}&pool=${pools.ops}`,
        `/v1/reports/forecast?pool=${pools.eng}`,
      ]) {
        const answer = await read(path);
        assert.equal(answer.status, 404, path);
        assert.equal(at(answer.body, "error.code"), "pool_not_found");
        assert.equal(at(answer.body, "error.param"), "pool");
      }
    });

    it("a key bound to a pool reports on its subtree only, by default and when asked", async () => {
      const key = await api.keyFor(org, "viewer", { pool: pools.ops });
      const read = (path: string) => api.call("GET", path, { key });
      const usage = await read(`/v1/reports/usage?${span}&interval=day&group_by=pool`);
      assert.equal(at(usage.body, "pool"), pools.ops);
      assert.deepEqual(at(usage.body, "total"), { credits: "40", money: "17.5", uncovered: "5" });
      const top = await read(`/v1/reports/top-consumers?${span}&by=pool`);
      assert.deepEqual(
        (at(top.body, "consumers") as { id: string }[]).map((c) => c.id),
        [pools.ops],
      );
      const forecast = await read("/v1/reports/forecast?window=2");
      assert.equal(at(forecast.body, "consumed_in_window"), "40");
      for (const path of [
        `/v1/reports/chargeback?${span}&pool=${org.rootPoolId}`,
        `/v1/reports/usage?${span}&interval=day&pool=${pools.eng}`,
        `/v1/reports/forecast?pool=${org.rootPoolId}`,
      ]) {
        const answer = await read(path);
        assert.equal(answer.status, 404, path);
        assert.equal(at(answer.body, "error.code"), "pool_not_found");
      }
    });

    it("refuses a span of too many periods, naming interval", async () => {
      const answer = await api.call(
        "GET",
        "/v1/reports/usage?from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z&interval=hour",
        { key: org.ownerKey },
      );
      assert.equal(answer.status, 400);
      assert.equal(at(answer.body, "error.param"), "interval");
    });
  });
