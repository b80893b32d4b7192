/**
 * Resolving the model of a gateway request, against a real API and ledger: one line per request
 * and the model, tier and reasons it gets. Policies are inherited down the tree unless a nearer
 * pool has its own; a low balance steps down one tier; allow-lists on the path filter the
 * candidates, so routing never picks a model the pool does not allow; a concrete model with no
 * policy in force passes through; `auto` without one is refused.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ComplexityInput } from "@creditpool/core";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { Refusal } from "../src/refusal.ts";
import type { RoutingService } from "../src/services/routing.ts";
import { createServices } from "../src/services/services.ts";
import { type ApiHarness, apiHarness, type OrganizationFixture, text } from "./support/api.ts";

const quiet: ComplexityInput = {
  inputTokens: 40,
  messages: 1,
  tools: 0,
  systemTokens: 0,
  codeBlocks: 0,
  longestMessageTokens: 30,
  outputTokens: null,
};
const heavy: ComplexityInput = { ...quiet, inputTokens: 50_000, tools: 9 };

const tiers = {
  light: ["gpt-5-nano", "gpt-4o-mini"],
  standard: ["gpt-5-mini"],
  heavy: ["gpt-5", "claude-sonnet-4-5"],
};

describe("resolving a gateway request's model", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  let routing: RoutingService;
  /** root (policy) → eng (own policy, low balance below 50) → team; root → ops (allow-list). */
  const pools = { root: "", eng: "", team: "", ops: "", other: "" };

  before(async () => {
    api = await apiHarness();
    org = await api.newOrganization("Acme");
    pools.root = org.rootPoolId;
    await api.grant(org, pools.root, "1000");
    pools.eng = await api.pool(org, pools.root);
    pools.team = await api.pool(org, pools.eng);
    pools.ops = await api.pool(org, pools.root, {
      allowed_models: ["gpt-5-nano", "gpt-5-mini", "claude-sonnet-4-5"],
    });
    const key = org.ownerKey;
    const policy = (body: object) => api.ok("POST", "/v1/routing-policies", { key, body });
    await policy({ pool: pools.root, tiers, default_tier: "light" });
    await policy({
      pool: pools.eng,
      tiers: { ...tiers, standard: ["gpt-4.1-mini"] },
      route_all: true,
      low_balance: { below: "2000" },
    });
    const other = await api.newOrganization("Other");
    pools.other = other.rootPoolId;
    routing = createServices({
      engine: api.engine,
      store: api.store,
      clock: api.clock.read,
      ids: ulidIdSource(api.clock.read, seededRandomFill(7)),
      fillRandom: seededRandomFill(8),
    }).routing;
  });
  after(() => api.close());

  const resolve = (pool: string, model: string, input = quiet, hint: "heavy" | null = null) =>
    routing.resolve(org.organizationId, pool, { model, classifierInput: input, hint });

  const cases: {
    name: string;
    pool: keyof typeof pools;
    model: string;
    input?: ComplexityInput;
    hint?: "heavy";
    expect: { model: string; tier: string; candidates: string[]; rules: string[] };
  }[] = [
    {
      name: "auto, a light request at the root",
      pool: "root",
      model: "auto",
      expect: {
        model: "gpt-5-nano",
        tier: "light",
        candidates: ["gpt-5-nano", "gpt-4o-mini"],
        rules: [],
      },
    },
    {
      name: "auto, a heavy request at the root: heavy first, the cheaper tiers after",
      pool: "root",
      model: "auto",
      input: heavy,
      expect: {
        model: "gpt-5",
        tier: "heavy",
        candidates: ["gpt-5", "claude-sonnet-4-5", "gpt-5-mini", "gpt-5-nano", "gpt-4o-mini"],
        rules: ["inputTokens", "tools"],
      },
    },
    {
      name: "the hint wins over the request's size",
      pool: "root",
      model: "auto",
      hint: "heavy",
      expect: {
        model: "gpt-5",
        tier: "heavy",
        candidates: ["gpt-5", "claude-sonnet-4-5", "gpt-5-mini", "gpt-5-nano", "gpt-4o-mini"],
        rules: ["hint"],
      },
    },
    {
      name: "a named model at the root passes through: the policy routes only auto",
      pool: "root",
      model: "gpt-4o",
      expect: { model: "gpt-4o", tier: "light", candidates: ["gpt-4o"], rules: ["model_named"] },
    },
    {
      name: "a team inherits its parent's policy, which routes every request",
      pool: "team",
      model: "gpt-4o",
      expect: {
        model: "gpt-5-nano",
        tier: "light",
        candidates: ["gpt-5-nano", "gpt-4o-mini"],
        rules: [],
      },
    },
    {
      name: "a heavy request on a low balance steps down to standard",
      pool: "team",
      model: "auto",
      input: heavy,
      expect: {
        model: "gpt-4.1-mini",
        tier: "standard",
        candidates: ["gpt-4.1-mini", "gpt-5-nano", "gpt-4o-mini"],
        rules: ["inputTokens", "tools", "low_balance"],
      },
    },
    {
      name: "the allow-list leaves models out, and says so",
      pool: "ops",
      model: "auto",
      input: heavy,
      expect: {
        model: "claude-sonnet-4-5",
        tier: "heavy",
        candidates: ["claude-sonnet-4-5", "gpt-5-mini", "gpt-5-nano"],
        rules: ["inputTokens", "tools", "model_not_allowed", "model_not_allowed"],
      },
    },
  ];

  for (const { name, pool, model, input, hint, expect } of cases) {
    it(name, async () => {
      const decided = await resolve(pools[pool], model, input, hint ?? null);
      assert.deepEqual(
        {
          model: decided.model,
          tier: decided.tier,
          candidates: decided.candidates,
          rules: decided.reasons.map((reason) => reason.rule),
        },
        expect,
      );
      assert.ok(decided.candidates.includes(decided.model));
    });
  }

  it("names the policy in force, and the figures of a step down", async () => {
    const decided = await resolve(pools.team, "auto", heavy);
    const own = await api.ok("GET", "/v1/routing-policies?limit=10", { key: org.ownerKey });
    const engPolicy = (own as { data: { id: string; pool: string }[] }).data.find(
      (policy) => policy.pool === pools.eng,
    );
    assert.equal(decided.policyId, engPolicy?.id);
    assert.deepEqual(
      decided.reasons.find((reason) => reason.rule === "low_balance"),
      { rule: "low_balance", available: "1000", below: "2000", from: "heavy", to: "standard" },
    );
  });

  it("auto with no policy in force is refused; a named model passes through", async () => {
    const other = await api.newOrganization("Bare");
    const refused = await routing
      .resolve(other.organizationId, other.rootPoolId, {
        model: "auto",
        classifierInput: quiet,
        hint: null,
      })
      .catch((error: unknown) => error);
    assert.ok(refused instanceof Refusal);
    assert.deepEqual([refused.code, refused.param], ["model_not_routable", "model"]);
    const passed = await routing.resolve(other.organizationId, other.rootPoolId, {
      model: "gpt-4o",
      classifierInput: quiet,
      hint: null,
    });
    assert.deepEqual([passed.model, passed.policyId], ["gpt-4o", null]);
  });

  it("a pool of another organization is not found", async () => {
    const refused = await resolve(pools.other, "auto").catch((error: unknown) => error);
    assert.ok(refused instanceof Refusal);
    assert.equal(refused.code, "pool_not_found");
  });

  it("no candidate allowed is refused rather than routed around the allow-list", async () => {
    const key = org.ownerKey;
    const locked = await api.pool(org, pools.root, { allowed_models: ["gpt-4o"] });
    const refused = await resolve(locked, "auto").catch((error: unknown) => error);
    assert.ok(refused instanceof Refusal);
    assert.equal(refused.code, "model_not_routable");
    // A policy of its own that names an allowed model routes there.
    await api.ok("POST", "/v1/routing-policies", {
      key,
      body: { pool: locked, tiers: { light: ["gpt-4o"], standard: ["gpt-4o"], heavy: ["gpt-4o"] } },
    });
    assert.equal((await resolve(locked, "auto")).model, "gpt-4o");
  });

  it("every change is in the audit trail, before and after", async () => {
    const key = org.ownerKey;
    const pool = await api.pool(org, pools.root);
    const made = await api.ok("POST", "/v1/routing-policies", { key, body: { pool, tiers } });
    const id = text(made, "id");
    await api.ok("PATCH", `/v1/routing-policies/${id}`, { key, body: { default_tier: "heavy" } });
    await api.ok("DELETE", `/v1/routing-policies/${id}`, { key });
    const records = await api.ok("GET", `/v1/audit-records?target=${id}&limit=10`, { key });
    const rows = (records as { data: { action: string; before: unknown; after: unknown }[] }).data;
    assert.deepEqual(
      rows.map((row) => row.action),
      ["routing_policy.created", "routing_policy.updated", "routing_policy.deleted"],
    );
    assert.equal(text(rows[1]?.before, "default_tier"), "light");
    assert.equal(text(rows[1]?.after, "default_tier"), "heavy");
    assert.equal(rows[2]?.after, null);
  });
});
