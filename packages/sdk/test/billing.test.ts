/** Plans, subscriptions and invoices through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("billing through the client", () => {
  let api: InProcessApi;
  let operator: CreditpoolClient;
  let client: CreditpoolClient;

  before(async () => {
    api = await inProcessApi();
    operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Seats" });
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
  });
  after(() => api.close());

  it("publishes a plan, subscribes, adds seats and reads the draft invoice", async () => {
    const plan = await operator.plans.publish({
      id: "team",
      name: "Team",
      currency: "EUR",
      interval: "month",
      seat_price: "2500",
      credits_per_seat: "500",
      rollover: { cap: { percent: 20 }, lifetime_days: 30 },
      top_ups: [{ id: "boost", credits: "1000", price: "900" }],
    });
    assert.deepEqual([plan.id, plan.version, plan.scope], ["team", 1, "operator"]);
    assert.equal((await client.plans.list()).data.length, 1);
    assert.equal((await client.plans.get("team", 1)).seat_price, "2500");

    const started = await client.subscriptions.start({ plan: "team", seats: 4 });
    assert.equal(started.seats, 4);
    const changed = await client.subscriptions.changeSeats(started.id, { seats: 6 });
    assert.equal(changed.seats, 6);
    const read = await client.subscriptions.get(started.id);
    assert.equal(read.current_period.grants.length, 2);
    assert.equal((await client.subscriptions.list()).data.length, 1);

    const invoice = await client.invoices.get(read.current_period.invoice);
    assert.equal(invoice.status, "draft");
    assert.equal(invoice.currency, "EUR");
    assert.deepEqual(
      invoice.lines.map((line) => line.kind),
      ["seats", "seats_added"],
    );
    const listed = await client.invoices.list({ subscription: started.id });
    assert.deepEqual(
      listed.data.map((each) => each.id),
      [invoice.id],
    );

    const bought = await client.topUps.buy({ subscription: started.id, pack: "boost" });
    assert.deepEqual([bought.credits, bought.price, bought.currency], ["1000", "900", "EUR"]);

    await operator.plans.publish({
      id: "team",
      name: "Team",
      currency: "EUR",
      interval: "month",
      seat_price: "3000",
      credits_per_seat: "600",
    });
    const upgraded = await client.subscriptions.changePlan(started.id, { plan: "team" });
    assert.deepEqual([upgraded.plan, upgraded.plan_version], ["team", 2]);

    const canceled = await client.subscriptions.cancel(started.id);
    assert.equal(canceled.cancel_at_period_end, true);
    const resumed = await client.subscriptions.resume(started.id);
    assert.equal(resumed.cancel_at_period_end, false);

    await assert.rejects(client.invoices.pay(invoice.id), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "invoice_not_open");
      return true;
    });
  });

  it("assigns seats, lists and unassigns them; the last seat taken is a typed error", async () => {
    const created = await operator.organizations.create({ name: "Seated" });
    const owner = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    const started = await owner.subscriptions.start({
      plan: "team",
      seats: 1,
      seat_access: "assigned",
    });
    assert.deepEqual([started.seat_access, started.seats_assigned], ["assigned", 0]);
    const ann = await owner.members.create({ name: "Ann" });
    const bob = await owner.members.create({ name: "Bob" });
    const seat = await owner.subscriptions.assignSeat(started.id, { member: ann.id });
    assert.deepEqual([seat.subscription, seat.member], [started.id, ann.id]);
    await assert.rejects(
      owner.subscriptions.assignSeat(started.id, { member: bob.id }),
      (error: unknown) => error instanceof CreditpoolError && error.code === "seats_exhausted",
    );
    const listed = await owner.subscriptions.listAssignments(started.id, { limit: 10 });
    assert.deepEqual(
      listed.data.map((each) => each.member),
      [ann.id],
    );
    const removed = await owner.subscriptions.unassignSeat(started.id, ann.id);
    assert.equal(removed.member, ann.id);
    assert.equal((await owner.subscriptions.get(started.id)).seats_assigned, 0);
  });

  it("reads an invoice as its printable page; an unknown one is a typed error", async () => {
    const [invoice] = (await client.invoices.list()).data;
    assert.ok(invoice !== undefined);
    const page = await client.invoices.html(invoice.id);
    assert.match(page, /^<!DOCTYPE html>/);
    assert.ok(page.includes(invoice.id));
    await assert.rejects(
      client.invoices.html("inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V"),
      (error: unknown) => {
        assert.ok(error instanceof CreditpoolError);
        assert.equal(error.code, "invoice_not_found");
        return true;
      },
    );
  });

  it("sells premium seats beside standard ones, and changes one tier's seats", async () => {
    await operator.plans.publish({
      id: "claude-team",
      name: "Claude Team",
      currency: "USD",
      interval: "month",
      seat_price: "3000",
      credits_per_seat: "1000",
      seat_tiers: [
        { id: "premium", name: "Premium", seat_price: "15000", credits_per_seat: "5000" },
      ],
    });
    const created = await operator.organizations.create({ name: "Tiers" });
    const owner = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    const started = await owner.subscriptions.start({
      plan: "claude-team",
      seats: 10,
      tier_seats: { premium: 3 },
    });
    assert.deepEqual(started.tier_seats, { premium: 3 });
    assert.equal(started.current_period.included_credits, "25000");
    const changed = await owner.subscriptions.changeSeats(started.id, {
      seats: 4,
      tier: "premium",
    });
    assert.deepEqual([changed.seats, changed.tier_seats], [10, { premium: 4 }]);
    const invoice = await owner.invoices.get(changed.current_period.invoice);
    assert.deepEqual(
      invoice.lines.map((line) => [line.description, line.tier]),
      [
        ["10 Standard seats", null],
        ["3 Premium seats", "premium"],
        ["1 Premium seat added", "premium"],
      ],
    );
  });
});
