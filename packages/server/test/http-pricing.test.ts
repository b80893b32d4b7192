/**
 * Pricing over HTTP: rate-card versions, quotes, holds sized by a quote or by described usage and
 * captured with the version they pinned, usage events priced at their own time, and what pricing
 * refuses. One outcome per test.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  text,
} from "./support/api.ts";

const gpt = { model: "gpt-4o" };
const firstPrices = [
  { meter: "input_tokens", dimensions: gpt, credits_per_unit: "0.00025" },
  { meter: "output_tokens", dimensions: gpt, credits_per_unit: "0.001" },
  { meter: "document.analyzed", credits_per_unit: "2" },
];
const chat = { quantities: { input_tokens: 1200, output_tokens: 300 }, dimensions: gpt };

describe("pricing", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  let first: string;
  const post = (path: string, body: unknown) => api.call("POST", path, { key: org.ownerKey, body });
  const get = (path: string) => api.ok("GET", path, { key: org.ownerKey });

  before(async () => {
    api = await apiHarness();
    org = await api.newOrganization("Priced");
    await api.grant(org, org.rootPoolId, "1000");
    first = text(
      await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices: firstPrices } }),
      "id",
    );
  });
  after(() => api.close());

  it("a quote prices a chat call exactly: 1,200 x 0.00025 + 300 x 0.001 = 0.6", async () => {
    const quote = await post("/v1/quotes", { usage: chat });
    assert.equal(quote.status, 201);
    assert.equal(at(quote.body, "amount"), "0.6");
    assert.equal(at(quote.body, "rate_card_version"), first);
  });

  it("a hold sized by a quote captures the same usage for the same credits, with its version", async () => {
    const quote = text((await post("/v1/quotes", { usage: chat })).body, "id");
    const hold = await post("/v1/holds", { pool: org.rootPoolId, quote });
    assert.equal(at(hold.body, "hold.amount"), "0.6");
    const holdId = text(hold.body, "hold.id");
    const captured = await post(`/v1/holds/${holdId}/capture`, { usage: chat });
    assert.equal(at(captured.body, "captured"), "0.6");
    const journal = await api.ok("GET", `/v1/transfers?hold=${holdId}`, { key: org.ownerKey });
    const versions = (at(journal, "data") as unknown[]).map((t) => at(t, "rate_card_version"));
    assert.deepEqual(versions, [first, first]);
  });

  it("a hold keeps its version when a new one takes over; its capture is priced with the old", async () => {
    const hold = await post("/v1/holds", { pool: org.rootPoolId, usage: chat });
    const holdId = text(hold.body, "hold.id");
    const doubled = firstPrices.map((price) => ({
      ...price,
      credits_per_unit: String(Number(price.credits_per_unit) * 2),
    }));
    const second = await api.ok("POST", "/v1/rate-cards", {
      key: org.ownerKey,
      body: { prices: doubled },
    });
    const captured = await post(`/v1/holds/${holdId}/capture`, { usage: chat });
    assert.equal(at(captured.body, "captured"), "0.6");
    assert.equal(at(captured.body, "rate_card_version"), first);
    const quote = await post("/v1/quotes", { usage: chat });
    assert.equal(at(quote.body, "amount"), "1.2");
    assert.equal(at(quote.body, "rate_card_version"), text(second, "id"));
  });

  it("a quote and the capture of the same usage under it agree, for any quantities", async () => {
    await api.grant(org, org.rootPoolId, "1000000000");
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        async (input, output) => {
          const usage = {
            quantities: { input_tokens: input, output_tokens: output },
            dimensions: gpt,
          };
          const quote = (await post("/v1/quotes", { usage })).body;
          const hold = await post("/v1/holds", { pool: org.rootPoolId, quote: text(quote, "id") });
          if (at(quote, "amount") === "0") {
            // Nothing to reserve: refused, naming the quote, not an amount never sent.
            assert.equal(hold.status, 400);
            assert.equal(at(hold.body, "error.param"), "quote");
            return;
          }
          assert.equal(at(hold.body, "allowed"), true);
          const captured = await post(`/v1/holds/${text(hold.body, "hold.id")}/capture`, { usage });
          assert.equal(at(captured.body, "captured"), at(quote, "amount"));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("refuses a hold that prices to nothing, naming the field given", async () => {
    const usage = { quantities: { input_tokens: 0, output_tokens: 0 }, dimensions: gpt };
    const quote = (await post("/v1/quotes", { usage })).body;
    assert.equal(at(quote, "amount"), "0");
    const fromQuote = await post("/v1/holds", { pool: org.rootPoolId, quote: text(quote, "id") });
    assert.equal(fromQuote.status, 400);
    assert.equal(at(fromQuote.body, "error.param"), "quote");
    const fromUsage = await post("/v1/holds", { pool: org.rootPoolId, usage });
    assert.equal(fromUsage.status, 400);
    assert.equal(at(fromUsage.body, "error.param"), "usage");
    assert.match(text(fromUsage.body, "error.message"), /prices to 0 credits/);
  });

  it("lists the versions with the one in force marked", async () => {
    const list = at(await get("/v1/rate-cards"), "data") as unknown[];
    assert.ok(list.length >= 2);
    assert.equal(list.filter((card) => at(card, "in_force") === true).length, 1);
  });

  it("answers in_force as the list does, for a card in force from now and one to come", async () => {
    const own = await api.newOrganization("In force");
    const publish = (body: object) => api.ok("POST", "/v1/rate-cards", { key: own.ownerKey, body });
    const prices = [{ meter: "input_tokens", credits_per_unit: "0.00025" }];
    const now = await publish({ prices });
    const later = await publish({
      prices,
      effective_at: new Date(api.clock.read() + 60_000).toISOString(),
    });
    assert.equal(at(now, "in_force"), true);
    assert.equal(at(later, "in_force"), false);
    const list = at(await api.ok("GET", "/v1/rate-cards", { key: own.ownerKey }), "data");
    const listed = (id: unknown) => (list as unknown[]).find((card) => at(card, "id") === id);
    assert.equal(at(listed(at(now, "id")), "in_force"), true);
    assert.equal(at(listed(at(later, "id")), "in_force"), false);
  });

  it("refuses a meter the rate card does not price, naming it, and writes nothing", async () => {
    const before = await api.journal(org.organizationId);
    const quote = await post("/v1/quotes", { usage: { quantities: { images: 1 } } });
    expectError(quote, 422, "meter_not_priced", "usage.quantities.images");
    const hold = await post("/v1/holds", {
      pool: org.rootPoolId,
      usage: { quantities: { images: 1 } },
    });
    expectError(hold, 422, "meter_not_priced", "usage.quantities.images");
    assert.deepEqual(await api.journal(org.organizationId), before);
  });

  it("refuses a hold that gives two sizes", async () => {
    const hold = await post("/v1/holds", { pool: org.rootPoolId, amount: "1", usage: chat });
    expectError(hold, 400, "invalid_request", "amount");
  });

  it("refuses an expired quote", async () => {
    const quote = text((await post("/v1/quotes", { usage: chat })).body, "id");
    api.clock.advance(15 * 60 * 1000);
    expectError(
      await post("/v1/holds", { pool: org.rootPoolId, quote }),
      409,
      "quote_expired",
      "quote",
    );
  });

  it("prices usage events by meter; an unpriced one is refused on its own", async () => {
    const answer = await post("/v1/usage", {
      events: [
        { id: "doc-1", pool: org.rootPoolId, quantities: { "document.analyzed": 1 } },
        { id: "img-1", pool: org.rootPoolId, quantities: { images: 1 } },
      ],
    });
    assert.deepEqual(
      (at(answer.body, "data") as unknown[]).map((r) => [
        at(r, "status"),
        at(r, "code"),
        at(r, "param"),
      ]),
      [
        ["recorded", "ok", undefined],
        ["refused", "meter_not_priced", "events[1].quantities.images"],
      ],
    );
  });

  it("bills an outcome once, however many events report it", async () => {
    const before = (await api.journal(org.organizationId)).length;
    const outcome = (id: string) => ({
      id,
      pool: org.rootPoolId,
      outcome_key: "document-42",
      quantities: { "document.analyzed": 1 },
    });
    const answer = await post("/v1/usage", { events: [outcome("a-1"), outcome("a-2")] });
    const again = await post("/v1/usage", { events: [outcome("a-3")] });
    const statuses = [
      ...(at(answer.body, "data") as unknown[]),
      ...(at(again.body, "data") as unknown[]),
    ];
    assert.deepEqual(
      statuses.map((r) => at(r, "status")),
      ["recorded", "duplicate", "duplicate"],
    );
    const added = (await api.journal(org.organizationId)).slice(before);
    // One transfer, at the version in force (the doubled one an earlier test published): 4.
    assert.deepEqual(
      added.map((t) => t.amount),
      [4_000_000n],
    );
  });

  it("accepts events as CloudEvents 1.0 JSON envelopes", async () => {
    const answer = await post("/v1/usage", {
      events: [
        {
          specversion: "1.0",
          id: "ce-1",
          source: "/chat",
          type: "ai.usage",
          data: { pool: org.rootPoolId, quantities: { input_tokens: 4000 }, dimensions: gpt },
        },
      ],
    });
    assert.deepEqual(
      (at(answer.body, "data") as unknown[]).map((r) => at(r, "status")),
      ["recorded"],
    );
  });

  it("re-sending any subset of events in any order leaves the journal unchanged", async () => {
    const events = Array.from({ length: 6 }, (_, index) => ({
      id: `resend-${index}`,
      pool: org.rootPoolId,
      quantities: { input_tokens: 100 * (index + 1) },
      dimensions: gpt,
    }));
    await post("/v1/usage", { events });
    const settled = await api.journal(org.organizationId);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(events), async (subset) => {
        if (subset.length === 0) return;
        const answer = await post("/v1/usage", { events: subset });
        const statuses = (at(answer.body, "data") as unknown[]).map((r) => at(r, "status"));
        assert.ok(statuses.every((status) => status === "duplicate"));
        assert.deepEqual(await api.journal(org.organizationId), settled);
      }),
      { numRuns: 25 },
    );
  });
});

describe("default rate cards", () => {
  it("the operator's default prices for organizations without their own", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    await api.ok("POST", "/v1/rate-cards", {
      key: api.operatorKey,
      body: { prices: [{ meter: "searches", credits_per_unit: "0.5" }] },
    });
    const org = await api.newOrganization("Defaulted");
    const quote = await api.ok("POST", "/v1/quotes", {
      key: org.ownerKey,
      body: { usage: { quantities: { searches: 3 } } },
    });
    assert.equal(at(quote, "amount"), "1.5");
  });
});
