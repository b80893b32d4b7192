/**
 * Every method of the client against the real API in process (no socket): each route is
 * reachable, its answer has the shape the types promise, and idempotency holds end to end.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError, type Fetch } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("client against the API in process", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let rootPool: string;

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Acme" });
    assert.equal(created.organization.name, "Acme");
    assert.match(created.owner_key.secret ?? "", /^cpk_/);
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    rootPool = created.organization.root_pool;
  });

  after(async () => {
    await api.close();
  });

  it("reads the organization", async () => {
    const organization = await client.organization.get();
    assert.deepEqual([organization.name, organization.root_pool], ["Acme", rootPool]);
  });

  it("creates, lists, reads and updates pools", async () => {
    const team = await client.pools.create({
      parent: rootPool,
      name: "Team",
      limit: { amount: "100", kind: "hard", period: "month" },
    });
    assert.deepEqual(team.limit, { amount: "100", kind: "hard", period: "month" });
    const list = await client.pools.list({ limit: 1 });
    assert.deepEqual([list.data.length, list.has_more], [1, true]);
    assert.equal((await client.pools.get(team.id)).name, "Team");
    const updated = await client.pools.update(team.id, { name: "Platform", limit: null });
    assert.deepEqual([updated.name, updated.limit], ["Platform", null]);
  });

  it("creates, lists, reads and voids grants", async () => {
    const grant = await client.grants.create({
      pool: rootPool,
      amount: "40.25",
      source: "promotion",
      priority: 10,
      cost_basis: "0.5",
    });
    assert.deepEqual([grant.amount, grant.remaining, grant.status], ["40.25", "40.25", "active"]);
    const list = await client.grants.list({ pool: rootPool });
    assert.ok(list.data.some((each) => each.id === grant.id));
    assert.equal((await client.grants.get(grant.id)).cost_basis, "0.5");
    const voided = await client.grants.void(grant.id);
    assert.deepEqual([voided.status, voided.remaining], ["voided", "0"]);
  });

  it("changes a grant's expiry, and refuses one before now on expires_at", async () => {
    const grant = await client.grants.create({ pool: rootPool, amount: "5", source: "promotion" });
    const later = "2199-01-01T00:00:00.000Z";
    const moved = await client.grants.changeExpiry(grant.id, { expires_at: later });
    assert.deepEqual([moved.expires_at, moved.remaining], [later, "5"]);
    const never = await client.grants.changeExpiry(grant.id, { expires_at: null });
    assert.equal(never.expires_at, null);
    const past = { expires_at: "2001-01-01T00:00:00Z" };
    const refused = await client.grants.changeExpiry(grant.id, past).catch((error) => error);
    assert.ok(refused instanceof CreditpoolError);
    assert.deepEqual([refused.status, refused.param], [400, "expires_at"]);
    // Spent by no later test: those count on the root pool's credits exactly.
    await client.grants.void(grant.id);
  });

  it("holds, captures, releases and reads holds; records usage; reads the journal", async () => {
    await client.grants.create({ pool: rootPool, amount: "10", source: "plan" });
    const first = await client.holds.create({ pool: rootPool, amount: "4", ttl_seconds: 60 });
    const second = await client.holds.create({ pool: rootPool, amount: "3" });
    assert.ok(first.allowed && second.allowed);
    const captured = await client.holds.capture(first.hold.id, { amount: "2.5" });
    assert.deepEqual([captured.status, captured.captured], ["captured", "2.5"]);
    const released = await client.holds.release(second.hold.id);
    assert.equal(released.status, "released");
    assert.equal((await client.holds.get(first.hold.id)).amount, "4");
    const answer = await client.holds.create({ pool: rootPool, amount: "8" });
    assert.ok(!answer.allowed);
    // A refusal names its decision record, which says why.
    const { decision_id, ...refused } = answer;
    assert.match(decision_id ?? "", /^dec_/);
    assert.deepEqual(refused, {
      allowed: false,
      code: "insufficient_credits",
      pool: rootPool,
      message: "Hold refused: the draw chain's grants and overage allowance do not cover it.",
    });
    const usage = await client.usage.record({
      events: [{ id: "evt-1", pool: rootPool, amount: "0.5" }],
    });
    assert.deepEqual(usage.data, [{ id: "evt-1", status: "recorded", code: "ok" }]);
    const journal = await client.transfers.list({ hold: first.hold.id });
    assert.deepEqual(
      journal.data.map((transfer) => [transfer.kind, transfer.amount]),
      [
        ["hold", "4"],
        ["capture", "2.5"],
        ["release", "1.5"],
      ],
    );
    assert.equal((await client.pools.get(rootPool)).available, "7");
  });

  it("creates, lists and reads members; creates, lists and revokes keys", async () => {
    const member = await client.members.create({ name: "Ada", email: "ada@example.com" });
    assert.deepEqual([member.role, member.kind], ["member", "person"]);
    assert.equal((await client.members.list()).data.length, 1);
    assert.equal((await client.members.get(member.id)).email, "ada@example.com");
    const key = await client.keys.create({ name: "ci", role: "agent", member: member.id });
    assert.match(key.secret ?? "", /^cpk_/);
    assert.equal((await client.keys.list()).data.length, 2);
    const revoked = await client.keys.revoke(key.id);
    assert.notEqual(revoked.revoked_at, null);
    const agent = new CreditpoolClient({ baseUrl, apiKey: key.secret ?? "", fetch: api.fetch });
    await assert.rejects(agent.organization.get(), { code: "unauthenticated", status: 401 });
  });

  it("applies a POST once when its answer was lost and the SDK retried it", async () => {
    let lost = false;
    const losing: Fetch = async (input, init) => {
      const response = await api.fetch(input, init);
      if (lost || init?.method !== "POST") return response;
      lost = true;
      throw new TypeError("the connection closed before the answer arrived");
    };
    const flaky = new CreditpoolClient({
      baseUrl,
      apiKey: (await createOwner()).secret,
      fetch: losing,
    });
    const root = (await flaky.organization.get()).root_pool;
    const grant = await flaky.grants.create({ pool: root, amount: "3", source: "purchase" });
    const grants = await flaky.grants.list({ pool: root });
    assert.deepEqual(
      grants.data.map((each) => each.id),
      [grant.id],
    );
    const posts = api.requests.filter((request) => request.url.endsWith("/v1/grants"));
    assert.equal(lost, true);
    const keys = posts.slice(-2).map((request) => request.headers.get("idempotency-key"));
    assert.equal(keys[0], keys[1]);
  });

  it("refuses the same idempotency key with a different request", async () => {
    const options = { idempotencyKey: "grant-once" };
    const first = await client.grants.create(
      { pool: rootPool, amount: "1", source: "plan" },
      options,
    );
    const replay = await client.grants.create(
      { pool: rootPool, amount: "1", source: "plan" },
      options,
    );
    assert.equal(replay.id, first.id);
    const error = await client.grants
      .create({ pool: rootPool, amount: "2", source: "plan" }, options)
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.deepEqual(
      [error.status, error.code, error.param, error.retryable],
      [409, "idempotency_key_reused", "Idempotency-Key", false],
    );
  });

  it("names the field at fault in a validation error", async () => {
    await assert.rejects(
      client.grants.create({ pool: rootPool, amount: "1.1234567", source: "plan" }),
      { status: 400, code: "invalid_request", param: "amount" },
    );
  });

  async function createOwner(): Promise<{ secret: string }> {
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Flaky" });
    return { secret: created.owner_key.secret ?? "" };
  }
});

describe("pricing through the client", () => {
  it("publishes a rate card, quotes, holds by quote and captures by usage", async (t) => {
    const api = await inProcessApi();
    t.after(() => api.close());
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Priced" });
    const priced = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    const root = created.organization.root_pool;
    const card = await priced.rateCards.create({
      prices: [{ meter: "input_tokens", dimensions: { model: "m" }, credits_per_unit: "0.001" }],
    });
    assert.match(card.id, /^rc_/);
    const usage = { quantities: { input_tokens: 2500 }, dimensions: { model: "m" } };
    const quote = await priced.quotes.create({ usage });
    assert.deepEqual([quote.amount, quote.rate_card_version], ["2.5", card.id]);
    await priced.grants.create({ pool: root, amount: "10", source: "purchase" });
    const decision = await priced.holds.create({ pool: root, quote: quote.id });
    assert.ok(decision.allowed);
    const captured = await priced.holds.capture(decision.hold.id, { usage });
    assert.equal(captured.captured, "2.5");
    const versions = await priced.rateCards.list();
    assert.deepEqual(
      versions.data.map((each) => [each.id, each.in_force]),
      [[card.id, true]],
    );
  });
});
