/**
 * The ledger totals on every store: what they answer over any span, to the millisecond, is what
 * summing the journal's transfers of that span gives, and two nodes summing one organization at
 * once never add a transfer twice.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, sumTransfers, type Total, type Transfer } from "@creditpool/core";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { createServices } from "../src/services/services.ts";
import type { Store } from "../src/store/port.ts";
import { grantRequest, holdRequest, idOf, TestClock, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/** A seeded random source, so every store sees the same workload. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

function servicesOn(store: Store, clock: TestClock, seed: number) {
  const { engine } = testEngine(store, clock);
  const services = createServices({
    engine,
    store,
    clock: clock.read,
    ids: ulidIdSource(clock.read, seededRandomFill(seed)),
    fillRandom: seededRandomFill(seed + 1),
  });
  return { engine, services };
}

/** An organization used over a few days: grants at two cost bases, holds, captures, usage. */
async function workload(store: Store, clock: TestClock, steps: number) {
  const { engine, services } = servicesOn(store, clock, 11);
  const { id, rootPoolId } = await engine.createOrganization("Totals");
  const team = idOf(
    await engine.submit(id, {
      type: "create_pool",
      parentId: rootPoolId,
      name: "team",
      drawsFromParent: true,
      limit: null,
      overageLimit: null,
    }),
  );
  const next = random(7);
  const pools = [rootPoolId, team];
  for (let step = 0; step < steps; step += 1) {
    clock.advance(next(50) * minuteMs + next(60_000));
    const pool = pools[next(2)] as string;
    const choice = next(10);
    if (choice === 0) {
      const expiresAt = next(2) === 0 ? null : clock.nowMs + next(48) * hourMs + 1;
      await engine.submit(id, {
        ...grantRequest(pool, `${1 + next(40)}`, { expiresAt }),
        costBasis: next(2) === 0 ? 20_000n : 35_000n,
      });
    } else if (choice < 7) {
      const held = await engine.submit(id, holdRequest(pool, `${1 + next(5)}`, 3600));
      if (held.code === "ok" && next(4) !== 0)
        await engine.submit(id, {
          type: "capture_hold",
          holdId: idOf(held),
          amount: credits(`${next(7)}`),
        });
    } else {
      await engine.submit(id, { type: "record_usage", poolId: pool, amount: credits("1.5") });
    }
  }
  await engine.close();
  return { organizationId: id, services };
}

function key(total: Total): string {
  return `${total.measure} ${total.poolId} ${total.grantPoolId} ${total.costBasis}`;
}

/** Totals by measure, pools and cost basis, whatever their span. */
function collapsed(totals: readonly Total[]): Record<string, bigint> {
  const sums: Record<string, bigint> = {};
  for (const total of totals) sums[key(total)] = (sums[key(total)] ?? 0n) + total.credits;
  return Object.fromEntries(
    Object.entries(sums)
      .filter(([, value]) => value !== 0n)
      .sort(),
  );
}

async function journalOf(store: Store, organizationId: string): Promise<Transfer[]> {
  const all: Transfer[] = [];
  for (;;) {
    const page = await store.listTransfers(organizationId, {
      afterSequence: all.at(-1)?.sequence ?? 0,
      limit: 1000,
    });
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

async function expectedTotals(store: Store, organizationId: string, from: number, to: number) {
  const journal = await journalOf(store, organizationId);
  const grants = new Map<string, { poolId: string; costBasis: bigint; rollover: boolean }>();
  for (const transfer of journal) {
    if (transfer.grantId === null || grants.has(transfer.grantId)) continue;
    const grant = await store.readGrant(organizationId, transfer.grantId);
    assert.ok(grant !== null);
    grants.set(grant.id, { poolId: grant.poolId, costBasis: grant.costBasis, rollover: false });
  }
  const within = journal.filter((transfer) => transfer.at >= from && transfer.at < to);
  return collapsed(sumTransfers(within, (id) => grants.get(id)));
}

for (const kind of contractKinds()) {
  describe(`ledger totals (${kind.name})`, () => {
    after(() => kind.cleanup());

    it("answers any span exactly as the journal sums it", async () => {
      const store = await kind.open();
      const clock = new TestClock();
      const started = clock.nowMs;
      const { organizationId, services } = await workload(store, clock, 300);
      const next = random(3);
      const spans: [number, number][] = [
        [started, clock.nowMs + 1],
        [started + 90 * minuteMs + 7, clock.nowMs - 3 * hourMs - 11],
        [started + 24 * hourMs, started + 48 * hourMs],
      ];
      for (let draw = 0; draw < 6; draw += 1) {
        const a = started + next(clock.nowMs - started);
        const b = started + next(clock.nowMs - started);
        spans.push(a <= b ? [a, b + 1] : [b, a + 1]);
      }
      for (const [from, to] of spans) {
        const answered = await services.totals.between(organizationId, from, to);
        assert.equal(answered.complete, true);
        assert.deepEqual(
          collapsed(answered.totals),
          await expectedTotals(store, organizationId, from, to),
          `span ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`,
        );
      }
      await store.close();
    });

    it("two nodes summing one organization at once add each transfer once", async () => {
      const store = await kind.open();
      const clock = new TestClock();
      const { organizationId } = await workload(store, clock, 700);
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const one = servicesOn(store, clock, 21).services;
      const two = servicesOn(sibling, clock, 31).services;
      await Promise.all([
        one.totals.catchUp(organizationId, Number.POSITIVE_INFINITY),
        two.totals.catchUp(organizationId, Number.POSITIVE_INFINITY),
        one.totals.catchUpAll(),
      ]);
      const from = Date.UTC(2000, 0, 1);
      const to = clock.nowMs + 1;
      const summed = await one.totals.between(organizationId, from, to);
      assert.deepEqual(
        collapsed(summed.totals),
        await expectedTotals(store, organizationId, from, to),
      );
      assert.equal(
        await store.totalsCheckpoint(organizationId),
        (await journalOf(store, organizationId)).at(-1)?.sequence,
      );
      assert.deepEqual(await store.organizationsBehind(10), []);
      if (sibling !== store) await sibling.close();
      await store.close();
    });
  });
}
