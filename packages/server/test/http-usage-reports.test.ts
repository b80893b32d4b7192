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

    it("buyer's math with prices given: 127.5 per seat, 42 by the credit, 50 hybrid", async () => {
      const prices =
        "seat_price=20&seat_credits=10&overage_price=0.5&credit_price=0.4" +
        "&hybrid_seat_price=10&hybrid_seat_credits=20&members=4";
      const report = await get(`/v1/reports/buyers-math?${span}&${prices}`);
      // One user, (none), consumed 105: 4 × 20 + (105 − 10) × 0.5; 105 × 0.4; 4 × 10 + (105 − 80) × 0.4.
      assert.deepEqual(at(report, "costs"), {
        per_seat: "127.5",
        credit_based: "42",
        hybrid: "50",
      });
      assert.equal(at(report, "cheapest"), "credit_based");
      assert.deepEqual(at(report, "usage"), {
        total: "105",
        per_member_average: "26.25",
        per_member_max: "105",
      });
      const curve = at(report, "curve") as { scale: number }[];
      assert.equal(curve.length, 21);
      assert.deepEqual(curve[20], {
        scale: 2,
        credits_per_member: "52.5",
        per_seat: "180",
        credit_based: "84",
        hybrid: "92",
      });
      assert.deepEqual(curve[0], {
        scale: 0,
        credits_per_member: "0",
        per_seat: "80",
        credit_based: "0",
        hybrid: "40",
      });
    });

    it("buyer's math defaults: the average cost basis, one seat per user, break-even at 105", async () => {
      const report = await get(`/v1/reports/buyers-math?${span}`);
      // 100 covered credits cost 50: 0.5 a credit; a seat is the average use, 105 at 0.5.
      assert.deepEqual(at(report, "inputs"), {
        seat_price: "52.5",
        seat_credits: "105",
        overage_price: "0.5",
        credit_price: "0.5",
        hybrid_seat_price: "26.25",
        hybrid_seat_credits: "52.5",
        members: 1,
      });
      assert.deepEqual(at(report, "costs"), {
        per_seat: "52.5",
        credit_based: "52.5",
        hybrid: "52.5",
      });
      assert.deepEqual(at(report, "break_even.0"), {
        between: ["per_seat", "credit_based"],
        credits_per_member: "105",
      });
    });

    it("pooling: one pool of 105 serves it all; two quotas of 52.5 block half", async () => {
      const report = await get(`/v1/reports/pooling?${span}&members=2`);
      assert.equal(at(report, "capacity"), "105");
      assert.equal(at(report, "quota_per_member"), "52.5");
      assert.deepEqual(at(report, "pooled"), { served: "105", blocked: "0", stranded: "0" });
      assert.deepEqual(at(report, "siloed"), {
        served: "52.5",
        blocked: "52.5",
        stranded: "52.5",
        members_blocked: 1,
      });
      assert.deepEqual(at(report, "per_member"), [
        {
          member: "(none)",
          name: null,
          usage: "105",
          quota: "52.5",
          served: "52.5",
          blocked: "52.5",
          stranded: "0",
          blocked_at: "2027-03-01T01:00:00.000Z",
        },
      ]);
      assert.deepEqual(at(report, "series"), [
        { date: "2027-03-01", pooled_served: "60", siloed_served: "52.5" },
        { date: "2027-03-02", pooled_served: "105", siloed_served: "52.5" },
      ]);
    });

    it("pooling refuses a span longer than a quarter, naming to", async () => {
      const answer = await api.call(
        "GET",
        "/v1/reports/pooling?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z",
        { key: org.ownerKey },
      );
      assert.equal(answer.status, 400);
      assert.equal(at(answer.body, "error.param"), "to");
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

/**
 * Attributed consumption written straight into the journal: the memory store keeps a transfer's
 * attribution as it is given, so two members can consume before the services pass it along.
 */
describe("buyer's math and pooling count the members who consumed (memory)", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  before(async () => {
    api = await apiHarness({ store: "memory" });
    api.clock.advance(march1 - api.clock.read());
    org = await api.newOrganization("Members");
    await api.store.transaction(async (tx) => {
      const row = (await tx.lockOrganizations([org.organizationId])).get(org.organizationId);
      assert.ok(row !== undefined);
      const consumed = (sequence: number, member: string, credits: bigint) => ({
        id: `tr_${sequence}`,
        sequence,
        kind: "usage" as const,
        debitAccount: "overage",
        creditAccount: `consumed:${org.rootPoolId}`,
        amount: credits * 1_000_000n,
        poolId: org.rootPoolId,
        grantId: null,
        holdId: null,
        rateCardVersion: null,
        at: march1 + sequence * hourMs,
        attribution: { memberId: member, keyId: null, model: null, meters: {}, tags: {} },
      });
      const first = row.nextSequence;
      await tx.write({
        organization: { ...row, version: row.version + 1, nextSequence: first + 2 },
        pools: [],
        grants: [],
        holds: [],
        transfers: [consumed(first, "mem_a", 30n), consumed(first + 1, "mem_b", 10n)],
        answers: [],
        tallies: [],
        decisions: [],
      });
    });
  });
  after(() => api.close());
  const span = "from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z";

  for (const route of ["buyers-math", "pooling"])
    it(`${route}: members below the two who consumed is a 400 naming members`, async () => {
      const answer = await api.call("GET", `/v1/reports/${route}?${span}&members=1`, {
        key: org.ownerKey,
      });
      assert.equal(answer.status, 400);
      assert.equal(at(answer.body, "error.param"), "members");
    });

  it("buyers-math: two users by default; per seat, each seat's credits its own member's", async () => {
    const answer = await api.ok(
      "GET",
      `/v1/reports/buyers-math?${span}&seat_price=1&seat_credits=20&overage_price=1&credit_price=0`,
      { key: org.ownerKey },
    );
    // 2 × 1 + (30 − 20) × 1 + 0: mem_b's unused 10 do not cover mem_a's overage.
    assert.equal(at(answer, "members"), 2);
    assert.equal(at(answer, "costs.per_seat"), "12");
    assert.equal(at(answer, "usage.per_member_max"), "30");
  });
});
