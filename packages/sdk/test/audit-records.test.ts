/** The audit trail through the client, against the real API in process. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type AuditRecord, CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

/** Canonical JSON as the audit concepts page states it: keys sorted, no whitespace. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`).join(",")}}`;
}

describe("the audit trail through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;
  let secretOf: (role: "admin" | "member") => Promise<string>;
  let rootPool = "";

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Audited" });
    rootPool = created.organization.root_pool;
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
    secretOf = async (role) =>
      (await client.keys.create({ name: `${role} key`, role })).secret ?? "";
  });
  after(() => api.close());

  it("lists records in sequence order, filtered and paged", async () => {
    const pool = await client.pools.create({ parent: rootPool, name: "research" });
    await client.pools.update(pool.id, { name: "lab" });
    const all = await client.auditRecords.list();
    assert.deepEqual(
      all.data.map((record) => record.action),
      ["organization.created", "pool.created", "pool.updated"],
    );
    const updated = await client.auditRecords.list({ action: "pool.updated", target: pool.id });
    assert.deepEqual(
      updated.data.map((record) => record.sequence),
      [3],
    );
    const page = await client.auditRecords.list({ limit: 1, starting_after: 1 });
    assert.deepEqual([page.data[0]?.action, page.has_more], ["pool.created", true]);
    assert.equal((await client.auditRecords.list({ actor: "system" })).data.length, 0);
  });

  it("exports the records as JSON Lines whose chain a reader recomputes", async () => {
    await secretOf("admin");
    const records: AuditRecord[] = [];
    for await (const record of client.auditRecords.export()) records.push(record);
    assert.ok(records.length >= 4);
    let prev = "0".repeat(64);
    for (const [index, record] of records.entries()) {
      const { hash, ...rest } = record;
      assert.equal(record.sequence, index + 1);
      assert.equal(record.prev_hash, prev);
      assert.equal(createHash("sha256").update(canonical(rest)).digest("hex"), hash);
      prev = hash;
    }
    assert.equal(records.at(-1)?.action, "key.created");
    const none: AuditRecord[] = [];
    const past = { from: "2020-01-01T00:00:00Z", to: "2020-01-02T00:00:00Z" };
    for await (const record of client.auditRecords.export(past)) none.push(record);
    assert.deepEqual(none, []);
  });

  it("refuses keys without audit.read, and a span too long, with their codes", async () => {
    const member = new CreditpoolClient({
      baseUrl,
      apiKey: await secretOf("member"),
      fetch: api.fetch,
    });
    await assert.rejects(member.auditRecords.list(), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "permission_denied");
      return true;
    });
    const long = { from: "2020-01-01T00:00:00Z", to: "2020-06-01T00:00:00Z" };
    await assert.rejects(client.auditRecords.export(long).next(), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.deepEqual([error.code, error.param], ["invalid_request", "to"]);
      return true;
    });
  });
});
