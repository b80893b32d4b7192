/**
 * Governance changes in the audit trail, on every store: alert rules made, changed and removed;
 * alerts acknowledged and resolved by a key; approval requests approved or denied (the first
 * answer, which stands: a second answer leaves no record). Each change leaves exactly one record
 * with its actor, before and after, in the organization's chain.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { createServices } from "../src/services/services.ts";
import { verifyAuditChain } from "../src/verify/verify-audit.ts";
import { apiHarness, at, type StoreName, storeNames, text } from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

type Row = Record<string, unknown>;

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

async function world(t: TestContext, store: StoreName) {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Audited");
  const key = org.ownerKey;
  const records = async (action: string): Promise<Row[]> =>
    at(
      await api.ok("GET", `/v1/audit-records?action=${action}&limit=100`, { key }),
      "data",
    ) as Row[];
  return { api, org, key, records };
}

for (const store of stores)
  describe(`governance in the audit trail (${store})`, () => {
    it("alert rules made, changed and removed, and an alert acknowledged and resolved", async (t) => {
      const { api, org, key, records } = await world(t, store);
      const made = await api.ok("POST", "/v1/alert-rules", {
        key,
        body: { pool: org.rootPoolId, metric: "balance", below: ["10"] },
      });
      const rule = text(made, "id");
      await api.ok("PATCH", `/v1/alert-rules/${rule}`, { key, body: { below: ["20"] } });
      const [created] = await records("alert_rule.created");
      assert.equal(at(created, "target.id"), rule);
      assert.equal(at(created, "after.below.0"), "10");
      const [updated] = await records("alert_rule.updated");
      assert.equal(at(updated, "before.below.0"), "10");
      assert.equal(at(updated, "after.below.0"), "20");
      // The organization has no credits: the balance rule raises at once.
      const services = createServices({
        engine: api.engine,
        store: api.store,
        clock: api.clock.read,
        ids: ulidIdSource(api.clock.read, seededRandomFill(61)),
        fillRandom: seededRandomFill(62),
      });
      assert.equal((await services.alertEvaluator.evaluate(org.organizationId)).raised, 1);
      const alerts = await api.ok("GET", "/v1/alerts", { key });
      const alert = text(alerts, "data.0.id");
      await api.ok("POST", `/v1/alerts/${alert}/acknowledge`, { key, body: {} });
      await api.ok("POST", `/v1/alerts/${alert}/resolve`, { key, body: {} });
      const [acknowledged] = await records("alert.acknowledged");
      assert.equal(at(acknowledged, "before.status"), "open");
      assert.equal(at(acknowledged, "after.status"), "acknowledged");
      const [resolved] = await records("alert.resolved");
      assert.equal(at(resolved, "after.status"), "resolved");
      // Resolving again changes nothing, and records nothing.
      await api.ok("POST", `/v1/alerts/${alert}/resolve`, { key, body: {} });
      assert.equal((await records("alert.resolved")).length, 1);
      await api.ok("DELETE", `/v1/alert-rules/${rule}`, { key });
      const [deleted] = await records("alert_rule.deleted");
      assert.equal(at(deleted, "before.id"), rule);
      assert.equal(at(deleted, "after"), null);
      const chain = await verifyAuditChain(api.store, org.organizationId);
      assert.equal(chain, null, JSON.stringify(chain));
    });

    it("an approval's first answer is recorded once; a second answer records nothing", async (t) => {
      const { api, org, key, records } = await world(t, store);
      await api.grant(org, org.rootPoolId, "1000");
      const team = await api.pool(org, org.rootPoolId, { approval_above: "100" });
      const agent = await api.keyFor(org, "agent");
      const refused = await api.ok("POST", "/v1/holds", {
        key: agent,
        body: { pool: team, amount: "150" },
      });
      const id = text(refused, "decision_id");
      await api.ok("POST", `/v1/approvals/${id}/deny`, { key, body: { note: "too big" } });
      const late = await api.call("POST", `/v1/approvals/${id}/approve`, { key, body: {} });
      assert.equal(late.status, 409);
      const denied = await records("approval.denied");
      assert.equal(denied.length, 1);
      assert.equal(at(denied[0], "target.id"), id);
      assert.equal(at(denied[0], "after.note"), "too big");
      assert.deepEqual(await records("approval.approved"), []);
    });
  });
