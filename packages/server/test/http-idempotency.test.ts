/**
 * Rate cards and quotes are idempotent like every other POST: the same Idempotency-Key with the
 * same body answers the first answer and makes nothing new; with another body it is refused with
 * `idempotency_key_reused`. A rate card prices the whole organization, so a key bound to a pool
 * may not publish one (it may still ask for quotes).
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";

const prices = [{ meter: "input_tokens", credits_per_unit: "0.002" }];
const otherPrices = [{ meter: "input_tokens", credits_per_unit: "0.003" }];
const usage = { quantities: { input_tokens: 1000 } };
const once = { "idempotency-key": "once" };

async function priced(t: TestContext, store: StoreName) {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  return { api, org };
}

async function rateCardCount(api: ApiHarness, org: OrganizationFixture): Promise<number> {
  const list = await api.ok("GET", "/v1/rate-cards", { key: org.ownerKey });
  const data = at(list, "data");
  assert.ok(Array.isArray(data));
  return data.length;
}

function assertReplay(first: Answer, second: Answer): void {
  assert.equal(first.headers.get("idempotent-replayed"), null);
  assert.equal(second.status, first.status);
  assert.equal(second.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(second.body, first.body);
}

for (const store of storeNames) {
  describe(`POST /v1/rate-cards with Idempotency-Key (${store})`, () => {
    it("a replay answers the first version and publishes nothing", async (t) => {
      const { api, org } = await priced(t, store);
      const request = { key: org.ownerKey, body: { prices }, headers: once };
      const first = await api.call("POST", "/v1/rate-cards", request);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const second = await api.call("POST", "/v1/rate-cards", request);
      assertReplay(first, second);
      assert.equal(await rateCardCount(api, org), 1);
    });

    it("the same key with other prices answers 409 idempotency_key_reused", async (t) => {
      const { api, org } = await priced(t, store);
      await api.ok("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: { prices },
        headers: once,
      });
      const answer = await api.call("POST", "/v1/rate-cards", {
        key: org.ownerKey,
        body: { prices: otherPrices },
        headers: once,
      });
      expectError(answer, 409, "idempotency_key_reused", "Idempotency-Key");
      assert.equal(await rateCardCount(api, org), 1);
    });

    it("the operator's default versions replay too, in the operator's scope", async (t) => {
      const { api, org } = await priced(t, store);
      const request = { key: api.operatorKey, body: { prices }, headers: once };
      const first = await api.call("POST", "/v1/rate-cards", request);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assertReplay(first, await api.call("POST", "/v1/rate-cards", request));
      const other = { ...request, body: { prices: otherPrices } };
      expectError(await api.call("POST", "/v1/rate-cards", other), 409, "idempotency_key_reused");
      // The organization has no version of its own: it sees the one default version.
      assert.equal(await rateCardCount(api, org), 1);
    });

    it("a key bound to a pool may not publish: 403 permission_denied, nothing published", async (t) => {
      const { api, org } = await priced(t, store);
      const team = await api.pool(org, org.rootPoolId);
      const bound = await api.keyFor(org, "admin", { pool: team });
      const answer = await api.call("POST", "/v1/rate-cards", { key: bound, body: { prices } });
      expectError(answer, 403, "permission_denied");
      assert.match(text(answer.body, "error.message"), /bound to a pool/);
      assert.equal(await rateCardCount(api, org), 0);
    });
  });

  describe(`POST /v1/quotes with Idempotency-Key (${store})`, () => {
    it("a replay answers the first quote, and a hold may name it", async (t) => {
      const { api, org } = await priced(t, store);
      await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices } });
      await api.grant(org, org.rootPoolId, "100");
      const request = { key: org.ownerKey, body: { usage }, headers: once };
      const first = await api.call("POST", "/v1/quotes", request);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const second = await api.call("POST", "/v1/quotes", request);
      assertReplay(first, second);
      const hold = await api.ok("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, quote: text(second.body, "id") },
      });
      assert.equal(at(hold, "allowed"), true);
    });

    it("the same key with other usage answers 409 idempotency_key_reused", async (t) => {
      const { api, org } = await priced(t, store);
      await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices } });
      await api.ok("POST", "/v1/quotes", { key: org.ownerKey, body: { usage }, headers: once });
      const answer = await api.call("POST", "/v1/quotes", {
        key: org.ownerKey,
        body: { usage: { quantities: { input_tokens: 2000 } } },
        headers: once,
      });
      expectError(answer, 409, "idempotency_key_reused", "Idempotency-Key");
    });

    it("a key bound to a pool may ask for a quote", async (t) => {
      const { api, org } = await priced(t, store);
      await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices } });
      const bound = await api.keyFor(org, "member", { pool: await api.pool(org, org.rootPoolId) });
      const answer = await api.call("POST", "/v1/quotes", { key: bound, body: { usage } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(at(answer.body, "amount"), "2");
    });
  });
}

describe("every POST takes Idempotency-Key", () => {
  it("each POST operation of /openapi.json declares the header, but usage (keyed by event id)", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    const document = await api.ok("GET", "/openapi.json");
    const paths = at(document, "paths") as Record<string, Record<string, unknown>>;
    const without = Object.entries(paths)
      .filter(([, item]) => item.post !== undefined)
      .filter(([, item]) => {
        const parameters = (at(item.post, "parameters") ?? []) as { name?: string }[];
        return !parameters.some((parameter) => parameter.name === "idempotency-key");
      })
      .map(([path]) => path);
    assert.deepEqual(without, ["/v1/usage"]);
  });
});
