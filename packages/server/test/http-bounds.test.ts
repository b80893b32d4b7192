/**
 * Bounds and text over HTTP, on SQLite and on a real PostgreSQL: what once answered 500 (or was
 * stored and then broke what came after) answers a clear 4xx naming the field, writes nothing,
 * and leaves the organization working.
 *
 * - running totals: usage of the largest amount until a pool's debt would pass its bound;
 * - text: NUL and other control characters, and lone surrogates, in every name and key;
 * - prices: a quote or priced usage whose price passes the largest amount;
 * - rate cards: a negative minimum charge, effective times outside 2000 to 2200.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { credits, formatDecimal, limits } from "@creditpool/core";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  type StoreName,
  text,
} from "./support/api.ts";
import { failWritesWhere } from "./support/faults.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const max = formatDecimal(limits.amountMicrosMax);
const stores: StoreName[] = testDatabaseUrl() === undefined ? ["sqlite"] : ["sqlite", "postgres"];

for (const storeName of stores) {
  describe(`bounds and text over HTTP (${storeName})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let bystander: OrganizationFixture;
    before(async () => {
      api = await apiHarness({ store: storeName });
      org = await api.newOrganization("Bounded");
      bystander = await api.newOrganization("Bystander");
    });
    after(() => api.close());

    const usage = (id: string, pool: string, amount: string, key = org.ownerKey) =>
      api.call("POST", "/v1/usage", { key, body: { events: [{ id, pool, amount }] } });

    it("usage carrying a total past its bound is refused; other organizations never notice", async () => {
      const org = await api.newOrganization("Absurd");
      const pool = await api.pool(org, org.rootPoolId, { draws_from_parent: false });
      const absurd = (id: string, amount: string) =>
        api.call("POST", "/v1/usage", {
          key: org.ownerKey,
          body: { events: [{ id, pool, amount }] },
        });
      for (let index = 0; index < 9; index += 1) {
        const answer = await absurd(`big-${index}`, max);
        assert.equal(at(answer.body, "data.0.status"), "recorded", JSON.stringify(answer.body));
      }
      const before = await api.snapshot(org);
      const tenth = await absurd("big-9", max);
      assert.equal(tenth.status, 200);
      assert.equal(at(tenth.body, "data.0.status"), "refused");
      assert.equal(at(tenth.body, "data.0.code"), "amount_out_of_range");
      assert.equal(await api.snapshot(org), before, "the refused event wrote nothing");
      // The pool is still served: reading it works, and a grant pays the debt down.
      const view = await api.ok("GET", `/v1/pools/${pool}`, { key: org.ownerKey });
      assert.equal(at(view, "debt"), "9000000000000");
      await api.grant(org, pool, max);
      const small = await absurd("after", "1");
      assert.equal(at(small.body, "data.0.status"), "refused", "this month's consumption is full");
      // Another organization records usage as always.
      const other = await usage("elsewhere", bystander.rootPoolId, "1", bystander.ownerKey);
      assert.equal(at(other.body, "data.0.status"), "recorded");
    });

    it("a capture whose excess would pass the bound is refused with 422", async () => {
      const org = await api.newOrganization("Captures");
      const pool = await api.pool(org, org.rootPoolId, { draws_from_parent: false });
      for (let index = 0; index < 9; index += 1) await api.grant(org, pool, max);
      const holds: string[] = [];
      for (let index = 0; index < 8; index += 1) holds.push(await api.hold(org, pool, max));
      const small = await api.hold(org, pool, "1");
      await api.hold(org, pool, "1");
      const before = await api.snapshot(org);
      const answer = await api.call("POST", `/v1/holds/${small}/capture`, {
        key: org.ownerKey,
        body: { amount: max },
      });
      expectError(answer, 422, "amount_out_of_range");
      assert.equal(await api.snapshot(org), before);
      const fits = await api.call("POST", `/v1/holds/${small}/capture`, {
        key: org.ownerKey,
        body: { amount: "999999999999" },
      });
      assert.equal(fits.status, 200, JSON.stringify(fits.body));
    });

    const hostile: [string, string][] = [
      ["NUL", "a\u0000b"],
      ["a control character", "tab\u0007bell"],
      ["DEL", "x\u007f"],
      ["a C1 control character", "x\u0085"],
      ["a lone surrogate", "x\ud800y"],
    ];
    for (const [what, value] of hostile) {
      it(`refuses ${what} in every name and key, writing nothing`, async () => {
        const before = await api.snapshot(org);
        const requests: [string, string, unknown, string][] = [
          ["POST", "/v1/pools", { parent: org.rootPoolId, name: value }, "name"],
          ["PATCH", `/v1/pools/${org.rootPoolId}`, { name: value }, "name"],
          ["POST", "/v1/members", { name: value }, "name"],
          ["POST", "/v1/keys", { name: value, role: "viewer" }, "name"],
          [
            "POST",
            "/v1/usage",
            { events: [{ id: value, pool: org.rootPoolId, amount: "1" }] },
            "events[0].id",
          ],
          [
            "POST",
            "/v1/usage",
            { events: [{ id: "ok", outcome_key: value, pool: org.rootPoolId, amount: "1" }] },
            "events[0].outcome_key",
          ],
          [
            "POST",
            "/v1/quotes",
            { usage: { quantities: { input_tokens: 1 }, dimensions: { model: value } } },
            "usage.dimensions.model",
          ],
        ];
        for (const [method, path, body, param] of requests) {
          const answer = await api.call(method as "POST", path, { key: org.ownerKey, body });
          expectError(answer, 400, "invalid_request", param);
        }
        const organization = await api.call("POST", "/v1/organizations", {
          key: api.operatorKey,
          body: { name: value },
        });
        expectError(organization, 400, "invalid_request", "name");
        assert.equal(await api.snapshot(org), before);
      });
    }

    it("refuses NUL in an idempotency key and in a page cursor", async () => {
      const cursor = await api.call("GET", "/v1/keys?starting_after=a%00b", { key: org.ownerKey });
      expectError(cursor, 400, "invalid_request", "starting_after");
      const usageAnswer = await api.call("POST", "/v1/pools", {
        key: org.ownerKey,
        body: { parent: org.rootPoolId, name: "Fine" },
        headers: { "Idempotency-Key": "tab\tkey" },
      });
      expectError(usageAnswer, 400, "invalid_request", "Idempotency-Key");
    });

    it("prices past the largest amount: a quote is refused on the meter, nothing stored", async () => {
      await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: { prices: [{ meter: "output_tokens", credits_per_unit: "1000000" }] },
      });
      const before = await api.snapshot(org);
      const quote = await api.call("POST", "/v1/quotes", {
        key: org.ownerKey,
        body: { usage: { quantities: { output_tokens: 1_000_001 } } },
      });
      expectError(quote, 422, "amount_out_of_range", "usage.quantities.output_tokens");
      const priced = await api.call("POST", "/v1/usage", {
        key: org.ownerKey,
        body: {
          events: [{ id: "huge", pool: org.rootPoolId, quantities: { output_tokens: 2 ** 52 } }],
        },
      });
      assert.equal(at(priced.body, "data.0.code"), "amount_out_of_range");
      const hold = await api.call("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, usage: { quantities: { output_tokens: 2 ** 52 } } },
      });
      expectError(hold, 422, "amount_out_of_range");
      assert.equal(await api.snapshot(org), before);
      // At the largest amount exactly, the quote is made and a hold can use it.
      const exact = await api.ok("POST", "/v1/quotes", {
        key: org.ownerKey,
        body: { usage: { quantities: { output_tokens: 1_000_000 } } },
      });
      assert.equal(at(exact, "amount"), max);
      const held = await api.call("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, quote: text(exact, "id") },
      });
      assert.equal(held.status, 200, JSON.stringify(held.body));
    });

    it("an event that fails at write is refused alone; the others are recorded", async () => {
      const org = await api.newOrganization("Faulty");
      const poison = credits("13.131313");
      const restore = failWritesWhere(api.store, (batch) =>
        batch.transfers.some((transfer) => transfer.amount === poison),
      );
      try {
        const events = ["1", "2", "13.131313", "3", "4"].map((amount, index) => ({
          id: `mixed-${index}`,
          pool: org.rootPoolId,
          amount,
        }));
        const answer = await api.call("POST", "/v1/usage", {
          key: org.ownerKey,
          body: { events },
        });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const statuses = (at(answer.body, "data") as unknown[]).map((r) => at(r, "status"));
        assert.deepEqual(statuses, ["recorded", "recorded", "refused", "recorded", "recorded"]);
        assert.equal(at(answer.body, "data.2.code"), "internal_error");
        const journal = await api.journal(org.organizationId);
        assert.deepEqual(journal.map((transfer) => formatDecimal(transfer.amount)).sort(), [
          "1",
          "2",
          "3",
          "4",
        ]);
      } finally {
        restore();
      }
      const again = await api.call("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "mixed-2", pool: org.rootPoolId, amount: "13.131313" }] },
      });
      assert.equal(at(again.body, "data.0.status"), "recorded");
    });

    const badCards: [string, unknown, string][] = [
      ["a negative minimum charge", { minimum_charge: "-1" }, "minimum_charge"],
      ["an effective time in year 1", { effective_at: "0001-01-01T00:00:00Z" }, "effective_at"],
      ["an effective time in year 9999", { effective_at: "9999-12-31T00:00:00Z" }, "effective_at"],
      [
        "a price per unit of 10^13 credits",
        { prices: [{ meter: "input_tokens", credits_per_unit: "10000000000000" }] },
        "prices[0].credits_per_unit",
      ],
    ];
    for (const [what, change, param] of badCards) {
      it(`refuses a rate card with ${what}`, async () => {
        const before = await api.snapshot(org);
        const answer = await api.call("POST", "/v1/rate-cards", {
          key: org.ownerKey,
          body: {
            prices: [{ meter: "input_tokens", credits_per_unit: "0.001" }],
            ...(change as object),
          },
        });
        expectError(answer, 400, "invalid_request", param);
        assert.equal(await api.snapshot(org), before);
      });
    }
  });
}
