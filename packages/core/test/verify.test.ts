import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verifyChecks, verifyLedger } from "../src/index.ts";
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
