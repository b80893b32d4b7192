/**
 * Alert rules evaluated against a ledger, as example tables: each step moves the ledger (usage, a
 * hold, a release, time), runs the evaluator once, and names what it raised and resolved and the
 * alerts then unresolved. A crossing raises once per period; falling back resolves by itself
 * (`resolved_by: system`); a new period raises again; balance and forecast rules; a forecast whose
 * day comes after the period's end raises nothing.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { createServices, type Services } from "../src/services/services.ts";
import { type ApiHarness, apiHarness, at, type OrganizationFixture, text } from "./support/api.ts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

interface World {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  readonly services: Services;
  readonly pool: string;
  uses: number;
}

/** A pool with 1,000 credits of its own and the given extra (a limit), on the harness's clock. */
async function world(t: TestContext, extra: object = {}): Promise<World> {
  const api = await apiHarness();
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  const services = createServices({
    engine: api.engine,
    store: api.store,
    clock: api.clock.read,
    ids: ulidIdSource(api.clock.read, seededRandomFill(91)),
    fillRandom: seededRandomFill(92),
  });
  const pool = await api.pool(org, org.rootPoolId, extra);
  await api.grant(org, pool, "1000");
  return { api, org, services, pool, uses: 0 };
}

async function rule(w: World, body: object): Promise<string> {
  const made = await w.api.ok("POST", "/v1/alert-rules", {
    key: w.org.ownerKey,
    body: { pool: w.pool, ...body },
  });
  return text(made, "id");
}

async function use(w: World, amount: string): Promise<void> {
  w.uses += 1;
  await w.api.ok("POST", "/v1/usage", {
    key: w.org.ownerKey,
    body: { events: [{ id: `use-${w.uses}`, pool: w.pool, amount }] },
  });
}

/** The organization's unresolved alerts as `metric threshold status`, oldest first. */
async function unresolved(w: World): Promise<string[]> {
  const listed = await w.api.ok("GET", "/v1/alerts?limit=100", { key: w.org.ownerKey });
  const rows = at(listed, "data") as Record<string, unknown>[];
  return rows
    .filter((row) => row.status !== "resolved")
    .reverse()
    .map((row) => `${row.metric} ${row.threshold ?? "-"} ${row.status}`);
}

interface Step {
  readonly does: string;
  readonly act: (w: World) => Promise<void>;
  readonly raised: number;
  readonly resolved: number;
  readonly open: readonly string[];
}

async function play(w: World, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    await step.act(w);
    const done = await w.services.alertEvaluator.evaluate(w.org.organizationId);
    assert.deepEqual(
      [done.raised, done.resolved, await unresolved(w)],
      [step.raised, step.resolved, step.open],
      step.does,
    );
  }
}

const nothing = async () => {};

describe("alert rules, step by step", () => {
  it("limit: once a crossing a period, resolved on falling back, raised next period", async (t) => {
    const w = await world(t, { limit: { amount: "1000", kind: "soft", period: "month" } });
    // Credits past the soft limit, so holds beyond it are allowed and only alerts tell.
    await w.api.grant(w.org, w.pool, "1000");
    await rule(w, { metric: "limit", thresholds: [100, 50, 80] });
    let hold = "";
    await play(w, [
      {
        does: "400 of 1,000: below every threshold",
        act: (w) => use(w, "400"),
        raised: 0,
        resolved: 0,
        open: [],
      },
      {
        does: "550: 50 % crossed",
        act: (w) => use(w, "150"),
        raised: 1,
        resolved: 0,
        open: ["limit 50 open"],
      },
      {
        does: "evaluated again: raised once",
        act: nothing,
        raised: 0,
        resolved: 0,
        open: ["limit 50 open"],
      },
      {
        does: "850: 80 % crossed",
        act: (w) => use(w, "300"),
        raised: 1,
        resolved: 0,
        open: ["limit 50 open", "limit 80 open"],
      },
      {
        does: "a hold of 200 counts: 105 %",
        act: async (w) => {
          hold = await w.api.hold(w.org, w.pool, "200");
        },
        raised: 1,
        resolved: 0,
        open: ["limit 50 open", "limit 80 open", "limit 100 open"],
      },
      {
        does: "the hold released: back to 85 %, 100 resolves by itself",
        act: (w) =>
          w.api.ok("POST", `/v1/holds/${hold}/release`, { key: w.org.ownerKey }).then(() => {}),
        raised: 0,
        resolved: 1,
        open: ["limit 50 open", "limit 80 open"],
      },
      {
        does: "held again past 100 %: the same crossing, the same period, raises nothing",
        act: async (w) => {
          hold = await w.api.hold(w.org, w.pool, "200");
        },
        raised: 0,
        resolved: 0,
        open: ["limit 50 open", "limit 80 open"],
      },
      {
        does: "the hold released and December begun: 0 % this period, all resolve",
        act: async (w) => {
          await w.api.ok("POST", `/v1/holds/${hold}/release`, { key: w.org.ownerKey });
          w.api.clock.nowMs = Date.UTC(2026, 11, 1, 0, 0, 1);
        },
        raised: 0,
        resolved: 2,
        open: [],
      },
      {
        does: "600 in December: 50 % raises again, for the new period",
        act: (w) => use(w, "600"),
        raised: 1,
        resolved: 0,
        open: ["limit 50 open"],
      },
    ]);
    const listed = await w.api.ok("GET", "/v1/alerts?status=resolved", { key: w.org.ownerKey });
    const resolvedBy = (at(listed, "data") as Record<string, unknown>[]).map(
      (row) => row.resolved_by,
    );
    assert.deepEqual(resolvedBy, ["system", "system", "system"]);
  });

  it("balance: raised at or below each amount, resolved when credits come back", async (t) => {
    const w = await world(t);
    await rule(w, { metric: "balance", below: ["500", "100"] });
    await play(w, [
      { does: "1,000 available", act: nothing, raised: 0, resolved: 0, open: [] },
      {
        does: "500 available: at the first amount",
        act: (w) => use(w, "500"),
        raised: 1,
        resolved: 0,
        open: ["balance 500 open"],
      },
      {
        does: "50 available: below both",
        act: (w) => use(w, "450"),
        raised: 1,
        resolved: 0,
        open: ["balance 500 open", "balance 100 open"],
      },
      {
        does: "a grant of 200: 250 available, 100 resolves",
        act: (w) => w.api.grant(w.org, w.pool, "200").then(() => {}),
        raised: 0,
        resolved: 1,
        open: ["balance 500 open"],
      },
    ]);
  });

  it("a grants rule reads what of the pool's own grants is used", async (t) => {
    const w = await world(t);
    await rule(w, { metric: "grants", thresholds: [75] });
    await play(w, [
      { does: "700 of 1,000 used", act: (w) => use(w, "700"), raised: 0, resolved: 0, open: [] },
      {
        does: "800 of 1,000 used",
        act: (w) => use(w, "100"),
        raised: 1,
        resolved: 0,
        open: ["grants 75 open"],
      },
    ]);
  });

  it("forecast: raised when the pool runs out before the period ends", async (t) => {
    const w = await world(t);
    await rule(w, { metric: "forecast", window_hours: 24 });
    await play(w, [
      {
        does: "10 credits a day: 990 last 99 days, past November's end",
        act: async (w) => {
          await use(w, "10");
          w.api.clock.advance(hourMs);
        },
        raised: 0,
        resolved: 0,
        open: [],
      },
      {
        does: "100 more in the day: 110 a day, 890 last about 8 days",
        act: async (w) => {
          await use(w, "100");
          w.api.clock.advance(hourMs);
        },
        raised: 1,
        resolved: 0,
        open: ["forecast - open"],
      },
    ]);
    const listed = await w.api.ok("GET", "/v1/alerts", { key: w.org.ownerKey });
    const now = w.api.clock.nowMs;
    assert.equal(at(listed, "data.0.forecast.burn_per_day"), "110");
    assert.equal(at(listed, "data.0.forecast.window_hours"), 24);
    assert.equal(at(listed, "data.0.observed"), "890");
    const runsOut = Date.parse(String(at(listed, "data.0.forecast.runs_out_at")));
    // 890 credits at 110 a day: 8.0909… days, rounded down to the millisecond.
    assert.equal(runsOut, now + Math.floor((890 * dayMs) / 110));
    assert.equal(at(listed, "data.0.forecast.runs_out_at"), "2026-11-10T13:10:54.545Z");
    assert.equal(at(listed, "data.0.period.end"), "2026-12-01T00:00:00.000Z");
    const events = await w.api.store.listEvents(w.org.organizationId, {
      afterSequence: 0,
      limit: 100,
      type: "alert.raised",
    });
    const data = JSON.parse(events[0]?.data ?? "{}");
    assert.deepEqual(
      { ...data, alert: "-", rule: "-", pool: "-" },
      {
        alert: "-",
        rule: "-",
        pool: "-",
        metric: "forecast",
        unit: "credits",
        subject: null,
        threshold: null,
        observed: "890",
        observed_at: "2026-11-02T11:00:00.000Z",
        period: { start: "2026-11-01T00:00:00.000Z", end: "2026-12-01T00:00:00.000Z" },
        forecast: {
          runs_out_at: "2026-11-10T13:10:54.545Z",
          burn_per_day: "110",
          window_hours: 24,
        },
        evidence: null,
        status: "open",
        resolved_by: null,
      },
      "the event's data, as docs/concepts/alerts.md shows it",
    );
  });

  it("a resolved alert is forgotten 90 days after, and its crossing stays raised", async (t) => {
    const w = await world(t);
    await rule(w, { metric: "balance", below: ["2000"] });
    const first = await w.services.alertEvaluator.evaluate(w.org.organizationId);
    assert.equal(first.raised, 1);
    const listed = await w.api.ok("GET", "/v1/alerts", { key: w.org.ownerKey });
    const id = text(listed, "data.0.id");
    await w.api.ok("POST", `/v1/alerts/${id}/resolve`, { key: w.org.ownerKey });
    w.api.clock.advance(89 * dayMs);
    const kept = await w.services.alertEvaluator.evaluate(w.org.organizationId);
    assert.deepEqual([kept.raised, kept.forgotten], [1, 0], "January raises; November's is kept");
    w.api.clock.advance(2 * dayMs);
    const done = await w.services.alertEvaluator.evaluate(w.org.organizationId);
    assert.equal(done.forgotten, 1);
    const gone = await w.api.call("GET", `/v1/alerts/${id}`, { key: w.org.ownerKey });
    assert.equal(gone.status, 404);
  });

  it("a disabled rule raises nothing; a pool without a limit gives no figure", async (t) => {
    const w = await world(t);
    const limit = await rule(w, { metric: "limit", thresholds: [1] });
    await rule(w, { metric: "balance", below: ["999"], enabled: false });
    await play(w, [
      { does: "everything used", act: (w) => use(w, "1000"), raised: 0, resolved: 0, open: [] },
    ]);
    await w.api.ok("PATCH", `/v1/pools/${w.pool}`, {
      key: w.org.ownerKey,
      body: { limit: { amount: "2000", kind: "soft", period: "month" } },
    });
    const done = await w.services.alertEvaluator.evaluate(w.org.organizationId);
    assert.equal(done.raised, 1, `a limit set, ${limit} has its figure: 50 %`);
  });
});
