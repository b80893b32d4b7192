import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Grant,
  type Hold,
  JournalVerifier,
  type LedgerSnapshot,
  verifyChecks,
  verifyLedger,
} from "../src/index.ts";
import {
  capture,
  grant,
  hardLimit,
  hold,
  ledgerWith,
  pool,
  runBatch,
  snapshotOf,
  t0,
  usage,
} from "./fixtures.ts";

/** A small ledger: a hold captured in part, usage, and an open hold made a moment later. */
function busyLedger() {
  const ledger = ledgerWith(
    [
      pool("team", "org", { limit: hardLimit("50") }),
      grant("g", "org", "100"),
      hold("h1", "team", "30"),
      capture("h1", "20"),
      usage("team", "5"),
    ],
    { id: "org" },
  );
  runBatch(ledger, t0 + 1, [hold("h2", "team", "25")]);
  return ledger;
}

describe("verifyLedger proves a ledger from its journal", () => {
  it("finds nothing wrong with the ledger the core wrote, and says what it checked", () => {
    const report = verifyLedger(snapshotOf(busyLedger()));
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.checks, verifyChecks);
    assert.deepEqual(report.counts, { transfers: 6, pools: 2, grants: 1, holds: 2 });
  });

  it("reports a stored balance that differs from its replay", () => {
    const snapshot = snapshotOf(busyLedger());
    const grants = snapshot.grants.map((each) => ({ ...each, remaining: each.remaining + 1n }));
    const report = verifyLedger({ ...snapshot, grants });
    assert.deepEqual(
      report.violations.map((each) => [each.rule, each.subject]),
      [["projection", "grant g"]],
    );
  });

  it("reports a gap in the sequence", () => {
    const snapshot = snapshotOf(busyLedger());
    const transfers = snapshot.transfers.filter((each) => each.sequence !== 4);
    const rules = verifyLedger({ ...snapshot, transfers }).violations.map((each) => each.rule);
    assert.ok(rules.includes("sequence"));
  });

  it("reports a grant drawn below zero", () => {
    const snapshot = snapshotOf(busyLedger());
    const transfers = snapshot.transfers.map((each) =>
      each.kind === "usage" ? { ...each, amount: 500_000_000n } : each,
    );
    const rules = verifyLedger({ ...snapshot, transfers }).violations.map((each) => each.rule);
    assert.ok(rules.includes("grant_below_zero"));
  });

  it("reports a hold admitted past a hard limit that was in force when it was made", () => {
    const snapshot = snapshotOf(busyLedger());
    const pools = snapshot.pools.map((each) =>
      each.id === "team" ? { ...each, limit: hardLimit("40") } : each,
    );
    const violations = verifyLedger({ ...snapshot, pools }).violations;
    assert.deepEqual(
      violations.map((each) => [each.rule, each.subject]),
      [["hard_limit", "hold h2"]],
    );
  });
});

/** A verifier over a snapshot's objects, fed its transfers up to and including `sequence`. */
function verifierUpTo(snapshot: LedgerSnapshot, sequence: number, forgotten = new Set<string>()) {
  const pools = new Map(snapshot.pools.map((each) => [each.id, each]));
  const grants = new Map(snapshot.grants.map((each) => [each.id, each]));
  const holds = new Map(snapshot.holds.map((each) => [each.id, each]));
  const verifier = new JournalVerifier(snapshot.organizationId, {
    pool: (id) => pools.get(id),
    grant: (id) => (forgotten.has(id) ? undefined : grants.get(id)),
    hold: (id) => (forgotten.has(id) ? undefined : holds.get(id)),
  });
  for (const transfer of snapshot.transfers)
    if (transfer.sequence <= sequence) verifier.add(transfer);
  return verifier;
}

/** The snapshot's end without the forgotten objects, as a driver that let them go keeps it. */
function endWithout(snapshot: LedgerSnapshot, forgotten: ReadonlySet<string>) {
  return {
    ...snapshot,
    grants: snapshot.grants.filter((each) => !forgotten.has(each.id)),
    holds: snapshot.holds.filter((each) => !forgotten.has(each.id)),
  };
}

describe("JournalVerifier proves a journal as it is read, forgetting what is settled", () => {
  it("answers what verifyLedger answers, after forgetting a captured hold", () => {
    const snapshot = snapshotOf(busyLedger());
    const h1 = snapshot.holds.find((each) => each.id === "h1") as Hold;
    const verifier = verifierUpTo(snapshot, Number.MAX_SAFE_INTEGER);
    verifier.forget(h1);
    const report = verifier.finish(endWithout(snapshot, new Set(["h1"])));
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.counts, { transfers: 6, pools: 2, grants: 1, holds: 1 });
    assert.equal(verifier.balanceOf("consumed:team"), 25_000_000n);
  });

  it("reports a forgotten object whose projection differs from its replay", () => {
    const snapshot = snapshotOf(busyLedger());
    const h1 = snapshot.holds.find((each) => each.id === "h1") as Hold;
    const verifier = verifierUpTo(snapshot, Number.MAX_SAFE_INTEGER);
    verifier.forget({ ...h1, amount: h1.amount + 1n });
    const violations = verifier.finish(endWithout(snapshot, new Set(["h1"]))).violations;
    assert.deepEqual(
      violations.map((each) => [each.rule, each.subject]),
      [["projection", "hold h1"]],
    );
  });

  it("reports an object forgotten while money is still on it, and a transfer naming it later", () => {
    const snapshot = snapshotOf(busyLedger());
    const g = snapshot.grants.find((each) => each.id === "g") as Grant;
    const forgotten = new Set<string>();
    const verifier = verifierUpTo(snapshot, 1, forgotten);
    verifier.forget({ ...g, remaining: 100_000_000n, held: 0n });
    forgotten.add("g");
    for (const transfer of snapshot.transfers) if (transfer.sequence > 1) verifier.add(transfer);
    const rules = verifier.finish(endWithout(snapshot, forgotten)).violations.map((v) => v.rule);
    // The grant's later transfers name an account no longer known, and the sum is kept whole.
    assert.ok(rules.includes("shape"));
    assert.ok(!rules.includes("sum_zero"), rules.join(", "));
  });
});
