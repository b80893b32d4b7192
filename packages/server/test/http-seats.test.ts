/**
 * Seats assigned to members, through the API on every store: assigning, listing and unassigning;
 * the last seat and a lower seat count refused; holds at pools a `seat_access: assigned`
 * subscription covers refused without a seat and allowed with one; and the worked example of
 * docs/concepts/billing.md, figure for figure.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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
import { publishOperatorPlans, teamPlan } from "./support/billing-world.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [
  ...storeNames,
  "pglite",
  ...(testDatabaseUrl() ? ["postgres" as const] : []),
];

/** The members of a page of assignments, in order. */
function membersOf(page: unknown): unknown[] {
  return (at(page, "data") as unknown[]).map((seat) => at(seat, "member"));
}

for (const store of stores) {
  describe(`seats assigned to members (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let key = "";
    const members = new Map<string, string>();

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Seated");
      key = org.ownerKey;
      await publishOperatorPlans(api);
      for (const name of ["Ann", "Bob", "Cy"]) {
        const made = await api.ok("POST", "/v1/members", { key, body: { name } });
        members.set(name, text(made, "id"));
      }
    });
    after(() => api.close());

    const member = (name: string) => members.get(name) ?? "";
    /** A new pool under the root on `team` with `seats`, gated by seat unless said otherwise. */
    const subscribed = async (seats: number, access: "open" | "assigned" = "assigned") => {
      const pool = await api.pool(org, org.rootPoolId);
      const body = { plan: teamPlan.id, seats, pool, seat_access: access };
      const started = await api.ok("POST", "/v1/subscriptions", { key, body });
      return { subscription: text(started, "id"), pool, started };
    };
    const assign = (subscription: string, name: string) =>
      api.call("POST", `/v1/subscriptions/${subscription}/assignments`, {
        key,
        body: { member: member(name) },
      });
    const hold = (pool: string, amount: string, name?: string, holder = key) =>
      api.call("POST", "/v1/holds", {
        key: holder,
        body: { pool, amount, ...(name === undefined ? {} : { member: member(name) }) },
      });

    it("a subscription is open unless it says otherwise, with no seat assigned", async () => {
      const pool = await api.pool(org, org.rootPoolId);
      const body = { plan: teamPlan.id, seats: 1, pool };
      const started = await api.ok("POST", "/v1/subscriptions", { key, body });
      assert.equal(at(started, "seat_access"), "open");
      assert.equal(at(started, "seats_assigned"), 0);
    });

    it("assigns a seat: 201 with the subscription, the member and when", async () => {
      const { subscription } = await subscribed(2);
      const answer = await assign(subscription, "Ann");
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(at(answer.body, "subscription"), subscription);
      assert.equal(at(answer.body, "member"), member("Ann"));
      assert.equal(at(answer.body, "assigned_at"), new Date(api.clock.nowMs).toISOString());
      const read = await api.ok("GET", `/v1/subscriptions/${subscription}`, { key });
      assert.equal(at(read, "seats_assigned"), 1);
    });

    it("assigning a member again answers the seat held (200) and writes nothing", async () => {
      const { subscription } = await subscribed(2);
      const first = await assign(subscription, "Ann");
      api.clock.advance(1_000);
      const before = await api.snapshot(org);
      const again = await assign(subscription, "Ann");
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, first.body);
      assert.equal(await api.snapshot(org), before);
    });

    it("lists the members holding seats by member id, a page at a time", async () => {
      const { subscription } = await subscribed(3);
      for (const name of ["Cy", "Ann", "Bob"]) await assign(subscription, name);
      const sorted = ["Ann", "Bob", "Cy"].map(member).sort();
      const path = `/v1/subscriptions/${subscription}/assignments`;
      const first = await api.ok("GET", `${path}?limit=2`, { key });
      assert.deepEqual(membersOf(first), sorted.slice(0, 2));
      assert.equal(at(first, "has_more"), true);
      const rest = await api.ok("GET", `${path}?limit=2&starting_after=${sorted[1]}`, { key });
      assert.deepEqual(membersOf(rest), sorted.slice(2));
      assert.equal(at(rest, "has_more"), false);
    });

    it("every seat taken: 409 seats_exhausted on member, nothing written", async () => {
      const { subscription } = await subscribed(1);
      await assign(subscription, "Ann");
      const before = await api.snapshot(org);
      expectError(await assign(subscription, "Bob"), 409, "seats_exhausted", "member");
      assert.equal(await api.snapshot(org), before);
    });

    it("an unknown member: 404 member_not_found on member", async () => {
      const { subscription } = await subscribed(1);
      const answer = await api.call("POST", `/v1/subscriptions/${subscription}/assignments`, {
        key,
        body: { member: "mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" },
      });
      expectError(answer, 404, "member_not_found", "member");
    });

    it("seats lowered below the members holding them: 409 seats_assigned on seats", async () => {
      const { subscription } = await subscribed(2);
      await assign(subscription, "Ann");
      await assign(subscription, "Bob");
      const before = await api.snapshot(org);
      const path = `/v1/subscriptions/${subscription}/seats`;
      const answer = await api.call("POST", path, { key, body: { seats: 1 } });
      expectError(answer, 409, "seats_assigned", "seats");
      assert.equal(await api.snapshot(org), before);
    });

    it("unassigns: answers the removed seat, then 404 member_not_found", async () => {
      const { subscription } = await subscribed(1);
      await assign(subscription, "Ann");
      const path = `/v1/subscriptions/${subscription}/assignments/${member("Ann")}`;
      const removed = await api.call("DELETE", path, { key });
      assert.equal(removed.status, 200);
      assert.equal(at(removed.body, "member"), member("Ann"));
      expectError(await api.call("DELETE", path, { key }), 404, "member_not_found", "member");
      assert.equal((await assign(subscription, "Bob")).status, 201);
    });

    it("assign and unassign leave audit records naming the subscription", async () => {
      const { subscription } = await subscribed(1);
      await assign(subscription, "Ann");
      const path = `/v1/subscriptions/${subscription}/assignments/${member("Ann")}`;
      await api.ok("DELETE", path, { key });
      const records = await api.ok("GET", `/v1/audit-records?target=${subscription}&limit=10`, {
        key,
      });
      const actions = (at(records, "data") as unknown[]).map((record) => at(record, "action"));
      assert.deepEqual(
        actions.filter((action) => String(action).startsWith("seat.")),
        ["seat.assigned", "seat.unassigned"],
      );
    });

    it("a hold for a member without a seat: 403 seat_required naming both, nothing written", async () => {
      const { subscription, pool } = await subscribed(1);
      const before = await api.journal(org.organizationId);
      const answer = await hold(pool, "10", "Cy");
      expectError(answer, 403, "seat_required", "member");
      const message = String(at(answer.body, "error.message"));
      assert.ok(message.includes(member("Cy")) && message.includes(subscription), message);
      assert.deepEqual(await api.journal(org.organizationId), before);
    });

    it("a hold naming no member at a gated pool: 403 seat_required saying none was named", async () => {
      const { pool } = await subscribed(1);
      const answer = await hold(pool, "10");
      expectError(answer, 403, "seat_required", "member");
      assert.match(String(at(answer.body, "error.message")), /No member was named/);
    });

    it("holds below the gated pool are gated too, and allowed once the member has a seat", async () => {
      const { subscription, pool } = await subscribed(1);
      const team = await api.pool(org, pool);
      await api.grant(org, team, "10");
      expectError(await hold(team, "5", "Ann"), 403, "seat_required", "member");
      await assign(subscription, "Ann");
      assert.equal(at((await hold(team, "5", "Ann")).body, "allowed"), true);
    });

    it("a key bound to a member holding a seat holds without naming one", async () => {
      const { subscription, pool } = await subscribed(1);
      await assign(subscription, "Bob");
      const bound = await api.keyFor(org, "agent", { member: member("Bob") });
      assert.equal(at((await hold(pool, "5", undefined, bound)).body, "allowed"), true);
    });

    it("an open subscription's pools take holds from anyone", async () => {
      const { pool } = await subscribed(1, "open");
      assert.equal(at((await hold(pool, "5", "Cy")).body, "allowed"), true);
      assert.equal(at((await hold(pool, "5")).body, "allowed"), true);
    });

    it("usage recorded after the fact is never refused for a seat", async () => {
      const { pool } = await subscribed(1);
      const seatless = await api.keyFor(org, "agent", { member: member("Cy") });
      const event = { id: `seatless-${store}`, pool, amount: "3" };
      const body = { events: [event] };
      const answer = await api.ok("POST", "/v1/usage", { key: seatless, body });
      assert.equal(at(answer, "data.0.status"), "recorded");
    });

    it("the worked example of billing.md, figure for figure", async () => {
      const { subscription, pool, started } = await subscribed(2);
      assert.equal(at(started, "current_period.included_credits"), "2000");
      assert.equal((await assign(subscription, "Ann")).status, 201);
      assert.equal((await assign(subscription, "Bob")).status, 201);
      expectError(await assign(subscription, "Cy"), 409, "seats_exhausted", "member");
      expectError(await hold(pool, "100", "Cy"), 403, "seat_required", "member");
      // The seats' credits are pooled: Ann may take more than "her" 1,000.
      assert.equal(at((await hold(pool, "1500", "Ann")).body, "allowed"), true);
      const available = async () =>
        at(await api.ok("GET", `/v1/pools/${pool}`, { key }), "available");
      assert.equal(await available(), "500");
      assert.equal(at((await hold(pool, "500", "Bob")).body, "allowed"), true);
      assert.equal(await available(), "0");
      const path = `/v1/subscriptions/${subscription}/assignments/${member("Bob")}`;
      await api.ok("DELETE", path, { key });
      expectError(await hold(pool, "1", "Bob"), 403, "seat_required", "member");
      assert.equal((await assign(subscription, "Cy")).status, 201);
      const read = await api.ok("GET", `/v1/subscriptions/${subscription}`, { key });
      assert.equal(at(read, "seats_assigned"), 2);
    });
  });
}
