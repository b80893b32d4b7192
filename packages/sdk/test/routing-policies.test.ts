/** Routing policies through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("routing policies through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let rootPool = "";

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Routed" });
    rootPool = created.organization.root_pool;
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
  });
  after(() => api.close());

  it("creates, lists, changes and deletes a policy; a second on the pool is refused", async () => {
    const tiers = { light: ["gpt-5-nano"], standard: ["gpt-5-mini"], heavy: ["gpt-5"] };
    const made = await client.routingPolicies.create({
      pool: rootPool,
      tiers,
      low_balance: { below: "25" },
    });
    assert.deepEqual(
      [made.default_tier, made.route_all, made.on_limit, made.low_balance],
      ["light", false, "end_stream", { below: "25", below_percent: null, step_down: true }],
    );
    await assert.rejects(client.routingPolicies.create({ pool: rootPool, tiers }), (error) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "routing_policy_exists");
      return true;
    });
    assert.deepEqual(
      (await client.routingPolicies.list()).data.map((policy) => policy.id),
      [made.id],
    );
    const changed = await client.routingPolicies.update(made.id, { on_limit: "extend" });
    assert.equal(changed.on_limit, "extend");
    assert.equal((await client.routingPolicies.get(made.id)).on_limit, "extend");
    assert.equal((await client.routingPolicies.delete(made.id)).id, made.id);
    await assert.rejects(client.routingPolicies.get(made.id), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "routing_policy_not_found");
      return true;
    });
  });
});
