/**
 * Recurring grants issue each period exactly once: two nodes on one database issuing at once, a
 * process killed between a schedule's write and its grant, and any interleaving of the two, never
 * issue a period twice or skip one. Nodes are a store, an engine and the services each, on the
 * same SQLite file or PostgreSQL database; a kill is an engine that commits a command and then
 * dies before its caller hears the answer.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { billingPeriod, verifyLedger } from "@creditpool/core";
import fc from "fast-check";
import type { Principal } from "../src/access/principal.ts";
import { TestClock } from "./support/ledger.ts";
import { type Node, operator, testNode } from "./support/node.ts";
import { postgresKind, type StoreKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

const dayMs = 86_400_000;

/** An organization with a monthly grant of 10 credits in Paris, expiring at each month's end. */
async function setup(first: Node) {
  const { services } = first;
  const made = await services.organizations.create(operator, "Monthly", "org-key", () => ({}));
  assert.ok("made" in made);
  const organizationId = made.made.organization.id;
  const owner: Principal = {
    keyId: "key_owner",
    organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  const created = await services.recurringGrants.create(
    owner,
    {
      pool: made.made.organization.rootPoolId,
      amount: 10_000_000n,
      source: "promotion",
      priority: 100,
      costBasis: 0n,
      expiry: "period_end",
      expiryDays: null,
      rollover: null,
      interval: "month",
      timeZone: "Europe/Paris",
      periods: null,
      endsAt: null,
    },
    "create-key",
    () => ({}),
  );
  assert.ok("made" in created);
  return { organizationId, owner, id: created.made.id };
}

/**
 * After every node has settled (a read with no kills), the grants of the schedule: one per period
 * begun by now, each effective at its period's start, none twice.
 */
async function checkExactlyOnce(nodes: readonly Node[], world: Awaited<ReturnType<typeof setup>>) {
  const [first] = nodes;
  assert.ok(first !== undefined);
  for (const each of nodes) each.dieAfter = null;
  const row = await first.services.recurringGrants.read(world.owner, world.id);
  const snapshot = await first.store.readSnapshot(world.organizationId);
  const starts = snapshot.grants
    .filter((grant) => grant.source === "promotion")
    .map((grant) => grant.effectiveAt)
    .sort((a, b) => a - b);
  const anchor = { anchorAt: row.anchorAt, timeZone: row.timeZone, interval: row.interval };
  const expected = Array.from(
    { length: row.nextIndex },
    (_, index) => billingPeriod(anchor, index).start,
  );
  assert.deepEqual(starts, expected, "one grant a period begun, none twice, none skipped");
  assert.deepEqual(verifyLedger(snapshot).violations, []);
  return row.nextIndex;
}

function kinds(): StoreKind[] {
  const url = testDatabaseUrl();
  return url === undefined ? [sqliteKind()] : [sqliteKind(), postgresKind(url)];
}

async function pair(kind: StoreKind, clock: TestClock, seeds: [number, number]) {
  const a = testNode(await kind.open(), clock, seeds[0]);
  const sibling = await kind.openSibling?.();
  assert.ok(sibling !== undefined);
  return [a, testNode(sibling, clock, seeds[1])] as const;
}

async function closeAll(nodes: readonly Node[]) {
  for (const each of nodes) {
    await each.close();
    await each.store.close();
  }
}

for (const kind of kinds()) {
  describe(`recurring grants are issued exactly once (${kind.name})`, () => {
    after(() => kind.cleanup());

    it("two nodes issuing six months at once issue each period once", async () => {
      const clock = new TestClock();
      const nodes = await pair(kind, clock, [10, 20]);
      try {
        const world = await setup(nodes[0]);
        clock.advance(6 * 31 * dayMs);
        const issued = await Promise.all(
          [...nodes, ...nodes].map((each) => each.services.recurringGrants.issueDue()),
        );
        assert.equal(
          issued.reduce((sum, count) => sum + count, 0),
          6,
        );
        assert.equal(await checkExactlyOnce(nodes, world), 7);
      } finally {
        await closeAll(nodes);
      }
    });

    it("a grant committed before a crash is issued once, eight days later too", async () => {
      const clock = new TestClock();
      const nodes = await pair(kind, clock, [30, 40]);
      try {
        const world = await setup(nodes[0]);
        clock.advance(32 * dayMs);
        // The second month's grant commits and the node dies before it records it: the pass
        // reports the schedule and issues nothing it knows of.
        nodes[0].dieAfter = 0;
        const failures: unknown[] = [];
        const issued = await nodes[0].services.recurringGrants.issueDue(100, (error) =>
          failures.push(error),
        );
        assert.deepEqual([issued, failures.length], [0, 1]);
        clock.advance(8 * dayMs);
        await nodes[1].services.retention.forgetExpiredAnswers();
        assert.equal(await nodes[1].services.recurringGrants.issueDue(), 0);
        assert.equal(await checkExactlyOnce(nodes, world), 2);
      } finally {
        await closeAll(nodes);
      }
    });

    it("any interleaving of passes on two nodes and kills after a commit issues each period once", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              node: fc.constantFrom(0, 1),
              days: fc.integer({ min: 0, max: 45 }),
              dieAfter: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
              read: fc.boolean(),
            }),
            { minLength: 1, maxLength: 8 },
          ),
          async (steps) => {
            const clock = new TestClock();
            const nodes = await pair(kind, clock, [50, 60]);
            try {
              const world = await setup(nodes[0]);
              for (const step of steps) {
                clock.advance(step.days * dayMs);
                const chosen = nodes[step.node];
                assert.ok(chosen !== undefined);
                chosen.dieAfter = step.dieAfter;
                const service = chosen.services.recurringGrants;
                const pass = step.read ? service.read(world.owner, world.id) : service.issueDue();
                await pass.catch(() => {});
                chosen.dieAfter = null;
              }
              await checkExactlyOnce(nodes, world);
            } finally {
              await closeAll(nodes);
            }
          },
        ),
        { numRuns: kind.name === "postgres" ? 6 : 15 },
      );
    });
  });
}
