/**
 * Abuse signals. The figures as example tables (a key spread over members, a burn spike against
 * the pool's own baseline, outcomes split small), then each signal end to end on every store: the
 * ledger moves through the API, the evaluator runs, and the alert is raised once with its
 * evidence, names its key, resolves by itself when the window has passed, and never counts
 * another organization's holds or outcomes.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { limits } from "@creditpool/core";
import { encodeAnswer } from "../src/engine/answer-codec.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import {
  burnSpikeFigure,
  keySpreadFigures,
  outcomeSplitFigure,
} from "../src/services/alert-signals.ts";
import { createServices, type Services } from "../src/services/services.ts";
import type { KeyedHold, OutcomeAnswer } from "../src/store/port.ts";
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

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const now = Date.UTC(2027, 2, 10, 12);
const window = { from: now - hourMs, to: now + 1 };
const credits = (whole: number) => BigInt(Math.round(whole * 1_000_000));

describe("abuse signal figures", () => {
  const hold = (keyId: string, memberId: string | null, poolId = "pool_a"): KeyedHold => ({
    keyId,
    memberId,
    poolId,
  });

  it("counts each key's distinct members at pools of the subtree, one figure per key", () => {
    const holds = [
      hold("key_1", "mem_a"),
      hold("key_1", "mem_b"),
      hold("key_1", "mem_a"),
      hold("key_1", "mem_c", "pool_b"),
      hold("key_1", "mem_d", "pool_elsewhere"),
      hold("key_2", "mem_a"),
      hold("key_2", null),
    ];
    const figures = keySpreadFigures(holds, new Set(["pool_a", "pool_b"]), window, now);
    const byKey = Object.fromEntries(figures.map((f) => [f.subject, f]));
    assert.deepEqual(Object.keys(byKey).sort(), ["key_1", "key_2"]);
    assert.equal(byKey.key_1?.observed, 3_000_000n);
    assert.equal(byKey.key_2?.observed, 1_000_000n);
    assert.deepEqual(byKey.key_1?.evidence, {
      key: "key_1",
      members: 3,
      member_sample: ["mem_a", "mem_b", "mem_c"],
      pools: ["pool_a", "pool_b"],
      window: { from: new Date(window.from).toISOString(), to: new Date(now).toISOString() },
      holds_read: 7,
      truncated: false,
    });
    assert.equal(byKey.key_1?.periodStart, Date.UTC(2027, 2, 10));
    assert.equal(byKey.key_1?.periodEnd, Date.UTC(2027, 2, 11));
  });

  it("keeps its evidence within its sample bound however many members a key names", () => {
    const holds = Array.from({ length: 50 }, (_, i) => hold("key_1", `mem_${100 + i}`));
    const [figure] = keySpreadFigures(holds, new Set(["pool_a"]), window, now);
    assert.equal(figure?.observed, 50_000_000n);
    const sample = figure?.evidence?.member_sample as string[];
    assert.equal(sample.length, limits.alertSignalSampleMax);
  });

  const spikes: readonly {
    name: string;
    consumed: number;
    baseline: number;
    baselineHours: number;
    percent: bigint | null;
  }[] = [
    { name: "steady", consumed: 1, baseline: 24, baselineHours: 24, percent: 100n },
    { name: "five times", consumed: 5, baseline: 24, baselineHours: 24, percent: 500n },
    { name: "half", consumed: 1, baseline: 48, baselineHours: 24, percent: 50n },
    { name: "a week's baseline", consumed: 10, baseline: 168, baselineHours: 168, percent: 1000n },
    { name: "history too short", consumed: 10, baseline: 5, baselineHours: 23, percent: null },
    { name: "nothing burned before", consumed: 10, baseline: 0, baselineHours: 48, percent: null },
  ];
  for (const spike of spikes)
    it(`measures a burn spike against its baseline: ${spike.name}`, () => {
      const figure = burnSpikeFigure(
        {
          window: { from: now - hourMs, to: now },
          consumed: credits(spike.consumed),
          baseline: {
            from: now - hourMs - spike.baselineHours * hourMs,
            to: now - hourMs,
            consumed: credits(spike.baseline),
          },
        },
        now,
      );
      assert.equal(figure === null ? null : figure.observed / 1_000_000n, spike.percent);
    });

  it("counts outcomes at or below the small amount, at pools of the subtree, ok answers only", () => {
    const answer = (key: string, poolId: string, amount: number, ok = true): OutcomeAnswer => ({
      outcomeKey: key,
      createdAt: now,
      answer: encodeAnswer(
        ok
          ? { code: "ok", result: { kind: "usage", poolId, amount: credits(amount) }, message: "" }
          : {
              code: "insufficient_credits",
              result: { kind: "refused", poolId, decisionId: null },
              message: "",
            },
      ),
    });
    const outcomes = [
      answer("o1", "pool_a", 0.5),
      answer("o2", "pool_a", 1),
      answer("o3", "pool_b", 0.25),
      answer("o4", "pool_a", 1.5),
      answer("o5", "pool_elsewhere", 0.5),
      answer("o6", "pool_a", 0.5, false),
    ];
    const figure = outcomeSplitFigure(
      outcomes,
      new Set(["pool_a", "pool_b"]),
      credits(1),
      window,
      now,
    );
    assert.equal(figure.observed, 3_000_000n);
    assert.deepEqual(figure.evidence, {
      window: { from: new Date(window.from).toISOString(), to: new Date(now).toISOString() },
      outcomes: 3,
      small_at_most: "1",
      credits: "1.75",
      smallest: "0.25",
      largest: "1",
      pools: [
        { pool: "pool_a", outcomes: 2 },
        { pool: "pool_b", outcomes: 1 },
      ],
      outcome_sample: ["o1", "o2", "o3"],
      outcomes_read: 6,
      truncated: false,
    });
  });
});

interface World {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  readonly services: Services;
  readonly pool: string;
}

async function world(t: TestContext, store: StoreName): Promise<World> {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  const services = createServices({
    engine: api.engine,
    store: api.store,
    clock: api.clock.read,
    ids: ulidIdSource(api.clock.read, seededRandomFill(71)),
    fillRandom: seededRandomFill(72),
  });
  const pool = await api.pool(org, org.rootPoolId);
  await api.grant(org, pool, "100000");
  return { api, org, services, pool };
}

async function rule(w: World, body: object): Promise<string> {
  const made = await w.api.ok("POST", "/v1/alert-rules", {
    key: w.org.ownerKey,
    body: { pool: w.pool, ...body },
  });
  return text(made, "id");
}

async function alerts(w: World): Promise<Record<string, unknown>[]> {
  const listed = await w.api.ok("GET", "/v1/alerts?limit=100", { key: w.org.ownerKey });
  return at(listed, "data") as Record<string, unknown>[];
}

async function evaluate(w: World) {
  return w.services.alertEvaluator.evaluate(w.org.organizationId);
}

async function members(w: World, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = { name: `Member ${i}` };
    ids.push(text(await w.api.ok("POST", "/v1/members", { key: w.org.ownerKey, body }), "id"));
  }
  return ids;
}

async function holdFor(w: World, key: string, member: string): Promise<void> {
  const body = { pool: w.pool, amount: "1", member };
  const held = await w.api.ok("POST", "/v1/holds", { key, body });
  assert.equal(at(held, "allowed"), true);
}

async function use(w: World, id: string, amount: string, outcomeKey?: string): Promise<void> {
  const event = { id, pool: w.pool, amount, ...(outcomeKey ? { outcome_key: outcomeKey } : {}) };
  await w.api.ok("POST", "/v1/usage", { key: w.org.ownerKey, body: { events: [event] } });
}

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores)
  describe(`abuse signals end to end: ${store}`, () => {
    it("raises a key spread once per key and day, names the key, and resolves by itself", async (t) => {
      const w = await world(t, store);
      await rule(w, { metric: "key_spread", members: [3] });
      const people = await members(w, 4);
      const admin = await w.api.keyFor(w.org, "admin");
      await holdFor(w, admin, people[0] ?? "");
      await holdFor(w, admin, people[1] ?? "");
      await holdFor(w, w.org.ownerKey, people[2] ?? "");
      assert.deepEqual(await evaluate(w), { raised: 0, resolved: 0, forgotten: 0 });
      await holdFor(w, admin, people[2] ?? "");
      await holdFor(w, admin, people[2] ?? "");
      assert.equal((await evaluate(w)).raised, 1);
      await holdFor(w, admin, people[3] ?? "");
      // Four members now: still the one alert, raised once for its threshold and day.
      assert.equal((await evaluate(w)).raised, 0);
      const [raised] = await alerts(w);
      assert.equal(raised?.metric, "key_spread");
      assert.equal(raised?.unit, "members");
      assert.equal(raised?.threshold, "3");
      assert.equal(raised?.observed, "3");
      assert.match(String(raised?.subject), /^key_/);
      const evidence = raised?.evidence as Record<string, unknown>;
      assert.equal(evidence.key, raised?.subject);
      assert.equal(evidence.members, 3);
      assert.deepEqual(evidence.member_sample, [...people.slice(0, 3)].sort());
      // An hour later the window holds none of it: resolved by the evaluator.
      w.api.clock.advance(hourMs + 1);
      await w.api.ok("GET", "/v1/organization", { key: w.org.ownerKey });
      assert.equal((await evaluate(w)).resolved, 1);
      const [resolved] = await alerts(w);
      assert.equal(resolved?.status, "resolved");
      assert.equal(resolved?.resolved_by, "system");
    });

    it("never counts another organization's holds or outcomes", async (t) => {
      const w = await world(t, store);
      await rule(w, { metric: "key_spread", members: [2] });
      await rule(w, { metric: "outcome_split", outcomes: [2], small_at_most: "1" });
      const other = await w.api.newOrganization("Other");
      const otherPool = await w.api.pool(other, other.rootPoolId);
      await w.api.grant(other, otherPool, "100");
      for (const name of ["A", "B", "C"]) {
        const member = text(
          await w.api.ok("POST", "/v1/members", { key: other.ownerKey, body: { name } }),
          "id",
        );
        const body = { pool: otherPool, amount: "1", member };
        await w.api.ok("POST", "/v1/holds", { key: other.ownerKey, body });
        const event = { id: `o-${name}`, pool: otherPool, amount: "0.1", outcome_key: name };
        await w.api.ok("POST", "/v1/usage", { key: other.ownerKey, body: { events: [event] } });
      }
      assert.deepEqual(await evaluate(w), { raised: 0, resolved: 0, forgotten: 0 });
      assert.deepEqual(await alerts(w), []);
    });

    it("raises an outcome split with the evidence of the small outcomes", async (t) => {
      const w = await world(t, store);
      await rule(w, { metric: "outcome_split", outcomes: [4, 100], small_at_most: "1" });
      await use(w, "e1", "0.5", "ticket-1");
      await use(w, "e2", "0.5", "ticket-2");
      await use(w, "e3", "1", "ticket-3");
      await use(w, "e4", "25", "ticket-4");
      await use(w, "e5", "0.1");
      assert.equal((await evaluate(w)).raised, 0);
      await use(w, "e6", "0.25", "ticket-5");
      // The same outcome reported again is billed once, and counted once.
      await use(w, "e7", "0.25", "ticket-5");
      assert.equal((await evaluate(w)).raised, 1);
      const [raised] = await alerts(w);
      assert.equal(raised?.unit, "outcomes");
      assert.equal(raised?.observed, "4");
      const evidence = raised?.evidence as Record<string, unknown>;
      assert.equal(evidence.credits, "2.25");
      assert.equal(evidence.smallest, "0.25");
      assert.equal(evidence.largest, "1");
      assert.deepEqual(evidence.pools, [{ pool: w.pool, outcomes: 4 }]);
    });

    it("raises a burn spike against the pool's own history, not before it has one", async (t) => {
      const w = await world(t, store);
      await rule(w, { metric: "burn_spike", thresholds: [300] });
      // Two days at 1 credit an hour.
      for (let hour = 0; hour < 48; hour += 1) {
        await use(w, `steady-${hour}`, "1");
        w.api.clock.advance(hourMs);
        if (hour === 12) assert.equal((await evaluate(w)).raised, 0, "no baseline yet");
      }
      await use(w, "steady-last", "1");
      assert.equal((await evaluate(w)).raised, 0);
      await use(w, "spike", "5");
      assert.equal((await evaluate(w)).raised, 1);
      const [raised] = await alerts(w);
      assert.equal(raised?.metric, "burn_spike");
      assert.equal(raised?.unit, "percent");
      const evidence = raised?.evidence as { consumed: string; baseline: { per_window: string } };
      assert.equal(evidence.consumed, "7", "the window holds the hour before and now");
      assert.ok(Number(raised?.observed) >= 300, `observed ${raised?.observed}`);
      // A day later at the old pace the spike is gone.
      w.api.clock.advance(dayMs);
      await use(w, "calm", "1");
      assert.equal((await evaluate(w)).resolved, 1);
    });
  });

for (const store of storeNames)
  describe(`abuse signal rules, validated: ${store}`, () => {
    const refusals: readonly [string, object, string][] = [
      ["a key spread without members", { metric: "key_spread" }, "members"],
      ["a key spread given thresholds", { metric: "key_spread", thresholds: [5] }, "thresholds"],
      ["one member", { metric: "key_spread", members: [1] }, "members[0]"],
      [
        "a spike at or below its baseline",
        { metric: "burn_spike", thresholds: [100] },
        "thresholds",
      ],
      [
        "a signal looking back over a day",
        { metric: "burn_spike", thresholds: [200], window_hours: 25 },
        "window_hours",
      ],
      [
        "an outcome split without its amount",
        { metric: "outcome_split", outcomes: [5] },
        "small_at_most",
      ],
      [
        "a zero small amount",
        { metric: "outcome_split", outcomes: [5], small_at_most: "0" },
        "small_at_most",
      ],
      [
        "a small amount on a limit rule",
        { metric: "limit", thresholds: [80], small_at_most: "1" },
        "small_at_most",
      ],
    ];
    for (const [name, body, param] of refusals)
      it(`refuses ${name}, naming \`${param}\`, and writes nothing`, async (t) => {
        const w = await world(t, store);
        const refused = await w.api.call("POST", "/v1/alert-rules", {
          key: w.org.ownerKey,
          body: { pool: w.pool, ...body },
        });
        expectError(refused, 400, "invalid_request", param);
        const listed = await w.api.ok("GET", "/v1/alert-rules", { key: w.org.ownerKey });
        assert.deepEqual(at(listed, "data"), []);
      });

    it("changes a signal's window and small amount, and refuses a window past a day", async (t) => {
      const w = await world(t, store);
      const id = await rule(w, { metric: "outcome_split", outcomes: [5], small_at_most: "1" });
      const changed = await w.api.ok("PATCH", `/v1/alert-rules/${id}`, {
        key: w.org.ownerKey,
        body: { window_hours: 6, small_at_most: "2.5", outcomes: [10] },
      });
      assert.equal(at(changed, "window_hours"), 6);
      assert.equal(at(changed, "small_at_most"), "2.5");
      assert.deepEqual(at(changed, "outcomes"), [10]);
      const refused = await w.api.call("PATCH", `/v1/alert-rules/${id}`, {
        key: w.org.ownerKey,
        body: { window_hours: 30 },
      });
      expectError(refused, 400, "invalid_request", "window_hours");
      const spike = await rule(w, { metric: "burn_spike", thresholds: [300] });
      const lowered = await w.api.call("PATCH", `/v1/alert-rules/${spike}`, {
        key: w.org.ownerKey,
        body: { thresholds: [50] },
      });
      expectError(lowered, 400, "invalid_request", "thresholds");
    });
  });
