/**
 * Seats removed under `keep`, and a renewal that rolls over less than its cap, over HTTP on
 * every store: the worked example of docs/concepts/billing.md, figure for figure.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyLedger } from "@creditpool/core";
import {
  type ApiHarness,
  apiHarness,
  at,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const april1 = Date.UTC(2027, 3, 1);
const dayMs = 86_400_000;

const keeperPlan = {
  id: "keeper",
  name: "Keeper",
  currency: "USD",
  interval: "month",
  seat_price: 3000,
  credits_per_seat: "1000",
  rollover: { cap: { percent: 50 }, lifetime_days: 30 },
  seat_removal: "keep",
};

for (const store of stores) {
  describe(`seats removed under keep, a rollover under its cap (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let subscription = "";
    let included = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Keepers");
      api.clock.advance(april1 - api.clock.read());
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: keeperPlan });
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const toDay = (day: number) => api.clock.advance(april1 + (day - 1) * dayMs - api.clock.read());
    const available = async () => at(await get(`/v1/pools/${org.rootPoolId}`), "available");

    it("Apr 1: 4 seats, 4,000 credits, half of them may roll over", async () => {
      const made = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "keeper", seats: 4, time_zone: "UTC" },
      });
      subscription = text(made, "id");
      [included = ""] = at(made, "current_period.grants") as string[];
      assert.equal(at(await get(`/v1/grants/${included}`), "rollover.cap"), "2000");
    });

    it("Apr 16: down to 2 seats under keep: the credits and the price stay to the period's end", async () => {
      toDay(16);
      const changed = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: org.ownerKey,
        body: { seats: 2 },
      });
      assert.equal(at(changed, "seats"), 2);
      assert.equal(await available(), "4000");
      const invoice = await get(`/v1/invoices/${text(changed, "current_period.invoice")}`);
      assert.equal(at(invoice, "total"), "12000");
      assert.deepEqual(
        (at(invoice, "lines") as object[]).map((line) => at(line, "kind")),
        ["seats"],
      );
    });

    it("Apr 20: 3,000 used; May 1: all 1,000 left rolls over (under the cap of 2,000)", async () => {
      toDay(20);
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "april", pool: org.rootPoolId, amount: "3000" }] },
      });
      toDay(31);
      const renewed = await get(`/v1/subscriptions/${subscription}`);
      assert.equal(at(renewed, "current_period.included_credits"), "2000");
      const expired = await get(`/v1/grants/${included}`);
      assert.equal(at(expired, "status"), "expired");
      const rolled = await get(`/v1/grants/${text(expired, "rollover.grant")}`);
      assert.equal(at(rolled, "amount"), "1000");
      assert.equal(await available(), "3000");
      const journal = (await get(`/v1/transfers?grant=${included}&limit=100`)) as {
        data: { kind: string }[];
      };
      assert.ok(!journal.data.some((transfer) => transfer.kind === "expire"), "no breakage");
      const invoices = (await get(`/v1/invoices?subscription=${subscription}`)) as {
        data: { status: string; total: string }[];
      };
      const may = invoices.data.find((each) => each.status === "draft");
      assert.equal(may?.total, "6000");
    });

    it("the journal verifies", async () => {
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}
