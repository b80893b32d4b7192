/**
 * Usage billed at the period's end, over HTTP on every store: the worked example of
 * docs/concepts/billing.md "Overage and commitments", figure for figure. A plan with 1,000
 * included credits a month, overage at 2 cents a credit, and a $500 monthly commitment at 20% off;
 * a pool that may draw 10,000 credits of overage a month and leaves the rest as debt.
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
const april1 = Date.UTC(2027, 3, 1);
const dayMs = 86_400_000;

export const scalePlan = {
  id: "scale",
  name: "Scale",
  currency: "USD",
  interval: "month",
  base_price: 10000,
  credits_per_organization: "1000",
  overage_price: "2",
  commitment: { minimum: 50000, discount_percent: 20 },
};

type Line = { kind: string; description: string; amount: string };

for (const store of stores) {
  describe(`overage and a commitment's true-up, billed at the period's end (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let subscription = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Pay as you go");
      api.clock.advance(april1 - api.clock.read());
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: scalePlan });
      await api.ok("PATCH", `/v1/pools/${org.rootPoolId}`, {
        key: org.ownerKey,
        body: { overage_limit: { amount: "10000", period: "month" } },
      });
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const toDay = (day: number) => api.clock.advance(april1 + (day - 1) * dayMs - api.clock.read());
    const use = (id: string, amount: string, pool = org.rootPoolId) =>
      api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id, pool, amount }] },
      });
    const invoices = async () =>
      (
        (await get(`/v1/invoices?subscription=${subscription}`)) as {
          data: { status: string; period_start: string; total: string; lines: Line[] }[];
        }
      ).data.sort((a, b) => a.period_start.localeCompare(b.period_start));

    it("Apr 1: on the plan, 1,000 credits included, a draft of $100.00", async () => {
      const started = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "scale", seats: 0, time_zone: "UTC" },
      });
      subscription = text(started, "id");
      const [april] = await invoices();
      assert.equal(april?.total, "10000");
    });

    it("April: 13,000 credits used: 1,000 included, 10,000 overage, 2,000 debt", async () => {
      toDay(12);
      await use("april-1", "8000");
      toDay(25);
      await use("april-2", "5000");
      const pool = await get(`/v1/pools/${org.rootPoolId}`);
      assert.equal(at(pool, "debt"), "2000");
      assert.equal(at(pool, "overage_used_this_period"), "10000");
    });

    it("May 1: overage 12,000 × 2¢ × 80% = $192.00; true-up to $500 is $308.00", async () => {
      toDay(31);
      await get(`/v1/subscriptions/${subscription}`);
      const [april, may] = await invoices();
      assert.equal(april?.status, "finalized");
      assert.deepEqual(
        april?.lines.map((line) => [line.kind, line.amount]),
        [
          ["base", "10000"],
          ["overage", "19200"],
          ["commitment_true_up", "30800"],
        ],
      );
      assert.equal(april?.lines[1]?.description, "Overage: 12000 credits, 20% off");
      assert.equal(april?.total, "60000");
      assert.equal(may?.status, "draft");
      assert.equal(may?.total, "10000");
    });

    it("the debt billed is bought: a grant of 2,000 pays it, then May's 1,000 arrive", async () => {
      const pool = await get(`/v1/pools/${org.rootPoolId}`);
      assert.equal(at(pool, "debt"), "0");
      assert.equal(at(pool, "available"), "11000");
      const grants = (await get(`/v1/grants?pool=${org.rootPoolId}&limit=100`)) as {
        data: { source: string; amount: string; remaining: string; cost_basis: string }[];
      };
      const bought = grants.data.filter((grant) => grant.source === "purchase");
      assert.deepEqual(
        bought.map((grant) => [grant.amount, grant.remaining, grant.cost_basis]),
        [["2000", "0", "0.016"]],
      );
    });

    it("June 1: a month with no overage pays the whole minimum as true-up", async () => {
      api.clock.advance(Date.UTC(2027, 5, 1) - api.clock.read());
      await get(`/v1/subscriptions/${subscription}`);
      const [, may] = await invoices();
      assert.deepEqual(
        may?.lines.map((line) => [line.kind, line.amount]),
        [
          ["base", "10000"],
          ["commitment_true_up", "50000"],
        ],
      );
    });

    it("no second subscription on the same branch; a carrier's own debt is billed and settled there", async () => {
      const team = await api.pool(org, org.rootPoolId);
      expectError(
        await api.call("POST", "/v1/subscriptions", {
          key: org.ownerKey,
          body: { plan: "scale", seats: 0, pool: team },
        }),
        409,
        "subscription_exists",
        "pool",
      );
      // A lab that draws only from its own grants owes its debt itself: billed with the
      // subscription it is under, and bought back at the lab.
      const lab = await api.ok("POST", "/v1/pools", {
        key: org.ownerKey,
        body: { parent: org.rootPoolId, name: "Lab", draws_from_parent: false },
      });
      await use("lab-1", "700", text(lab, "id"));
      api.clock.advance(Date.UTC(2027, 6, 1) - api.clock.read());
      await get(`/v1/subscriptions/${subscription}`);
      const [, , june] = await invoices();
      assert.deepEqual(
        june?.lines.map((line) => [line.kind, line.amount]),
        [
          ["base", "10000"],
          ["overage", "1120"],
          ["commitment_true_up", "48880"],
        ],
      );
      assert.equal(at(await get(`/v1/pools/${text(lab, "id")}`), "debt"), "0");
    });

    it("renewing again bills nothing twice, and the journal verifies", async () => {
      const before = await api.snapshot(org);
      await get(`/v1/subscriptions/${subscription}`);
      assert.equal(await api.snapshot(org), before);
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}
