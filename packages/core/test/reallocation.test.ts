/**
 * Reallocation: part of a grant's unheld remainder moves to a new grant at another pool of the
 * same carrier, keeping its terms; within a day what of it is unheld may move back.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Command, Reallocate } from "../src/index.ts";
import { credits, limits, validateCommand, verifyLedger } from "../src/index.ts";
import {
  dayMs,
  exampleTable,
  grant,
  hold,
  hourMs,
  ledgerWith,
  pool,
  run,
  snapshotOf,
  t0,
  usage,
} from "./fixtures.ts";

function move(grantId: string, newGrantId: string, poolId: string, amount: string): Reallocate {
  return { type: "reallocate", grantId, newGrantId, poolId, amount: credits(amount) };
}

function undo(grantId: string): Command {
  return { type: "undo_reallocation", grantId };
}

const setup = () =>
  ledgerWith(
    [
      pool("eng", "org"),
      pool("ops", "org"),
      pool("lab", "org", { drawsFromParent: false }),
      grant("g", "org", "100", { costBasis: "0.5", priority: 7, expiresAt: t0 + 30 * dayMs }),
    ],
    { id: "org" },
  );

exampleTable("a grant's remainder moves to a pool of the same carrier, and back", setup, [
  {
    step: "30 of g move to eng as g2: one reallocation transfer",
    command: move("g", "g2", "eng", "30"),
    transfers: ["reallocation grant:g > grant:g2 30"],
    expect: { g: "70", g2: "30", "eng.available": "100", issuance: "-100" },
  },
  {
    step: "more than g's unheld remainder is refused",
    command: move("g", "g3", "ops", "71"),
    code: "invalid_request",
    transfers: [],
  },
  {
    step: "a pool with its own carrier is outside",
    command: move("g", "g3", "lab", "1"),
    code: "reallocation_target_outside",
    transfers: [],
  },
  {
    step: "the grant's own pool is refused",
    command: move("g", "g3", "org", "1"),
    code: "invalid_request",
  },
  {
    step: "eng spends 10 of g2",
    command: usage("eng", "10"),
    transfers: ["usage grant:g2 > consumed:eng 10"],
    expect: { g2: "20" },
  },
  {
    step: "the undo moves the 20 still unspent back to g",
    at: hourMs,
    command: undo("g2"),
    transfers: ["reallocation grant:g2 > grant:g 20"],
    expect: { g: "90", g2: "0", breakage: "0" },
  },
  {
    step: "a grant not made by a reallocation has nothing to undo",
    command: undo("g"),
    code: "reallocation_not_undoable",
  },
]);

describe("reallocation", () => {
  it("keeps source, priority, cost basis and expiry, and links the new grant", () => {
    const ledger = setup();
    assert.equal(run(ledger, t0, move("g", "g2", "eng", "5")).code, "ok");
    const [from, to] = [ledger.state.grants.get("g"), ledger.state.grants.get("g2")];
    assert.ok(from !== undefined && to !== undefined);
    assert.equal(to.reallocatedFrom, "g");
    assert.deepEqual(
      [to.source, to.priority, to.costBasis, to.expiresAt],
      [from.source, from.priority, from.costBasis, from.expiresAt],
    );
  });

  it("the undo is refused past the window and once the source is closed", () => {
    const late = setup();
    run(late, t0, move("g", "g2", "eng", "5"));
    const after = t0 + limits.reallocationUndoWindowMs + 1;
    assert.equal(run(late, after, undo("g2")).code, "reallocation_not_undoable");
    const closed = setup();
    run(closed, t0, move("g", "g2", "eng", "5"));
    run(closed, t0, { type: "void_grant", grantId: "g" });
    assert.equal(run(closed, t0 + hourMs, undo("g2")).code, "reallocation_not_undoable");
    assert.deepEqual(verifyLedger(snapshotOf(closed)).violations, []);
  });

  it("held credits are not moved", () => {
    const ledger = setup();
    run(ledger, t0, hold("h", "org", "95"));
    assert.equal(run(ledger, t0, move("g", "g2", "eng", "6")).code, "invalid_request");
  });

  it("validation names the field", () => {
    assert.equal(validateCommand(move("g", "g", "eng", "1"))?.param, "new_grant_id");
    assert.equal(validateCommand(move("g", "g2", "eng", "0"))?.param, "amount");
  });

  it("random reallocations and undos keep every credit and its cost basis, and verify", () => {
    const pools = ["org", "eng", "ops"];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("move" as const),
        from: fc.nat(5),
        to: fc.constantFrom(...pools),
        amount: fc.integer({ min: 1, max: 60 }),
      }),
      fc.record({ kind: fc.constant("undo" as const), grant: fc.nat(5) }),
      fc.record({ kind: fc.constant("use" as const), pool: fc.constantFrom(...pools) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const ledger = setup();
        const ids = ["g"];
        let now = t0;
        let used = 0n;
        for (const s of steps) {
          now += hourMs;
          if (s.kind === "move") {
            const id = `m${ids.length}`;
            const from = ids[s.from % ids.length] ?? "g";
            const outcome = run(ledger, now, move(from, id, s.to, String(s.amount)));
            if (outcome.code === "ok") ids.push(id);
          } else if (s.kind === "undo") run(ledger, now, undo(ids[s.grant % ids.length] ?? "g"));
          else if (run(ledger, now, usage(s.pool, "1")).code === "ok") used += credits("1");
        }
        const grants = [...ledger.state.grants.values()];
        const left = grants.reduce((sum, g) => sum + g.remaining, 0n);
        const debt = ledger.state.pools.get("org")?.debt ?? 0n;
        // Nothing created, nothing lost: what is left and what was used (less debt) is 100.
        assert.equal(left + used - debt, credits("100"));
        for (const g of grants) assert.equal(g.costBasis, credits("0.5"));
        assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
      }),
      { numRuns: 200 },
    );
  });
});
