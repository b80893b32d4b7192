/**
 * When several refusals apply to one hold at once, the first in `holdRefusalPrecedence` answers,
 * at its own pool. Each refusal is made to apply by one change to a ledger where the hold would
 * be allowed, and every pair (and all together) is tried.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Command,
  credits,
  type HoldRefusal,
  holdRefusalPrecedence,
  type PoolPolicy,
} from "../src/index.ts";
import {
  grant,
  hardLimit,
  holdFor,
  ledgerWith,
  pool,
  run,
  setPolicy,
  t0,
  usage,
} from "./fixtures.ts";

/** Where each refusal is reported: debt and credits at the carrier, a limit at its pool. */
const reportedAt: Record<HoldRefusal, string> = {
  rate_limited: "team",
  model_not_allowed: "org",
  member_cap_exceeded: "team",
  pool_in_debt: "org",
  pool_limit_exceeded: "team",
  insufficient_credits: "org",
  approval_required: "org",
};

/**
 * `org` carries; `team` draws from it and holds its own grant, which never pays `org`'s debt.
 * A hold of 10 at `team` is allowed unless the refusals asked for are made to apply.
 */
function ledgerWhere(refusals: readonly HoldRefusal[]) {
  const commands: Command[] = [];
  if (refusals.includes("pool_in_debt")) commands.push(usage("org", "50"));
  const teamLimit = refusals.includes("pool_limit_exceeded") ? hardLimit("5") : null;
  const policy: Partial<PoolPolicy> = {
    rateLimits: refusals.includes("rate_limited")
      ? [{ per: "key", requestsPerMinute: null, creditsPerMinute: credits("5") }]
      : [],
    memberCap: refusals.includes("member_cap_exceeded")
      ? { amount: credits("5"), period: "month" }
      : null,
  };
  commands.push(pool("team", "org", { limit: teamLimit, policy }));
  if (refusals.includes("model_not_allowed"))
    commands.push(setPolicy("org", { allowedModels: [] }));
  if (refusals.includes("approval_required"))
    commands.push(setPolicy("org", { approvalAbove: credits("5") }));
  commands.push(grant("g", "team", refusals.includes("insufficient_credits") ? "1" : "100"));
  return ledgerWith(commands, { id: "org" });
}

/** The hold every case asks for: 10 at `team`, for a member and a key, on one model. */
const asked = holdFor("h", "team", "10", { memberId: "mem_a", keyId: "key_a", model: "m-large" });

const sets: HoldRefusal[][] = [
  ...holdRefusalPrecedence.map((code) => [code]),
  ...holdRefusalPrecedence.flatMap((a, i) => holdRefusalPrecedence.slice(i + 1).map((b) => [a, b])),
  [...holdRefusalPrecedence],
];

describe("refusal precedence", () => {
  it("a hold is allowed when no refusal applies", () => {
    assert.equal(run(ledgerWhere([]), t0, asked).code, "ok");
  });

  for (const refusals of sets) {
    const expected = holdRefusalPrecedence.find((code) => refusals.includes(code));
    it(`${refusals.join(" + ")} answers ${expected}`, () => {
      assert.ok(expected !== undefined);
      const outcome = run(ledgerWhere(refusals), t0, asked);
      assert.equal(outcome.code, expected);
      assert.equal(outcome.poolId, reportedAt[expected]);
    });
  }
});
