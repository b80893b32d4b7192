/**
 * Test clocks over HTTP on every store: an organization made for trying things moves forward in
 * time on request, and renewals, rollover, hold expiry and auto top-ups follow, while the
 * server's own clock stands still. Time never runs backwards, and only an empty organization
 * gets a clock.
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
import { teamPlan } from "./support/billing-world.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const dayMs = 86_400_000;

for (const store of stores) {
  describe(`test clocks (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let clock = "";
    let subscription = "";
    let recurring = "";
    const started = () => api.clock.read();
    const iso = (ms: number) => new Date(ms).toISOString();

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Sandbox");
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: teamPlan });
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const advance = (to: number, key = org.ownerKey) =>
      api.call("POST", `/v1/test-clocks/${clock}/advance`, { key, body: { to: iso(to) } });

    it("an empty organization gets a clock at its time; asking again answers it", async () => {
      const made = await api.ok("POST", "/v1/test-clocks", { key: org.ownerKey });
      clock = text(made, "id");
      assert.equal(at(made, "organization"), org.organizationId);
      assert.equal(at(made, "time"), iso(started()));
      const listed = (await get("/v1/test-clocks")) as { data: { id: string }[] };
      assert.deepEqual(
        listed.data.map((each) => each.id),
        [clock],
      );
      const again = await api.call("POST", "/v1/test-clocks", { key: org.ownerKey });
      assert.equal(again.status, 200);
      assert.equal(at(again.body, "id"), clock);
    });

    it("an organization with a ledger gets none", async () => {
      const busy = await api.newOrganization("Busy");
      await api.grant(busy, busy.rootPoolId, "10");
      expectError(
        await api.call("POST", "/v1/test-clocks", { key: busy.ownerKey }),
        409,
        "test_clock_unavailable",
      );
    });

    it("40 days on: the subscription renewed, the hold expired, the server's clock unmoved", async () => {
      const schedule = await api.ok("POST", "/v1/recurring-grants", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "5", source: "promotion", interval: "month" },
      });
      recurring = text(schedule, "id");
      const made = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "team", seats: 2, time_zone: "UTC" },
      });
      subscription = text(made, "id");
      const hold = await api.ok("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "100", ttl_seconds: 3600 },
      });
      const moved = await advance(started() + 40 * dayMs);
      assert.equal(moved.status, 200);
      assert.equal(at(moved.body, "time"), iso(started() + 40 * dayMs));
      const renewed = await get(`/v1/subscriptions/${subscription}`);
      assert.equal(at(renewed, "current_period.index"), 1);
      const invoices = (await get(`/v1/invoices?subscription=${subscription}`)) as {
        data: { status: string }[];
      };
      assert.deepEqual(invoices.data.map((each) => each.status).sort(), ["draft", "finalized"]);
      assert.equal(at(await get(`/v1/holds/${text(hold, "hold.id")}`), "status"), "expired");
      // The first period's credits expired with it (this plan rolls nothing over): the second's,
      // and the recurring grant's two months of 5 (a promotion never expires here).
      assert.equal(at(await get(`/v1/pools/${org.rootPoolId}`), "available"), "2010");
      const read = await get(`/v1/test-clocks/${clock}`);
      assert.equal(at(read, "time"), iso(started() + 40 * dayMs));
      // The recurring grant issued its second month at the clock's time, not the server's.
      const issued = await api.ok("GET", `/v1/recurring-grants/${recurring}`, {
        key: org.ownerKey,
      });
      assert.equal(at(issued, "periods_issued"), 2);
    });

    it("time never runs backwards, and an advance is at most 366 days", async () => {
      expectError(await advance(started() + 39 * dayMs), 400, "invalid_request", "to");
      expectError(await advance(started() + 407 * dayMs), 400, "invalid_request", "to");
      const same = await advance(started() + 40 * dayMs);
      assert.equal(same.status, 200, "advancing to where it is changes nothing");
    });

    it("the operator may advance it; a member key, another organization's key may not", async () => {
      const member = await api.keyFor(org, "member");
      expectError(await advance(started() + 41 * dayMs, member), 403, "permission_denied");
      const other = await api.newOrganization("Other");
      expectError(
        await api.call("GET", `/v1/test-clocks/${clock}`, { key: other.ownerKey }),
        404,
        "test_clock_not_found",
        "id",
      );
      expectError(
        await advance(started() + 41 * dayMs, other.ownerKey),
        404,
        "test_clock_not_found",
      );
      const byOperator = await advance(started() + 41 * dayMs, api.operatorKey);
      assert.equal(byOperator.status, 200);
    });

    it("the journal verifies", async () => {
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}
