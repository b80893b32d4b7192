/**
 * Standard and premium seats in one subscription, over HTTP on every store: the worked example
 * of docs/concepts/billing.md ("Seat tiers"), figure for figure, and the refusals that name
 * their field.
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

const stores: StoreName[] = [
  ...storeNames,
  "pglite",
  ...(testDatabaseUrl() ? ["postgres" as const] : []),
];
const january1 = Date.UTC(2027, 0, 1);
const dayMs = 86_400_000;

const premiumTier = { id: "premium", name: "Premium", seat_price: 15000, credits_per_seat: "5000" };

const claudeTeam = {
  id: "claude-team",
  name: "Claude Team",
  currency: "USD",
  interval: "month",
  seat_price: 3000,
  credits_per_seat: "1000",
  seat_tiers: [premiumTier],
  seat_removal: "claw_back",
};

/** Each line as `description: amount (tier)`, to compare an invoice in one assertion. */
function linesOf(invoice: unknown): string[] {
  return (at(invoice, "lines") as object[]).map(
    (line) => `${at(line, "description")}: ${at(line, "amount")} (${at(line, "tier")})`,
  );
}

for (const store of stores) {
  describe(`seat tiers: 10 standard and 3 premium seats in one pool (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let subscription = "";
    let january = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Tiers");
      api.clock.advance(january1 - api.clock.read());
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: claudeTeam });
      const team = { ...claudeTeam, id: "team", name: "Team", seat_tiers: [] };
      const max = { ...premiumTier, seat_price: 20000, credits_per_seat: "8000" };
      const claudeMax = { ...claudeTeam, id: "claude-max", name: "Claude Max", seat_tiers: [max] };
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: claudeMax });
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: team });
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const post = (path: string, body: object) =>
      api.call("POST", path, { key: org.ownerKey, body });
    const toDay = (day: number) =>
      api.clock.advance(january1 + (day - 1) * dayMs - api.clock.read());
    const available = async () => at(await get(`/v1/pools/${org.rootPoolId}`), "available");

    it("the plan shows its own seat as Standard beside its tiers", async () => {
      const plan = await get("/v1/plans/claude-team");
      assert.equal(at(plan, "seat_name"), "Standard");
      assert.deepEqual(at(plan, "seat_tiers"), [
        { id: "premium", name: "Premium", seat_price: "15000", credits_per_seat: "5000" },
      ]);
    });

    it("Jan 1: 10 standard and 3 premium seats include 25,000 credits; the draft lists both", async () => {
      const made = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "claude-team", seats: 10, tier_seats: { premium: 3 }, time_zone: "UTC" },
      });
      subscription = text(made, "id");
      january = text(made, "current_period.invoice");
      assert.equal(at(made, "seats"), 10);
      assert.deepEqual(at(made, "tier_seats"), { premium: 3 });
      assert.equal(at(made, "current_period.included_credits"), "25000");
      const [grant = ""] = at(made, "current_period.grants") as string[];
      // 75000 cents for 25,000 credits: 3 cents a credit.
      assert.equal(at(await get(`/v1/grants/${grant}`), "cost_basis"), "0.03");
      const invoice = await get(`/v1/invoices/${january}`);
      assert.deepEqual(linesOf(invoice), [
        "10 Standard seats: 30000 (null)",
        "3 Premium seats: 45000 (premium)",
      ]);
      assert.equal(at(invoice, "total"), "75000");
      assert.equal(await available(), "25000");
    });

    it("Jan 16: a premium seat added brings 5,000 × 16/31 credits and 15000 × 16/31 cents", async () => {
      toDay(16);
      const changed = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: org.ownerKey,
        body: { seats: 4, tier: "premium" },
      });
      assert.deepEqual(at(changed, "tier_seats"), { premium: 4 });
      assert.equal(at(changed, "seats"), 10);
      // 80,000 / 31 = 2,580.6451612… credits, rounded half up to the micro-credit.
      assert.equal(await available(), "27580.645161");
      const invoice = await get(`/v1/invoices/${january}`);
      // 240000 / 31 = 7741.93… cents: 7742.
      assert.equal(linesOf(invoice)[2], "1 Premium seat added: 7742 (premium)");
      assert.equal(at(invoice, "total"), "82742");
    });

    it("Jan 21: a premium seat removed under claw_back voids 5,000 × 11/31 and credits 15000 × 11/31", async () => {
      toDay(21);
      const changed = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: org.ownerKey,
        body: { seats: 3, tier: "premium" },
      });
      assert.deepEqual(at(changed, "tier_seats"), { premium: 3 });
      // 55,000 / 31 = 1,774.193548… credits go: 27,580.645161 − 1,774.193548.
      assert.equal(await available(), "25806.451613");
      const invoice = await get(`/v1/invoices/${january}`);
      // 165000 / 31 = 5322.58… cents: 5323 back.
      assert.equal(linesOf(invoice)[3], "1 Premium seat removed: -5323 (premium)");
      assert.equal(at(invoice, "total"), "77419");
    });

    it("refuses a tier the plan lacks, naming the field, and writes nothing", async () => {
      const seats = await post(`/v1/subscriptions/${subscription}/seats`, {
        seats: 1,
        tier: "gold",
      });
      expectError(seats, 400, "invalid_request", "tier");
      const other = await api.newOrganization("Other");
      const start = await api.call("POST", "/v1/subscriptions", {
        key: other.ownerKey,
        body: { plan: "claude-team", seats: 1, tier_seats: { gold: 2 } },
      });
      expectError(start, 400, "invalid_request", "tier_seats.gold");
      const listed = await api.ok("GET", "/v1/subscriptions", { key: other.ownerKey });
      assert.deepEqual(at(listed, "data"), []);
      const moved = await post(`/v1/subscriptions/${subscription}/plan`, { plan: "team" });
      expectError(moved, 409, "seat_tier_missing", "plan");
      assert.equal(at(await get(`/v1/invoices/${january}`), "total"), "77419");
    });

    it("Feb 1: the renewal carries 10 standard and 3 premium seats into February", async () => {
      toDay(32);
      const renewed = await get(`/v1/subscriptions/${subscription}`);
      assert.deepEqual(at(renewed, "tier_seats"), { premium: 3 });
      assert.equal(at(renewed, "current_period.included_credits"), "25000");
      const ended = await get(`/v1/invoices/${january}`);
      assert.equal(at(ended, "status"), "finalized");
      assert.equal(at(ended, "total"), "77419");
      const february = await get(`/v1/invoices/${text(renewed, "current_period.invoice")}`);
      assert.deepEqual(linesOf(february), [
        "10 Standard seats: 30000 (null)",
        "3 Premium seats: 45000 (premium)",
      ]);
      // No rollover: January's credits expired; February's 25,000 are the pool's.
      assert.equal(await available(), "25000");
    });

    it("Feb 15: an upgrade keeps the premium seats and prices them on the new plan", async () => {
      toDay(46);
      const moved = await api.ok("POST", `/v1/subscriptions/${subscription}/plan`, {
        key: org.ownerKey,
        body: { plan: "claude-max" },
      });
      assert.equal(at(moved, "plan"), "claude-max");
      assert.deepEqual(at(moved, "tier_seats"), { premium: 3 });
      const february = await get(`/v1/invoices/${text(moved, "current_period.invoice")}`);
      // 14 of February's 28 days left: half of 75000 back, half of 30000 + 3 × 20000 charged.
      assert.deepEqual(linesOf(february).slice(2), [
        "Unused time on Claude Team: -37500 (null)",
        "Remaining time on Claude Max: 45000 (null)",
      ]);
      // (10 × 1,000 + 3 × 8,000 − 25,000) × ½ more credits.
      assert.equal(await available(), "29500");
    });

    it("with no premium seats left, the plan may change to one without the tier", async () => {
      await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: org.ownerKey,
        body: { seats: 0, tier: "premium" },
      });
      const moved = await api.ok("POST", `/v1/subscriptions/${subscription}/plan`, {
        key: org.ownerKey,
        body: { plan: "team" },
      });
      assert.equal(at(moved, "plan"), "team");
      assert.deepEqual(at(moved, "tier_seats"), {});
    });

    it("the journal verifies", async () => {
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}

describe("seat tiers: publishing and assigning (memory)", () => {
  let api: ApiHarness;
  before(async () => {
    api = await apiHarness({ store: "memory" });
  });
  after(() => api.close());

  const publish = (seatTiers: object[]) =>
    api.call("POST", "/v1/plans", {
      key: api.operatorKey,
      body: { ...claudeTeam, id: "tiered", seat_tiers: seatTiers },
    });
  const premium = premiumTier;

  it("refuses a tier named standard, a tier twice, a bad id and a fifth tier", async () => {
    expectError(
      await publish([{ ...premium, id: "standard" }]),
      400,
      "invalid_request",
      "seat_tiers[0].id",
    );
    expectError(await publish([premium, premium]), 400, "invalid_request", "seat_tiers[1].id");
    expectError(
      await publish([{ ...premium, id: "Gold" }]),
      400,
      "invalid_request",
      "seat_tiers[0].id",
    );
    const five = ["a", "b", "c", "d", "e"].map((id) => ({ ...premium, id }));
    expectError(await publish(five), 400, "invalid_request", "seat_tiers");
  });

  it("counts the seats of every tier for assignments", async () => {
    await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: claudeTeam });
    const org = await api.newOrganization("Assigned");
    const made = await api.ok("POST", "/v1/subscriptions", {
      key: org.ownerKey,
      body: { plan: "claude-team", seats: 1, tier_seats: { premium: 1 }, seat_access: "assigned" },
    });
    const id = text(made, "id");
    const members: string[] = [];
    for (const name of ["Ann", "Bob", "Cy"]) {
      const member = await api.ok("POST", "/v1/members", { key: org.ownerKey, body: { name } });
      members.push(text(member, "id"));
    }
    const assign = (member: string | undefined) =>
      api.call("POST", `/v1/subscriptions/${id}/assignments`, {
        key: org.ownerKey,
        body: { member },
      });
    assert.equal((await assign(members[0])).status, 201);
    assert.equal((await assign(members[1])).status, 201);
    expectError(await assign(members[2]), 409, "seats_exhausted", "member");
    const lowered = await api.call("POST", `/v1/subscriptions/${id}/seats`, {
      key: org.ownerKey,
      body: { seats: 0, tier: "premium" },
    });
    expectError(lowered, 409, "seats_assigned", "seats");
  });
});
