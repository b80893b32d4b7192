/**
 * The usage bucket store's contract, on every adapter: adding sums into the same key, the
 * checkpoint moves only from the value it was read at (or writes nothing), reads keep to one
 * organization, span, dimension and start range, uncovered credits and amounts past 2^53 come
 * back exactly, and organizations behind their checkpoint are found.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Dimension, Span, UsageBucket } from "@creditpool/core";
import type { Store } from "../src/store/port.ts";
import { grantRequest, idOf, poolRequest, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const hourMs = 3_600_000;
const march = Date.UTC(2027, 2, 1);

function bucket(
  poolId: string,
  change: Partial<UsageBucket> & { credits: bigint; start?: number },
): UsageBucket {
  return {
    span: "hour" as Span,
    start: march,
    poolId,
    dimension: "member" as Dimension,
    value: "mem_a",
    costBasis: 500_000n,
    firstSequence: 1,
    providerCost: 0n,
    costedCredits: 0n,
    ...change,
  };
}

const byKey = (rows: UsageBucket[]) =>
  rows
    .map((row) => `${row.start} ${row.poolId} ${row.value} ${row.costBasis ?? "-"} ${row.credits}`)
    .sort();

for (const kind of contractKinds()) {
  describe(`usage bucket store: ${kind.name}`, () => {
    after(() => kind.cleanup());

    async function organization(store: Store, name: string) {
      const { engine } = testEngine(store);
      return engine.createOrganization(name);
    }

    it("adds into the same key, and keeps a bucket's first sequence", async () => {
      const store = await kind.open();
      const { id, rootPoolId } = await organization(store, "Sums");
      assert.equal(await store.usageCheckpoint(id), 0);
      assert.ok(await store.addUsageBuckets(id, 0, 3, [bucket(rootPoolId, { credits: 7n })]));
      const second = [
        bucket(rootPoolId, { credits: 5n, firstSequence: 4 }),
        bucket(rootPoolId, { credits: 2n, firstSequence: 5, value: "mem_b" }),
      ];
      assert.ok(await store.addUsageBuckets(id, 3, 6, second));
      assert.equal(await store.usageCheckpoint(id), 6);
      const rows = await store.readUsageBuckets(id, "hour", "member", march, march + hourMs);
      assert.deepEqual(byKey(rows), [
        `${march} ${rootPoolId} mem_a 500000 12`,
        `${march} ${rootPoolId} mem_b 500000 2`,
      ]);
      assert.equal(rows.find((row) => row.value === "mem_a")?.firstSequence, 1);
      await store.close();
    });

    it("moves the checkpoint only from where it was read; a stale step writes nothing", async () => {
      const store = await kind.open();
      const { id, rootPoolId } = await organization(store, "Checkpoint");
      assert.ok(await store.addUsageBuckets(id, 0, 2, [bucket(rootPoolId, { credits: 1n })]));
      assert.equal(
        await store.addUsageBuckets(id, 0, 2, [bucket(rootPoolId, { credits: 1n })]),
        false,
      );
      assert.equal(
        await store.addUsageBuckets(id, 1, 3, [bucket(rootPoolId, { credits: 1n })]),
        false,
      );
      assert.equal(await store.usageCheckpoint(id), 2);
      const rows = await store.readUsageBuckets(id, "hour", "member", 0, march * 2);
      assert.deepEqual(
        rows.map((row) => row.credits),
        [1n],
      );
      await store.close();
    });

    it("reads one span, dimension and start range of one organization only", async () => {
      const store = await kind.open();
      const a = await organization(store, "A");
      const b = await organization(store, "B");
      await store.addUsageBuckets(a.id, 0, 1, [
        bucket(a.rootPoolId, { credits: 1n }),
        bucket(a.rootPoolId, { credits: 2n, start: march + hourMs }),
        bucket(a.rootPoolId, { credits: 3n, start: march + 2 * hourMs }),
        bucket(a.rootPoolId, { credits: 4n, span: "day" }),
        bucket(a.rootPoolId, { credits: 5n, dimension: "model", value: "(none)" }),
        bucket(a.rootPoolId, { credits: 6n, dimension: "tag:team", value: "search" }),
      ]);
      await store.addUsageBuckets(b.id, 0, 1, [bucket(b.rootPoolId, { credits: 100n })]);
      const hours = await store.readUsageBuckets(a.id, "hour", "member", march, march + 2 * hourMs);
      assert.deepEqual(hours.map((row) => row.credits).sort(), [1n, 2n]);
      const days = await store.readUsageBuckets(a.id, "day", "member", march, march + hourMs);
      assert.deepEqual(
        days.map((row) => row.credits),
        [4n],
      );
      const tags = await store.readUsageBuckets(a.id, "hour", "tag:team", 0, march * 2);
      assert.deepEqual(
        tags.map((row) => [row.dimension, row.value, row.credits]),
        [["tag:team", "search", 6n]],
      );
      const others = await store.readUsageBuckets(b.id, "hour", "member", 0, march * 2);
      assert.deepEqual(
        others.map((row) => row.credits),
        [100n],
      );
      await store.close();
    });

    it("sums across the pools asked for, by start, value and cost basis, and only the values asked for", async () => {
      const store = await kind.open();
      const a = await organization(store, "Summed");
      const b = await organization(store, "Other");
      const big = 2n ** 60n;
      await store.addUsageBuckets(a.id, 0, 1, [
        bucket("pool_one", { credits: big, firstSequence: 7 }),
        bucket("pool_two", { credits: big + 1n, firstSequence: 3 }),
        bucket("pool_three", { credits: 100n }),
        bucket("pool_two", { credits: 5n, costBasis: null }),
        bucket("pool_one", { credits: 9n, value: "mem_b" }),
        bucket("pool_one", { credits: 11n, start: march + hourMs }),
      ]);
      await store.addUsageBuckets(b.id, 0, 1, [bucket("pool_one", { credits: 1000n })]);
      const read = (filter: { pools: readonly string[] | null; values?: readonly string[] }) =>
        store.sumUsageBuckets(a.id, "hour", "member", march, march + hourMs, filter);
      const two = await read({ pools: ["pool_one", "pool_two"] });
      assert.deepEqual(byKey(two), [
        `${march}  mem_a - 5`,
        `${march}  mem_a 500000 ${2n * big + 1n}`,
        `${march}  mem_b 500000 9`,
      ]);
      assert.equal(two.find((row) => row.credits === 2n * big + 1n)?.firstSequence, 3);
      assert.deepEqual(byKey(await read({ pools: ["pool_one"], values: ["mem_b"] })), [
        `${march}  mem_b 500000 9`,
      ]);
      assert.deepEqual(await read({ pools: ["pool_one"], values: [] }), []);
      assert.deepEqual(await read({ pools: [] }), []);
      const all = await read({ pools: null, values: ["mem_a"] });
      assert.deepEqual(byKey(all), [
        `${march}  mem_a - 5`,
        `${march}  mem_a 500000 ${2n * big + 101n}`,
      ]);
      // More pools than one statement names: read in parts, summed as one.
      const many = [
        "pool_one",
        ...Array.from({ length: 600 }, (_, n) => `pool_n${n}`),
        "pool_two",
        "pool_three",
      ];
      assert.deepEqual(byKey(await read({ pools: many, values: ["mem_a"] })), byKey(all));
      await store.close();
    });

    it("round-trips uncovered credits (no cost basis) and amounts past 2^53 exactly", async () => {
      const store = await kind.open();
      const { id, rootPoolId } = await organization(store, "Exact");
      const big = 2n ** 60n + 1n;
      await store.addUsageBuckets(id, 0, 1, [
        bucket(rootPoolId, { credits: big, costBasis: null }),
        bucket(rootPoolId, { credits: 3n, costBasis: 0n }),
      ]);
      const rows = await store.readUsageBuckets(id, "hour", "member", march, march + 1);
      assert.deepEqual(byKey(rows), [
        `${march} ${rootPoolId} mem_a - ${big}`,
        `${march} ${rootPoolId} mem_a 0 3`,
      ]);
      await store.close();
    });

    it("adds and sums provider cost and costed credits, and keeps the rate_card dimension", async () => {
      const store = await kind.open();
      const { id, rootPoolId } = await organization(store, "Costed");
      const other = "pool_other";
      const costed = (pool: string, change: Partial<UsageBucket> & { credits: bigint }) =>
        bucket(pool, { dimension: "rate_card", value: "rc_2", ...change });
      const big = 2n ** 60n + 3n;
      await store.addUsageBuckets(id, 0, 1, [
        costed(rootPoolId, { credits: 10n, providerCost: big, costedCredits: 10n }),
        costed(other, { credits: 5n, providerCost: 7n, costedCredits: 0n }),
      ]);
      // The same key again adds into all three figures.
      await store.addUsageBuckets(id, 1, 2, [
        costed(rootPoolId, { credits: 1n, providerCost: 2n, costedCredits: 1n }),
      ]);
      const shown = (rows: UsageBucket[]) =>
        rows
          .map(
            (row) =>
              `${row.poolId} ${row.value} ${row.credits} ${row.providerCost} ${row.costedCredits}`,
          )
          .sort();
      const rows = await store.readUsageBuckets(id, "hour", "rate_card", march, march + 1);
      assert.deepEqual(
        shown(rows),
        [`${rootPoolId} rc_2 11 ${big + 2n} 11`, `${other} rc_2 5 7 0`].sort(),
      );
      const summed = await store.sumUsageBuckets(id, "hour", "rate_card", march, march + 1, {
        pools: null,
      });
      assert.deepEqual(shown(summed), [` rc_2 16 ${big + 9n} 11`]);
      assert.deepEqual(await store.readUsageBuckets(id, "hour", "member", march, march + 1), []);
      await store.close();
    });

    it("finds organizations whose journal runs past their checkpoint, and names in one read", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const org = await engine.createOrganization("Behind");
      const team = idOf(await engine.submit(org.id, poolRequest(org.rootPoolId, "Team, A")));
      await engine.submit(org.id, grantRequest(org.rootPoolId, "10"));
      const behind = await store.organizationsBehindUsage(10);
      assert.deepEqual(
        behind.map((row) => [row.organizationId, row.summedTo]),
        [[org.id, 0]],
      );
      const last = (await store.readOrganization(org.id))?.nextSequence ?? 0;
      await store.addUsageBuckets(org.id, 0, last - 1, []);
      assert.deepEqual(await store.organizationsBehindUsage(10), []);
      const names = await store.readNames(org.id, "pool", [team, "pool_unknown"]);
      assert.deepEqual([...names], [[team, { name: "Team, A", poolId: team }]]);
      assert.deepEqual([...(await store.readNames(org.id, "member", []))], []);
      await store.close();
    });
  });
}
