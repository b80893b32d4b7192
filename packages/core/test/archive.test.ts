/**
 * Archiving a pool: refused while the pool is not empty (children not archived, open holds,
 * grants with credits left, debt), never for the root; an archived pool takes no new holds,
 * usage, grants or children, and archiving moves no credits.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type ArchivePool,
  applyCommand,
  availableAt,
  beginBatch,
  consumedThisPeriod,
  verifyLedger,
} from "../src/index.ts";
import {
  capture,
  exampleTable,
  grant,
  hold,
  type Ledger,
  ledgerWith,
  minuteMs,
  pool,
  run,
  setLimit,
  setPolicy,
  snapshotOf,
  softLimit,
  usage,
  voidGrant,
} from "./fixtures.ts";
import { compile, execute, scenarioArbitrary } from "./scenarios.ts";

const archive = (poolId: string): ArchivePool => ({ type: "archive_pool", poolId });

exampleTable(
  "a pool is archived once it is empty, and then takes nothing new",
  () =>
    ledgerWith(
      [
        pool("team", "org"),
        pool("sub", "team"),
        grant("g0", "org", "100"),
        grant("g1", "team", "5"),
      ],
      { id: "org" },
    ),
  [
    { step: "the root is never archived", command: archive("org"), code: "invalid_request" },
    { step: "an unknown pool", command: archive("nope"), code: "pool_not_found" },
    { step: "team has a child not archived", command: archive("team"), code: "pool_not_empty" },
    { step: "sub is empty: archived", command: archive("sub") },
    { step: "archiving sub again changes nothing", command: archive("sub") },
    {
      step: "team has a grant with credits left",
      command: archive("team"),
      code: "pool_not_empty",
    },
    { step: "the grant is used up by a hold", command: hold("h1", "team", "5") },
    { step: "team has an open hold", command: archive("team"), code: "pool_not_empty" },
    { step: "the hold is captured", command: capture("h1", "5") },
    { step: "usage beyond its own grant draws on org", command: usage("team", "2") },
    { step: "team is empty now: archived", command: archive("team"), expect: { g0: "98" } },
    {
      step: "no hold at an archived pool",
      command: hold("h2", "team", "1"),
      code: "pool_archived",
    },
    { step: "no usage at an archived pool", command: usage("team", "1"), code: "pool_archived" },
    {
      step: "no grant to an archived pool",
      command: grant("g2", "team", "1"),
      code: "pool_archived",
    },
    { step: "no child under an archived pool", command: pool("x", "team"), code: "pool_archived" },
    {
      step: "no change of an archived pool",
      command: setLimit("team", softLimit("1")),
      code: "pool_archived",
    },
    { step: "its history stays", expect: { "team.consumedThisPeriod": "7", g1: "0" } },
  ],
);

exampleTable(
  "debt keeps a carrier open",
  () => ledgerWith([pool("dept", "org", { drawsFromParent: false })], { id: "org" }),
  [
    {
      step: "usage with no credits is debt",
      command: usage("dept", "3"),
      expect: { "dept.debt": "3" },
    },
    { step: "dept has debt", command: archive("dept"), code: "pool_not_empty" },
    {
      step: "a grant pays the debt",
      command: grant("g", "dept", "3"),
      expect: { "dept.debt": "0" },
    },
    { step: "dept is empty now: archived", command: archive("dept") },
  ],
);

describe("archiving and what it leaves", () => {
  it("a voided grant leaves the pool empty", () => {
    const ledger = ledgerWith([pool("team", "org"), grant("g", "team", "5")], { id: "org" });
    assert.equal(run(ledger, ledger.state.now, archive("team")).code, "pool_not_empty");
    run(ledger, ledger.state.now, voidGrant("g"));
    assert.equal(run(ledger, ledger.state.now, archive("team")).code, "ok");
    assert.equal(ledger.state.pools.get("team")?.archivedAt, ledger.state.now);
  });

  it("an archived pool's reservation stops protecting its parent's grants", () => {
    const reserved = { amount: 40_000_000n, period: "month" as const };
    const ledger = ledgerWith(
      [pool("team", "org"), pool("other", "org"), grant("g", "org", "100")],
      { id: "org" },
    );
    run(ledger, ledger.state.now, setPolicy("team", { reserved }));
    assert.equal(availableAt(ledger.state, "other"), 60_000_000n);
    assert.equal(run(ledger, ledger.state.now, archive("team")).code, "ok");
    assert.equal(availableAt(ledger.state, "other"), 100_000_000n);
  });

  it("a hold that expired before its pool was archived is not captured there", () => {
    const ledger = ledgerWith([pool("team", "org"), grant("g", "org", "10")], { id: "org" });
    run(ledger, ledger.state.now, hold("h", "team", "1", 60));
    const later = ledger.state.now + 2 * minuteMs;
    assert.equal(run(ledger, later, archive("team")).code, "ok");
    assert.equal(run(ledger, later, capture("h", "1")).code, "pool_archived");
    assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
  });
});

/** Every balance a reader sees, as plain data. */
function balances(ledger: Ledger) {
  const { state } = ledger;
  return {
    pools: [...state.pools.values()].map((each) => [
      each.id,
      each.held,
      each.debt,
      consumedThisPeriod(each, state.now),
      availableAt(state, each.id),
    ]),
    grants: [...state.grants.values()].map((each) => [each.id, each.remaining, each.held]),
    transfers: ledger.transfers.length,
  };
}

describe("archiving never changes a balance", () => {
  it("over random histories, archiving every pool it may leaves every balance and the journal", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        const { ledger } = execute(tree, compile(tree, steps));
        const before = balances(ledger);
        // Deepest first, so a parent is tried once its children had their chance.
        const pools = [...ledger.state.pools.values()].sort((a, b) => b.depth - a.depth);
        const context = beginBatch(ledger.state, ledger.state.now, ledger.nextId);
        const archived: string[] = [];
        for (const each of pools) {
          const outcome = applyCommand(context, archive(each.id));
          if (outcome.code === "ok") archived.push(each.id);
          else assert.ok(["pool_not_empty", "invalid_request"].includes(outcome.code));
        }
        assert.deepEqual(context.transfers, []);
        assert.deepEqual(balances(ledger), before);
        assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
        for (const id of archived) {
          const again = applyCommand(context, hold(`h-${id}`, id, "1"));
          assert.equal(again.code, "pool_archived");
        }
      }),
      { numRuns: 200 },
    );
  });
});
