/**
 * A grant's expiry changed over HTTP: answered with the grant, shown in its transfers, applied at
 * the new time (also by an engine that loads the organization afresh), and refused, naming the
 * field and writing nothing, when the ledger cannot take it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyLedger } from "@creditpool/core";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";
import { testEngine } from "./support/ledger.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const dayMs = 86_400_000;
const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores) {
  describe(`a grant's expiry changes (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Expiry");
    });
    after(() => api.close());

    const iso = (offsetMs: number) => new Date(api.clock.read() + offsetMs).toISOString();
    const key = () => org.ownerKey;
    const newGrant = async (extra: object = {}) =>
      text(
        await api.ok("POST", "/v1/grants", {
          key: key(),
          body: { pool: org.rootPoolId, amount: "10", source: "promotion", ...extra },
        }),
        "id",
      );
    const change = (grant: string, expiresAt: string | null, idempotencyKey?: string) =>
      api.call("POST", `/v1/grants/${grant}/expiry`, {
        key: key(),
        body: { expires_at: expiresAt },
        ...(idempotencyKey === undefined ? {} : { headers: { "Idempotency-Key": idempotencyKey } }),
      });
    const statusOf = async (grant: string) =>
      at(await api.ok("GET", `/v1/grants/${grant}`, { key: key() }), "status");

    it("moves it later: the old time passes, the grant expires at the new one", async () => {
      const grant = await newGrant({ expires_at: iso(dayMs) });
      const later = iso(3 * dayMs);
      const answer = await change(grant, later);
      assert.equal(answer.status, 200);
      assert.equal(at(answer.body, "expires_at"), later);
      assert.equal(at(answer.body, "remaining"), "10");
      const shown = await api.ok("GET", `/v1/transfers?grant=${grant}`, { key: key() });
      const kinds = (at(shown, "data") as unknown[]).map((row) => at(row, "kind"));
      assert.deepEqual(kinds, ["grant", "expiry_change", "expiry_change"]);
      api.clock.advance(2 * dayMs);
      await api.engine.sweepDue();
      assert.equal(await statusOf(grant), "active");
      api.clock.advance(dayMs);
      await api.engine.sweepDue();
      assert.equal(await statusOf(grant), "expired");
      assert.deepEqual(
        verifyLedger(await api.store.readSnapshot(org.organizationId)).violations,
        [],
      );
    });

    it("moves it earlier: an engine that loads the organization afresh applies it then", async () => {
      const grant = await newGrant({ expires_at: iso(10 * dayMs) });
      assert.equal((await change(grant, iso(dayMs))).status, 200);
      // Another engine on the same store, with nothing cached: it reads the stored expiry.
      const fresh = testEngine(api.store, api.clock).engine;
      api.clock.advance(dayMs);
      assert.equal(await fresh.sweepDue(), 1);
      const stored = (await api.store.readSnapshot(org.organizationId)).grants.find(
        (each) => each.id === grant,
      );
      assert.equal(stored?.closed, "expired");
      assert.equal(stored?.closedAt, api.clock.read());
      await fresh.close();
    });

    it("null: the grant never expires", async () => {
      const grant = await newGrant({ expires_at: iso(dayMs) });
      const answer = await change(grant, null);
      assert.equal(at(answer.body, "expires_at"), null);
      api.clock.advance(2 * dayMs);
      await api.engine.sweepDue();
      assert.equal(await statusOf(grant), "active");
    });

    it("replays the first answer for the same Idempotency-Key", async () => {
      const grant = await newGrant();
      const to = iso(dayMs);
      const first = await change(grant, to, "expiry-once");
      api.clock.advance(1000);
      const before = await api.snapshot(org);
      const again = await change(grant, to, "expiry-once");
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(again.body, first.body);
      assert.equal(await api.snapshot(org), before);
      const other = await change(grant, null, "expiry-once");
      expectError(other, 409, "idempotency_key_reused", "Idempotency-Key");
      assert.equal(await api.snapshot(org), before);
    });

    it("refuses a time before now, naming expires_at, writing nothing", async () => {
      const grant = await newGrant({ expires_at: iso(dayMs) });
      const before = await api.snapshot(org);
      const answer = await change(grant, iso(-1));
      expectError(answer, 400, "invalid_request", "expires_at");
      assert.match(text(answer.body, "error.message"), /^expires_at must not be before now/);
      assert.equal(await api.snapshot(org), before);
    });

    it("refuses never for a grant with rollover terms, naming expires_at", async () => {
      const grant = await newGrant({
        expires_at: iso(dayMs),
        rollover: { cap: "5", expires_at: iso(2 * dayMs) },
      });
      const before = await api.snapshot(org);
      expectError(await change(grant, null), 400, "invalid_request", "expires_at");
      expectError(await change(grant, iso(2 * dayMs)), 400, "invalid_request", "expires_at");
      assert.equal(await api.snapshot(org), before);
    });

    it("refuses a voided grant with 409 grant_closed", async () => {
      const grant = await newGrant();
      await api.ok("POST", `/v1/grants/${grant}/void`, { key: key(), body: {} });
      const before = await api.snapshot(org);
      expectError(await change(grant, iso(dayMs)), 409, "grant_closed");
      assert.equal(await api.snapshot(org), before);
    });
  });
}
