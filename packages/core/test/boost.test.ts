/**
 * Temporary boosts: a pool's hard limit is raised until a time, then is what it was without any
 * job running; ending the boost or a boost of 0 restores it at once.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BoostPool } from "../src/index.ts";
import { credits, limits, validateCommand, verifyLedger } from "../src/index.ts";
import {
  exampleTable,
  grant,
  hardLimit,
  hold,
  hourMs,
  ledgerWith,
  release,
  run,
  snapshotOf,
  softLimit,
  t0,
} from "./fixtures.ts";

function boost(poolId: string, amount: string, until: number): BoostPool {
  return { type: "boost_pool", poolId, amount: credits(amount), until };
}

const setup = () => ledgerWith([grant("g", "org", "500")], { id: "org", limit: hardLimit("100") });

exampleTable("a boost raises the hard limit until its time, then lapses", setup, [
  {
    step: "without a boost a hold of 140 passes the limit of 100",
    command: hold("h0", "org", "140"),
    code: "pool_limit_exceeded",
    failedAt: "org",
  },
  { step: "a boost of 50 for an hour", command: boost("org", "50", t0 + hourMs) },
  { step: "now the hold of 140 fits", command: hold("h1", "org", "140"), expect: { g: "360" } },
  { step: "released", command: release("h1"), expect: { g: "500", "org.available": "150" } },
  {
    step: "at until the boost has lapsed",
    at: hourMs,
    command: hold("h2", "org", "140"),
    code: "pool_limit_exceeded",
    failedAt: "org",
    expect: { "org.available": "100" },
  },
  { step: "a hold within the limit still passes", command: hold("h3", "org", "100") },
]);

describe("boosts", () => {
  it("a boost of 0 ends it at once, and verify judges holds by the boost they were made under", () => {
    const ledger = setup();
    assert.equal(run(ledger, t0, boost("org", "50", t0 + hourMs)).code, "ok");
    assert.equal(run(ledger, t0, hold("h1", "org", "120", 86_400)).code, "ok");
    assert.equal(run(ledger, t0 + 1, boost("org", "0", t0 + hourMs)).code, "ok");
    assert.equal(ledger.state.pools.get("org")?.boost, null);
    assert.equal(run(ledger, t0 + 2, hold("h2", "org", "1")).code, "pool_limit_exceeded");
    assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
  });

  it("a lapsed boost still explains the holds made under it", () => {
    const ledger = setup();
    run(ledger, t0, boost("org", "50", t0 + hourMs));
    assert.equal(run(ledger, t0, hold("h1", "org", "150", 86_400)).code, "ok");
    run(ledger, t0 + 2 * hourMs, release("h1"));
    assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
  });

  it("until is after now and at most 31 days ahead; a pool needs a hard limit", () => {
    const ledger = setup();
    const far = t0 + limits.boostDurationMsMax + 1;
    assert.equal(run(ledger, t0, boost("org", "5", far)).invalid?.param, "until");
    assert.equal(run(ledger, t0, boost("org", "5", t0)).invalid?.param, "until");
    run(ledger, t0, { type: "update_pool", poolId: "org", limit: softLimit("100") });
    assert.equal(run(ledger, t0, boost("org", "5", t0 + hourMs)).invalid?.param, "amount");
    assert.equal(validateCommand(boost("org", "-1", t0 + hourMs))?.param, "amount");
  });
});
