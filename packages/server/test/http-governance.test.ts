/**
 * Governance over HTTP, on every store: the policy fields of a pool set, changed and read back;
 * bad policies refused by field with nothing written; refused holds kept as decision records,
 * filtered and paged newest first; a bound key's view of them cut to its subtree; other
 * organizations' keys seeing nothing; `retry_after` and `Retry-After`; flagged usage.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  ids,
  type OrganizationFixture,
  storeNames,
  text,
} from "./support/api.ts";

for (const store of storeNames) {
  describe(`governance over HTTP (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let other: OrganizationFixture;
    let team = "";
    let sub = "";
    let ann = "";
    let bob = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Governed");
      other = await api.newOrganization("Elsewhere");
      await api.grant(org, org.rootPoolId, "1000");
      const member = async (name: string) =>
        text(await api.ok("POST", "/v1/members", { key: org.ownerKey, body: { name } }), "id");
      ann = await member("Ann");
      bob = await member("Bob");
      team = await api.pool(org, org.rootPoolId, {
        reserved: { amount: "100", period: "month" },
        member_cap: { amount: "50", period: "month" },
        allowed_models: ["m-small", "m-large"],
      });
      sub = await api.pool(org, team, { allowed_models: ["m-small"] });
    });
    after(() => api.close());

    const owner = () => org.ownerKey;
    const get = (path: string, key = owner()) => api.ok("GET", path, { key });
    const holdAt = (pool: string, amount: string, extra: object = {}, key = owner()) =>
      api.call("POST", "/v1/holds", { key, body: { pool, amount, ...extra } });

    describe("policy fields", () => {
      it("a new pool takes every field and shows it, with the reservation's unused part", async () => {
        const made = await api.ok("POST", "/v1/pools", {
          key: owner(),
          body: {
            parent: team,
            name: "Everything",
            reserved: { amount: "10", period: "week" },
            member_cap: { amount: "5", period: "day" },
            key_cap: { amount: "7.5", period: "month" },
            rate_limits: [
              { per: "key", requests_per_minute: 60 },
              { per: "pool", credits_per_minute: "12.5" },
            ],
            allowed_models: ["m-small"],
          },
        });
        const id = text(made, "id");
        const read = await get(`/v1/pools/${id}`);
        for (const view of [made, read]) {
          assert.deepEqual(at(view, "reserved"), { amount: "10", period: "week", unused: "10" });
          assert.deepEqual(at(view, "member_cap"), { amount: "5", period: "day" });
          assert.deepEqual(at(view, "key_cap"), { amount: "7.5", period: "month" });
          assert.deepEqual(at(view, "rate_limits"), [
            { per: "key", requests_per_minute: 60, credits_per_minute: null },
            { per: "pool", requests_per_minute: null, credits_per_minute: "12.5" },
          ]);
          assert.deepEqual(at(view, "allowed_models"), ["m-small"]);
        }
      });

      it("PATCH changes the fields it names and leaves the others", async () => {
        const id = await api.pool(org, team, {
          member_cap: { amount: "5", period: "day" },
          rate_limits: [{ per: "member", requests_per_minute: 10 }],
          allowed_models: ["m-small"],
        });
        const changed = await api.ok("PATCH", `/v1/pools/${id}`, {
          key: owner(),
          body: {
            member_cap: null,
            key_cap: { amount: "3", period: "week" },
            allowed_models: null,
          },
        });
        assert.equal(at(changed, "member_cap"), null);
        assert.deepEqual(at(changed, "key_cap"), { amount: "3", period: "week" });
        assert.equal(at(changed, "allowed_models"), null);
        assert.deepEqual(at(changed, "rate_limits"), [
          { per: "member", requests_per_minute: 10, credits_per_minute: null },
        ]);
        const cleared = await api.ok("PATCH", `/v1/pools/${id}`, {
          key: owner(),
          body: { rate_limits: [], reserved: { amount: "1", period: "month" } },
        });
        assert.deepEqual(at(cleared, "rate_limits"), []);
        assert.deepEqual(at(cleared, "reserved"), { amount: "1", period: "month", unused: "1" });
        assert.deepEqual(await get(`/v1/pools/${id}`), cleared);
      });

      it("the parent's available shows what the reservation protects", async () => {
        // root has 1000 and team reserves 100 of it: root's own holds see 900.
        assert.equal(at(await get(`/v1/pools/${org.rootPoolId}`), "available"), "900");
        assert.equal(at(await get(`/v1/pools/${team}`), "available"), "1000");
      });

      const refusals: [string, object, string][] = [
        [
          "a period that is no period",
          { reserved: { amount: "1", period: "year" } },
          "reserved.period",
        ],
        [
          "a negative reservation",
          { reserved: { amount: "-1", period: "day" } },
          "reserved.amount",
        ],
        ["a cap with no period", { member_cap: { amount: "1" } }, "member_cap.period"],
        [
          "an unknown scope",
          { rate_limits: [{ per: "team", requests_per_minute: 1 }] },
          "rate_limits[0].per",
        ],
        [
          "a scope given twice",
          {
            rate_limits: [
              { per: "key", requests_per_minute: 1 },
              { per: "key", credits_per_minute: "1" },
            ],
          },
          "rate_limits[1].per",
        ],
        ["a rate limit with no bucket", { rate_limits: [{ per: "key" }] }, "rate_limits[0]"],
        [
          "zero requests a minute",
          { rate_limits: [{ per: "key", requests_per_minute: 0 }] },
          "rate_limits[0].requests_per_minute",
        ],
        [
          "zero credits a minute",
          { rate_limits: [{ per: "pool", credits_per_minute: "0" }] },
          "rate_limits[0].credits_per_minute",
        ],
        [
          "four rate limits",
          {
            rate_limits: ["key", "member", "pool", "key"].map((per) => ({
              per,
              requests_per_minute: 1,
            })),
          },
          "rate_limits",
        ],
        [
          "too many models",
          { allowed_models: Array.from({ length: 101 }, (_, index) => `m-${index}`) },
          "allowed_models",
        ],
        ["an empty model name", { allowed_models: ["m-small", ""] }, "allowed_models[1]"],
      ];
      for (const [name, body, param] of refusals) {
        it(`${name}: 400 on ${param}, in a new pool and in a change, nothing written`, async () => {
          const before = await api.snapshot(org);
          const made = await api.call("POST", "/v1/pools", {
            key: owner(),
            body: { parent: team, name: "Refused", ...body },
          });
          expectError(made, 400, "invalid_request", param);
          const changed = await api.call("PATCH", `/v1/pools/${sub}`, { key: owner(), body });
          expectError(changed, 400, "invalid_request", param);
          assert.equal(await api.snapshot(org), before);
        });
      }
    });

    describe("decision records", () => {
      let capped = "";
      let modelRefused = "";
      let atRoot = "";

      it("a refused hold names its decision, and the decision says why", async () => {
        assert.equal(at((await holdAt(sub, "30", { member: ann })).body, "allowed"), true);
        api.clock.advance(1000);
        const refused = await holdAt(sub, "25", { member: ann, model: "m-small" });
        assert.equal(refused.status, 200);
        assert.equal(at(refused.body, "allowed"), false);
        assert.equal(at(refused.body, "code"), "member_cap_exceeded");
        assert.equal(at(refused.body, "pool"), team);
        assert.equal(at(refused.body, "retry_after"), undefined);
        capped = text(refused.body, "decision_id");
        const decision = await get(`/v1/decisions/${capped}`);
        assert.equal(at(decision, "object"), "decision");
        assert.equal(at(decision, "kind"), "hold");
        assert.equal(at(decision, "code"), "member_cap_exceeded");
        assert.equal(at(decision, "pool"), team);
        assert.equal(at(decision, "requested_pool"), sub);
        assert.equal(at(decision, "amount"), "25");
        assert.equal(at(decision, "member"), ann);
        assert.match(text(decision, "key"), /^key_/);
        assert.equal(at(decision, "model"), "m-small");
        assert.equal(at(decision, "retry_after_ms"), null);
        assert.deepEqual(at(decision, "evidence.cap"), {
          subject: `m:${ann}`,
          amount: "50",
          period: "month",
          used: "0",
          held: "30",
        });
        const path = at(decision, "evidence.path") as { pool: string }[];
        assert.deepEqual(
          path.map((entry) => entry.pool),
          [sub, team, org.rootPoolId],
        );
        assert.deepEqual(at(decision, "evidence.path.1.reserved"), {
          amount: "100",
          period: "month",
          unused: "70",
        });
        assert.equal(at(decision, "evidence.requested"), "25");
        assert.equal(typeof at(decision, "evidence.drawable_from_grants"), "string");
      });

      it("a model left out of a list: decided at the nearest pool, with the list", async () => {
        api.clock.advance(1000);
        const refused = await holdAt(sub, "1", { member: bob, model: "m-large" });
        assert.equal(at(refused.body, "code"), "model_not_allowed");
        assert.equal(at(refused.body, "pool"), sub);
        modelRefused = text(refused.body, "decision_id");
        const decision = await get(`/v1/decisions/${modelRefused}`);
        assert.deepEqual(at(decision, "evidence.model"), {
          model: "m-large",
          allowed: ["m-small"],
        });
      });

      it("a hold at the root refused for credits is kept too", async () => {
        api.clock.advance(1000);
        const refused = await holdAt(org.rootPoolId, "5000");
        assert.equal(at(refused.body, "code"), "insufficient_credits");
        atRoot = text(refused.body, "decision_id");
      });

      it("the list is newest first and pages", async () => {
        const all = await get("/v1/decisions");
        assert.deepEqual(ids(all), [atRoot, modelRefused, capped]);
        assert.equal(at(all, "has_more"), false);
        const first = await get("/v1/decisions?limit=2");
        assert.deepEqual(ids(first), [atRoot, modelRefused]);
        assert.equal(at(first, "has_more"), true);
        const rest = await get(`/v1/decisions?limit=2&starting_after=${modelRefused}`);
        assert.deepEqual(ids(rest), [capped]);
        assert.equal(at(rest, "has_more"), false);
      });

      it("filters by code, pool (decided or asked), member, key and time", async () => {
        const list = async (query: string) => ids(await get(`/v1/decisions?${query}`));
        assert.deepEqual(await list("code=model_not_allowed"), [modelRefused]);
        assert.deepEqual(await list(`pool=${team}`), [capped]);
        assert.deepEqual(await list(`pool=${sub}`), [modelRefused, capped]);
        assert.deepEqual(await list(`member=${ann}`), [capped]);
        assert.deepEqual(await list(`member=${bob}&code=member_cap_exceeded`), []);
        const decided = await get(`/v1/decisions/${capped}`);
        const keyId = text(decided, "key");
        assert.deepEqual(await list(`key=${keyId}`), [atRoot, modelRefused, capped]);
        const time = (id: string) => get(`/v1/decisions/${id}`).then((d) => text(d, "created_at"));
        const middle = await time(modelRefused);
        assert.deepEqual(await list(`from=${middle}`), [atRoot, modelRefused]);
        assert.deepEqual(await list(`to=${middle}`), [capped]);
        assert.deepEqual(await list(`from=${middle}&to=${await time(atRoot)}`), [modelRefused]);
      });

      it("bad filters name their parameter", async () => {
        const call = (query: string) => api.call("GET", `/v1/decisions?${query}`, { key: owner() });
        expectError(await call("limit=0"), 400, "invalid_request", "limit");
        expectError(await call("member=ann"), 400, "invalid_request", "member");
        expectError(await call("from=yesterday"), 400, "invalid_request", "from");
        expectError(await call("colour=red"), 400, "invalid_request", "colour");
      });

      it("a key bound to team sees its subtree's decisions, the path cut at team", async () => {
        const bound = await api.keyFor(org, "viewer", { pool: team });
        assert.deepEqual(ids(await get("/v1/decisions", bound)), [modelRefused, capped]);
        const decision = await get(`/v1/decisions/${capped}`, bound);
        const path = at(decision, "evidence.path") as { pool: string }[];
        assert.deepEqual(
          path.map((entry) => entry.pool),
          [sub, team],
        );
        assert.equal(at(decision, "evidence.drawable_from_grants"), undefined);
        assert.equal(at(decision, "evidence.unused_overage"), undefined);
        expectError(
          await api.call("GET", `/v1/decisions/${atRoot}`, { key: bound }),
          404,
          "decision_not_found",
        );
        const outside = await api.call("GET", `/v1/decisions?pool=${org.rootPoolId}`, {
          key: bound,
        });
        assert.equal(outside.status, 404);
      });

      it("a key bound to sub sees only sub's", async () => {
        const bound = await api.keyFor(org, "viewer", { pool: sub });
        assert.deepEqual(ids(await get("/v1/decisions", bound)), [modelRefused, capped]);
        const decision = await get(`/v1/decisions/${capped}`, bound);
        assert.deepEqual(
          (at(decision, "evidence.path") as { pool: string }[]).map((entry) => entry.pool),
          [sub],
        );
      });

      it("another organization's key: 404 for the id, an empty list", async () => {
        for (const id of [capped, modelRefused, atRoot]) {
          expectError(
            await api.call("GET", `/v1/decisions/${id}`, { key: other.ownerKey }),
            404,
            "decision_not_found",
          );
        }
        const list = await get("/v1/decisions", other.ownerKey);
        assert.deepEqual(ids(list), []);
        assert.deepEqual(ids(await get(`/v1/decisions?member=${ann}`, other.ownerKey)), []);
      });
    });

    describe("rate limits answer when to retry", () => {
      it("retry_after in the body and Retry-After in the header, in whole seconds", async () => {
        const limited = await api.pool(org, org.rootPoolId, {
          rate_limits: [{ per: "key", requests_per_minute: 1, credits_per_minute: "10" }],
        });
        assert.equal(at((await holdAt(limited, "4")).body, "allowed"), true);
        const refused = await holdAt(limited, "4");
        assert.equal(at(refused.body, "code"), "rate_limited");
        assert.equal(at(refused.body, "pool"), limited);
        assert.equal(at(refused.body, "retry_after"), 60);
        assert.equal(refused.headers.get("retry-after"), "60");
        const decision = await get(`/v1/decisions/${text(refused.body, "decision_id")}`);
        assert.equal(at(decision, "retry_after_ms"), 60_000);
        assert.deepEqual(at(decision, "evidence.rate"), {
          per: "key",
          unit: "requests",
          retry_after_ms: 60_000,
        });
        api.clock.advance(59_500);
        const soon = await holdAt(limited, "4");
        assert.equal(at(soon.body, "retry_after"), 1);
        assert.equal(soon.headers.get("retry-after"), "1");
        api.clock.advance(500);
        assert.equal(at((await holdAt(limited, "4")).body, "allowed"), true);
      });

      it("a hold larger than a minute's credits: no retry_after, no header", async () => {
        const limited = await api.pool(org, org.rootPoolId, {
          rate_limits: [{ per: "pool", credits_per_minute: "10" }],
        });
        const refused = await holdAt(limited, "10.5");
        assert.equal(at(refused.body, "code"), "rate_limited");
        assert.equal(at(refused.body, "retry_after"), undefined);
        assert.equal(refused.headers.get("retry-after"), null);
      });

      it("another key has a bucket of its own", async () => {
        const limited = await api.pool(org, org.rootPoolId, {
          rate_limits: [{ per: "key", requests_per_minute: 1 }],
        });
        const admin = await api.keyFor(org, "admin");
        assert.equal(at((await holdAt(limited, "1")).body, "allowed"), true);
        assert.equal(at((await holdAt(limited, "1")).body, "code"), "rate_limited");
        assert.equal(at((await holdAt(limited, "1", {}, admin)).body, "allowed"), true);
      });
    });

    describe("usage on a model left out", () => {
      it("is recorded, flagged, and kept as a decision of kind usage", async () => {
        const before = (await api.journal(org.organizationId)).length;
        const answer = await api.ok("POST", "/v1/usage", {
          key: owner(),
          body: {
            events: [
              { id: "ev-flagged", pool: sub, amount: "2", dimensions: { model: "m-large" } },
              { id: "ev-fine", pool: sub, amount: "1", dimensions: { model: "m-small" } },
            ],
          },
        });
        assert.equal(at(answer, "data.0.code"), "ok");
        assert.equal(at(answer, "data.0.flagged"), "model_not_allowed");
        assert.equal(at(answer, "data.1.flagged"), undefined);
        assert.equal(at(answer, "data.1.decision_id"), undefined);
        assert.ok((await api.journal(org.organizationId)).length > before, "usage was recorded");
        const decision = await get(`/v1/decisions/${text(answer, "data.0.decision_id")}`);
        assert.equal(at(decision, "kind"), "usage");
        assert.equal(at(decision, "code"), "model_not_allowed");
        assert.equal(at(decision, "pool"), sub);
        assert.equal(at(decision, "model"), "m-large");
        assert.equal(at(decision, "amount"), "2");
      });
    });
  });
}
