/**
 * The gateway's service on every store: a call holds its estimate at the rate card in force and
 * settles what upstream reported at that same version, across its holds when it grew; nothing
 * produced releases every hold; a refused hold or growth takes nothing; each ended call is logged
 * with its key, member, model, upstream account, tags and holds.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import type { Principal } from "../src/access/principal.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import type { CallRequest } from "../src/services/gateway.ts";
import { createServices, type Services } from "../src/services/services.ts";
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

const model = { model: "gpt-5-mini" };
/** 1 credit per 1,000 input tokens, 4 per 1,000 output tokens. */
const prices = [
  { meter: "input_tokens", dimensions: model, credits_per_unit: "0.001" },
  { meter: "output_tokens", dimensions: model, credits_per_unit: "0.004" },
];

interface World {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  readonly services: Services;
  readonly owner: Principal;
  readonly pool: string;
}

async function world(t: TestContext, store: StoreName, limit?: string): Promise<World> {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices } });
  const extra =
    limit === undefined ? {} : { limit: { amount: limit, kind: "hard", period: "month" } };
  const pool = await api.pool(org, org.rootPoolId, extra);
  await api.grant(org, pool, "100");
  const services = createServices({
    engine: api.engine,
    store: api.store,
    clock: api.clock.read,
    ids: ulidIdSource(api.clock.read, seededRandomFill(81)),
    fillRandom: seededRandomFill(82),
  });
  const owner: Principal = {
    keyId: "key_gateway",
    organizationId: org.organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  return { api, org, services, owner, pool };
}

function request(w: World, input: number, output: number): CallRequest {
  return {
    provider: "openai",
    endpoint: "chat",
    requestedModel: "gpt-5-mini",
    model: "gpt-5-mini",
    pool: w.pool,
    tags: { use_case: "support" },
    estimate: { quantities: { input_tokens: input, output_tokens: output }, dimensions: model },
    stream: true,
  };
}

async function pool(w: World): Promise<Record<string, unknown>> {
  return (await w.api.ok("GET", `/v1/pools/${w.pool}`, { key: w.org.ownerKey })) as Record<
    string,
    unknown
  >;
}

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores)
  describe(`gateway calls: ${store}`, () => {
    it("holds the estimate and captures what upstream reported at the pinned version", async (t) => {
      const w = await world(t, store);
      // 2,000 in (2 credits) and a ceiling of 1,000 out (4 credits): 6 held.
      const opened = await w.services.gateway.open(w.owner, request(w, 2_000, 1_000));
      assert.ok(opened.allowed);
      assert.equal(at(await pool(w), "held"), "6");
      // The price doubles; the call settles at the version it was held with.
      const doubled = prices.map((price) => ({
        ...price,
        credits_per_unit: String(Number(price.credits_per_unit) * 2),
      }));
      await w.api.ok("POST", "/v1/rate-cards", { key: w.org.ownerKey, body: { prices: doubled } });
      const usage = { input_tokens: 1_800, output_tokens: 250 };
      const credits = await w.services.gateway.close(w.owner, opened.call, {
        usage,
        status: "completed",
        finishReason: "stop",
        upstreamId: "ups_one",
        model: "gpt-5-mini-2025-08-07",
      });
      assert.equal(credits, 2_800_000n, "1.8 + 1 credits");
      const after = await pool(w);
      assert.equal(at(after, "held"), "0");
      assert.equal(at(after, "available"), "97.2");
      const [logged] = await w.services.gateway.list(w.owner, {}, { limit: 10 });
      assert.equal(logged?.id, opened.call.id);
      assert.equal(logged?.model, "gpt-5-mini-2025-08-07");
      assert.equal(logged?.requestedModel, "gpt-5-mini");
      assert.equal(logged?.upstreamId, "ups_one");
      assert.equal(logged?.tags, JSON.stringify({ use_case: "support" }));
      assert.deepEqual(JSON.parse(logged?.usage ?? "{}"), usage);
      assert.equal(logged?.credits, 2_800_000n);
      assert.deepEqual(logged?.holdIds, [opened.call.holds[0]?.id]);
    });

    it("a call that grew settles across its holds, each up to what it held, the rest on the last", async (t) => {
      const w = await world(t, store);
      const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 250));
      assert.ok(opened.allowed);
      assert.equal(w.services.gateway.held(opened.call), 2_000_000n);
      assert.equal(await w.services.gateway.grow(w.owner, opened.call, 3_000_000n), true);
      assert.equal(w.services.gateway.held(opened.call), 5_000_000n);
      // 1,000 in and 900 out: 1 + 3.6 = 4.6 credits, 2 on the first hold and 2.6 on the second.
      const credits = await w.services.gateway.close(w.owner, opened.call, {
        usage: { input_tokens: 1_000, output_tokens: 900 },
        status: "completed",
        finishReason: "stop",
        upstreamId: null,
        model: null,
      });
      assert.equal(credits, 4_600_000n);
      const [first, second] = opened.call.holds;
      const captured = async (id: string | undefined) =>
        at(await w.api.ok("GET", `/v1/holds/${id}`, { key: w.org.ownerKey }), "captured");
      assert.equal(await captured(first?.id), "2");
      assert.equal(await captured(second?.id), "2.6");
      assert.equal(at(await pool(w), "available"), "95.4");
    });

    it("a call's capture transfers carry its key, model, tags and each token kind's credits", async (t) => {
      const w = await world(t, store);
      const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 250));
      assert.ok(opened.allowed);
      assert.equal(await w.services.gateway.grow(w.owner, opened.call, 3_000_000n), true);
      // 1 credit of input and 3.6 of output, captured 2 then 2.6: each capture carries its share
      // of both kinds (largest remainder), and the shares add up to the call's own split.
      await w.services.gateway.close(w.owner, opened.call, {
        usage: { input_tokens: 1_000, output_tokens: 900 },
        status: "completed",
        finishReason: "stop",
        upstreamId: null,
        model: null,
      });
      const transfers = await w.api.store.listTransfers(w.org.organizationId, {
        afterSequence: 0,
        limit: 100,
        poolId: w.pool,
      });
      const captures = transfers.filter((transfer) => transfer.kind === "capture");
      const attributed = captures.map((transfer) => [transfer.amount, transfer.attribution]);
      const who = { memberId: null, keyId: "key_gateway", model: "gpt-5-mini" };
      const tags = { use_case: "support" };
      assert.deepEqual(attributed, [
        [
          2_000_000n,
          { ...who, tags, meters: { input_tokens: 434_783n, output_tokens: 1_565_217n } },
        ],
        [
          2_600_000n,
          { ...who, tags, meters: { input_tokens: 565_217n, output_tokens: 2_034_783n } },
        ],
      ]);
      const holds = transfers.filter((transfer) => transfer.kind === "hold");
      assert.ok(holds.length > 0 && holds.every((transfer) => transfer.attribution === undefined));
    });

    it("a call priced with costs shares its provider cost over its captures by their credits", async (t) => {
      const w = await world(t, store);
      // The same prices with what the provider charges: $0.25 and $2 per million tokens.
      const costed = [
        { ...prices[0], cost_per_unit: "0.00000025" },
        { ...prices[1], cost_per_unit: "0.000002" },
      ];
      await w.api.ok("POST", "/v1/rate-cards", {
        key: w.org.ownerKey,
        body: { cost_currency: "USD", prices: costed },
      });
      const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 250));
      assert.ok(opened.allowed);
      assert.equal(await w.services.gateway.grow(w.owner, opened.call, 3_000_000n), true);
      // 1,000 × 0.25 + 900 × 2 = 2,050 micro-dollars, on captures of 2 and 2.6 credits of 4.6:
      // 891.3 and 1,158.7, largest remainder, 891 and 1,159.
      await w.services.gateway.close(w.owner, opened.call, {
        usage: { input_tokens: 1_000, output_tokens: 900 },
        status: "completed",
        finishReason: "stop",
        upstreamId: null,
        model: null,
      });
      const transfers = await w.api.store.listTransfers(w.org.organizationId, {
        afterSequence: 0,
        limit: 100,
        poolId: w.pool,
      });
      const costs = transfers
        .filter((transfer) => transfer.kind === "capture")
        .map((transfer) => [transfer.amount, transfer.attribution?.cost?.amount]);
      assert.deepEqual(costs, [
        [2_000_000n, 891n],
        [2_600_000n, 1_159n],
      ]);
    });

    it("nothing produced releases every hold and logs the call at 0 credits", async (t) => {
      const w = await world(t, store);
      const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 1_000));
      assert.ok(opened.allowed);
      await w.services.gateway.grow(w.owner, opened.call, 1_000_000n);
      const credits = await w.services.gateway.close(w.owner, opened.call, {
        usage: null,
        status: "failed",
        finishReason: null,
        upstreamId: "ups_one",
        model: null,
      });
      assert.equal(credits, 0n);
      const after = await pool(w);
      assert.equal(at(after, "held"), "0");
      assert.equal(at(after, "available"), "100");
      const [logged] = await w.services.gateway.list(w.owner, {}, { limit: 10 });
      assert.equal(logged?.status, "failed");
      assert.equal(logged?.holdIds.length, 2);
    });

    it("a hard limit refuses the call, and a growth past it, taking nothing", async (t) => {
      const w = await world(t, store, "8");
      const refused = await w.services.gateway.open(w.owner, request(w, 1_000, 2_500));
      assert.equal(refused.allowed, false);
      if (!refused.allowed) {
        assert.equal(refused.answer.code, "pool_limit_exceeded");
        assert.equal(refused.answer.result.kind, "refused");
      }
      const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 1_000));
      assert.ok(opened.allowed);
      assert.equal(await w.services.gateway.grow(w.owner, opened.call, 4_000_000n), false);
      assert.equal(opened.call.holds.length, 1);
      assert.equal(at(await pool(w), "held"), "5");
    });

    it("a key bound to another pool lists none of these calls", async (t) => {
      const w = await world(t, store);
      const opened = await w.services.gateway.open(w.owner, request(w, 100, 100));
      assert.ok(opened.allowed);
      await w.services.gateway.close(w.owner, opened.call, {
        usage: { input_tokens: 100, output_tokens: 10 },
        status: "completed",
        finishReason: "stop",
        upstreamId: null,
        model: null,
      });
      const sibling = await w.api.pool(w.org, w.org.rootPoolId);
      const bound: Principal = { ...w.owner, role: "admin", poolId: sibling };
      assert.deepEqual(await w.services.gateway.list(bound, {}, { limit: 10 }), []);
      const own = await w.services.gateway.list(w.owner, { poolId: w.pool }, { limit: 10 });
      assert.equal(own.length, 1);
      assert.equal(text({ id: own[0]?.id }, "id"), opened.call.id);
    });
  });

describe("a gateway call whose seat goes while it streams", () => {
  it("ends at its limit: the growth is refused, not thrown", async (t) => {
    const w = await world(t, "sqlite");
    const opened = await w.services.gateway.open(w.owner, request(w, 1_000, 250));
    assert.ok(opened.allowed);
    // The organization's pool goes on a plan whose seats are assigned: a hold naming no member
    // holding one is refused from now on (this node learns of the gate within its 5 seconds).
    await w.api.ok("POST", "/v1/plans", {
      key: w.org.ownerKey,
      body: { id: "seated", name: "Seated", currency: "USD", interval: "month", seat_price: "100" },
    });
    await w.api.ok("POST", "/v1/subscriptions", {
      key: w.org.ownerKey,
      body: { plan: "seated", seats: 1, seat_access: "assigned" },
    });
    w.api.clock.advance(6_000);
    assert.equal(await w.services.gateway.grow(w.owner, opened.call, 3_000_000n), false);
    assert.equal(w.services.gateway.held(opened.call), 2_000_000n);
  });
});
