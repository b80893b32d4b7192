/**
 * Plans, subscriptions and invoices over HTTP, on every store: the worked example of
 * docs/concepts/billing.md, figure for figure, and the journal it leaves verified.
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

export const teamPlan = {
  id: "team",
  name: "Team",
  currency: "USD",
  interval: "month",
  seat_price: 3000,
  credits_per_seat: "1000",
  overage_price: "4",
  rollover: { cap: { percent: 25 }, lifetime_days: 30 },
  seat_removal: "claw_back",
};

for (const store of stores) {
  describe(`a team on a plan with seats, one month and a renewal (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let billing = "";
    let subscription = "";
    const grants = { included: "", seat: "" };

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Team on a plan");
      billing = await api.keyFor(org, "billing");
      api.clock.advance(april1 - api.clock.read());
    });
    after(() => api.close());

    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });
    const grant = async (id: string) => get(`/v1/grants/${id}`);
    const pool = async () => get(`/v1/pools/${org.rootPoolId}`);
    const toDay = (day: number) => api.clock.advance(april1 + (day - 1) * dayMs - api.clock.read());

    it("the operator publishes the plan: version 1", async () => {
      const plan = await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: teamPlan });
      assert.equal(at(plan, "version"), 1);
      assert.equal(at(plan, "scope"), "operator");
      assert.equal(at(plan, "seat_price"), "3000");
    });

    it("day 1: 10 seats start; the pool gets 10,000 credits to May 1, 25% to roll over", async () => {
      const started = await api.ok("POST", "/v1/subscriptions", {
        key: billing,
        body: { plan: "team", seats: 10, time_zone: "UTC" },
      });
      subscription = text(started, "id");
      const read = await get(`/v1/subscriptions/${subscription}`);
      // The grant's id is chosen with the decision: the first answer names it already.
      assert.deepEqual(at(started, "current_period.grants"), at(read, "current_period.grants"));
      assert.equal(at(started, "current_period.start"), "2027-04-01T00:00:00.000Z");
      assert.equal(at(started, "current_period.end"), "2027-05-01T00:00:00.000Z");
      assert.equal(at(started, "current_period.included_credits"), "10000");
      const [included] = at(read, "current_period.grants") as string[];
      grants.included = included ?? "";
      const issued = await grant(grants.included);
      assert.equal(at(issued, "amount"), "10000");
      assert.equal(at(issued, "source"), "plan");
      assert.equal(at(issued, "cost_basis"), "0.03");
      assert.equal(at(issued, "expires_at"), "2027-05-01T00:00:00.000Z");
      assert.equal(at(issued, "rollover.cap"), "2500");
      assert.equal(at(issued, "rollover.expires_at"), "2027-05-31T00:00:00.000Z");
      assert.equal(at(await pool(), "available"), "10000");
    });

    it("day 10 of 30: an 11th seat brings 700 credits and a line of $21.00", async () => {
      toDay(10);
      const changed = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: billing,
        body: { seats: 11 },
      });
      assert.equal(at(changed, "seats"), 11);
      const read = await get(`/v1/subscriptions/${subscription}`);
      const [, seat] = at(read, "current_period.grants") as string[];
      grants.seat = seat ?? "";
      assert.equal(at(await grant(grants.seat), "amount"), "700");
      assert.equal(at(await grant(grants.seat), "rollover.cap"), "175");
      const invoice = await get(`/v1/invoices/${text(changed, "current_period.invoice")}`);
      assert.deepEqual(
        (at(invoice, "lines") as object[]).map((line) => [
          at(line, "kind"),
          at(line, "quantity"),
          at(line, "amount"),
        ]),
        [
          ["seats", 10, "30000"],
          ["seats_added", 1, "2100"],
        ],
      );
      assert.equal(at(invoice, "total"), "32100");
      assert.equal(at(invoice, "status"), "draft");
    });

    it("day 15: the team uses 6,000 credits, from the included grant first", async () => {
      toDay(15);
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "work-1", pool: org.rootPoolId, amount: "6000" }] },
      });
      assert.equal(at(await grant(grants.included), "remaining"), "4000");
      assert.equal(at(await grant(grants.seat), "remaining"), "700");
    });

    it("day 20: down to 9 seats, claw back: 733.333333 credits back, a credit of $22.00", async () => {
      toDay(20);
      const changed = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: billing,
        body: { seats: 9 },
      });
      assert.equal(at(changed, "seats"), 9);
      assert.equal(at(await grant(grants.seat), "remaining"), "0");
      assert.equal(at(await grant(grants.included), "remaining"), "3966.666667");
      const invoice = await get(`/v1/invoices/${text(changed, "current_period.invoice")}`);
      assert.equal(at(invoice, "total"), "29900");
    });

    it("a retry of a change under its key replays it; another change under it is refused", async () => {
      const change = (seats: number) =>
        api.call("POST", `/v1/subscriptions/${subscription}/seats`, {
          key: billing,
          body: { seats },
          headers: { "idempotency-key": "seats-twelve" },
        });
      const first = await change(12);
      assert.equal(first.status, 200);
      const lines = async () => {
        const invoice = await get(`/v1/invoices/${text(first.body, "current_period.invoice")}`);
        return (at(invoice, "lines") as object[]).length;
      };
      const linesAfterFirst = await lines();
      const again = await change(12);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(again.body, first.body);
      assert.equal(await lines(), linesAfterFirst);
      expectError(await change(13), 409, "idempotency_key_reused", "Idempotency-Key");
      const back = await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, {
        key: billing,
        body: { seats: 9 },
      });
      assert.equal(at(back, "seats"), 9);
    });

    it("May 1: renewal rolls 2,500 over, finalizes April, opens May with 9 seats", async () => {
      toDay(31);
      const renewed = await get(`/v1/subscriptions/${subscription}`);
      assert.equal(at(renewed, "current_period.index"), 1);
      assert.equal(at(renewed, "current_period.included_credits"), "9000");
      const invoices = (await get(`/v1/invoices?subscription=${subscription}`)) as {
        data: unknown[];
      };
      const april = invoices.data.find((each) => at(each, "status") === "finalized");
      assert.ok(april !== undefined);
      assert.match(text(april, "number"), /-0001$/);
      const may = invoices.data.find((each) => at(each, "status") === "draft");
      assert.equal(at(may, "total"), "27000");
      const included = await grant(grants.included);
      assert.equal(at(included, "status"), "expired");
      const rolled = await grant(text(included, "rollover.grant"));
      assert.equal(at(rolled, "source"), "rollover");
      assert.equal(at(rolled, "amount"), "2500");
      assert.equal(at(rolled, "expires_at"), "2027-05-31T00:00:00.000Z");
      assert.equal(at(await pool(), "available"), "11500");
    });

    it("revenue for April and May 1: 6,000 credits recognized, 2,500 carried, the rest broken", async () => {
      const span = "from=2027-04-01T00:00:00Z&to=2027-05-02T00:00:00Z";
      const report = await get(`/v1/reports/revenue?${span}`);
      assert.equal(at(report, "currency"), "USD");
      const figures = (path: string) =>
        ["deferred_opening", "purchased", "carried_in", "carried_out", "recognized"]
          .concat(["breakage", "deferred_closing"])
          .map((name) => [
            name,
            at(report, `${path}.${name}.credits`),
            at(report, `${path}.${name}.money`),
          ]);
      assert.deepEqual(figures("organization"), [
        ["deferred_opening", "0", "0"],
        ["purchased", "20800", "624"],
        ["carried_in", "2500", "75"],
        ["carried_out", "2500", "75"],
        ["recognized", "6000", "180"],
        ["breakage", "3300", "99"],
        ["deferred_closing", "11500", "345"],
      ]);
      // What is deferred at the end is what the pool has left: the rollover and May's grant.
      assert.equal(at(await pool(), "available"), "11500");
      const csv = await api.call("GET", `/v1/reports/revenue?${span}&format=csv`, {
        key: org.ownerKey,
      });
      const last = String(csv.body).trim().split("\r\n").at(-1);
      assert.equal(
        last,
        `organization,${org.rootPoolId},,0,0,20800,624,2500,75,2500,75,6000,180,3300,99,11500,345,0`,
      );
    });

    it("renewing again changes nothing: one renewal per period", async () => {
      const before = await api.snapshot(org);
      await get(`/v1/subscriptions/${subscription}`);
      assert.equal(await api.snapshot(org), before);
    });

    it("the April invoice is marked paid; a draft may not be", async () => {
      const listed = (await get(`/v1/invoices?subscription=${subscription}`)) as {
        data: { id: string; status: string }[];
      };
      const april = listed.data.find((each) => each.status === "finalized");
      const may = listed.data.find((each) => each.status === "draft");
      assert.ok(april !== undefined && may !== undefined);
      const paid = await api.ok("POST", `/v1/invoices/${april.id}/pay`, { key: billing });
      assert.equal(at(paid, "status"), "paid");
      expectError(
        await api.call("POST", `/v1/invoices/${may.id}/pay`, { key: billing }),
        409,
        "invoice_not_open",
        "id",
      );
    });

    it("the journal verifies", async () => {
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });
  });
}

for (const store of stores) {
  describe(`a pool has one active subscription, even when two start at once (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Racing");
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: teamPlan });
    });
    after(() => api.close());

    it("of two starts on one pool, one is made and the other answers 409 on pool", async () => {
      const start = () =>
        api.call("POST", "/v1/subscriptions", {
          key: org.ownerKey,
          body: { plan: "team", seats: 1 },
        });
      const answers = await Promise.all([start(), start(), start()]);
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [201, 409, 409]);
      for (const refused of answers.filter((answer) => answer.status === 409)) {
        expectError(refused, 409, "subscription_exists", "pool");
      }
      const listed = await api.ok("GET", "/v1/subscriptions", { key: org.ownerKey });
      assert.equal((at(listed, "data") as unknown[]).length, 1);
    });
  });
}

for (const store of stores) {
  describe(`top-ups: a pack or an amount, granted now and on the invoice (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let subscription = "";
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Founder");
      await api.ok("POST", "/v1/plans", {
        key: api.operatorKey,
        body: {
          id: "founder",
          name: "Founder",
          currency: "USD",
          interval: "month",
          base_price: 4000,
          credits_per_organization: "5000",
          top_ups: [{ id: "boost", credits: "2000", price: 1500 }],
          top_up_price: "0.8",
        },
      });
      const started = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "founder" },
      });
      subscription = text(started, "id");
    });
    after(() => api.close());

    const buy = (body: object) =>
      api.call("POST", "/v1/top-ups", { key: org.ownerKey, body: { subscription, ...body } });

    it("a pack: its credits in a purchase grant that never expires, its price on the invoice", async () => {
      const bought = await buy({ pack: "boost" });
      assert.equal(bought.status, 201);
      assert.equal(at(bought.body, "credits"), "2000");
      assert.equal(at(bought.body, "price"), "1500");
      const grant = await api.ok("GET", `/v1/grants/${text(bought.body, "grant")}`, {
        key: org.ownerKey,
      });
      assert.deepEqual(
        [
          at(grant, "source"),
          at(grant, "amount"),
          at(grant, "expires_at"),
          at(grant, "cost_basis"),
        ],
        ["purchase", "2000", null, "0.0075"],
      );
    });

    it("an amount at the plan's price: 1,234.5 credits at 0.8 cents is 988 cents, rounded once", async () => {
      const bought = await buy({ credits: "1234.5" });
      assert.equal(at(bought.body, "price"), "988");
      const invoice = await api.ok("GET", `/v1/invoices/${text(bought.body, "invoice")}`, {
        key: org.ownerKey,
      });
      assert.deepEqual(
        (at(invoice, "lines") as object[]).map((line) => [at(line, "kind"), at(line, "amount")]),
        [
          ["base", "4000"],
          ["top_up", "1500"],
          ["top_up", "988"],
        ],
      );
      assert.equal(at(invoice, "total"), "6488");
    });

    it("refuses an unknown pack, both a pack and an amount, or none, writing nothing", async () => {
      const before = await api.snapshot(org);
      expectError(await buy({ pack: "mega" }), 400, "invalid_request", "pack");
      expectError(await buy({ pack: "boost", credits: "5" }), 400, "invalid_request", "pack");
      expectError(await buy({}), 400, "invalid_request", "pack");
      expectError(await buy({ credits: "0" }), 400, "invalid_request", "credits");
      assert.equal(await api.snapshot(org), before);
    });
  });
}

for (const store of stores) {
  describe(`plan changes: an upgrade now, prorated; a downgrade at the period's end (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let subscription = "";
    const plan = (id: string, price: number, credits: string, currency = "USD") => ({
      id,
      name: id,
      currency,
      interval: "month",
      seat_price: price,
      credits_per_seat: credits,
    });
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Changing plans");
      for (const body of [
        plan("basic", 2000, "500"),
        plan("pro", 5000, "1500"),
        plan("euro", 5000, "1500", "EUR"),
      ])
        await api.ok("POST", "/v1/plans", { key: api.operatorKey, body });
      api.clock.advance(april1 - api.clock.read());
      const started = await api.ok("POST", "/v1/subscriptions", {
        key: org.ownerKey,
        body: { plan: "basic", seats: 4 },
      });
      subscription = text(started, "id");
    });
    after(() => api.close());

    const change = (body: object) =>
      api.call("POST", `/v1/subscriptions/${subscription}/plan`, { key: org.ownerKey, body });
    const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });

    it("day 16 of 30, basic to pro: credit 4000, charge 10000, 2,000 more credits now", async () => {
      api.clock.advance(15 * dayMs);
      const changed = await change({ plan: "pro" });
      assert.equal(changed.status, 200);
      assert.equal(at(changed.body, "plan"), "pro");
      const grants = at(changed.body, "current_period.grants") as string[];
      assert.equal(grants.length, 2);
      const extra = await get(`/v1/grants/${grants[1]}`);
      assert.deepEqual([at(extra, "source"), at(extra, "amount")], ["plan", "2000"]);
      const invoice = await get(`/v1/invoices/${text(changed.body, "current_period.invoice")}`);
      assert.deepEqual(
        (at(invoice, "lines") as object[]).map((line) => [at(line, "kind"), at(line, "amount")]),
        [
          ["seats", "8000"],
          ["plan_credit", "-4000"],
          ["plan_charge", "10000"],
        ],
      );
      assert.equal(at(invoice, "total"), "14000");
    });

    it("refuses a plan in another currency, naming plan, writing nothing", async () => {
      const before = await api.snapshot(org);
      expectError(await change({ plan: "euro" }), 400, "invalid_request", "plan");
      assert.equal(await api.snapshot(org), before);
    });

    it("day 21, back to basic: a downgrade, waiting for May 1", async () => {
      api.clock.advance(5 * dayMs);
      const changed = await change({ plan: "basic" });
      assert.equal(at(changed.body, "plan"), "pro");
      assert.deepEqual(at(changed.body, "pending_plan"), { plan: "basic", plan_version: 1 });
    });

    it("May 1: the period renews on basic, 4 seats at 2000, 2,000 credits", async () => {
      api.clock.advance(april1 + 30 * dayMs - api.clock.read());
      const renewed = await get(`/v1/subscriptions/${subscription}`);
      assert.equal(at(renewed, "plan"), "basic");
      assert.equal(at(renewed, "pending_plan"), null);
      assert.equal(at(renewed, "current_period.included_credits"), "2000");
      const may = await get(`/v1/invoices/${text(renewed, "current_period.invoice")}`);
      assert.equal(at(may, "total"), "8000");
    });
  });
}

for (const store of stores) {
  describe(`a claw-back takes seats' credits back, never a top-up's (${store})`, () => {
    it("removing seats leaves the bought pack whole and voids from the plan grant", async (t) => {
      const api = await apiHarness({ store });
      t.after(() => api.close());
      const org = await api.newOrganization("Clawing");
      await api.ok("POST", "/v1/plans", {
        key: api.operatorKey,
        body: {
          ...teamPlan,
          id: "clawing",
          top_ups: [{ id: "boost", credits: "5000", price: 4000 }],
        },
      });
      api.clock.advance(april1 - api.clock.read());
      const key = org.ownerKey;
      const started = await api.ok("POST", "/v1/subscriptions", {
        key,
        body: { plan: "clawing", seats: 10 },
      });
      const subscription = text(started, "id");
      const bought = await api.ok("POST", "/v1/top-ups", {
        key,
        body: { subscription, pack: "boost" },
      });
      api.clock.advance(15 * dayMs);
      await api.ok("POST", `/v1/subscriptions/${subscription}/seats`, { key, body: { seats: 5 } });
      const topUp = await api.ok("GET", `/v1/grants/${text(bought, "grant")}`, { key });
      assert.equal(at(topUp, "remaining"), "5000");
      const [included] = at(started, "current_period.grants") as string[];
      const plan = await api.ok("GET", `/v1/grants/${included}`, { key });
      assert.equal(at(plan, "remaining"), "7500");
    });
  });
}

for (const store of stores) {
  describe(`a year plan upgraded mid-year (${store})`, () => {
    it("on July 2, 183 of 365 days left: credit 180493, charge 360986, 90,246.575342 credits more", async (t) => {
      const api = await apiHarness({ store });
      t.after(() => api.close());
      const org = await api.newOrganization("Annual");
      const annual = { id: "annual", name: "Annual", currency: "USD", interval: "year" };
      for (const body of [
        { ...annual, seat_price: 36000, credits_per_seat: "12000" },
        {
          ...annual,
          id: "annual-pro",
          name: "Annual Pro",
          seat_price: 72000,
          credits_per_seat: "30000",
        },
      ])
        await api.ok("POST", "/v1/plans", { key: api.operatorKey, body });
      const key = org.ownerKey;
      api.clock.advance(Date.UTC(2027, 0, 1) - api.clock.read());
      const started = await api.ok("POST", "/v1/subscriptions", {
        key,
        body: { plan: "annual", seats: 10 },
      });
      const subscription = text(started, "id");
      assert.equal(at(started, "current_period.end"), "2028-01-01T00:00:00.000Z");
      api.clock.advance(Date.UTC(2027, 6, 2) - api.clock.read());
      const upgraded = await api.ok("POST", `/v1/subscriptions/${subscription}/plan`, {
        key,
        body: { plan: "annual-pro" },
      });
      const [, extra] = at(upgraded, "current_period.grants") as string[];
      const grant = await api.ok("GET", `/v1/grants/${extra}`, { key });
      assert.equal(at(grant, "amount"), "90246.575342");
      const invoice = await api.ok(
        "GET",
        `/v1/invoices/${text(upgraded, "current_period.invoice")}`,
        {
          key,
        },
      );
      assert.deepEqual(
        (at(invoice, "lines") as object[]).map((line) => [at(line, "kind"), at(line, "amount")]),
        [
          ["seats", "360000"],
          ["plan_credit", "-180493"],
          ["plan_charge", "360986"],
        ],
      );
      assert.equal(at(invoice, "total"), "540493");
    });
  });
}
