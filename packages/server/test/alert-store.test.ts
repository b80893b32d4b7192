/**
 * The alerts' part of the store contract, run against every adapter: rules are stored once (a
 * replay answers the first answer) and change or go only at the version a writer read; an alert
 * is written once per dedupe key with its event, and changes at its version with its event and
 * answer together; lists page newest first and filter; no organization reads another's rows.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { AlertRow, AlertRuleRow } from "../src/store/alerts.ts";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { EventDraft } from "../src/store/events.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;

function rule(organizationId: string, id: string, changes: Partial<AlertRuleRow> = {}) {
  return {
    organizationId,
    id,
    poolId: "pool_1",
    metric: "limit",
    // Past 2^53, so thresholds must round-trip as bigints.
    thresholds: [50_000_000n, 2n ** 60n],
    windowHours: null,
    smallAtMost: null,
    enabled: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  } satisfies AlertRuleRow;
}

function alert(organizationId: string, id: string, changes: Partial<AlertRow> = {}): AlertRow {
  return {
    organizationId,
    id,
    ruleId: "arule_1",
    poolId: "pool_1",
    metric: "forecast",
    threshold: null,
    dedupeKey: `arule_1:forecast:${at}`,
    periodStart: at,
    periodEnd: at + 86_400_000,
    observed: 2n ** 60n,
    observedAt: at + 5,
    forecastAt: at + 3_600_000,
    burnPerDay: 7n,
    windowHours: 24,
    subject: null,
    evidence: null,
    status: "open",
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    version: 1,
    ...changes,
  };
}

const event = (organizationId: string, type: EventDraft["type"]): EventDraft => ({
  organizationId,
  type,
  data: JSON.stringify({ type }),
  createdAt: at,
});

function answer(scope: string, key: string): ScopedAnswer {
  return { scope, key, fingerprint: "f", answer: `{"key":"${key}"}`, createdAt: at };
}

for (const kind of contractKinds()) {
  describe(`store contract, alerts: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("stores a rule once, reads it back field for field, and lists by id", async () => {
      const store = await kind.open();
      try {
        const first = rule("org_a", "arule_2");
        assert.equal(await store.insertAlertRule(first, answer("org_a", "k1")), null);
        const replay = await store.insertAlertRule(rule("org_a", "arule_9"), answer("org_a", "k1"));
        assert.deepEqual(replay, { fingerprint: "f", answer: '{"key":"k1"}' });
        assert.equal(await store.readAlertRule("org_a", "arule_9"), null, "a replay writes none");
        assert.deepEqual(await store.readAlertRule("org_a", "arule_2"), first);
        const forecast = rule("org_a", "arule_1", {
          metric: "forecast",
          thresholds: [],
          windowHours: 168,
          enabled: false,
        });
        await store.insertAlertRule(forecast);
        assert.deepEqual(
          (await store.listAlertRules("org_a", { limit: 10 })).map((row) => row.id),
          ["arule_1", "arule_2"],
        );
        assert.deepEqual(
          await store.listAlertRules("org_a", { limit: 1, startingAfter: "arule_1" }),
          [first],
        );
        assert.equal(await store.countAlertRules("org_a"), 2);
        assert.equal(await store.countAlertRules("org_b"), 0);
        assert.equal(await store.readAlertRule("org_b", "arule_2"), null);
      } finally {
        await store.close();
      }
    });

    it("changes and deletes a rule only at the version read", async () => {
      const store = await kind.open();
      try {
        await store.insertAlertRule(rule("org_a", "arule_1"));
        const next = rule("org_a", "arule_1", { enabled: false, version: 2, updatedAt: at + 1 });
        assert.equal(await store.updateAlertRule(next, 1, answer("org_a", "u")), true);
        assert.equal(await store.updateAlertRule({ ...next, version: 2 }, 1), false, "stale");
        const again = { ...next, version: 3 };
        assert.equal(await store.updateAlertRule(again, 2, answer("org_a", "u")), false, "key");
        assert.deepEqual(await store.readAlertRule("org_a", "arule_1"), next);
        assert.equal(await store.deleteAlertRule("org_a", "arule_1", 1), false, "stale");
        assert.equal(await store.deleteAlertRule("org_a", "arule_1", 2), true);
        assert.equal(await store.readAlertRule("org_a", "arule_1"), null);
      } finally {
        await store.close();
      }
    });

    it("names the organizations with an enabled rule, in id order, after a cursor", async () => {
      const store = await kind.open();
      try {
        await store.insertAlertRule(rule("org_c", "arule_1"));
        await store.insertAlertRule(rule("org_a", "arule_2"));
        await store.insertAlertRule(rule("org_a", "arule_3"));
        await store.insertAlertRule(rule("org_b", "arule_4", { enabled: false }));
        assert.deepEqual(await store.alertRuleOrganizations("", 10), ["org_a", "org_c"]);
        assert.deepEqual(await store.alertRuleOrganizations("org_a", 10), ["org_c"]);
        assert.deepEqual(await store.alertRuleOrganizations("", 1), ["org_a"]);
      } finally {
        await store.close();
      }
    });

    it("raises an alert once per dedupe key, with its event", async () => {
      const store = await kind.open();
      try {
        const first = alert("org_a", "alert_1");
        assert.equal(await store.raiseAlert(first, event("org_a", "alert.raised")), true);
        const twin = alert("org_a", "alert_2");
        assert.equal(await store.raiseAlert(twin, event("org_a", "alert.raised")), false);
        assert.equal(await store.readAlert("org_a", "alert_2"), null);
        assert.deepEqual(await store.readAlert("org_a", "alert_1"), first);
        const events = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          events.map((row) => row.type),
          ["alert.raised"],
          "one event for the one alert written",
        );
        // The same key in another organization is another alert.
        assert.equal(
          await store.raiseAlert(alert("org_b", "alert_3"), event("org_b", "alert.raised")),
          true,
        );
        assert.equal(await store.readAlert("org_a", "alert_3"), null);
      } finally {
        await store.close();
      }
    });

    it("changes an alert only at its version, with its event and answer together", async () => {
      const store = await kind.open();
      try {
        await store.raiseAlert(alert("org_a", "alert_1"), event("org_a", "alert.raised"));
        const resolved = alert("org_a", "alert_1", {
          status: "resolved",
          resolvedBy: "system",
          resolvedAt: at + 9,
          version: 2,
        });
        const told = event("org_a", "alert.resolved");
        assert.equal(await store.updateAlert(resolved, 1, told, answer("org_a", "r")), true);
        assert.equal(await store.updateAlert({ ...resolved, version: 2 }, 1, told), false);
        const key = { ...resolved, version: 3 };
        assert.equal(await store.updateAlert(key, 2, told, answer("org_a", "r")), false);
        assert.deepEqual(await store.readAlert("org_a", "alert_1"), resolved);
        const events = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          events.map((row) => row.type),
          ["alert.raised", "alert.resolved"],
          "a refused change tells of nothing",
        );
      } finally {
        await store.close();
      }
    });

    it("forgets resolved alerts before a time, oldest first, a bounded number", async () => {
      const store = await kind.open();
      try {
        const resolved = (id: string, resolvedAt: number, organizationId = "org_a") =>
          alert(organizationId, id, {
            dedupeKey: id,
            status: "resolved",
            resolvedBy: "system",
            resolvedAt,
          });
        const rows = [
          resolved("alert_1", at + 30),
          resolved("alert_2", at + 10),
          resolved("alert_3", at + 20),
          resolved("alert_4", at + 5, "org_b"),
          alert("org_a", "alert_5", { dedupeKey: "open" }),
        ];
        for (const row of rows)
          await store.raiseAlert(row, event(row.organizationId, "alert.raised"));
        assert.equal(await store.pruneAlerts("org_a", at + 30, 1), 1);
        assert.equal(await store.readAlert("org_a", "alert_2"), null, "the oldest first");
        assert.equal(await store.pruneAlerts("org_a", at + 30, 10), 1);
        const left = await store.listAlerts("org_a", {}, { limit: 10 });
        assert.deepEqual(
          left.map((row) => row.id),
          ["alert_5", "alert_1"],
          "one resolved at the cutoff, and one open, stay",
        );
        assert.notEqual(await store.readAlert("org_b", "alert_4"), null, "only its organization's");
      } finally {
        await store.close();
      }
    });

    it("lists alerts newest first, filtered, and the unresolved ones", async () => {
      const store = await kind.open();
      try {
        const rows = [
          alert("org_a", "alert_1", { dedupeKey: "k1" }),
          alert("org_a", "alert_2", { dedupeKey: "k2", poolId: "pool_2", ruleId: "arule_2" }),
          alert("org_a", "alert_3", {
            dedupeKey: "k3",
            status: "resolved",
            resolvedBy: "key_1",
            resolvedAt: at,
          }),
          alert("org_a", "alert_4", {
            dedupeKey: "k4",
            status: "acknowledged",
            acknowledgedBy: "key_1",
            acknowledgedAt: at,
          }),
        ];
        for (const row of rows) await store.raiseAlert(row, event("org_a", "alert.raised"));
        const ids = (list: AlertRow[]) => list.map((row) => row.id);
        assert.deepEqual(ids(await store.listAlerts("org_a", {}, { limit: 10 })), [
          "alert_4",
          "alert_3",
          "alert_2",
          "alert_1",
        ]);
        assert.deepEqual(
          ids(await store.listAlerts("org_a", {}, { limit: 2, startingAfter: "alert_3" })),
          ["alert_2", "alert_1"],
        );
        assert.deepEqual(
          ids(await store.listAlerts("org_a", { status: "resolved" }, { limit: 9 })),
          ["alert_3"],
        );
        assert.deepEqual(ids(await store.listAlerts("org_a", { poolId: "pool_2" }, { limit: 9 })), [
          "alert_2",
        ]);
        assert.deepEqual(
          ids(await store.listAlerts("org_a", { ruleId: "arule_2" }, { limit: 9 })),
          ["alert_2"],
        );
        assert.deepEqual(ids(await store.unresolvedAlerts("org_a", 10)), [
          "alert_1",
          "alert_2",
          "alert_4",
        ]);
        assert.deepEqual(await store.listAlerts("org_b", {}, { limit: 10 }), []);
        assert.deepEqual(await store.unresolvedAlerts("org_b", 10), []);
      } finally {
        await store.close();
      }
    });
  });
}
