/**
 * The margin report over HTTP on every store, with the worked example of
 * docs/concepts/reports.md: a credit wallet sold at $0.02 a credit (1 credit a lookup, 50 a
 * document analysis), whose provider's price halves between two rate-card versions while the
 * customer's prices stay. Every figure is worked by hand.
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
const march15 = Date.UTC(2027, 2, 15);
const dayMs = 24 * 3_600_000;

/** The wallet's rate card: customer prices fixed, the provider's costs as given. */
const walletCard = (lookup: string, document: string, effectiveAt?: string) => ({
  ...(effectiveAt === undefined ? {} : { effective_at: effectiveAt }),
  cost_currency: "USD",
  prices: [
    { meter: "lookup", credits_per_unit: "1", cost_per_unit: lookup },
    { meter: "document.analyzed", credits_per_unit: "50", cost_per_unit: document },
  ],
});

type Group = Record<string, string | null>;

for (const store of stores)
  describe(`margin report (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let team = "";
    const versions = { one: "", two: "" };
    let events = 0;
    const use = (
      pool: string,
      usage: { quantities: Record<string, number> } | { amount: string },
    ) => {
      events += 1;
      return api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: `use-${events}`, pool, ...usage }] },
      });
    };

    before(async () => {
      api = await apiHarness({ store });
      api.clock.advance(march1 - api.clock.read());
      org = await api.newOrganization("Wallet");
      team = await api.pool(org, org.rootPoolId, { name: "Support team" });
      // The month's wallet: 1,000 credits sold for $20, $0.02 a credit.
      await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "1000", source: "plan", cost_basis: "0.02" },
      });
      const one = await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: walletCard("0.002", "0.10"),
      });
      versions.one = at(one, "id") as string;
      const two = await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: walletCard("0.001", "0.05", "2027-03-15T00:00:00Z"),
      });
      versions.two = at(two, "id") as string;
      api.clock.advance(dayMs);
      await use(org.rootPoolId, { quantities: { lookup: 100 } });
      await use(team, { quantities: { "document.analyzed": 4 } });
      api.clock.advance(march15 + dayMs - api.clock.read());
      await use(org.rootPoolId, { quantities: { lookup: 200 } });
      await use(team, { quantities: { "document.analyzed": 6 } });
      // Credits already priced: no rate card, no provider cost.
      await use(team, { amount: "20" });
    });
    after(() => api.close());

    const get = (path: string, key = org.ownerKey) => api.ok("GET", path, { key });
    const span = "from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z";
    const figures = (group: Group) =>
      [
        group.credits,
        group.revenue,
        group.provider_cost,
        group.margin,
        group.margin_percent,
        group.uncosted,
      ].join(" ");

    it("by rate card: version 1 kept 90%, version 2 95%, priced credits none", async () => {
      const report = await get(`/v1/reports/margin?${span}&group_by=rate_card`);
      const groups = at(report, "groups") as Group[];
      const shown = groups.map((group) => `${group.group} ${figures(group)}`);
      assert.deepEqual(shown, [
        // 200 lookups and 6 documents: 500 credits, $10 at $0.02; $0.20 + $0.30 at the provider.
        `${versions.two} 500 10 0.5 9.5 95 0`,
        // 100 lookups and 4 documents: 300 credits, $6; $0.20 + $0.40 at the provider.
        `${versions.one} 300 6 0.6 5.4 90 0`,
        // 20 credits priced by the caller: $0.40 of revenue and no cost known.
        "(none) 20 0.4 0 0.4 100 20",
      ]);
      // 820 credits, $16.40 of revenue, $1.10 of cost: $15.30, 93.29 % of revenue.
      assert.equal(figures(at(report, "total") as Group), "820 16.4 1.1 15.3 93.29 20");
      assert.equal(at(report, "currency"), "USD");
      assert.equal(at(report, "cost_currency"), "USD");
      assert.equal(at(report, "total.uncovered"), "0");
    });

    it("by meter and by pool, the same totals split otherwise", async () => {
      const meters = await get(`/v1/reports/margin?${span}&group_by=meter`);
      assert.deepEqual(
        (at(meters, "groups") as Group[]).map((group) => `${group.group} ${figures(group)}`),
        [
          "document.analyzed 500 10 0.7 9.3 93 0",
          "lookup 300 6 0.4 5.6 93.33 0",
          "(none) 20 0.4 0 0.4 100 20",
        ],
      );
      const pools = await get(`/v1/reports/margin?${span}&group_by=pool`);
      assert.deepEqual(
        (at(pools, "groups") as Group[]).map((group) => `${group.name} ${figures(group)}`),
        ["Support team 520 10.4 0.7 9.7 93.27 20", "(direct) 300 6 0.4 5.6 93.33 0"],
      );
      assert.equal(figures(at(pools, "total") as Group), "820 16.4 1.1 15.3 93.29 20");
    });

    it("answers CSV, one row per group and the total", async () => {
      const answer = await api.call("GET", `/v1/reports/margin?${span}&group_by=meter&format=csv`, {
        key: org.ownerKey,
      });
      assert.equal(answer.status, 200);
      const lines = String(answer.body).trim().split("\r\n");
      assert.equal(
        lines[0],
        "group,name,credits,revenue,provider_cost,margin,margin_percent,uncovered,uncosted",
      );
      assert.equal(lines.at(-1), "(total),,820,16.4,1.1,15.3,93.29,0,20");
    });

    it("a key bound to a pool reads its subtree only, and never a pool outside it", async () => {
      const key = await api.keyFor(org, "viewer", { pool: team });
      const report = await get(`/v1/reports/margin?${span}&group_by=rate_card`, key);
      assert.equal(at(report, "pool"), team);
      assert.deepEqual(
        (at(report, "groups") as Group[]).map((group) => `${group.group} ${figures(group)}`),
        [
          `${versions.two} 300 6 0.3 5.7 95 0`,
          `${versions.one} 200 4 0.4 3.6 90 0`,
          "(none) 20 0.4 0 0.4 100 20",
        ],
      );
      const outside = await api.call("GET", `/v1/reports/margin?${span}&pool=${org.rootPoolId}`, {
        key,
      });
      assert.equal(outside.status, 404);
      assert.equal(at(outside.body, "error.param"), "pool");
    });

    it("a member's key may not read it: the same roles as the revenue report", async () => {
      const key = await api.keyFor(org, "member");
      const answer = await api.call("GET", `/v1/reports/margin?${span}`, { key });
      assert.equal(answer.status, 403);
      assert.equal(at(answer.body, "error.code"), "permission_denied");
    });

    it("names the field of a request it refuses", async () => {
      for (const [query, param] of [
        [`${span}&group_by=member`, "group_by"],
        ["from=2027-03-01T00:00:00Z", "to"],
        ["from=2027-04-01T00:00:00Z&to=2027-03-01T00:00:00Z", "to"],
        [`${span}&interval=day`, "interval"],
      ] as const) {
        const answer = await api.call("GET", `/v1/reports/margin?${query}`, {
          key: org.ownerKey,
        });
        assert.equal(answer.status, 400, query);
        assert.equal(at(answer.body, "error.param"), param, query);
      }
    });
  });

describe("a margin over two cost currencies", () => {
  it("shows no margin when the operator's defaults cost in another currency than the organization's cards", async () => {
    const api = await apiHarness({ store: "sqlite" });
    try {
      await api.ok("POST", "/v1/rate-cards", {
        key: api.operatorKey,
        body: {
          cost_currency: "EUR",
          prices: [{ meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.002" }],
        },
      });
      const org = await api.newOrganization("Two currencies");
      await api.grant(org, org.rootPoolId, "100");
      // Priced by the operator's default, in euros, before the organization has cards of its own.
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "l-1", pool: org.rootPoolId, quantities: { lookup: 5 } }] },
      });
      await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: {
          cost_currency: "USD",
          prices: [{ meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.001" }],
        },
      });
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "l-2", pool: org.rootPoolId, quantities: { lookup: 5 } }] },
      });
      const report = await api.ok(
        "GET",
        "/v1/reports/margin?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z",
        { key: org.ownerKey },
      );
      assert.equal(at(report, "cost_currency"), null);
      assert.equal(at(report, "total.margin"), null);
      assert.equal(at(report, "total.margin_percent"), null);
    } finally {
      await api.close();
    }
  });
});
