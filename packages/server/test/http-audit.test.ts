/**
 * The audit trail through the API: each administrative change leaves exactly one record with its
 * actor, action, before and after; refused requests and replays leave none; the export is JSON
 * Lines whose chain a reader recomputes from the lines alone; other organizations and roles
 * without `audit.read` see nothing.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { verifyAuditChain } from "../src/verify/verify-audit.ts";
import { type ApiHarness, apiHarness, storeNames } from "./support/api.ts";

type Row = Record<string, unknown>;
const obj = (value: unknown) => (value ?? {}) as Row;

/** Canonical JSON written again here, from the concepts page, not imported from the store. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const object = value as Row;
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`).join(",")}}`;
}

function recheck(lines: Row[]): void {
  let prev = "0".repeat(64);
  for (const [index, line] of lines.entries()) {
    const { hash, ...rest } = line;
    assert.equal(line.sequence, index + 1, "sequences are dense");
    assert.equal(line.prev_hash, prev, "each line names the hash before it");
    assert.equal(createHash("sha256").update(canonical(rest)).digest("hex"), hash);
    prev = String(hash);
  }
}

for (const storeName of storeNames) {
  describe(`the audit trail through the API (${storeName})`, () => {
    let api: ApiHarness;
    before(async () => {
      api = await apiHarness({ store: storeName });
    });
    after(() => api.close());

    const records = async (key: string, query = "") =>
      ((await api.ok("GET", `/v1/audit-records?limit=100${query}`, { key })) as { data: Row[] })
        .data;

    it("records each change once, with actor, before and after; replays and refusals none", async () => {
      const org = await api.newOrganization("acme");
      const key = org.ownerKey;
      const first = await records(key);
      assert.deepEqual(
        first.map((r) => r.action),
        ["organization.created"],
      );
      assert.deepEqual((first[0] as Row).actor, {
        type: "operator",
        id: (first[0] as { actor: { id: string } }).actor.id,
      });
      const headers = { "idempotency-key": "pool-1", "request-id": "req-audit-1" };
      const pool = (await api.ok("POST", "/v1/pools", {
        key,
        headers,
        body: { parent: org.rootPoolId, name: "research" },
      })) as Row;
      await api.ok("POST", "/v1/pools", {
        key,
        headers,
        body: { parent: org.rootPoolId, name: "research" },
      });
      await api.ok("PATCH", `/v1/pools/${pool.id}`, { key, body: { name: "lab" } });
      const refused = await api.call("PATCH", "/v1/pools/pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", {
        key,
        body: { name: "x" },
      });
      assert.equal(refused.status, 404);
      const grant = (await api.ok("POST", "/v1/grants", {
        key,
        body: { pool: pool.id, amount: "10", source: "purchase" },
      })) as Row;
      await api.ok("POST", `/v1/grants/${grant.id}/void`, { key });
      const member = (await api.ok("POST", "/v1/members", {
        key,
        body: { name: "Ada", kind: "person", role: "member" },
      })) as Row;
      const made = (await api.ok("POST", "/v1/keys", {
        key,
        body: { name: "ci", role: "admin" },
      })) as Row;
      await api.ok("DELETE", `/v1/keys/${made.id}`, { key });
      await api.ok("DELETE", `/v1/keys/${made.id}`, { key });

      const all = await records(key);
      assert.deepEqual(
        all.map((r) => r.action),
        [
          "organization.created",
          "pool.created",
          "pool.updated",
          "grant.created",
          "grant.voided",
          "member.created",
          "key.created",
          "key.revoked",
        ],
      );
      const [, created, updated, , voided, joined, issued, revoked] = all as Row[];
      assert.equal(created?.request_id, "req-audit-1");
      assert.deepEqual(created?.target, { type: "pool", id: pool.id });
      assert.equal(created?.before, null);
      assert.equal(obj(updated?.before).name, "research");
      assert.equal(obj(updated?.after).name, "lab");
      assert.equal(obj(voided?.after).status, "voided");
      assert.equal(obj(joined?.after).id, member.id);
      assert.equal(obj(issued?.after).secret, undefined, "a secret is never recorded");
      assert.equal(obj(revoked?.before).revoked_at, null);
      assert.notEqual(obj(revoked?.after).revoked_at, null);
      const actor = (created?.actor ?? {}) as Row;
      assert.equal(actor.type, "key");
      assert.equal(actor.role, "owner");
      assert.equal(await verifyAuditChain(api.store, org.organizationId), null);

      const filtered = await records(key, `&action=pool.updated&target=${pool.id}`);
      assert.equal(filtered.length, 1);
      const paged = (await api.ok("GET", "/v1/audit-records?limit=2&starting_after=2", {
        key,
      })) as { data: Row[]; has_more: boolean };
      assert.deepEqual(
        paged.data.map((r) => r.sequence),
        [3, 4],
      );
      assert.equal(paged.has_more, true);

      const exported = await api.call("GET", "/v1/audit-records/export", { key });
      assert.equal(exported.status, 200);
      const lines = String(exported.body)
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Row);
      assert.equal(lines.length, all.length);
      recheck(lines);
    });

    it("shows an organization only its own records, and only to owner and admin", async () => {
      const acme = await api.newOrganization("acme two");
      const other = await api.newOrganization("globex");
      await api.ok("POST", "/v1/pools", {
        key: acme.ownerKey,
        body: { parent: acme.rootPoolId, name: "team" },
      });
      const theirs = await records(other.ownerKey);
      assert.ok(theirs.every((r) => r.organization === other.organizationId));
      assert.equal(theirs.length, 1);
      const admin = await api.keyFor(acme, "admin");
      assert.equal((await records(admin)).length, 3);
      for (const role of ["member", "billing", "viewer", "agent"] as const) {
        const key = await api.keyFor(acme, role);
        const answer = await api.call("GET", "/v1/audit-records", { key });
        assert.equal(answer.status, 403, role);
      }
      const span = await api.call(
        "GET",
        "/v1/audit-records/export?from=2020-01-01T00:00:00Z&to=2020-06-01T00:00:00Z",
        { key: acme.ownerKey },
      );
      assert.equal(span.status, 400);
      assert.equal((span.body as { error: Row }).error.param, "to");
    });
  });
}
