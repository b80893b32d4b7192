/**
 * When several refusals apply to one hold at once, the first in `holdRefusalPrecedence` answers,
 * at its own pool. Each refusal is made to apply by one change to a ledger where the hold would
 * be allowed, and every pair (and all together) is tried.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Command, type HoldRefusal, holdRefusalPrecedence } from "../src/index.ts";
import { grant, hardLimit, hold, ledgerWith, pool, run, t0, usage } from "./fixtures.ts";

/** Where each refusal is reported: debt and credits at the carrier, a limit at its pool. */
const reportedAt: Record<HoldRefusal, string> = {
  pool_in_debt: "org",
  pool_limit_exceeded: "team",
  insufficient_credits: "org",
};

/**
 * `org` carries; `team` draws from it and holds its own grant, which never pays `org`'s debt.
 * A hold of 10 at `team` is allowed unless the refusals asked for are made to apply.
 */
function ledgerWhere(refusals: readonly HoldRefusal[]) {
  const commands: Command[] = [];
  if (refusals.includes("pool_in_debt")) commands.push(usage("org", "50"));
  const teamLimit = refusals.includes("pool_limit_exceeded") ? hardLimit("5") : null;
  commands.push(pool("team", "org", { limit: teamLimit }));
  commands.push(grant("g", "team", refusals.includes("insufficient_credits") ? "1" : "100"));
  return ledgerWith(commands, { id: "org" });
}

const sets: HoldRefusal[][] = [
  ...holdRefusalPrecedence.map((code) => [code]),
  ...holdRefusalPrecedence.flatMap((a, i) => holdRefusalPrecedence.slice(i + 1).map((b) => [a, b])),
  [...holdRefusalPrecedence],
];

describe("refusal precedence", () => {
  it("a hold is allowed when no refusal applies", () => {
    assert.equal(run(ledgerWhere([]), t0, hold("h", "team", "10")).code, "ok");
  });

  for (const refusals of sets) {
    const expected = holdRefusalPrecedence.find((code) => refusals.includes(code));
    it(`${refusals.join(" + ")} answers ${expected}`, () => {
      assert.ok(expected !== undefined);
      const outcome = run(ledgerWhere(refusals), t0, hold("h", "team", "10"));
      assert.equal(outcome.code, expected);
      assert.equal(outcome.poolId, reportedAt[expected]);
    });
  }
});
