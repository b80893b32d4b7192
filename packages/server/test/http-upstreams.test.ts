/**
 * Upstream accounts over HTTP, one outcome per test: a create is idempotent and its credential is
 * sealed, shown nowhere (no answer, audit record or log line) but as its last four characters;
 * bad input names its field and writes nothing; base URLs keep the SSRF rule; only owners and
 * admins write, and a key bound to a pool reaches nothing; another organization's key reaches
 * nothing. The gateway's side (choose, record a use, cool down) is driven through the service.
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it, type TestContext } from "node:test";
import pino from "pino";
import { upstreamView } from "../src/http/routes/upstreams.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { SecretBox, secretKeyOf } from "../src/services/secret-box.ts";
import { createServices } from "../src/services/services.ts";
import { credentialContext } from "../src/services/upstreams.ts";
import {
  type ApiHarness,
  apiHarness,
  at,
  type OrganizationFixture,
  testSecretBox,
  text,
} from "./support/api.ts";

const secret = "sk-ant-api03-Zm9vYmFyYmF6cXV4LXNlY3JldC0xMjM0";
const fiveHours = 5 * 3600;

async function world(
  t: TestContext,
  allowPrivate = false,
): Promise<{ api: ApiHarness; org: OrganizationFixture }> {
  const api = await apiHarness({ upstreams: { box: testSecretBox, allowPrivate } });
  t.after(() => api.close());
  return { api, org: await api.newOrganization("Routed") };
}

function create(api: ApiHarness, key: string, body: unknown, idempotencyKey = "") {
  return api.call("POST", "/v1/upstreams", {
    key,
    body,
    ...(idempotencyKey === "" ? {} : { headers: { "idempotency-key": idempotencyKey } }),
  });
}

const seat = {
  provider: "anthropic",
  name: "Team seat 1",
  api_key: secret,
  windows: [
    { duration_seconds: fiveHours, max_requests: 200 },
    { duration_seconds: 7 * 86_400, max_tokens: 5_000_000 },
  ],
};

/** What a refused request must leave as it was: accounts, usage and their audit records. */
async function written(api: ApiHarness, org: OrganizationFixture): Promise<string> {
  const id = org.organizationId;
  const accounts = await api.store.listUpstreamAccounts(id, { limit: 100 });
  const usage = await api.store.listUpstreamUsage(id);
  const records = await api.store.listAuditRecords(id, { afterSequence: 0, limit: 1000 });
  const audit = records.filter((record) => record.action.startsWith("upstream."));
  return JSON.stringify({ accounts, usage, audit });
}

describe("upstream accounts over HTTP", () => {
  it("a create answers the view with the last four only, and the default base URL", async (t) => {
    const { api, org } = await world(t);
    const made = await create(api, org.ownerKey, seat);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(text(made.body, "api_key_last4"), "MjM0".slice(-4));
    assert.equal(text(made.body, "base_url"), "https://api.anthropic.com");
    assert.equal(at(made.body, "enabled"), true);
    assert.deepEqual(at(made.body, "windows.0"), {
      duration_seconds: fiveHours,
      max_requests: 200,
      max_tokens: null,
      used: { requests: 0, tokens: 0 },
      started_at: null,
      resets_at: null,
    });
    assert.match(text(made.body, "id"), /^ups_/);
    const row = await api.store.readUpstreamAccount(org.organizationId, text(made.body, "id"));
    assert.ok(row !== null && !row.credentialSealed.includes(secret), "stored sealed");
    const context = credentialContext(org.organizationId, row.id);
    assert.equal(testSecretBox.open(row.credentialSealed, context), secret);
  });

  it("a create replayed answers the first answer and makes one; another body is refused", async (t) => {
    const { api, org } = await world(t);
    const first = await create(api, org.ownerKey, seat, "make-1");
    const again = await create(api, org.ownerKey, seat, "make-1");
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, first.body);
    const otherKey = await create(api, org.ownerKey, { ...seat, api_key: `${secret}x` }, "make-1");
    assert.equal(otherKey.status, 409);
    assert.equal(text(otherKey.body, "error.code"), "idempotency_key_reused");
    assert.equal(await api.store.countUpstreamAccounts(org.organizationId), 1);
  });

  it("the credential appears in no answer, audit record or stored answer", async (t) => {
    const { api, org } = await world(t);
    const key = org.ownerKey;
    const made = await create(api, key, seat, "make-1");
    const id = text(made.body, "id");
    const answers = [
      made.body,
      await api.ok("GET", "/v1/upstreams", { key }),
      await api.ok("GET", `/v1/upstreams/${id}`, { key }),
      await api.ok("PATCH", `/v1/upstreams/${id}`, { key, body: { api_key: `${secret}-new1` } }),
      await api.ok("GET", "/v1/audit-records", { key }),
      await api.ok("DELETE", `/v1/upstreams/${id}`, { key }),
    ];
    const replay = await create(api, key, seat, "make-1");
    for (const body of [...answers, replay.body])
      assert.ok(!JSON.stringify(body).includes(secret.slice(0, 20)), JSON.stringify(body));
    const records = await api.store.listAuditRecords(org.organizationId, {
      afterSequence: 0,
      limit: 100,
    });
    assert.ok(!JSON.stringify(records).includes(secret.slice(0, 20)));
    const ours = records.filter((r) => r.action.startsWith("upstream."));
    assert.deepEqual(
      ours.map((r) => r.action),
      ["upstream.created", "upstream.updated", "upstream.deleted"],
    );
    assert.deepEqual(
      ours.map((r) => [at(r.before, "api_key_last4"), at(r.after, "api_key_last4")]),
      [
        [undefined, "MjM0"],
        ["MjM0", "new1"],
        ["new1", undefined],
      ],
    );
  });

  it("no log line shows the credential, on success or on a refusal", async (t) => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const api = await apiHarness({ logger: pino({}, sink) });
    t.after(() => api.close());
    const org = await api.newOrganization("Logged");
    const key = org.ownerKey;
    const id = text((await create(api, key, seat)).body, "id");
    await api.call("PATCH", `/v1/upstreams/${id}`, { key, body: { api_key: `${secret}-2` } });
    for (const body of [
      { ...seat, base_url: "http://10.0.0.1" },
      { ...seat, windows: 3 },
    ])
      assert.equal((await create(api, key, body)).status, 400);
    await api.call("POST", "/v1/upstreams", { key: secret, body: seat });
    assert.ok(lines.length >= 6, "every request is a line");
    for (const line of lines) assert.ok(!line.includes(secret.slice(0, 20)), line);
  });

  const refusals: { what: string; body: object; param: string }[] = [
    { what: "an unknown provider", body: { ...seat, provider: "mistral" }, param: "provider" },
    { what: "a short credential", body: { ...seat, api_key: "sk-1" }, param: "api_key" },
    {
      what: "a credential with spaces",
      body: { ...seat, api_key: "sk abc def ghi" },
      param: "api_key",
    },
    { what: "a nameless account", body: { ...seat, name: "" }, param: "name" },
    {
      what: "a window under a minute",
      body: { ...seat, windows: [{ duration_seconds: 59 }] },
      param: "windows[0].duration_seconds",
    },
    {
      what: "two windows of one duration",
      body: { ...seat, windows: [{ duration_seconds: 60 }, { duration_seconds: 60 }] },
      param: "windows",
    },
    {
      what: "a zero maximum",
      body: { ...seat, windows: [{ duration_seconds: 60, max_requests: 0 }] },
      param: "windows[0].max_requests",
    },
    {
      what: "five windows",
      body: { ...seat, windows: [60, 120, 180, 240, 300].map((d) => ({ duration_seconds: d })) },
      param: "windows",
    },
    {
      what: "an http base URL",
      body: { ...seat, base_url: "http://api.example.com" },
      param: "base_url",
    },
    {
      what: "a loopback base URL",
      body: { ...seat, base_url: "https://127.0.0.1" },
      param: "base_url",
    },
    {
      what: "a metadata base URL",
      body: { ...seat, base_url: "https://169.254.169.254/latest" },
      param: "base_url",
    },
    { what: "localhost", body: { ...seat, base_url: "https://localhost:8080" }, param: "base_url" },
    {
      what: "a base URL with credentials",
      body: { ...seat, base_url: "https://u:p@api.example.com" },
      param: "base_url",
    },
    { what: "an unknown field", body: { ...seat, secret: "x" }, param: "secret" },
  ];
  for (const { what, body, param } of refusals)
    it(`refuses ${what}, naming ${param}, and writes nothing`, async (t) => {
      const { api, org } = await world(t);
      const before = await written(api, org);
      const answer = await create(api, org.ownerKey, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(text(answer.body, "error.param"), param);
      assert.ok(!JSON.stringify(answer.body).includes(secret), "no credential in the error");
      assert.equal(await written(api, org), before);
    });

  it("allows private and http base URLs only when the server allows them", async (t) => {
    const { api, org } = await world(t, true);
    for (const base_url of [
      "http://127.0.0.1:11434/v1",
      "http://ollama:11434",
      "https://10.1.2.3",
    ]) {
      const made = await create(api, org.ownerKey, { ...seat, base_url });
      assert.equal(made.status, 201, `${base_url}: ${JSON.stringify(made.body)}`);
    }
    const publicHttp = await create(api, org.ownerKey, {
      ...seat,
      base_url: "http://api.example.com",
    });
    assert.equal(publicHttp.status, 400, "never http across the public internet");
  });

  it("a bad update names its field and changes nothing", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const before = await written(api, org);
    for (const [body, param] of [
      [{ base_url: "https://192.168.1.1" }, "base_url"],
      [{ windows: [{ duration_seconds: 10 }] }, "windows[0].duration_seconds"],
      [{ provider: "openai" }, "provider"],
      [{ enabled: "no" }, "enabled"],
    ] as const) {
      const answer = await api.call("PATCH", `/v1/upstreams/${id}`, { key: org.ownerKey, body });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(text(answer.body, "error.param"), param);
    }
    assert.equal(await written(api, org), before);
  });

  it("refuses an account past the maximum, writing nothing", async (t) => {
    const { api, org } = await world(t);
    for (let n = 0; n < 50; n += 1) {
      const made = await create(api, org.ownerKey, { ...seat, name: `seat ${n}`, windows: [] });
      assert.equal(made.status, 201);
    }
    const before = await written(api, org);
    const over = await create(api, org.ownerKey, seat);
    assert.equal(over.status, 422);
    assert.equal(text(over.body, "error.code"), "upstream_count_exceeded");
    assert.equal(await written(api, org), before);
  });

  it("members, agents and pool-bound admins are refused; viewers and billing read", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const team = await api.pool(org, org.rootPoolId);
    const before = await written(api, org);
    const refused = [
      await api.keyFor(org, "member"),
      await api.keyFor(org, "agent"),
      await api.keyFor(org, "pool_admin", { pool: team }),
      await api.keyFor(org, "admin", { pool: team }),
    ];
    for (const key of refused) {
      for (const [method, path, body] of [
        ["GET", "/v1/upstreams", undefined],
        ["GET", `/v1/upstreams/${id}`, undefined],
        ["POST", "/v1/upstreams", seat],
        ["PATCH", `/v1/upstreams/${id}`, { enabled: false }],
        ["DELETE", `/v1/upstreams/${id}`, undefined],
      ] as const) {
        const answer = await api.call(method, path, {
          key,
          ...(body === undefined ? {} : { body }),
        });
        assert.equal(answer.status, 403, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      }
    }
    for (const role of ["viewer", "billing"] as const) {
      const key = await api.keyFor(org, role);
      await api.ok("GET", `/v1/upstreams/${id}`, { key });
      const write = await api.call("PATCH", `/v1/upstreams/${id}`, {
        key,
        body: { enabled: false },
      });
      assert.equal(write.status, 403);
    }
    assert.equal(await written(api, org), before);
  });

  it("another organization's key reaches no account and changes nothing", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const other = await api.newOrganization("Other");
    const before = await written(api, org);
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { enabled: false }],
      ["DELETE", undefined],
    ] as const) {
      const answer = await api.call(method, `/v1/upstreams/${id}`, {
        key: other.ownerKey,
        ...(body === undefined ? {} : { body }),
      });
      assert.equal(answer.status, 404);
      assert.equal(text(answer.body, "error.code"), "upstream_not_found");
    }
    const listed = await api.ok("GET", "/v1/upstreams", { key: other.ownerKey });
    assert.deepEqual(at(listed, "data"), []);
    assert.equal(
      await api.services.upstreams.choose(other.organizationId, "anthropic", new Set()),
      null,
    );
    assert.equal(await written(api, org), before);
  });

  it("answers secret_key_missing where a credential must be sealed and the server has no key", async (t) => {
    const api = await apiHarness({ upstreams: { box: null } });
    t.after(() => api.close());
    const org = await api.newOrganization("Keyless");
    const answer = await create(api, org.ownerKey, seat);
    assert.equal(answer.status, 503);
    assert.equal(text(answer.body, "error.code"), "secret_key_missing");
    assert.match(text(answer.body, "error.message"), /CREDITPOOL_SECRET_KEY/);
    assert.equal(await api.store.countUpstreamAccounts(org.organizationId), 0);
  });
});

describe("the gateway's side of upstream accounts", () => {
  it("chooses the least used, opens its credential, and shows its windows' use", async (t) => {
    const { api, org } = await world(t);
    const first = text((await create(api, org.ownerKey, { ...seat, name: "one" })).body, "id");
    const second = text(
      (await create(api, org.ownerKey, { ...seat, name: "two", api_key: `${secret}-two` })).body,
      "id",
    );
    const upstreams = api.services.upstreams;
    const orgId = org.organizationId;
    await upstreams.recordUse(orgId, first, { requests: 1, tokens: 900 });
    const chosen = await upstreams.choose(orgId, "anthropic", new Set());
    assert.deepEqual(chosen, {
      id: second,
      name: "two",
      provider: "anthropic",
      baseUrl: "https://api.anthropic.com",
      apiKey: `${secret}-two`,
      // A rival shares the provider, and a window limits tokens: both are counted.
      countsRequests: true,
      countsTokens: true,
    });
    assert.equal((await upstreams.choose(orgId, "anthropic", new Set([second])))?.id, first);
    assert.equal(await upstreams.choose(orgId, "openai", new Set()), null);
    const view = await api.ok("GET", `/v1/upstreams/${first}`, { key: org.ownerKey });
    assert.deepEqual(at(view, "windows.0.used"), { requests: 1, tokens: 900 });
    const startedAt = new Date(api.clock.read()).toISOString();
    assert.equal(at(view, "windows.0.started_at"), startedAt);
    const resetsAt = new Date(api.clock.read() + fiveHours * 1000).toISOString();
    assert.equal(at(view, "windows.0.resets_at"), resetsAt);
    assert.equal(at(view, "last_used_at"), startedAt);
  });

  it("a cool-down passes the account over until it ends, at most a day ahead", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const upstreams = api.services.upstreams;
    const orgId = org.organizationId;
    await upstreams.coolDown(orgId, id, api.clock.read() + 30_000);
    assert.equal(await upstreams.choose(orgId, "anthropic", new Set()), null);
    const view = await api.ok("GET", `/v1/upstreams/${id}`, { key: org.ownerKey });
    assert.equal(at(view, "cooling_until"), new Date(api.clock.read() + 30_000).toISOString());
    api.clock.advance(30_000);
    assert.equal((await upstreams.choose(orgId, "anthropic", new Set()))?.id, id);
    await upstreams.coolDown(orgId, id, api.clock.read() + 10 * 86_400_000);
    const capped = await api.store.readUpstreamAccount(orgId, id);
    assert.equal(capped?.coolingUntil, api.clock.read() + 86_400_000);
  });

  it("an exhausted window passes the account over until it resets", async (t) => {
    const { api, org } = await world(t);
    const small = { ...seat, windows: [{ duration_seconds: 3600, max_requests: 2 }] };
    const id = text((await create(api, org.ownerKey, small)).body, "id");
    const upstreams = api.services.upstreams;
    const orgId = org.organizationId;
    await upstreams.recordUse(orgId, id, { requests: 2, tokens: 10 });
    assert.equal(await upstreams.choose(orgId, "anthropic", new Set()), null);
    api.clock.advance(3600 * 1000);
    assert.equal((await upstreams.choose(orgId, "anthropic", new Set()))?.id, id);
  });

  it("windows and cool-downs run on the organization's time, so a test clock resets them", async (t) => {
    const { api, org } = await world(t);
    const clock = text(
      (await api.call("POST", "/v1/test-clocks", { key: org.ownerKey })).body,
      "id",
    );
    const small = { ...seat, windows: [{ duration_seconds: 3600, max_requests: 2 }] };
    const id = text((await create(api, org.ownerKey, small)).body, "id");
    const upstreams = api.services.upstreams;
    const orgId = org.organizationId;
    await upstreams.recordUse(orgId, id, { requests: 2, tokens: 10 });
    assert.equal(await upstreams.choose(orgId, "anthropic", new Set()), null);
    // An hour on the organization's clock, none on the server's: the window has reset.
    const to = new Date(api.clock.nowMs + 3600 * 1000).toISOString();
    const moved = await api.call("POST", `/v1/test-clocks/${clock}/advance`, {
      key: org.ownerKey,
      body: { to },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal((await upstreams.choose(orgId, "anthropic", new Set()))?.id, id);
    const view = await api.call("GET", `/v1/upstreams/${id}`, { key: org.ownerKey });
    assert.deepEqual(at(view.body, "windows.0.used"), { requests: 0, tokens: 0 });
    // A cool-down of a minute counts from the organization's now, not the server's.
    await upstreams.coolDownFor(orgId, id, 60_000);
    assert.equal(await upstreams.choose(orgId, "anthropic", new Set()), null);
    const later = new Date(api.clock.nowMs + 3660 * 1000 + 1).toISOString();
    await api.call("POST", `/v1/test-clocks/${clock}/advance`, {
      key: org.ownerKey,
      body: { to: later },
    });
    assert.equal((await upstreams.choose(orgId, "anthropic", new Set()))?.id, id);
  });

  it("refuses a use that is no count, or of an account not there", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const upstreams = api.services.upstreams;
    await assert.rejects(upstreams.recordUse(org.organizationId, id, { requests: -1, tokens: 0 }), {
      code: "invalid_request",
      param: "requests",
    });
    await assert.rejects(
      upstreams.recordUse(org.organizationId, id, { requests: 1, tokens: 0.5 }),
      {
        param: "tokens",
      },
    );
    await assert.rejects(upstreams.recordUse("org_other", id, { requests: 1, tokens: 1 }), {
      code: "upstream_not_found",
    });
    assert.deepEqual(await api.store.listUpstreamUsage(org.organizationId), []);
  });

  it("a rotation of the secret key opens the old seals and re-seals on an update", async (t) => {
    const { api, org } = await world(t);
    const id = text((await create(api, org.ownerKey, seat)).body, "id");
    const orgId = org.organizationId;
    // The same database, served with a new key and the old one as the previous.
    const rotated = new SecretBox(
      secretKeyOf(Buffer.alloc(32, 9).toString("base64"), "next"),
      secretKeyOf(Buffer.alloc(32, 7).toString("base64"), "previous"),
    );
    const services = createServices({
      engine: api.engine,
      store: api.store,
      clock: api.clock.read,
      ids: ulidIdSource(api.clock.read, seededRandomFill(77)),
      fillRandom: seededRandomFill(78),
      upstreams: { box: rotated },
    });
    assert.equal((await services.upstreams.choose(orgId, "anthropic", new Set()))?.apiKey, secret);
    const owner = {
      keyId: "key_x",
      organizationId: orgId,
      role: "owner" as const,
      poolId: null,
      memberId: null,
    };
    await services.upstreams.update(owner, id, {}, upstreamView);
    const row = await api.store.readUpstreamAccount(orgId, id);
    assert.ok(row !== null);
    assert.equal(rotated.sealedByPrevious(row.credentialSealed), false, "sealed anew");
    assert.equal(rotated.open(row.credentialSealed, credentialContext(orgId, id)), secret);
    await assert.rejects(
      api.services.upstreams.choose(orgId, "anthropic", new Set()),
      /sealed by key/,
    );
  });
});
