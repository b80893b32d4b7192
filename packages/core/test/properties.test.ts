/**
 * Properties of the ledger over random command sequences on a random small pool tree
 * (`scenarios.ts`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  applyCommand,
  availableAt,
  beginBatch,
  consumedThisPeriod,
  pathOf,
  periodStart,
  verifyLedger,
} from "../src/index.ts";
import { hold, type Ledger, snapshotOf } from "./fixtures.ts";

import { compile, execute, poolId, scenarioArbitrary, start } from "./scenarios.ts";

const numRuns = 300;

/** Every stored projection, as plain data, to compare two runs. */
function projections(ledger: Ledger) {
  const { state } = ledger;
  return {
    now: state.now,
    nextSequence: state.nextSequence,
    pools: [...state.pools.values()].map((each) => ({
      id: each.id,
      held: each.held,
      debt: each.debt,
      overageHeld: each.overageHeld,
      consumed: consumedThisPeriod(each, state.now),
      available: availableAt(state, each.id),
    })),
    grants: [...state.grants.values()]
      .map((each) => ({
        id: each.id,
        remaining: each.remaining,
        held: each.held,
        closed: each.closed,
        activated: each.activated,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    holds: [...state.holds.values()]
      .map((each) => ({ id: each.id, status: each.status }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe("ledger properties over random command sequences", () => {
  it("all balances sum to zero and no grant balance goes below zero", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        const { ledger } = execute(tree, compile(tree, steps), undefined, ({ state }) => {
          for (const each of state.grants.values()) {
            assert.ok(each.remaining >= 0n && each.held >= 0n, `grant ${each.id}`);
          }
        });
        const balances = new Map<string, bigint>();
        for (const transfer of ledger.transfers) {
          assert.ok(transfer.amount > 0n);
          const debit = (balances.get(transfer.debitAccount) ?? 0n) - transfer.amount;
          const credit = (balances.get(transfer.creditAccount) ?? 0n) + transfer.amount;
          balances.set(transfer.debitAccount, debit);
          balances.set(transfer.creditAccount, credit);
          if (transfer.debitAccount.startsWith("grant:")) assert.ok(debit >= 0n);
        }
        let sum = 0n;
        for (const balance of balances.values()) sum += balance;
        assert.equal(sum, 0n);
        for (const each of ledger.state.grants.values()) {
          assert.equal(balances.get(`grant:${each.id}`) ?? 0n, each.remaining);
        }
        for (const each of ledger.state.holds.values()) {
          const expected = each.status === "held" ? each.amount : 0n;
          assert.equal(balances.get(`hold:${each.id}`) ?? 0n, expected);
        }
        for (const each of ledger.state.pools.values()) {
          assert.equal(-(balances.get(`debt:${each.id}`) ?? 0n), each.debt);
        }
      }),
      { numRuns },
    );
  });

  it("replaying the journal gives every stored projection, after every command", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        execute(tree, compile(tree, steps), undefined, (ledger) => {
          assert.deepEqual(verifyLedger(snapshotOf(ledger)).violations, []);
        });
      }),
      { numRuns },
    );
  });

  it("without direct usage, captured this period plus held stays within a hard limit", () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ tree, steps }) => {
        const script = compile(tree, steps);
        const holdMadeAt = new Map<string, number>();
        const limitChangedAt = new Map<string, number>();
        execute(tree, script, undefined, (ledger, index) => {
          const scheduled = script[index];
          assert.ok(scheduled !== undefined);
          const { command } = scheduled;
          const { state } = ledger;
          if (command.type === "create_hold" && state.holds.has(command.holdId)) {
            if (!holdMadeAt.has(command.holdId)) holdMadeAt.set(command.holdId, index);
          }
          if (command.type === "update_pool") limitChangedAt.set(command.poolId, index);
          for (const each of state.pools.values()) {
            const limit = each.limit;
            if (limit === null || limit.kind !== "hard") continue;
            const period = periodStart(state.now, limit.period);
            const inSubtree = (id: string) =>
              pathOf(state, id).some((ancestor) => ancestor === each);
            const directUsage = ledger.transfers.some(
              (transfer) =>
                (transfer.kind === "usage" || transfer.kind === "debt") &&
                periodStart(transfer.at, limit.period) === period &&
                inSubtree(transfer.poolId),
            );
            if (directUsage) continue;
            const changed = limitChangedAt.get(each.id) ?? -1;
            const judgedByEarlierLimit = [...state.holds.values()].some(
              (placed) =>
                inSubtree(placed.poolId) &&
                (placed.status === "held" ||
                  (placed.status === "captured" &&
                    periodStart(placed.closedAt ?? 0, limit.period) === period)) &&
                (holdMadeAt.get(placed.id) ?? -1) < changed,
            );
            if (judgedByEarlierLimit) continue;
            const used = consumedThisPeriod(each, state.now) + each.held;
            assert.ok(used <= limit.amount, `pool ${each.id}: ${used} of ${limit.amount}`);
          }
        });
      }),
      { numRuns },
    );
  });

  it("splitting the same commands into other batches at the same now changes nothing", () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        ({ tree, steps }, splits) => {
          const script = compile(tree, steps);
          const whole = execute(tree, script);
          const split = execute(tree, script, (index) => splits[index] ?? true);
          const journal = (ledger: Ledger) =>
            ledger.transfers.map((t) => ({
              sequence: t.sequence,
              kind: t.kind,
              debitAccount: t.debitAccount,
              creditAccount: t.creditAccount,
              amount: t.amount,
              poolId: t.poolId,
              at: t.at,
            }));
          assert.deepEqual(
            split.outcomes.map((each) => each.code),
            whole.outcomes.map((each) => each.code),
          );
          assert.deepEqual(journal(split.ledger), journal(whole.ledger));
          assert.deepEqual(projections(split.ledger), projections(whole.ledger));
        },
      ),
      { numRuns },
    );
  });

  it("available is the largest hold allowed now", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.nat(), ({ tree, steps }, poolIndex) => {
        const script = compile(tree, steps);
        const id = poolId(tree, poolIndex);
        const last = script.at(-1)?.now ?? start;
        const tryHold = (ledger: Ledger, amount: bigint) => {
          const context = beginBatch(ledger.state, last, ledger.nextId);
          return applyCommand(context, { ...hold("probe", id, "1"), amount }).code;
        };
        const first = execute(tree, script).ledger;
        const available = availableAt(first.state, id);
        if (available > 0n) assert.equal(tryHold(first, available), "ok");
        assert.notEqual(tryHold(execute(tree, script).ledger, available + 1n), "ok");
      }),
      { numRuns: numRuns / 2 },
    );
  });
});
