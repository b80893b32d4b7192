/**
 * Recurring grants over HTTP, on every store: the worked example of docs/concepts/ledger.md
 * ("Recurring grants"), figure for figure, with the test clock moved across periods and a
 * daylight saving change, and the journal it leaves verified.
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

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores) {
  describe(`a department's monthly budget, anchored in Paris (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let research = "";
    let schedule = "";
    const issued: string[] = [];

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Budgets");
      research = await api.pool(org, org.rootPoolId, { name: "Research" });
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const available = async () => at(await get(`/v1/pools/${research}`), "available");
    const to = (iso: string) => api.clock.advance(Date.parse(iso) - api.clock.read());
    const read = () => get(`/v1/recurring-grants/${schedule}`);

    it("Jan 15: made, anchored on Jan 1 in Paris; January's 500 are issued at once", async () => {
      to("2027-01-15T10:00:00Z");
      const made = await api.ok("POST", "/v1/recurring-grants", {
        key: org.ownerKey,
        body: {
          pool: research,
          amount: "500",
          source: "promotion",
          interval: "month",
          anchor_at: "2026-12-31T23:00:00Z",
          time_zone: "Europe/Paris",
          expiry: "period_end",
          rollover: { cap: "100", lifetime_days: 30 },
          periods: 12,
        },
      });
      schedule = text(made, "id");
      assert.equal(at(made, "status"), "active");
      assert.equal(at(made, "periods_issued"), 1);
      assert.equal(at(made, "next_issue_at"), "2027-01-31T23:00:00.000Z");
      const grants = at(made, "grants") as string[];
      assert.equal(grants.length, 1);
      issued.push(...grants);
      // The grant's id is chosen with the decision: the first answer names it already.
      const january = await get(`/v1/grants/${issued[0]}`);
      assert.equal(at(january, "amount"), "500");
      assert.equal(at(january, "source"), "promotion");
      assert.equal(at(january, "effective_at"), "2026-12-31T23:00:00.000Z");
      assert.equal(at(january, "expires_at"), "2027-01-31T23:00:00.000Z");
      assert.equal(at(january, "rollover.cap"), "100");
      assert.equal(at(january, "rollover.expires_at"), "2027-03-02T23:00:00.000Z");
      assert.equal(await available(), "500");
    });

    it("Jan 20: the department uses 450", async () => {
      to("2027-01-20T09:00:00Z");
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "run-1", pool: research, amount: "450" }] },
      });
      assert.equal(await available(), "50");
    });

    it("Feb 1: January's 50 roll over, February's 500 are issued", async () => {
      to("2027-02-01T08:00:00Z");
      const read1 = await read();
      assert.equal(at(read1, "periods_issued"), 2);
      assert.equal(at(read1, "next_issue_at"), "2027-02-28T23:00:00.000Z");
      const grants = at(read1, "grants") as string[];
      assert.deepEqual(grants.slice(0, 1), issued);
      issued.splice(0, issued.length, ...grants);
      const february = await get(`/v1/grants/${issued[1]}`);
      assert.equal(at(february, "effective_at"), "2027-01-31T23:00:00.000Z");
      assert.equal(at(february, "expires_at"), "2027-02-28T23:00:00.000Z");
      assert.equal(await available(), "550");
      // Reading again issues nothing more.
      assert.equal(at(await read(), "periods_issued"), 2);
    });

    it("Mar 1: the March grant; April's starts at 22:00 UTC, Paris on summer time", async () => {
      to("2027-03-01T08:00:00Z");
      const read1 = await read();
      assert.equal(at(read1, "periods_issued"), 3);
      assert.equal(at(read1, "next_issue_at"), "2027-03-31T22:00:00.000Z");
      // February's 500 left 100 rolled over, 400 expired; January's 50 live to Mar 2.
      assert.equal(await available(), "650");
    });

    it("Mar 10: canceled; the grants issued stay, and no April grant comes", async () => {
      to("2027-03-10T08:00:00Z");
      assert.equal(await available(), "600");
      const canceled = await api.ok("POST", `/v1/recurring-grants/${schedule}/cancel`, {
        key: org.ownerKey,
      });
      assert.equal(at(canceled, "status"), "canceled");
      assert.equal(at(canceled, "next_issue_at"), null);
      assert.equal(at(canceled, "canceled_at"), "2027-03-10T08:00:00.000Z");
      to("2027-04-02T08:00:00Z");
      assert.equal(at(await read(), "periods_issued"), 3);
      assert.equal(at(await read(), "status"), "canceled");
      // March's 500 expired at its end, 100 of it rolled over to May 1.
      assert.equal(await available(), "100");
    });

    it("the journal verifies, and lists the schedule", async () => {
      const listed = await get("/v1/recurring-grants");
      assert.deepEqual(
        (at(listed, "data") as object[]).map((each) => at(each, "id")),
        [schedule],
      );
      const snapshot = await api.store.readSnapshot(org.organizationId);
      assert.deepEqual(verifyLedger(snapshot).violations, []);
      const fromSchedule = snapshot.grants.filter((grant) => grant.source === "promotion");
      assert.equal(fromSchedule.length, 3, "one grant a period, none twice");
    });
  });
}

describe("a recurring grant's count and refusals (memory)", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;

  before(async () => {
    api = await apiHarness({ store: "memory" });
    org = await api.newOrganization("Counts");
    api.clock.advance(Date.parse("2027-05-01T00:00:00Z") - api.clock.read());
  });
  after(() => api.close());

  it("completes after its count of periods, each issued once", async () => {
    const made = await api.ok("POST", "/v1/recurring-grants", {
      key: org.ownerKey,
      body: { pool: org.rootPoolId, amount: "1000", source: "plan", interval: "year", periods: 2 },
    });
    const id = text(made, "id");
    api.clock.advance(3 * 366 * 86_400_000);
    const read = await api.ok("GET", `/v1/recurring-grants/${id}`, { key: org.ownerKey });
    assert.equal(at(read, "status"), "completed");
    assert.equal(at(read, "periods_issued"), 2);
    assert.equal(at(read, "next_issue_at"), null);
    const pool = await api.ok("GET", `/v1/pools/${org.rootPoolId}`, { key: org.ownerKey });
    assert.equal(at(pool, "available"), "2000");
  });

  it("refuses a rollover without an expiry, naming the field, and writes nothing", async () => {
    const before = await api.snapshot(org);
    const answer = await api.call("POST", "/v1/recurring-grants", {
      key: org.ownerKey,
      body: {
        pool: org.rootPoolId,
        amount: "10",
        source: "promotion",
        interval: "month",
        rollover: { cap: "5", lifetime_days: 10 },
      },
    });
    expectError(answer, 400, "invalid_request", "rollover");
    assert.equal(await api.snapshot(org), before);
  });

  it("refuses an anchor more than 35 days back", async () => {
    const answer = await api.call("POST", "/v1/recurring-grants", {
      key: org.ownerKey,
      body: {
        pool: org.rootPoolId,
        amount: "10",
        source: "promotion",
        interval: "month",
        anchor_at: "2027-03-01T00:00:00Z",
      },
    });
    expectError(answer, 400, "invalid_request", "anchor_at");
  });
});
