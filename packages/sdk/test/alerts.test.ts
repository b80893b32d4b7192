/** Alert rules and alerts through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("alert rules and alerts through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let rootPool = "";

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Watched" });
    rootPool = created.organization.root_pool;
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
  });
  after(() => api.close());

  it("creates, lists, changes and deletes a rule", async () => {
    const made = await client.alertRules.create({
      pool: rootPool,
      metric: "limit",
      thresholds: [80, 50],
    });
    assert.deepEqual(made.thresholds, [50, 80]);
    assert.deepEqual(
      (await client.alertRules.list()).data.map((rule) => rule.id),
      [made.id],
    );
    const changed = await client.alertRules.update(made.id, { enabled: false });
    assert.equal(changed.enabled, false);
    assert.equal((await client.alertRules.delete(made.id)).id, made.id);
    await assert.rejects(client.alertRules.get(made.id), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "alert_rule_not_found");
      return true;
    });
  });

  it("lists no alerts before any is raised, and names a missing one", async () => {
    assert.deepEqual((await client.alerts.list({ status: "open" })).data, []);
    await assert.rejects(client.alerts.acknowledge("alert_01JD2Z8Y3K4M5N6P7Q8R9S0T1V"), (error) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "alert_not_found");
      return true;
    });
  });
});
