/**
 * Approval gates and soft throttles over HTTP, on every store. A hold above a pool's
 * `approval_above` is refused `approval_required`; its decision is the approval request; an
 * approver's first answer stands; an approved request turns into one hold, for the same asker, at
 * the same pool, for at most the amount approved, within an hour. A pool past its soft limit with
 * a throttle admits only small holds on the models it names.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  storeNames,
  text,
} from "./support/api.ts";

const hourMs = 60 * 60 * 1000;

for (const store of storeNames) {
  describe(`approval gates (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let team = "";
    let asker = "";
    let other = "";
    let memberKey = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Gated");
      await api.grant(org, org.rootPoolId, "1000");
      team = await api.pool(org, org.rootPoolId, { approval_above: "100" });
      asker = await api.keyFor(org, "agent");
      other = await api.keyFor(org, "agent");
      memberKey = await api.keyFor(org, "member");
    });
    after(() => api.close());

    const ask = (amount: string, key = asker, extra: object = {}) =>
      api.call("POST", "/v1/holds", { key, body: { pool: team, amount, ...extra } });
    const decide = (id: string, verb: "approve" | "deny", key = org.ownerKey) =>
      api.call("POST", `/v1/approvals/${id}/${verb}`, { key, body: {} });

    async function request(amount = "150"): Promise<string> {
      const refused = await ask(amount);
      assert.equal(refused.status, 200);
      assert.equal(at(refused.body, "code"), "approval_required");
      assert.equal(at(refused.body, "pool"), team);
      return text(refused.body, "decision_id");
    }

    it("a hold at or under the gate passes; above it waits, as a pending request", async () => {
      assert.equal(at((await ask("100")).body, "allowed"), true);
      const id = await request();
      const read = await api.ok("GET", `/v1/approvals/${id}`, { key: org.ownerKey });
      assert.equal(at(read, "status"), "pending");
      assert.equal(at(read, "amount"), "150");
      assert.equal(at(read, "requested_pool"), team);
      const pending = await api.ok("GET", "/v1/approvals?status=pending", { key: org.ownerKey });
      assert.ok((at(pending, "data") as { id: string }[]).some((row) => row.id === id));
      const decision = await api.ok("GET", `/v1/decisions/${id}`, { key: org.ownerKey });
      assert.equal(at(decision, "evidence.approval_above"), "100");
    });

    it("an approved request turns into exactly one hold, however often it is asked", async () => {
      const id = await request();
      const approved = await decide(id, "approve");
      assert.equal(approved.status, 200);
      assert.equal(at(approved.body, "status"), "approved");
      const first = await ask("150", asker, { approval: id });
      assert.equal(at(first.body, "allowed"), true);
      const again = await ask("150", asker, { approval: id });
      assert.equal(at(again.body, "hold.id"), at(first.body, "hold.id"));
    });

    it("an approved hold refused for want of room is not spent: asked again, it is made once", async () => {
      const tight = await api.pool(org, org.rootPoolId, {
        approval_above: "100",
        limit: { amount: "200", kind: "hard", period: "month" },
      });
      const asked = (extra: object = {}) =>
        api.call("POST", "/v1/holds", {
          key: asker,
          body: { pool: tight, amount: "150", ...extra },
        });
      const id = text((await asked()).body, "decision_id");
      await decide(id, "approve");
      // Another hold takes the room the approved one needs.
      const other = await api.call("POST", "/v1/holds", {
        key: asker,
        body: { pool: tight, amount: "100" },
      });
      assert.equal(at(other.body, "allowed"), true);
      assert.equal(at((await asked({ approval: id })).body, "code"), "pool_limit_exceeded");
      // The same refusal again, while nothing changed.
      assert.equal(at((await asked({ approval: id })).body, "code"), "pool_limit_exceeded");
      await api.ok("POST", `/v1/holds/${text(other.body, "hold.id")}/release`, {
        key: asker,
        body: {},
      });
      // Asked again for less than approved, after the refusal: still the approval's one hold.
      const made = await asked({ approval: id, amount: "140" });
      assert.equal(at(made.body, "allowed"), true);
      const again = await asked({ approval: id });
      assert.equal(at(again.body, "hold.id"), at(made.body, "hold.id"), "one approval, one hold");
      const pool = await api.ok("GET", `/v1/pools/${tight}`, { key: org.ownerKey });
      assert.equal(at(pool, "held"), "140");
    });

    it("an approval serves only the asker, its pool, and at most its amount", async () => {
      const id = await request();
      await decide(id, "approve");
      expectError(
        await ask("150", other, { approval: id }),
        409,
        "approval_not_usable",
        "approval",
      );
      expectError(
        await ask("151", asker, { approval: id }),
        409,
        "approval_not_usable",
        "approval",
      );
      const elsewhere = await api.call("POST", "/v1/holds", {
        key: asker,
        body: { pool: org.rootPoolId, amount: "150", approval: id },
      });
      expectError(elsewhere, 409, "approval_not_usable", "approval");
      assert.equal(at((await ask("120", asker, { approval: id })).body, "allowed"), true);
    });

    it("the first answer stands: a denial cannot be approved, nor used", async () => {
      const id = await request();
      assert.equal(at((await decide(id, "deny")).body, "status"), "denied");
      assert.equal(at((await decide(id, "deny")).body, "status"), "denied");
      expectError(await decide(id, "approve"), 409, "approval_not_usable", "id");
      expectError(
        await ask("150", asker, { approval: id }),
        409,
        "approval_not_usable",
        "approval",
      );
    });

    it("a pending request is not usable, and an approval lasts an hour", async () => {
      const pending = await request();
      expectError(await ask("150", asker, { approval: pending }), 409, "approval_not_usable");
      await decide(pending, "approve");
      api.clock.advance(hourMs + 1);
      expectError(await ask("150", asker, { approval: pending }), 409, "approval_not_usable");
      const read = await api.ok("GET", `/v1/approvals/${pending}`, { key: org.ownerKey });
      assert.equal(at(read, "status"), "expired");
    });

    it("only approvers decide; an unknown request is not found", async () => {
      const id = await request();
      expectError(await decide(id, "approve", memberKey), 403, "permission_denied");
      expectError(await decide(id, "approve", asker), 403, "permission_denied");
      expectError(
        await decide("dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", "approve"),
        404,
        "approval_not_found",
      );
      expectError(
        await ask("150", asker, { approval: "dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" }),
        404,
        "approval_not_found",
        "approval",
      );
    });

    it("a lower gate of a team's own answers at the higher gate: its admin cannot approve", async () => {
      const teamAdmin = await api.keyFor(org, "admin", { pool: team });
      const own = await api.ok("POST", "/v1/pools", {
        key: teamAdmin,
        body: { parent: team, name: "Own gate", approval_above: "0.000001" },
      });
      const refused = await api.call("POST", "/v1/holds", {
        key: asker,
        body: { pool: text(own, "id"), amount: "150" },
      });
      assert.equal(at(refused.body, "code"), "approval_required");
      assert.equal(at(refused.body, "pool"), team);
      const id = text(refused.body, "decision_id");
      const childAdmin = await api.keyFor(org, "admin", { pool: text(own, "id") });
      expectError(await decide(id, "approve", childAdmin), 404, "approval_not_found", "id");
      const small = await api.call("POST", "/v1/holds", {
        key: asker,
        body: { pool: text(own, "id"), amount: "50" },
      });
      assert.equal(at(small.body, "pool"), text(own, "id"), "under the team's gate, its own");
    });

    it("a key bound below the gate's pool cannot approve around it", async () => {
      const child = await api.pool(org, team);
      const childAdmin = await api.keyFor(org, "admin", { pool: child });
      const refused = await api.call("POST", "/v1/holds", {
        key: org.ownerKey,
        body: { pool: child, amount: "150" },
      });
      const id = text(refused.body, "decision_id");
      expectError(await decide(id, "approve", childAdmin), 404, "approval_not_found", "id");
      const teamAdmin = await api.keyFor(org, "admin", { pool: team });
      assert.equal(at((await decide(id, "approve", teamAdmin)).body, "status"), "approved");
    });
  });

  describe(`soft throttle (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let pool = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Throttled");
      await api.grant(org, org.rootPoolId, "1000");
      pool = await api.pool(org, org.rootPoolId, {
        limit: { amount: "100", kind: "soft", period: "month" },
        soft_throttle: { max_hold: "5", models: ["m-light"] },
      });
    });
    after(() => api.close());

    const hold = (amount: string, model: string) =>
      api.call("POST", "/v1/holds", { key: org.ownerKey, body: { pool, amount, model } });

    it("below the soft limit nothing is throttled", async () => {
      const big = await hold("100", "m-heavy");
      assert.equal(at(big.body, "allowed"), true);
      await api.ok("POST", `/v1/holds/${text(big.body, "hold.id")}/capture`, {
        key: org.ownerKey,
        body: { amount: "100" },
      });
    });

    it("past it, a hold larger than max_hold or on another model is refused there", async () => {
      const large = await hold("6", "m-light");
      assert.equal(at(large.body, "code"), "pool_limit_exceeded");
      assert.equal(at(large.body, "pool"), pool);
      const decision = await api.ok("GET", `/v1/decisions/${text(large.body, "decision_id")}`, {
        key: org.ownerKey,
      });
      assert.deepEqual(at(decision, "evidence.soft_throttle"), {
        soft_limit: "100",
        max_hold: "5",
        models: ["m-light"],
      });
      assert.equal(at((await hold("5", "m-heavy")).body, "code"), "model_not_allowed");
      assert.equal(at((await hold("5", "m-light")).body, "allowed"), true);
    });

    it("the pool's view shows the throttle", async () => {
      const view = await api.ok("GET", `/v1/pools/${pool}`, { key: org.ownerKey });
      assert.deepEqual(at(view, "soft_throttle"), { max_hold: "5", models: ["m-light"] });
    });

    it("a throttle needs something to throttle, and names its field", async () => {
      const bad = await api.call("PATCH", `/v1/pools/${pool}`, {
        key: org.ownerKey,
        body: { soft_throttle: { max_hold: null, models: null } },
      });
      expectError(bad, 400, "invalid_request", "soft_throttle");
    });
  });
}
