/** Recurring grants through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("recurring grants through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let rootPool = "";

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Monthly" });
    rootPool = created.organization.root_pool;
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
  });
  after(() => api.close());

  it("creates, lists, reads and cancels a recurring grant", async () => {
    const made = await client.recurringGrants.create({
      pool: rootPool,
      amount: "1000",
      source: "promotion",
      interval: "month",
      expiry: "period_end",
    });
    assert.deepEqual([made.status, made.periods_issued, made.grants.length], ["active", 1, 1]);
    const [grant] = made.grants;
    assert.equal((await client.grants.get(grant ?? "")).amount, "1000");
    assert.deepEqual(
      (await client.recurringGrants.list()).data.map((each) => each.id),
      [made.id],
    );
    assert.equal((await client.recurringGrants.get(made.id)).expiry, "period_end");
    const canceled = await client.recurringGrants.cancel(made.id);
    assert.deepEqual([canceled.status, canceled.next_issue_at], ["canceled", null]);
  });

  it("maps an unknown recurring grant to its code", async () => {
    const missing = client.recurringGrants.get("rgr_01JD2Z8Y3K4M5N6P7Q8R9S0T1V");
    await assert.rejects(missing, (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "recurring_grant_not_found");
      return true;
    });
  });
});
