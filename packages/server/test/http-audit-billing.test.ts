/**
 * The audit trail of billing and configuration through the API: rate cards, plans, every
 * decision about a subscription, top-ups, invoices, recurring grants and test clocks each leave
 * exactly one record with its actor, before and after; what the jobs do on their own (renewals,
 * auto top-ups, recurring grant issues) is recorded with actor `system`; replays, refusals and
 * the operator's catalog leave none in an organization's trail.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyAuditChain } from "../src/verify/verify-audit.ts";
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

type Row = Record<string, unknown>;
const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const dayMs = 86_400_000;

const plan = (id: string, seatPrice: number) => ({
  id,
  name: id,
  currency: "USD",
  interval: "month",
  seat_price: seatPrice,
  credits_per_seat: "100",
  top_ups: [{ id: "boost", credits: "50", price: 500 }],
});

for (const store of stores) {
  describe(`the audit trail of billing and configuration (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let key = "";
    let seen = 0;

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("billed");
      key = org.ownerKey;
      seen = 1;
    });
    after(() => api.close());

    /** The records written since the last call, in sequence order. */
    const fresh = async (): Promise<Row[]> => {
      const page = (await api.ok("GET", `/v1/audit-records?limit=100&starting_after=${seen}`, {
        key,
      })) as { data: Row[] };
      seen += page.data.length;
      return page.data;
    };
    /** The one record the last change left, checked for its action, actor type and target. */
    const only = async (action: string, actor: "key" | "system" | "operator", target: string) => {
      const records = await fresh();
      assert.deepEqual(
        records.map((record) => record.action),
        [action],
      );
      const [record] = records as [Row];
      assert.equal(at(record, "actor.type"), actor, action);
      assert.equal(at(record, "target.id"), target, action);
      return record;
    };
    const post = (path: string, body: object = {}, idempotencyKey?: string) =>
      api.call("POST", path, {
        key,
        body,
        ...(idempotencyKey === undefined ? {} : { headers: { "idempotency-key": idempotencyKey } }),
      });
    const made = async (path: string, body: object = {}, idempotencyKey?: string) => {
      const answer = await post(path, body, idempotencyKey);
      assert.ok(answer.status < 300, `${path}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };

    let clock = "";
    let subscription = "";
    let recurring = "";

    it("a test clock; rate cards and plans of the organization, not the operator's", async () => {
      clock = text(await made("/v1/test-clocks"), "id");
      const created = await only("test_clock.created", "key", clock);
      assert.equal(created.before, null);
      assert.equal(at(created, "after.id"), clock);

      const card = { prices: [{ meter: "tokens", dimensions: {}, credits_per_unit: "0.5" }] };
      const rc = text(await made("/v1/rate-cards", card, "rc-1"), "id");
      await made("/v1/rate-cards", card, "rc-1");
      const bad = await post("/v1/rate-cards", { prices: [{ meter: "tokens", dimensions: {} }] });
      assert.equal(bad.status, 400);
      const published = await only("rate_card.published", "key", rc);
      assert.equal(at(published, "actor.role"), "owner");
      assert.equal(at(published, "after.id"), rc);

      await api.ok("POST", "/v1/rate-cards", { key: api.operatorKey, body: card });
      await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: plan("catalog", 100) });
      assert.deepEqual(await fresh(), [], "the operator's catalog is in no organization's trail");

      await made("/v1/plans", plan("team", 1000), "plan-1");
      await made("/v1/plans", plan("team", 1000), "plan-1");
      const team = await only("plan.published", "key", "team");
      assert.deepEqual([team.before, at(team, "after.version")], [null, 1]);
      await made("/v1/plans", plan("plus", 2000));
      await only("plan.published", "key", "plus");
    });

    it("every decision about a subscription, and a top-up, once each", async () => {
      const start = { plan: "team", seats: 2 };
      subscription = text(await made("/v1/subscriptions", start, "sub-1"), "id");
      await made("/v1/subscriptions", start, "sub-1");
      const started = await only("subscription.created", "key", subscription);
      assert.deepEqual([started.before, at(started, "after.seats")], [null, 2]);

      const path = `/v1/subscriptions/${subscription}`;
      await made(`${path}/seats`, { seats: 3 }, "seats-1");
      await made(`${path}/seats`, { seats: 3 }, "seats-1");
      assert.equal((await post(`${path}/seats`, { seats: -1 })).status, 400);
      const seats = await only("subscription.seats_changed", "key", subscription);
      assert.deepEqual([at(seats, "before.seats"), at(seats, "after.seats")], [2, 3]);

      await made(`${path}/plan`, { plan: "plus" });
      const changed = await only("subscription.plan_changed", "key", subscription);
      assert.deepEqual([at(changed, "before.plan"), at(changed, "after.plan")], ["team", "plus"]);

      await made(`${path}/cancel`);
      const canceled = await only("subscription.canceled", "key", subscription);
      assert.deepEqual(
        [at(canceled, "before.cancel_at_period_end"), at(canceled, "after.cancel_at_period_end")],
        [false, true],
      );
      await made(`${path}/resume`);
      const resumed = await only("subscription.resumed", "key", subscription);
      assert.equal(at(resumed, "after.cancel_at_period_end"), false);

      // A threshold no pool reaches: the rule buys at the first check, which the clock makes.
      const rule = { threshold: "1000000", pack: "boost", max_per_period: 1 };
      await made(`${path}/auto-top-up`, { auto_top_up: rule });
      const set = await only("subscription.auto_top_up_changed", "key", subscription);
      assert.deepEqual(
        [at(set, "before.auto_top_up"), at(set, "after.auto_top_up.pack")],
        [null, "boost"],
      );

      const refused = await post("/v1/top-ups", { subscription, pack: "none" });
      assert.ok(refused.status >= 400);
      const bought = await made("/v1/top-ups", { subscription, pack: "boost" });
      const topUp = await only("top_up.created", "key", subscription);
      const grants = at(topUp, "after.current_period.grants") as string[];
      assert.ok(grants.includes(text(bought, "grant")));
      assert.ok(
        !(at(topUp, "before.current_period.grants") as string[]).includes(grants.at(-1) ?? ""),
      );
    });

    it("a recurring grant; the clock advanced; the jobs' changes are the system's", async () => {
      const body = {
        pool: org.rootPoolId,
        amount: "10",
        source: "promotion",
        interval: "month",
        expiry: "period_end",
      };
      recurring = text(await made("/v1/recurring-grants", body, "rgr-1"), "id");
      await made("/v1/recurring-grants", body, "rgr-1");
      const createdSchedule = await only("recurring_grant.created", "key", recurring);
      assert.equal(at(createdSchedule, "after.periods_issued"), 1);

      const time = text(await api.ok("GET", `/v1/test-clocks/${clock}`, { key }), "time");
      const to = new Date(Date.parse(time) + 32 * dayMs).toISOString();
      await made(`/v1/test-clocks/${clock}/advance`, { to });
      const records = await fresh();
      assert.deepEqual(
        records.map((record) => [record.action, at(record, "actor.type")]),
        [
          ["test_clock.advanced", "key"],
          ["subscription.renewed", "system"],
          ["top_up.created", "system"],
          ["recurring_grant.issued", "system"],
        ],
      );
      const [advanced, renewed, , issued] = records as [Row, Row, Row, Row];
      assert.deepEqual([at(advanced, "before.time"), at(advanced, "after.time")], [time, to]);
      assert.deepEqual(
        [at(renewed, "before.current_period.index"), at(renewed, "after.current_period.index")],
        [0, 1],
      );
      assert.equal(renewed.request_id, null);
      assert.deepEqual([at(issued, "target.type"), at(issued, "after.amount")], ["grant", "10"]);

      await made(`/v1/test-clocks/${clock}/advance`, { to });
      assert.deepEqual(await fresh(), [], "advancing to where the clock is changes nothing");
    });

    it("an invoice paid, a schedule canceled; doing either again records nothing", async () => {
      const list = (await api.ok("GET", `/v1/invoices?subscription=${subscription}`, {
        key,
      })) as { data: Row[] };
      const finalized = list.data.find((invoice) => invoice.status === "finalized");
      const invoice = text(finalized, "id");
      await made(`/v1/invoices/${invoice}/pay`);
      assert.equal((await post(`/v1/invoices/${invoice}/void`)).status, 409);
      const paid = await only("invoice.paid", "key", invoice);
      assert.deepEqual(
        [at(paid, "before.status"), at(paid, "after.status")],
        ["finalized", "paid"],
      );

      await made(`/v1/recurring-grants/${recurring}/cancel`);
      await made(`/v1/recurring-grants/${recurring}/cancel`);
      const canceled = await only("recurring_grant.canceled", "key", recurring);
      assert.deepEqual(
        [at(canceled, "before.status"), at(canceled, "after.status")],
        ["active", "canceled"],
      );
      assert.equal(await verifyAuditChain(api.store, org.organizationId), null);
    });

    it("an invoice voided, after the next renewal", async () => {
      const time = text(await api.ok("GET", `/v1/test-clocks/${clock}`, { key }), "time");
      const to = new Date(Date.parse(time) + 31 * dayMs).toISOString();
      await made(`/v1/test-clocks/${clock}/advance`, { to });
      assert.ok((await fresh()).some((record) => record.action === "subscription.renewed"));
      const list = (await api.ok("GET", `/v1/invoices?subscription=${subscription}`, {
        key,
      })) as { data: Row[] };
      const invoice = text(
        list.data.find((each) => each.status === "finalized"),
        "id",
      );
      await made(`/v1/invoices/${invoice}/void`);
      const voided = await only("invoice.voided", "key", invoice);
      assert.equal(at(voided, "after.status"), "void");
      assert.equal(await verifyAuditChain(api.store, org.organizationId), null);
    });
  });
}
