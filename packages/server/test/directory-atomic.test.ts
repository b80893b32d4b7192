/**
 * Writes outside the ledger's batches (an organization with its owner key, a key, a member) are
 * one transaction each with their idempotent answer, and the answer's key decides between
 * concurrent requests: many identical requests sent at once to two nodes on one database make
 * one object, and every one of them answers 201, the first answer or its replay. A crash in the
 * middle of making an organization leaves it whole or absent, never half made.
 */

import assert from "node:assert/strict";
import { randomFillSync } from "node:crypto";
import { after, describe, it } from "node:test";
import { limits } from "@creditpool/core";
import { hashKey, newKeySecret } from "../src/access/keys.ts";
import { apiDependencies } from "../src/compose.ts";
import { Engine } from "../src/engine/engine.ts";
import { createApp } from "../src/http/app.ts";
import { Metrics } from "../src/http/metrics.ts";
import { ulidIdSource } from "../src/ids.ts";
import type { Store } from "../src/store/port.ts";
import { at, text } from "./support/api.ts";
import {
  memoryKind,
  pgliteKind,
  postgresKind,
  type StoreKind,
  sqliteKind,
  testDatabaseUrl,
} from "./support/stores.ts";

const fillRandom = (bytes: Uint8Array) => {
  randomFillSync(bytes);
};

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

type Send = (path: string, key: string, body: unknown, idempotencyKey?: string) => Promise<Reply>;

/** One creditpool node: an engine and the HTTP API over `store`, called without sockets. */
function nodeOn(store: Store): { send: Send; close(): Promise<void> } {
  const clock = Date.now;
  const engine = new Engine({ store, clock, ids: ulidIdSource(clock, fillRandom) });
  const ids = ulidIdSource(clock, fillRandom);
  const metrics = new Metrics();
  const app = createApp(apiDependencies({ engine, store, clock, ids, fillRandom, metrics }));
  const send: Send = async (path, key, body, idempotencyKey) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
    };
    if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
    const response = await app.request(path, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: await response.json(),
      replayed: response.headers.get("idempotent-replayed") === "true",
    };
  };
  return { send, close: () => engine.close() };
}

async function operatorKeyOn(store: Store): Promise<string> {
  const secret = newKeySecret(fillRandom);
  const row = {
    id: ulidIdSource(Date.now, fillRandom).next("key"),
    organizationId: null,
    prefix: secret.slice(0, 8),
    hash: hashKey(secret),
    role: "operator" as const,
    poolId: null,
    memberId: null,
    name: "operator",
    createdAt: Date.now(),
    revokedAt: null,
  };
  await store.insertKey(row, null);
  return secret;
}

/** Every reply is the same 201 answer: one first answer, the rest its replays. */
function assertOneAnswer(replies: readonly Reply[], withoutSecret: (body: unknown) => unknown) {
  const statuses = replies.map((reply) => reply.status);
  assert.deepEqual(
    statuses,
    replies.map(() => 201),
    JSON.stringify(replies.find((reply) => reply.status !== 201)?.body),
  );
  const first = replies.filter((reply) => !reply.replayed);
  assert.equal(first.length, 1, "exactly one request took effect");
  const [taken] = first;
  assert.ok(taken !== undefined);
  for (const reply of replies) {
    if (reply.replayed) assert.deepEqual(reply.body, withoutSecret(taken.body));
  }
}

function withoutKeySecret(body: unknown): unknown {
  const { secret: _secret, ...rest } = body as Record<string, unknown>;
  return rest;
}

function withoutOwnerSecret(body: unknown): unknown {
  const owner = at(body, "owner_key") as Record<string, unknown>;
  const { secret: _secret, ...shown } = owner;
  return { organization: at(body, "organization"), owner_key: shown };
}

const requests = 20;

function concurrentSuite(kind: StoreKind, nodes: 1 | 2): void {
  const where = nodes === 2 ? "two nodes on one database" : "one node";
  describe(`directory writes at once, ${where}: ${kind.name}`, () => {
    let stores: Store[] = [];
    let sends: Send[] = [];
    let closers: (() => Promise<void>)[] = [];
    let operatorKey = "";

    const open = async () => {
      const first = await kind.open();
      const second = nodes === 2 ? await kind.openSibling?.() : undefined;
      stores = second === undefined ? [first] : [first, second];
      const made = stores.map(nodeOn);
      sends = made.map((node) => node.send);
      closers = made.map((node) => node.close);
      operatorKey = await operatorKeyOn(first);
    };
    const close = async () => {
      for (const closeNode of closers) await closeNode();
      for (const store of stores) await store.close();
    };
    const race = (path: string, key: string, body: unknown, idempotencyKey: string) =>
      Promise.all(
        Array.from({ length: requests }, (_, index) => {
          const send = sends[index % sends.length];
          assert.ok(send !== undefined);
          return send(path, key, body, idempotencyKey);
        }),
      );
    const organization = async () => {
      const send = sends[0];
      assert.ok(send !== undefined);
      const made = await send("/v1/organizations", operatorKey, { name: "Acme" });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return { id: text(made.body, "organization.id"), owner: text(made.body, "owner_key.secret") };
    };
    const page = { limit: limits.pageSizeMax };

    after(() => kind.cleanup());

    it(`${requests} POST /v1/organizations with one key make one organization and one owner key`, async () => {
      await open();
      try {
        const replies = await race("/v1/organizations", operatorKey, { name: "Once" }, "org-1");
        assertOneAnswer(replies, withoutOwnerSecret);
        const [store] = stores;
        assert.ok(store !== undefined);
        const ids = await store.listOrganizationIds();
        assert.equal(ids.length, 1);
        const keys = await store.listKeys(ids[0] ?? "", page);
        assert.deepEqual(
          keys.map((key) => key.role),
          ["owner"],
        );
      } finally {
        await close();
      }
    });

    it(`${requests} POST /v1/keys with one key make one key`, async () => {
      await open();
      try {
        const org = await organization();
        const body = { name: "ci", role: "agent" };
        assertOneAnswer(await race("/v1/keys", org.owner, body, "key-1"), withoutKeySecret);
        const keys = await stores[0]?.listKeys(org.id, page);
        assert.deepEqual(
          keys?.map((key) => key.name),
          ["owner", "ci"],
        );
      } finally {
        await close();
      }
    });

    it(`${requests} POST /v1/members with one key make one member`, async () => {
      await open();
      try {
        const org = await organization();
        const body = { name: "Ada", kind: "person" };
        assertOneAnswer(await race("/v1/members", org.owner, body, "member-1"), (b) => b);
        const members = await stores[0]?.listMembers(org.id, page);
        assert.equal(members?.length, 1);
      } finally {
        await close();
      }
    });

    it(`${requests} POST /v1/keys with one key and two bodies: one key, the others 409`, async () => {
      await open();
      try {
        const org = await organization();
        const replies = await Promise.all(
          Array.from({ length: requests }, (_, index) =>
            sends[index % sends.length]?.(
              "/v1/keys",
              org.owner,
              { name: index % 2 === 0 ? "even" : "odd", role: "agent" },
              "key-2",
            ),
          ),
        );
        const statuses = replies.map((reply) => reply?.status);
        assert.ok(
          statuses.every((status) => status === 201 || status === 409),
          statuses.join(),
        );
        const keys = await stores[0]?.listKeys(org.id, page);
        assert.equal(keys?.length, 2, "the owner key and one new key");
        const name = keys?.find((key) => key.role === "agent")?.name;
        for (const reply of replies) {
          if (reply?.status === 201) assert.equal(at(reply.body, "name"), name);
          else assert.equal(at(reply?.body, "error.code"), "idempotency_key_reused");
        }
      } finally {
        await close();
      }
    });
  });
}

concurrentSuite(memoryKind(), 1);
concurrentSuite(pgliteKind(), 1);
concurrentSuite(sqliteKind(), 2);
const url = testDatabaseUrl();
if (url !== undefined) concurrentSuite(postgresKind(url), 2);
else {
  describe("directory writes at once, two nodes on one database: postgres", () => {
    it("runs with TEST_DATABASE_URL", { skip: "TEST_DATABASE_URL is not set" }, () => {});
  });
}

/**
 * A store that fails once where a crash could fall while an organization is made: in its
 * transaction before the commit, or in a directory write after a commit.
 */
function crashingOnce(store: Store, where: "before commit" | "after commit"): Store {
  let crashed = false;
  let committed = false;
  const crash = () => {
    crashed = true;
    throw new Error(`crash ${where}`);
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "transaction") {
        return async (work: Parameters<Store["transaction"]>[0]) => {
          const result = await target.transaction(async (tx) => {
            const done = await work(tx);
            if (!crashed && where === "before commit") crash();
            return done;
          });
          committed = true;
          return result;
        };
      }
      const writes = ["insertKey", "insertMember", "saveAnswer"];
      if (writes.includes(String(property))) {
        return (...args: unknown[]) => {
          if (!crashed && committed && where === "after commit") crash();
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

describe("a crash while an organization is made, then a retry with the same key", () => {
  for (const kind of [memoryKind(), sqliteKind()]) {
    for (const where of ["before commit", "after commit"] as const) {
      it(`${kind.name}, ${where}: one organization with its owner key`, async () => {
        const store = await kind.open();
        const faulty = crashingOnce(store, where);
        const operatorKey = await operatorKeyOn(store);
        const node = nodeOn(faulty);
        try {
          const first = await node.send("/v1/organizations", operatorKey, { name: "A" }, "org");
          const retry = await node.send("/v1/organizations", operatorKey, { name: "A" }, "org");
          assert.equal(retry.status, 201, JSON.stringify(retry.body));
          const ids = await store.listOrganizationIds();
          assert.equal(ids.length, 1, `after a ${first.status}, then a retry`);
          const keys = await store.listKeys(ids[0] ?? "", { limit: 10 });
          assert.equal(keys.length, 1);
          assert.equal(text(retry.body, "organization.id"), ids[0]);
        } finally {
          await node.close();
          await store.close();
          await kind.cleanup();
        }
      });
    }
  }
});
