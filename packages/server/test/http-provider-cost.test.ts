/**
 * Provider cost over HTTP on every store: a rate card shows its costs, keeps one cost currency
 * per organization (a refused version writes nothing), and a hold sized from a quote keeps the
 * quote's cost, scaled by captured ÷ held when it is captured by amount, rounded half up once.
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
const span = "from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z";

for (const store of stores)
  describe(`provider cost (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let version = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Costed");
      await api.grant(org, org.rootPoolId, "1000");
      const card = await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: {
          cost_currency: "USD",
          prices: [
            { meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.002" },
            {
              meter: "page",
              tiers: [
                { up_to: 10, credits_per_unit: "2", cost_per_unit: "0.01" },
                { up_to: null, credits_per_unit: "1", cost_per_unit: "0.001" },
              ],
            },
          ],
        },
      });
      version = at(card, "id") as string;
    });
    after(() => api.close());

    const post = (path: string, body: unknown) =>
      api.call("POST", path, { key: org.ownerKey, body });
    const costOf = async (group: string) => {
      const report = await api.ok("GET", `/v1/reports/margin?${span}&group_by=rate_card`, {
        key: org.ownerKey,
      });
      const groups = at(report, "groups") as Record<string, string>[];
      return groups.find((each) => each.group === group);
    };

    it("shows each tier's cost and the card's cost currency", async () => {
      const list = await api.ok("GET", "/v1/rate-cards", { key: org.ownerKey });
      assert.equal(at(list, "data.0.cost_currency"), "USD");
      assert.deepEqual(at(list, "data.0.prices.1.tiers"), [
        { up_to: 10, credits_per_unit: "2", cost_per_unit: "0.01" },
        { up_to: null, credits_per_unit: "1", cost_per_unit: "0.001" },
      ]);
    });

    it("shows the costs only to keys that read the margin: a member's key reads the prices", async () => {
      const member = await api.keyFor(org, "member");
      const list = await api.ok("GET", "/v1/rate-cards", { key: member });
      assert.equal(at(list, "data.0.cost_currency"), undefined);
      assert.deepEqual(at(list, "data.0.prices.1.tiers"), [
        { up_to: 10, credits_per_unit: "2" },
        { up_to: null, credits_per_unit: "1" },
      ]);
      assert.equal(at(list, "data.0.in_force"), true);
      const viewer = await api.keyFor(org, "viewer");
      const seen = await api.ok("GET", "/v1/rate-cards", { key: viewer });
      assert.equal(at(seen, "data.0.prices.0.tiers.0.cost_per_unit"), "0.002");
    });

    it("refuses a version in another cost currency on cost_currency, and writes nothing", async () => {
      const refused = await post("/v1/rate-cards", {
        cost_currency: "EUR",
        prices: [{ meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.002" }],
      });
      assert.equal(refused.status, 400);
      assert.equal(at(refused.body, "error.param"), "cost_currency");
      const list = await api.ok("GET", "/v1/rate-cards", { key: org.ownerKey });
      assert.equal((at(list, "data") as unknown[]).length, 1);
    });

    it("a hold from a quote captured by half its amount carries half the quote's cost", async () => {
      // 12 pages: 10 × 2 + 2 × 1 = 22 credits; 10 × $0.01 + 2 × $0.001 = $0.102.
      const quote = await post("/v1/quotes", {
        usage: { quantities: { page: 12 }, dimensions: {} },
      });
      assert.equal(at(quote.body, "amount"), "22");
      const held = await post("/v1/holds", { pool: org.rootPoolId, quote: at(quote.body, "id") });
      const holdId = at(held.body, "hold.id") as string;
      const captured = await post(`/v1/holds/${holdId}/capture`, { amount: "11" });
      assert.equal(captured.status, 200);
      // 102,000 micro-dollars × 11 ÷ 22 = 51,000: $0.051.
      const figures = await costOf(version);
      assert.deepEqual(
        [figures?.credits, figures?.provider_cost, figures?.uncosted],
        ["11", "0.051", "0"],
      );
    });

    it("usage priced with costs adds its own: 3 lookups at $0.002", async () => {
      const recorded = await post("/v1/usage", {
        events: [{ id: "lookups", pool: org.rootPoolId, quantities: { lookup: 3 } }],
      });
      assert.equal(recorded.status, 200);
      const figures = await costOf(version);
      assert.deepEqual([figures?.credits, figures?.provider_cost], ["14", "0.057"]);
    });
  });

describe("a quote on the operator's default card, once the organization has cards of its own", () => {
  it("still holds the quoted amount, without a cost", async () => {
    const api = await apiHarness({ store: "sqlite" });
    try {
      await api.ok("POST", "/v1/rate-cards", {
        key: api.operatorKey,
        body: {
          cost_currency: "USD",
          prices: [{ meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.002" }],
        },
      });
      const org = await api.newOrganization("Switched");
      await api.grant(org, org.rootPoolId, "100");
      const quote = await api.ok("POST", "/v1/quotes", {
        key: org.ownerKey,
        body: { usage: { quantities: { lookup: 3 } } },
      });
      await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: { prices: [{ meter: "lookup", credits_per_unit: "2" }] },
      });
      const held = await api.ok("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, quote: at(quote, "id") },
      });
      assert.equal(at(held, "allowed"), true);
      assert.equal(at(held, "hold.amount"), "3");
    } finally {
      await api.close();
    }
  });
});
