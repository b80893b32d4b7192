/** A grant made with rollover terms over HTTP: shown, checked, and carried on at its expiry. */
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
import { testDatabaseUrl } from "./support/stores.ts";

const dayMs = 86_400_000;
const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];

for (const store of stores) {
  describe(`grants with rollover terms (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Rollover");
    });
    after(() => api.close());

    const iso = (offsetMs: number) => new Date(api.clock.read() + offsetMs).toISOString();

    it("shows the terms, then carries up to the cap on at expiry", async () => {
      const grant = await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: {
          pool: org.rootPoolId,
          amount: "100",
          source: "plan",
          expires_at: iso(30 * dayMs),
          rollover: { cap: "25", expires_at: iso(60 * dayMs) },
        },
      });
      const carried = text(grant, "rollover.grant");
      assert.equal(at(grant, "rollover.cap"), "25");
      await api.ok("POST", "/v1/usage", {
        key: org.ownerKey,
        body: { events: [{ id: "evt-1", pool: org.rootPoolId, amount: "60" }] },
      });
      api.clock.advance(30 * dayMs);
      const next = await api.ok("GET", `/v1/grants/${carried}`, { key: org.ownerKey });
      assert.equal(at(next, "source"), "rollover");
      assert.equal(at(next, "amount"), "25");
      assert.equal(at(next, "status"), "active");
      const pool = await api.ok("GET", `/v1/pools/${org.rootPoolId}`, { key: org.ownerKey });
      assert.equal(at(pool, "available"), "25");
      const report = verifyLedger(await api.store.readSnapshot(org.organizationId));
      assert.deepEqual(report.violations, []);
    });

    it("lists a rollover grant as soon as its grant has expired, before anything else ran", async () => {
      const made = await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: {
          pool: org.rootPoolId,
          amount: "10",
          source: "plan",
          expires_at: iso(dayMs),
          rollover: { cap: "4", expires_at: iso(2 * dayMs) },
        },
      });
      api.clock.advance(dayMs);
      const listed = await api.ok("GET", "/v1/grants?limit=100", { key: org.ownerKey });
      const carried = (at(listed, "data") as unknown[]).find(
        (grant) => at(grant, "id") === text(made, "rollover.grant"),
      );
      assert.equal(at(carried, "amount"), "4");
    });

    it("refuses terms on a grant with no expiry, naming the field, writing nothing", async () => {
      const before = await api.snapshot(org);
      expectError(
        await api.call("POST", "/v1/grants", {
          key: org.ownerKey,
          body: {
            pool: org.rootPoolId,
            amount: "10",
            source: "plan",
            rollover: { cap: "5", expires_at: iso(dayMs) },
          },
        }),
        400,
        "invalid_request",
        "rollover",
      );
      assert.equal(await api.snapshot(org), before);
    });
  });
}
