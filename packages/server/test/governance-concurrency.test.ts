/**
 * Governance under real concurrency: many callers over two engines (two nodes) on one database,
 * SQLite on a file and, when TEST_DATABASE_URL is set, a PostgreSQL server. Member caps, rate
 * limits and reservations hold exactly, whatever the interleaving; and a policy changed in the
 * same batch as the holds it governs is applied to them.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, verifyLedger } from "@creditpool/core";
import type { Engine } from "../src/engine/engine.ts";
import type { EngineAnswer } from "../src/engine/results.ts";
import type { Store } from "../src/store/port.ts";
import { grantRequest, idOf, poolRequest, TestClock, testEngine } from "./support/ledger.ts";
import { postgresKind, type StoreKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

interface Nodes {
  readonly stores: Store[];
  readonly engines: Engine[];
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** Two engines on one database, on one test clock that stands still unless moved. */
async function twoNodes(kind: StoreKind): Promise<Nodes> {
  const first = await kind.open();
  const second = await kind.openSibling?.();
  assert.ok(second !== undefined);
  const clock = new TestClock();
  const engines = [testEngine(first, clock).engine, testEngine(second, clock).engine];
  return {
    stores: [first, second],
    engines,
    clock,
    async close() {
      await Promise.all(engines.map((engine) => engine.close()));
      await Promise.all([first.close(), second.close()]);
    },
  };
}

const policyOf = (engine: Engine, organizationId: string, poolId: string, policy: object) =>
  engine.submit(organizationId, { type: "update_pool", poolId, policy });

async function organization(engine: Engine, grant: string) {
  const { id, rootPoolId } = await engine.createOrganization("Governed race");
  await engine.submit(id, grantRequest(rootPoolId, grant));
  const pool = async () => idOf(await engine.submit(id, poolRequest(rootPoolId, "team")));
  return { organizationId: id, rootPoolId, pool };
}

interface Caller {
  readonly poolId: string;
  readonly memberId?: string;
  readonly keyId?: string;
  readonly attempts: number;
  /** Capture each admitted hold at once, so consumption (not only holds) counts. */
  readonly capture?: boolean;
}

let races = 0;

/** Every caller at once, spread over the engines; the answers of each caller's holds, in order. */
async function race(nodes: Nodes, organizationId: string, callers: readonly Caller[]) {
  races += 1;
  const round = races;
  return Promise.all(
    callers.map(async (caller, index) => {
      const engine = nodes.engines[index % nodes.engines.length];
      assert.ok(engine !== undefined);
      const answers: EngineAnswer[] = [];
      for (let attempt = 0; attempt < caller.attempts; attempt += 1) {
        const answer = await engine.submit(
          organizationId,
          {
            type: "create_hold",
            poolId: caller.poolId,
            amount: credits(1),
            ttlSeconds: 600,
            memberId: caller.memberId ?? null,
            keyId: caller.keyId ?? null,
          },
          { idempotencyKey: `race-${round}-${index}-${attempt}` },
        );
        answers.push(answer);
        if (caller.capture === true && answer.code === "ok") {
          const captured: EngineAnswer = await engine.submit(organizationId, {
            type: "capture_hold",
            holdId: idOf(answer),
            amount: credits(1),
          });
          assert.equal(captured.code, "ok");
        }
      }
      return answers;
    }),
  );
}

function tally(answers: readonly EngineAnswer[][]) {
  const codes = new Map<string, number>();
  for (const answer of answers.flat()) codes.set(answer.code, (codes.get(answer.code) ?? 0) + 1);
  return codes;
}

async function verified(store: Store, organizationId: string) {
  assert.deepEqual(verifyLedger(await store.readSnapshot(organizationId)).violations, []);
}

function suite(kind: StoreKind) {
  after(() => kind.cleanup());

  it("a member cap of 20: each of four members wins exactly 20, held or consumed", async () => {
    const nodes = await twoNodes(kind);
    const [engine] = nodes.engines;
    assert.ok(engine !== undefined);
    const { organizationId, pool } = await organization(engine, "100000");
    const team = await pool();
    await policyOf(engine, organizationId, team, {
      memberCap: { amount: credits(20), period: "month" },
    });
    const members = ["mem_a", "mem_b", "mem_c", "mem_d"];
    const callers = Array.from({ length: 32 }, (_, index) => ({
      poolId: team,
      memberId: members[index % members.length] ?? "",
      keyId: `key_${index % 3}`,
      attempts: 4,
      capture: index % 2 === 0,
    }));
    const answers = await race(nodes, organizationId, callers);
    for (const member of members) {
      const won = answers
        .filter((_, index) => callers[index]?.memberId === member)
        .flat()
        .filter((answer) => answer.code === "ok").length;
      assert.equal(won, 20, member);
    }
    const codes = tally(answers);
    assert.equal(codes.get("member_cap_exceeded"), 32 * 4 - 80);
    const state = await nodes.stores[1]?.readState(organizationId);
    for (const member of members) {
      let held = 0n;
      for (const hold of state?.holds.values() ?? [])
        if (hold.memberId === member && hold.status === "held") held += hold.amount;
      assert.ok(held <= credits(20));
    }
    const decisions = await nodes.stores[0]?.listDecisions(
      organizationId,
      { code: "member_cap_exceeded" },
      { limit: 1000 },
    );
    assert.equal(decisions?.length, 32 * 4 - 80);
    for (const decision of decisions ?? []) {
      const cap = (JSON.parse(decision.evidence) as { cap: Record<string, string> }).cap;
      assert.ok(cap !== undefined);
      assert.equal(cap.subject, `m:${decision.memberId}`);
      // What the engine saw was the whole cap, used or held: never more.
      assert.equal(Number(cap.used) + Number(cap.held), 20, JSON.stringify(cap));
    }
    await verified(nodes.stores[0] as Store, organizationId);
    await nodes.close();
  });

  it("a pool's 50 requests a minute: exactly 50 admitted while the clock stands still", async () => {
    const nodes = await twoNodes(kind);
    const [engine] = nodes.engines;
    assert.ok(engine !== undefined);
    const { organizationId, pool } = await organization(engine, "100000");
    const team = await pool();
    await policyOf(engine, organizationId, team, {
      rateLimits: [{ per: "pool", requestsPerMinute: 50, creditsPerMinute: null }],
    });
    const callers = Array.from({ length: 48 }, (_, index) => ({
      poolId: team,
      keyId: `key_${index % 5}`,
      attempts: 2,
    }));
    const codes = tally(await race(nodes, organizationId, callers));
    assert.equal(codes.get("ok"), 50);
    assert.equal(codes.get("rate_limited"), 96 - 50);
    // A second later the bucket holds 50/60 of a request: still nothing; at 1.2 s, one.
    nodes.clock.advance(1000);
    const late = await race(nodes, organizationId, [{ poolId: team, attempts: 1 }]);
    assert.equal(late[0]?.[0]?.code, "rate_limited");
    nodes.clock.advance(200);
    const refilled = await race(nodes, organizationId, [
      { poolId: team, attempts: 1 },
      { poolId: team, attempts: 1 },
    ]);
    assert.deepEqual(tally(refilled).get("ok"), 1);
    await verified(nodes.stores[1] as Store, organizationId);
    await nodes.close();
  });

  it("per-key buckets: each key wins exactly its 5", async () => {
    const nodes = await twoNodes(kind);
    const [engine] = nodes.engines;
    assert.ok(engine !== undefined);
    const { organizationId, pool } = await organization(engine, "100000");
    const team = await pool();
    await policyOf(engine, organizationId, team, {
      rateLimits: [{ per: "key", requestsPerMinute: 5, creditsPerMinute: null }],
    });
    const callers = Array.from({ length: 40 }, (_, index) => ({
      poolId: team,
      keyId: `key_${index % 4}`,
      attempts: 2,
    }));
    const answers = await race(nodes, organizationId, callers);
    for (let key = 0; key < 4; key += 1) {
      const won = answers
        .filter((_, index) => callers[index]?.keyId === `key_${key}`)
        .flat()
        .filter((answer) => answer.code === "ok").length;
      assert.equal(won, 5, `key_${key}`);
    }
    await nodes.close();
  });

  it("a sibling never takes what a reserving child protects", async () => {
    const nodes = await twoNodes(kind);
    const [engine] = nodes.engines;
    assert.ok(engine !== undefined);
    const { organizationId, pool } = await organization(engine, "100");
    const reserving = await pool();
    const sibling = await pool();
    await policyOf(engine, organizationId, reserving, {
      reserved: { amount: credits(60), period: "month" },
    });
    // 32 callers at the sibling and 24 at the reserving child, interleaved over both engines.
    const callers = Array.from({ length: 56 }, (_, index) => ({
      poolId: index % 7 < 4 ? sibling : reserving,
      attempts: 4,
    }));
    const answers = await race(nodes, organizationId, callers);
    const wonAt = (poolId: string) =>
      answers
        .filter((_, index) => callers[index]?.poolId === poolId)
        .flat()
        .filter((answer) => answer.code === "ok").length;
    assert.ok(wonAt(sibling) <= 40, `the sibling won ${wonAt(sibling)}`);
    assert.equal(wonAt(sibling) + wonAt(reserving), 100);
    const state = await nodes.stores[0]?.readState(organizationId);
    assert.equal(state?.pools.get(sibling)?.held, credits(wonAt(sibling)));
    await verified(nodes.stores[0] as Store, organizationId);
    await nodes.close();
  });

  for (const cache of ["warm", "cold"] as const) {
    it(`a policy set in the same batch as holds governs them (${cache} cache)`, async () => {
      const nodes = await twoNodes(kind);
      const [engine, other] = nodes.engines;
      assert.ok(engine !== undefined && other !== undefined);
      const { organizationId, pool } = await organization(engine, "1000");
      const team = await pool();
      // The cold case submits on the other engine, which has never loaded the organization.
      const node = cache === "warm" ? engine : other;
      const policy = policyOf(node, organizationId, team, {
        memberCap: { amount: credits(3), period: "month" },
        rateLimits: [{ per: "key", requestsPerMinute: 5, creditsPerMinute: null }],
      });
      const holds = Array.from({ length: 10 }, (_, index) =>
        node.submit(organizationId, {
          type: "create_hold",
          poolId: team,
          amount: credits(1),
          ttlSeconds: 600,
          memberId: index < 8 ? "mem_x" : "mem_y",
          keyId: "key_1",
        }),
      );
      assert.equal((await policy).code, "ok");
      const codes = (await Promise.all(holds)).map((answer) => answer.code);
      assert.deepEqual(codes, [
        "ok",
        "ok",
        "ok",
        ...Array.from({ length: 5 }, () => "member_cap_exceeded"),
        "ok",
        "ok",
      ]);
      const after = await node.submit(organizationId, {
        type: "create_hold",
        poolId: team,
        amount: credits(1),
        ttlSeconds: 600,
        keyId: "key_1",
      });
      assert.equal(after.code, "rate_limited");
      await verified(nodes.stores[0] as Store, organizationId);
      await nodes.close();
    });
  }
}

describe("governance under concurrency: sqlite", () => suite(sqliteKind()));

const url = testDatabaseUrl();
describe(
  "governance under concurrency: postgres",
  {
    skip: url === undefined ? "TEST_DATABASE_URL is not set" : false,
  },
  () => suite(postgresKind(url ?? "")),
);
