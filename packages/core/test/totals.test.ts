/**
 * Ledger totals and revenue recognition: how a span is tiled, which measure each transfer adds
 * to, and, over random ledgers, that totals summed in any split agree with the ledger's own
 * balances: recognized + breakage + deferred = purchased, per pool and in money.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Grant,
  type GrantBasis,
  revenueByPool,
  spanCeiling,
  spanStart,
  sumRevenue,
  sumTransfers,
  type Tile,
  type Total,
  type Transfer,
  tiles,
  withRollUps,
} from "../src/index.ts";
import { capture, grant, hold, ledgerWith, run, t0, usage, voidGrant } from "./fixtures.ts";
import { compile, execute, scenarioArbitrary } from "./scenarios.ts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const at = (iso: string) => Date.parse(iso);

function shown(list: readonly Tile[]) {
  return list.map((tile) => {
    const from = new Date(tile.from).toISOString().slice(0, 16);
    const to = new Date(tile.to).toISOString().slice(0, 16);
    return `${tile.span ?? "part"} ${from} ${to}`;
  });
}

describe("tiling a span into months, days, hours and parts of hours", () => {
  it("uses the fewest tiles, whole spans aligned, parts only at the ends", () => {
    assert.deepEqual(shown(tiles(at("2027-01-30T22:15:00Z"), at("2027-04-02T01:30:00Z"))), [
      "part 2027-01-30T22:15 2027-01-30T23:00",
      "hour 2027-01-30T23:00 2027-01-31T00:00",
      "day 2027-01-31T00:00 2027-02-01T00:00",
      "month 2027-02-01T00:00 2027-04-01T00:00",
      "day 2027-04-01T00:00 2027-04-02T00:00",
      "hour 2027-04-02T00:00 2027-04-02T01:00",
      "part 2027-04-02T01:00 2027-04-02T01:30",
    ]);
    assert.deepEqual(shown(tiles(at("2027-01-30T22:15:00Z"), at("2027-01-30T22:45:00Z"))), [
      "part 2027-01-30T22:15 2027-01-30T22:45",
    ]);
    assert.deepEqual(shown(tiles(at("2027-01-30T22:00:00Z"), at("2027-01-30T22:45:00Z"))), [
      "part 2027-01-30T22:00 2027-01-30T22:45",
    ]);
    assert.deepEqual(shown(tiles(at("2027-01-30T22:15:00Z"), at("2027-01-30T23:00:00Z"))), [
      "part 2027-01-30T22:15 2027-01-30T23:00",
    ]);
    assert.deepEqual(tiles(5, 5), []);
  });

  it("covers any span exactly once, each tile a whole span or within one hour", () => {
    const time = fc.integer({ min: at("2024-01-01T00:00:00Z"), max: at("2029-01-01T00:00:00Z") });
    fc.assert(
      fc.property(time, time, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const list = tiles(from, to);
        let cursor = from;
        for (const tile of list) {
          assert.equal(tile.from, cursor);
          assert.ok(tile.to > tile.from);
          cursor = tile.to;
          if (tile.span === null) assert.ok(spanStart("hour", tile.to - 1) <= tile.from);
          else {
            assert.equal(spanStart(tile.span, tile.from), tile.from);
            assert.equal(spanCeiling(tile.span, tile.to), tile.to);
          }
        }
        assert.equal(cursor, to > from ? to : from);
        assert.ok(list.length <= 2 + 2 * 23 + 2 * 31 + 61);
      }),
      { numRuns: 500 },
    );
  });
});

function grantsOf(grants: Iterable<Grant>): (id: string) => GrantBasis | undefined {
  const known = new Map<string, GrantBasis>();
  for (const each of grants)
    known.set(each.id, {
      poolId: each.poolId,
      costBasis: each.costBasis,
      rollover: each.source === "rollover",
    });
  return (id) => known.get(id);
}

function measuresOf(totals: readonly Total[]) {
  return Object.fromEntries(
    totals.map((total) => [`${total.measure} ${total.poolId}/${total.grantPoolId}`, total.credits]),
  );
}

describe("which measure each transfer adds to", () => {
  it("grants, captures, usage, overage, debt, expiry, voids, rollover, an expiry change", () => {
    const ledger = ledgerWith([
      grant("g1", "root", "100", { costBasis: "0.02", expiresAt: t0 + dayMs }),
      grant("g2", "root", "10", { costBasis: "0.05" }),
    ]);
    assert.equal(run(ledger, t0 + 1000, hold("h1", "root", "30")).code, "ok");
    assert.equal(run(ledger, t0 + 2000, capture("h1", "25")).code, "ok");
    assert.equal(run(ledger, t0 + 3000, voidGrant("g2")).code, "ok");
    assert.equal(run(ledger, t0 + 4000, usage("root", "80")).code, "ok");
    const rollover = { grantId: "g3r", cap: "4", expiresAt: t0 + 3 * dayMs };
    const g3 = grant("g3", "root", "10", { expiresAt: t0 + dayMs, rollover });
    assert.equal(run(ledger, t0 + 5000, g3).code, "ok");
    // An expiry change writes a pair of transfers through issuance: no total moves.
    const later = {
      type: "change_grant_expiry" as const,
      grantId: "g3",
      expiresAt: t0 + dayMs + 1,
    };
    assert.equal(run(ledger, t0 + 6000, later).code, "ok");
    assert.ok(ledger.transfers.some((transfer) => transfer.kind === "expiry_change"));
    assert.equal(run(ledger, t0 + 2 * dayMs, grant("g4", "root", "1")).code, "ok");
    const totals = sumTransfers(ledger.transfers, grantsOf(ledger.state.grants.values()));
    const summed = (measure: string) =>
      totals.filter((t) => t.measure === measure).reduce((sum, t) => sum + t.credits, 0n);
    assert.deepEqual(
      Object.fromEntries(
        ["granted", "consumed", "voided", "debt", "debt_paid", "carried_out", "carried_in"]
          .concat(["expired", "overage"])
          .map((measure) => [measure, summed(measure)]),
      ),
      {
        granted: 121_000_000n,
        consumed: 100_000_000n,
        voided: 10_000_000n,
        debt: 5_000_000n,
        debt_paid: 5_000_000n,
        carried_out: 4_000_000n,
        carried_in: 4_000_000n,
        expired: 1_000_000n,
        overage: 0n,
      },
    );
    assert.deepEqual(measuresOf(totals.filter((t) => t.measure === "debt")), {
      "debt root/root": 5_000_000n,
    });
    const money = totals.find((t) => t.measure === "granted" && t.costBasis === 20_000n);
    assert.equal(money?.credits, 100_000_000n);
  });

  it("rolls hours up into days and months, keeping the first sequence", () => {
    const ledger = ledgerWith([grant("g1", "root", "5")]);
    run(ledger, t0 + hourMs, grant("g2", "root", "7"));
    const hours = sumTransfers(ledger.transfers, grantsOf(ledger.state.grants.values()));
    assert.equal(hours.length, 2);
    const all = withRollUps(hours);
    const day = all.find((t) => t.span === "day");
    assert.equal(day?.credits, 12_000_000n);
    assert.equal(day?.firstSequence, Math.min(...hours.map((t) => t.firstSequence)));
    assert.equal(all.filter((t) => t.span === "month").length, 1);
  });
});

/** Deferred revenue the ledger itself holds: what its grants have left or held, at cost basis. */
function deferredOfState(grants: Iterable<Grant>) {
  const byPool = new Map<string, { credits: bigint; money: bigint }>();
  for (const each of grants) {
    const credits = each.remaining + each.held;
    const before = byPool.get(each.poolId) ?? { credits: 0n, money: 0n };
    byPool.set(each.poolId, {
      credits: before.credits + credits,
      money: before.money + credits * each.costBasis,
    });
  }
  return byPool;
}

describe("revenue recognition over random ledgers", () => {
  it("deferred from the totals equals the grants' balances, however the journal is split", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.nat(), ({ tree, steps }, cut) => {
        const { ledger } = execute(tree, compile(tree, steps));
        const grantOf = grantsOf(ledger.state.grants.values());
        const transfers: Transfer[] = ledger.transfers;
        const split = transfers[cut % Math.max(1, transfers.length)]?.at ?? 0;
        const before = sumTransfers(
          transfers.filter((t) => t.at < split),
          grantOf,
        );
        const within = sumTransfers(
          transfers.filter((t) => t.at >= split),
          grantOf,
        );
        const pools = revenueByPool(before, within);
        const expected = deferredOfState(ledger.state.grants.values());
        for (const pool of pools) {
          const want = expected.get(pool.poolId) ?? { credits: 0n, money: 0n };
          assert.deepEqual(pool.deferredClosing, want, `pool ${pool.poolId}`);
        }
        // Whole history: recognized + breakage + deferred = purchased (nothing carried here).
        const whole = sumRevenue("all", revenueByPool([], [...before, ...within]));
        assert.equal(
          whole.recognized.money + whole.breakage.money + whole.deferredClosing.money,
          whole.purchased.money + whole.carriedIn.money - whole.carriedOut.money,
        );
        assert.equal(
          whole.recognized.credits + whole.breakage.credits + whole.deferredClosing.credits,
          whole.purchased.credits + whole.carriedIn.credits - whole.carriedOut.credits,
        );
        const opened = sumRevenue("all", pools);
        assert.deepEqual(opened.deferredClosing, whole.deferredClosing);
      }),
      { numRuns: 200 },
    );
  });
});
