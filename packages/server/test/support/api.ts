/**
 * The HTTP API without sockets: `createApp` over a fresh store with a settable clock and seeded
 * ids, called through Hono's `app.request`. The helpers create organizations and keys the way a
 * client would (through the API), and read the journal straight from the store so a test can say
 * "nothing was written" without trusting the API it is testing. The store is the memory store,
 * SQLite in memory, or a fresh database on the PostgreSQL server of TEST_DATABASE_URL.
 */

import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { limits, type Transfer } from "@creditpool/core";
import { type ServerType, serve } from "@hono/node-server";
import pg from "pg";
import type { Logger } from "pino";
import { hashKey, keyPrefixLength, newKeySecret } from "../../src/access/keys.ts";
import { apiDependencies } from "../../src/compose.ts";
import { Engine } from "../../src/engine/engine.ts";
import { createApp } from "../../src/http/app.ts";
import { ledgerAuditView } from "../../src/http/audit-views.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { seededRandomFill, ulidIdSource } from "../../src/ids.ts";
import { SecretBox, secretKeyOf } from "../../src/services/secret-box.ts";
import type { Services, UpstreamSettings } from "../../src/services/services.ts";
import type { Role } from "../../src/store/directory.ts";
import { MemoryStore } from "../../src/store/memory/memory-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/port.ts";
import { TestClock } from "./ledger.ts";
import { declaredRoutes, responseProblem } from "./response-schemas.ts";
import { testDatabaseUrl } from "./stores.ts";

export type StoreName = "memory" | "sqlite" | "pglite" | "postgres";

/** The stores every API test runs on; "postgres" needs a server, so suites opt into it. */
export const storeNames: readonly StoreName[] = ["memory", "sqlite"];

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface CallOptions {
  /** The API key, sent as `Authorization: Bearer <key>`. */
  readonly key?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as it is, for bodies that are not valid JSON. */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

export interface Answer {
  readonly status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  readonly body: unknown;
  readonly headers: Headers;
}

export interface OrganizationFixture {
  readonly organizationId: string;
  readonly rootPoolId: string;
  readonly ownerKey: string;
}

export interface ApiHarness {
  readonly store: Store;
  readonly clock: TestClock;
  readonly engine: Engine;
  /** The services behind the API, for what no route serves (the gateway's use cases). */
  readonly services: Services;
  readonly operatorKey: string;
  call(method: Method, path: string, options?: CallOptions): Promise<Answer>;
  /** `call`, asserting a 2xx answer; answers its body. */
  ok(method: Method, path: string, options?: CallOptions): Promise<unknown>;
  /** POST /v1/organizations with the operator key. */
  newOrganization(name: string): Promise<OrganizationFixture>;
  /** POST /v1/keys with the organization's owner key; answers the new key's secret. */
  keyFor(
    organization: OrganizationFixture,
    role: Role,
    options?: { pool?: string; member?: string },
  ): Promise<string>;
  /** Every transfer of the organization, read from the store. */
  journal(organizationId: string): Promise<Transfer[]>;
  /** A new pool under `parent`, made with the owner key; answers its id. */
  pool(organization: OrganizationFixture, parent: string, extra?: object): Promise<string>;
  /** A purchase grant of `amount` credits in `pool`; answers its id. */
  grant(organization: OrganizationFixture, pool: string, amount: string): Promise<string>;
  /** An allowed hold of `amount` in `pool`; answers its id. */
  hold(
    organization: OrganizationFixture,
    pool: string,
    amount: string,
    ttlSeconds?: number,
  ): Promise<string>;
  /**
   * What the organization holds, as the owner key and the store see it: the journal, and every
   * pool, grant, member, key and billing row, recurring grants included. Two equal snapshots
   * mean nothing was written in between.
   */
  snapshot(organization: OrganizationFixture): Promise<string>;
  /** Every operation of `/openapi.json`, as "METHOD /path", sorted. */
  operations(): Promise<string[]>;
  /** Serves the app over a real socket on 127.0.0.1 until `close`; answers its origin. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly store?: StoreName;
  readonly seed?: number;
  /** Called with what made the app answer 500, which the answer itself never shows. */
  readonly onUnexpected?: (error: unknown) => void;
  /** Upstream accounts' settings: a fixed test key and no private base URLs by default. */
  readonly upstreams?: UpstreamSettings;
  /** Where the app writes its request lines (tests that read what is logged). */
  readonly logger?: Logger;
  /** The most stored buckets one report reads (a small bound, to reach it with a few rows). */
  readonly reportBucketsReadMax?: number;
}

/** The key the harness seals upstream credentials with: fixed, so tests may open what it sealed. */
export const testSecretBox = new SecretBox(
  secretKeyOf(Buffer.alloc(32, 7).toString("base64"), "the test key"),
);

/** A store of that name on a fresh database, and how to remove the database afterwards. */
async function openNamed(name: StoreName): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (name === "memory") return { store: new MemoryStore(), cleanup: async () => {} };
  if (name === "sqlite") return { store: await openStore(":memory:"), cleanup: async () => {} };
  if (name === "pglite")
    return { store: await openStore("pglite:memory"), cleanup: async () => {} };
  const url = testDatabaseUrl();
  if (url === undefined) throw new Error("the postgres store needs TEST_DATABASE_URL");
  return openPostgres(url);
}

let postgresDatabases = 0;

/**
 * A new database on the server. The store's pool resolves `end()` before its connections have
 * closed, so the cleanup waits for them to go before it drops the database: dropping it under
 * them makes each one fail after the test has ended.
 */
async function openPostgres(adminUrl: string) {
  postgresDatabases += 1;
  const database = `creditpool_api_${process.pid}_${postgresDatabases}`;
  const admin = async (work: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  };
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const store = await openStore(url.toString(), { poolSize: 16 });
  const cleanup = () =>
    admin(async (client) => {
      const sessions = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1";
      for (let wait = 0; wait < 100; wait += 1) {
        const { rows } = await client.query<{ n: number }>(sessions, [database]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
  return { store, cleanup };
}

export async function apiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const { store, cleanup } = await openNamed(options.store ?? "memory");
  const seed = options.seed ?? 1;
  const clock = new TestClock();
  const engine = new Engine({
    store,
    clock: clock.read,
    ids: ulidIdSource(clock.read, seededRandomFill(seed)),
    auditView: ledgerAuditView,
  });
  const parts = {
    engine,
    store,
    clock: clock.read,
    ids: ulidIdSource(clock.read, seededRandomFill(seed + 1_000)),
    fillRandom: seededRandomFill(seed + 2_000),
    metrics: new Metrics(),
    upstreams: options.upstreams ?? { box: testSecretBox },
    ...(options.reportBucketsReadMax === undefined
      ? {}
      : { reportBucketsReadMax: options.reportBucketsReadMax }),
  };
  const deps = parts;
  const operatorKey = newKeySecret(seededRandomFill(seed + 3_000));
  await store.insertKey(
    {
      id: deps.ids.next("key"),
      organizationId: null,
      prefix: operatorKey.slice(0, keyPrefixLength),
      hash: hashKey(operatorKey),
      role: "operator",
      poolId: null,
      memberId: null,
      name: "operator",
      createdAt: clock.read(),
      revokedAt: null,
    },
    null,
  );
  const onUnexpected = options.onUnexpected;
  const logger =
    options.logger ??
    (onUnexpected === undefined
      ? undefined
      : ({
          info() {},
          error: (entry: { err?: unknown }) => onUnexpected(entry.err),
        } as unknown as Logger));
  const reportFailure = (error: unknown) => onUnexpected?.(error);
  const apiDeps = apiDependencies({ ...parts, reportFailure });
  const app = createApp(apiDeps, logger === undefined ? {} : { logger });

  const routes = declaredRoutes(app);
  const listening: ServerType[] = [];
  const call = async (method: Method, path: string, call: CallOptions = {}): Promise<Answer> => {
    const headers = new Headers(call.headers);
    if (call.key !== undefined) headers.set("authorization", `Bearer ${call.key}`);
    let body: string | undefined;
    if (call.raw !== undefined) body = call.raw;
    else if (call.body !== undefined) body = JSON.stringify(call.body);
    if (body !== undefined && !headers.has("content-type")) {
      headers.set("content-type", "application/json");
    }
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    const json = contentType.includes("application/json");
    const parsed: unknown = json ? JSON.parse(text) : text;
    const problem = responseProblem(routes, method, path, response.status, parsed, contentType);
    assert.equal(problem, null, "the answer matches the schema its route declares");
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const ok = async (method: Method, path: string, options: CallOptions = {}) => {
    const answer = await call(method, path, options);
    assert.ok(
      answer.status >= 200 && answer.status < 300,
      `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
    return answer.body;
  };
  let pools = 0;

  return {
    store,
    clock,
    engine,
    services: apiDeps.services,
    operatorKey,
    call,
    ok,
    async newOrganization(name) {
      const answer = await call("POST", "/v1/organizations", {
        key: operatorKey,
        body: { name },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return {
        organizationId: text(answer.body, "organization.id"),
        rootPoolId: text(answer.body, "organization.root_pool"),
        ownerKey: text(answer.body, "owner_key.secret"),
      };
    },
    async keyFor(organization, role, keyOptions = {}) {
      const answer = await call("POST", "/v1/keys", {
        key: organization.ownerKey,
        body: {
          name: `${role} key`,
          role,
          ...(keyOptions.pool === undefined ? {} : { pool: keyOptions.pool }),
          ...(keyOptions.member === undefined ? {} : { member: keyOptions.member }),
        },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return text(answer.body, "secret");
    },
    journal(organizationId) {
      return store.listTransfers(organizationId, { afterSequence: 0, limit: 1_000_000 });
    },
    async pool(organization, parent, extra = {}) {
      pools += 1;
      const body = { parent, name: `pool ${pools}`, ...extra };
      return text(await ok("POST", "/v1/pools", { key: organization.ownerKey, body }), "id");
    },
    async grant(organization, pool, amount) {
      const body = { pool, amount, source: "purchase" };
      return text(await ok("POST", "/v1/grants", { key: organization.ownerKey, body }), "id");
    },
    async hold(organization, pool, amount, ttlSeconds) {
      const body = {
        pool,
        amount,
        ...(ttlSeconds === undefined ? {} : { ttl_seconds: ttlSeconds }),
      };
      const answer = await ok("POST", "/v1/holds", { key: organization.ownerKey, body });
      assert.equal(at(answer, "allowed"), true, JSON.stringify(answer));
      return text(answer, "hold.id");
    },
    async snapshot(organization) {
      const key = organization.ownerKey;
      const lists = await Promise.all(
        ["pools", "grants", "members", "keys"].map((name) =>
          ok("GET", `/v1/${name}?limit=${limits.pageSizeMax}`, { key }),
        ),
      );
      const journal = await store.listTransfers(organization.organizationId, {
        afterSequence: 0,
        limit: 1_000_000,
      });
      const id = organization.organizationId;
      const billing = [
        await store.listPlans(id),
        await store.listSubscriptions(id, { limit: 1_000_000 }),
        await store.listInvoices(id, { limit: 1_000_000 }),
        await store.listRecurringGrants(id, { limit: 1_000_000 }),
        await store.listAlertRules(id, { limit: 1_000_000 }),
        await store.listAlerts(id, {}, { limit: 1_000_000 }),
      ];
      return JSON.stringify([journal, lists, billing], (_, value) =>
        typeof value === "bigint" ? `${value}` : value,
      );
    },
    async operations() {
      const paths = at(await ok("GET", "/openapi.json"), "paths");
      assert.ok(paths !== null && typeof paths === "object");
      return Object.entries(paths)
        .flatMap(([path, item]) =>
          Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
        )
        .sort();
    },
    async listen() {
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
      listening.push(server);
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      const { port } = server.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await Promise.all(
        listening.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              if ("closeAllConnections" in server) server.closeAllConnections();
            }),
        ),
      );
      await engine.close();
      await store.close();
      await cleanup();
    },
  };
}

/** The value at a dotted path of a JSON answer (`"hold.id"`, `"data.0.id"`), or undefined. */
export function at(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The string at a dotted path; fails the test when there is none. */
export function text(body: unknown, path: string): string {
  const value = at(body, path);
  assert.equal(typeof value, "string", `${path} in ${JSON.stringify(body)}`);
  return value as string;
}

/** The ids of a list answer's `data`, in order. */
export function ids(body: unknown): string[] {
  const data = at(body, "data");
  assert.ok(Array.isArray(data), `a list answer: ${JSON.stringify(body)}`);
  return data.map((item: unknown) => text(item, "id"));
}

/** Asserts the error envelope: status, code, and `param` when given (null: no param). */
export function expectError(
  answer: Answer,
  status: number,
  code: string,
  param?: string | null,
): void {
  const context = JSON.stringify(answer.body);
  assert.equal(answer.status, status, context);
  assert.equal(at(answer.body, "error.code"), code, context);
  assert.equal(typeof at(answer.body, "error.type"), "string", context);
  assert.equal(typeof at(answer.body, "error.message"), "string", context);
  if (param === null) assert.equal(at(answer.body, "error.param"), undefined, context);
  else if (param !== undefined) assert.equal(at(answer.body, "error.param"), param, context);
}
