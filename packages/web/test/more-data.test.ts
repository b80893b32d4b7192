/** How the governance and gateway views read alerts, audit records, upstreams and policies. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  durationText,
  lowBalanceText,
  tagsText,
  upstreamState,
  windowText,
} from "../src/views/more/gateway-data.ts";
import type { RoutingPolicy, Upstream } from "../src/views/more/gateway-types.ts";
import {
  actorText,
  alertFigure,
  alertsInOrder,
  auditTime,
} from "../src/views/more/governance-data.ts";
import type { Alert } from "../src/views/more/governance-types.ts";

function alert(id: string, status: Alert["status"], observedAt: string): Alert {
  return {
    id,
    rule: "arule_1",
    pool: "pool_1",
    metric: "limit",
    unit: "percent",
    subject: null,
    threshold: "80",
    observed: "83.4",
    observed_at: observedAt,
    forecast: null,
    status,
    acknowledged_by: null,
    resolved_by: null,
  };
}

describe("governance", () => {
  it("puts open alerts first, then acknowledged, then resolved, newest first in each", () => {
    const ordered = alertsInOrder([
      alert("a", "resolved", "2026-11-03T00:00:00Z"),
      alert("b", "open", "2026-11-01T00:00:00Z"),
      alert("c", "acknowledged", "2026-11-04T00:00:00Z"),
      alert("d", "open", "2026-11-02T00:00:00Z"),
    ]);
    assert.deepEqual(
      ordered.map((each) => each.id),
      ["d", "b", "c", "a"],
    );
  });

  it("shows an alert's figures in their unit", () => {
    assert.equal(alertFigure("83.4", "percent"), "83.4%");
    assert.equal(alertFigure("1200", "credits"), "1,200 credits");
    assert.equal(alertFigure(null, "credits"), "—");
  });

  it("names the actor of an audit record", () => {
    assert.equal(actorText({ type: "key", id: "key_1", role: "admin" }), "key_1 (admin)");
    assert.equal(actorText({ type: "system" }), "system");
    assert.equal(actorText({ type: "operator", id: "op" }), "operator op");
  });

  it("sends an audit filter's last day as the start of the next", () => {
    assert.equal(auditTime("2026-11-21", false), "2026-11-21T00:00:00.000Z");
    assert.equal(auditTime("2026-11-21", true), "2026-11-22T00:00:00.000Z");
    assert.equal(auditTime("", true), undefined);
  });
});

const upstream: Upstream = {
  id: "ups_1",
  provider: "openai",
  name: "main",
  base_url: "https://api.example.com",
  api_key_last4: "abcd",
  windows: [],
  enabled: true,
  cooling_until: "2026-11-21T10:00:00.000Z",
  last_used_at: null,
};

describe("gateway", () => {
  it("says whether an account is cooling, disabled or available", () => {
    const before = Date.parse("2026-11-21T09:00:00Z");
    const after = Date.parse("2026-11-21T11:00:00Z");
    assert.equal(upstreamState(upstream, before), "cooling until 2026-11-21 10:00 UTC");
    assert.equal(upstreamState(upstream, after), "available");
    assert.equal(upstreamState({ ...upstream, enabled: false }, after), "disabled");
  });

  it("reads a window's use against its maximums", () => {
    assert.equal(durationText(60), "1 min");
    assert.equal(durationText(86_400), "1 day");
    assert.equal(durationText(90), "90 s");
    assert.equal(
      windowText({
        duration_seconds: 3600,
        max_requests: 100,
        max_tokens: null,
        used: { requests: 12, tokens: 3400 },
        resets_at: null,
      }),
      "12/100 requests, 3,400 tokens per 1 h",
    );
  });

  it("reads a policy's low-balance rule and a call's tags", () => {
    const policy = {
      low_balance: { below: "1000", below_percent: null, step_down: true },
    } as RoutingPolicy;
    assert.equal(lowBalanceText(policy), "below 1,000 credits: step down a tier");
    assert.equal(lowBalanceText({ ...policy, low_balance: null }), "none");
    assert.equal(tagsText({ team: "search", env: "prod" }), "team=search, env=prod");
    assert.equal(tagsText({}), "—");
  });
});
