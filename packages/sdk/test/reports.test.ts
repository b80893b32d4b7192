/** The usage reports through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("usage reports through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let root = "";
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Reports" });
    root = created.organization.root_pool;
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    await client.grants.create({ pool: root, amount: "50", source: "purchase", cost_basis: "2" });
    await client.usage.record({ events: [{ id: "u-1", pool: root, amount: "20" }] });
  });
  after(() => api.close());

  it("answers each report, 20 credits at 2 each", async () => {
    const usage = await client.reports.usage({ from, to, interval: "day" });
    assert.deepEqual(usage.total, { credits: "20", money: "40", uncovered: "0" });
    const top = await client.reports.topConsumers({ from, to, by: "pool" });
    assert.equal(top.consumers[0]?.share, "100");
    const chargeback = await client.reports.chargeback({ from, to });
    assert.equal(chargeback.departments[0]?.name, "(direct)");
    const forecast = await client.reports.forecast({ window: 1 });
    assert.equal(forecast.available, "30");
    const buyers = await client.reports.buyersMath({ from, to, members: 2 });
    assert.equal(buyers.inputs.credit_price, "2");
    const pooling = await client.reports.pooling({ from, to, capacity: "10" });
    assert.deepEqual(pooling.pooled, { served: "10", blocked: "10", stranded: "0" });
    const margin = await client.reports.margin({ from, to, group_by: "pool" });
    assert.deepEqual(
      [margin.total.revenue, margin.total.provider_cost, margin.total.uncosted],
      ["40", "0", "20"],
    );
  });

  it("throws the API's refusal with its param", async () => {
    const refused = client.reports.usage({ from, to, interval: "day", group_by: "tag" });
    await assert.rejects(
      refused,
      (error) => error instanceof CreditpoolError && error.param === "tag",
    );
    const margin = client.reports.margin({ from, to: from });
    await assert.rejects(
      margin,
      (error) => error instanceof CreditpoolError && error.param === "to",
    );
  });
});
