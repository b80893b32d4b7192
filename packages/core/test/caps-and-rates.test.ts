/**
 * Caps per member and per key, rate limits and model allow-lists, as the core admits holds:
 * worked examples with exact figures and waits, then properties over random sequences of holds
 * by random members and keys at random times.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Command,
  credits,
  type LedgerState,
  type Outcome,
  type Period,
  type PoolPolicy,
  pathOf,
  periodStart,
  type RateLimit,
} from "../src/index.ts";
import {
  capture,
  dayMs,
  exampleTable,
  grant,
  holdFor,
  type Ledger,
  ledgerWith,
  minuteMs,
  newLedger,
  pool,
  release,
  run,
  runBatch,
  secondMs,
  setPolicy,
  t0,
  usage,
  violationsOf,
} from "./fixtures.ts";

const perMonth = (amount: string, period: Period = "month") => ({
  amount: credits(amount),
  period,
});

const forA = { memberId: "mem_a" };
const forB = { memberId: "mem_b" };

/** `org` carries 1000 credits; `team` under it caps each member at 50 a month. */
function cappedTeam(policy: Partial<PoolPolicy> = { memberCap: perMonth("50") }): Ledger {
  return ledgerWith([pool("team", "org", { policy }), grant("g", "org", "1000")], { id: "org" });
}

exampleTable("a member cap counts what is held and consumed", () => cappedTeam(), [
  { step: "a holds 30", command: holdFor("a1", "team", "30", forA) },
  {
    step: "a asks for 20.000001 more: refused at team",
    command: holdFor("a2", "team", "20.000001", forA),
    code: "member_cap_exceeded",
    failedAt: "team",
    transfers: [],
  },
  { step: "a holds exactly the 20 left", command: holdFor("a3", "team", "20", forA) },
  { step: "b has a cap of its own", command: holdFor("b1", "team", "50", forB) },
  {
    step: "a hold naming no member is not capped",
    command: holdFor("n1", "team", "200", {}),
  },
  { step: "a releases 20: room again", command: release("a3") },
  { step: "a holds 20 again", command: holdFor("a4", "team", "20", forA) },
  { step: "a releases it", command: release("a4") },
  { step: "a captures 10 of its 30", command: capture("a1", "10") },
  {
    step: "captured 10 counts, the 20 returned does not: 40 fit, 40.000001 does not",
    command: holdFor("a5", "team", "40.000001", forA),
    code: "member_cap_exceeded",
    failedAt: "team",
  },
  { step: "a holds 40", command: holdFor("a6", "team", "40", forA) },
  { step: "a releases it", command: release("a6") },
  { step: "a's usage of 15 counts too", command: { ...usage("team", "15"), ...forA } },
  {
    step: "25 left: 25.000001 is refused",
    command: holdFor("a7", "team", "25.000001", forA),
    code: "member_cap_exceeded",
    failedAt: "team",
  },
  {
    step: "usage is never refused, even past the cap",
    command: { ...usage("team", "100"), ...forA },
  },
  {
    step: "a cannot hold anything more this month",
    command: holdFor("a8", "team", "0.000001", forA),
    code: "member_cap_exceeded",
    failedAt: "team",
  },
  {
    step: "February: the cap starts over",
    at: Date.UTC(2025, 1, 1) - t0,
    command: holdFor("a9", "team", "50", forA),
  },
]);

describe("caps: where they apply", () => {
  it("the nearest pool whose cap the hold passes answers", () => {
    const ledger = ledgerWith(
      [
        pool("team", "org", { policy: { memberCap: perMonth("50") } }),
        pool("sub", "team"),
        setPolicy("org", { memberCap: perMonth("40") }),
        grant("g", "org", "1000"),
      ],
      { id: "org" },
    );
    const over40 = run(ledger, t0, holdFor("h1", "sub", "45", forA));
    assert.deepEqual([over40.code, over40.poolId], ["member_cap_exceeded", "org"]);
    const over50 = run(ledger, t0, holdFor("h2", "sub", "55", forA));
    assert.deepEqual([over50.code, over50.poolId], ["member_cap_exceeded", "team"]);
    assert.equal(over50.refusal?.cap?.subject, "m:mem_a");
    assert.equal(run(ledger, t0, holdFor("h3", "sub", "40", forA)).code, "ok");
    // A hold at org itself is under org's cap only.
    const atOrg = run(ledger, t0, holdFor("h4", "org", "0.000001", forA));
    assert.deepEqual([atOrg.code, atOrg.poolId], ["member_cap_exceeded", "org"]);
  });

  it("holds in a sibling subtree do not count against a pool's cap", () => {
    const ledger = ledgerWith(
      [
        pool("team", "org", { policy: { memberCap: perMonth("50") } }),
        pool("other", "org"),
        grant("g", "org", "1000"),
      ],
      { id: "org" },
    );
    assert.equal(run(ledger, t0, holdFor("h1", "other", "500", forA)).code, "ok");
    assert.equal(run(ledger, t0, holdFor("h2", "team", "50", forA)).code, "ok");
  });

  it("a key cap counts per key, whoever the member", () => {
    const ledger = cappedTeam({ keyCap: perMonth("20") });
    assert.equal(run(ledger, t0, holdFor("h1", "team", "15", { keyId: "key_1" })).code, "ok");
    const refused = run(ledger, t0, holdFor("h2", "team", "6", { keyId: "key_1", ...forB }));
    assert.deepEqual(
      [refused.code, refused.refusal?.cap?.subject],
      ["member_cap_exceeded", "k:key_1"],
    );
    assert.equal(refused.refusal?.cap?.held, credits("15"));
    assert.equal(run(ledger, t0, holdFor("h3", "team", "20", { keyId: "key_2" })).code, "ok");
    assert.equal(run(ledger, t0, holdFor("h4", "team", "20", {})).code, "ok");
  });

  it("a daily cap comes back the next day; a hold open across the boundary still counts", () => {
    const ledger = cappedTeam({ memberCap: perMonth("10", "day") });
    assert.equal(run(ledger, t0, holdFor("h1", "team", "4", forA)).code, "ok");
    assert.equal(run(ledger, t0, capture("h1", "4")).code, "ok");
    assert.equal(
      run(ledger, t0, { ...holdFor("h2", "team", "6", forA), ttlSeconds: 86_400 }).code,
      "ok",
    );
    assert.equal(
      run(ledger, t0, holdFor("h3", "team", "0.000001", forA)).code,
      "member_cap_exceeded",
    );
    // Midnight: the day's consumption starts over, h2 is still open.
    const tomorrow = Date.UTC(2025, 0, 7);
    assert.equal(
      run(ledger, tomorrow, holdFor("h4", "team", "4.000001", forA)).code,
      "member_cap_exceeded",
    );
    assert.equal(run(ledger, tomorrow, holdFor("h5", "team", "4", forA)).code, "ok");
    assert.deepEqual(violationsOf(ledger), []);
  });

  it("a cap counts consumption from when it is set", () => {
    const ledger = cappedTeam({});
    assert.equal(run(ledger, t0, { ...usage("team", "45"), ...forA }).code, "ok");
    assert.equal(run(ledger, t0, setPolicy("team", { memberCap: perMonth("50") })).code, "ok");
    assert.equal(run(ledger, t0, holdFor("h1", "team", "50", forA)).code, "ok");
  });

  it("the refusal carries the cap, what was used and what is held", () => {
    const ledger = cappedTeam();
    run(ledger, t0, { ...usage("team", "12"), ...forA });
    run(ledger, t0, holdFor("h1", "team", "30", forA));
    const refused = run(ledger, t0, holdFor("h2", "team", "9", forA));
    assert.deepEqual(refused.refusal?.cap, {
      poolId: "team",
      subject: "m:mem_a",
      cap: perMonth("50"),
      used: credits("12"),
      held: credits("30"),
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Rate limits

const limit = (per: RateLimit["per"], requests: number | null, creditsPerMinute: string | null) =>
  ({
    per,
    requestsPerMinute: requests,
    creditsPerMinute: creditsPerMinute === null ? null : credits(creditsPerMinute),
  }) satisfies RateLimit;

function ratedTeam(rateLimits: RateLimit[], grantAmount = "100000"): Ledger {
  return ledgerWith(
    [pool("team", "org", { policy: { rateLimits } }), grant("g", "org", grantAmount)],
    {
      id: "org",
    },
  );
}

let holds = 0;
/** A hold of `amount` at `team` for `who`, at `t0 + at`: its outcome. */
function ask(
  ledger: Ledger,
  at: number,
  amount: string,
  who: object = { keyId: "key_1" },
): Outcome {
  holds += 1;
  return run(ledger, t0 + at, holdFor(`h${holds}`, "team", amount, who));
}

const waitOf = (outcome: Outcome) => outcome.refusal?.rate?.retryAfterMs;

describe("rate limits: requests per minute", () => {
  it("60 a minute: a burst of 60, then one a second, with exact waits", () => {
    const ledger = ratedTeam([limit("key", 60, null)]);
    for (let index = 0; index < 60; index += 1) assert.equal(ask(ledger, 0, "1").code, "ok");
    const refused = ask(ledger, 0, "1");
    assert.deepEqual(
      [refused.code, refused.poolId, waitOf(refused)],
      ["rate_limited", "team", 1000],
    );
    assert.deepEqual(refused.refusal?.rate?.unit, "requests");
    assert.equal(waitOf(ask(ledger, 400, "1")), 600);
    assert.equal(waitOf(ask(ledger, 999, "1")), 1);
    assert.equal(ask(ledger, 1000, "1").code, "ok");
    assert.equal(waitOf(ask(ledger, 1000, "1")), 1000);
    // 1.5 s after the last admission there are one and a half tokens: one is taken, and half
    // a token is left, 500 ms short of the next.
    assert.equal(ask(ledger, 2500, "1").code, "ok");
    assert.equal(waitOf(ask(ledger, 2500, "1")), 500);
    assert.equal(ask(ledger, 3000, "1").code, "ok");
    assert.equal(waitOf(ask(ledger, 3000, "1")), 1000);
  });

  it("a bucket refills to a minute's worth, never more", () => {
    const ledger = ratedTeam([limit("key", 5, null)]);
    for (let index = 0; index < 5; index += 1) assert.equal(ask(ledger, 0, "1").code, "ok");
    const later = 10 * minuteMs;
    for (let index = 0; index < 5; index += 1) assert.equal(ask(ledger, later, "1").code, "ok");
    assert.equal(waitOf(ask(ledger, later, "1")), 12_000);
  });

  it("7 a minute: waits round up to the millisecond", () => {
    const ledger = ratedTeam([limit("key", 7, null)]);
    for (let index = 0; index < 7; index += 1) assert.equal(ask(ledger, 0, "1").code, "ok");
    // A token takes 60000/7 = 8571.43 ms.
    assert.equal(waitOf(ask(ledger, 0, "1")), 8572);
    assert.equal(ask(ledger, 8571, "1").code, "rate_limited");
    assert.equal(waitOf(ask(ledger, 8571, "1")), 1);
    assert.equal(ask(ledger, 8572, "1").code, "ok");
  });

  it("only admitted holds take tokens", () => {
    const ledger = ratedTeam([limit("key", 1, null)], "5");
    assert.equal(ask(ledger, 0, "10").code, "insufficient_credits");
    assert.equal(ask(ledger, 0, "5").code, "ok");
    assert.equal(ask(ledger, 0, "1").code, "rate_limited");
  });
});

describe("rate limits: credits per minute", () => {
  it("10 credits a minute: held credits drain it, time refills it", () => {
    const ledger = ratedTeam([limit("key", null, "10")]);
    assert.equal(ask(ledger, 0, "7").code, "ok");
    assert.equal(ask(ledger, 0, "3").code, "ok");
    const refused = ask(ledger, 0, "1");
    assert.deepEqual(
      [refused.code, refused.refusal?.rate?.unit, waitOf(refused)],
      ["rate_limited", "credits", 6000],
    );
    assert.equal(waitOf(ask(ledger, 0, "0.000001")), 1);
    assert.equal(ask(ledger, 6000, "1").code, "ok");
    assert.equal(ask(ledger, 60_000, "9").code, "ok");
  });

  it("a hold larger than a minute's credits is refused with no wait", () => {
    const ledger = ratedTeam([limit("key", null, "10")]);
    const refused = ask(ledger, 0, "10.000001");
    assert.deepEqual([refused.code, waitOf(refused)], ["rate_limited", null]);
    assert.equal(ask(ledger, 0, "10").code, "ok");
  });

  it("with both buckets short, the wait is until both hold enough", () => {
    const ledger = ratedTeam([limit("key", 60, "10")]);
    for (let index = 0; index < 60; index += 1) {
      assert.equal(
        ask(ledger, 0, index === 0 ? "10" : "0.000001").code,
        index === 0 ? "ok" : "rate_limited",
      );
    }
    // The first hold took the credits bucket dry; 59 requests are left.
    const refused = ask(ledger, 0, "2");
    assert.equal(refused.code, "rate_limited");
    assert.equal(waitOf(refused), 12_000);
    assert.equal(ask(ledger, 12_000, "2").code, "ok");
  });

  it("when one bucket is short for a second and another for a minute, retry after the longer", () => {
    const ledger = ratedTeam([limit("key", 60, "30")]);
    for (let index = 0; index < 60; index += 1) assert.equal(ask(ledger, 0, "0.5").code, "ok");
    // Requests: empty, one back in 1 s. Credits: empty, 30 back in 60 s.
    const refused = ask(ledger, 0, "30");
    assert.equal(refused.code, "rate_limited");
    assert.equal(waitOf(refused), 60_000);
    assert.equal(ask(ledger, 1000, "30").code, "rate_limited");
    assert.equal(ask(ledger, 60_000, "30").code, "ok");
  });

  it("a bucket that can never hold the hold answers no wait, whatever the others say", () => {
    const ledger = ratedTeam([limit("key", 1, "30")]);
    assert.equal(ask(ledger, 0, "1").code, "ok");
    const refused = ask(ledger, 0, "31");
    assert.deepEqual([refused.code, waitOf(refused)], ["rate_limited", null]);
  });
});

describe("rate limits: whose bucket", () => {
  it("per key: each key its own bucket; holds without a key are not limited", () => {
    const ledger = ratedTeam([limit("key", 1, null)]);
    assert.equal(ask(ledger, 0, "1", { keyId: "key_1", ...forA }).code, "ok");
    assert.equal(ask(ledger, 0, "1", { keyId: "key_1", ...forB }).code, "rate_limited");
    assert.equal(ask(ledger, 0, "1", { keyId: "key_2", ...forA }).code, "ok");
    assert.equal(ask(ledger, 0, "1", forA).code, "ok");
  });

  it("per member: a member's keys share one bucket", () => {
    const ledger = ratedTeam([limit("member", 1, null)]);
    assert.equal(ask(ledger, 0, "1", { keyId: "key_1", ...forA }).code, "ok");
    const refused = ask(ledger, 0, "1", { keyId: "key_2", ...forA });
    assert.deepEqual([refused.code, refused.refusal?.rate?.per], ["rate_limited", "member"]);
    assert.equal(ask(ledger, 0, "1", { keyId: "key_1", ...forB }).code, "ok");
    assert.equal(ask(ledger, 0, "1", { keyId: "key_1" }).code, "ok");
  });

  it("per pool: one bucket for the whole subtree, whoever asks", () => {
    const ledger = ledgerWith(
      [
        pool("team", "org", { policy: { rateLimits: [limit("pool", 2, null)] } }),
        pool("sub", "team"),
        grant("g", "org", "1000"),
      ],
      { id: "org" },
    );
    assert.equal(run(ledger, t0, holdFor("h1", "sub", "1", forA)).code, "ok");
    assert.equal(run(ledger, t0, holdFor("h2", "team", "1", {})).code, "ok");
    const refused = run(ledger, t0, holdFor("h3", "sub", "1", { keyId: "key_9" }));
    assert.deepEqual([refused.code, refused.poolId], ["rate_limited", "team"]);
    assert.equal(run(ledger, t0, holdFor("h4", "org", "1", {})).code, "ok");
  });
});

// ---------------------------------------------------------------------------------------------
// Model allow-lists

describe("model allow-lists", () => {
  const ledger = ledgerWith(
    [
      setPolicy("org", { allowedModels: ["small", "large"] }),
      pool("team", "org", { policy: { allowedModels: ["small", "vision"] } }),
      pool("sub", "team"),
      pool("open", "org"),
      pool("closed", "org", { policy: { allowedModels: [] } }),
      grant("g", "org", "1000"),
    ],
    { id: "org" },
  );
  let count = 0;
  const outcome = (poolId: string, model?: string) => {
    count += 1;
    return run(ledger, t0, holdFor(`m${count}`, poolId, "1", model === undefined ? {} : { model }));
  };
  const codeAt = (poolId: string, model?: string) => {
    const { code, poolId: at } = outcome(poolId, model);
    return at === undefined ? code : `${code} at ${at}`;
  };

  it("the parent's list applies to the child's subtree", () => {
    assert.equal(codeAt("open", "large"), "ok");
    assert.equal(codeAt("open", "tiny"), "model_not_allowed at org");
  });
  it("a child narrows the list", () => {
    assert.equal(codeAt("sub", "small"), "ok");
    assert.equal(codeAt("sub", "large"), "model_not_allowed at team");
  });
  it("a child cannot widen it", () => {
    assert.equal(codeAt("team", "vision"), "model_not_allowed at org");
    assert.equal(codeAt("sub", "vision"), "model_not_allowed at org");
  });
  it("an empty list allows no named model", () => {
    assert.equal(codeAt("closed", "small"), "model_not_allowed at closed");
  });
  it("a hold naming no model is not checked", () => {
    assert.equal(codeAt("closed"), "ok");
    assert.equal(codeAt("sub"), "ok");
  });
  it("usage on a model left out is recorded and flagged where it was left out", () => {
    const { outcomes, transfers } = runBatch(ledger, t0, [
      { ...usage("sub", "3"), model: "large" },
    ]);
    assert.deepEqual(outcomes[0], {
      code: "ok",
      flagged: { code: "model_not_allowed", poolId: "team" },
    });
    assert.equal(transfers.length, 1);
    const allowed = runBatch(ledger, t0, [{ ...usage("sub", "3"), model: "small" }]).outcomes[0];
    assert.deepEqual(allowed, { code: "ok" });
    assert.deepEqual(violationsOf(ledger), []);
  });
  it("the list is checked after rate limits and before caps", () => {
    const mixed = ledgerWith(
      [
        pool("team", "org", {
          policy: {
            allowedModels: ["small"],
            memberCap: perMonth("1"),
            rateLimits: [limit("member", 1, null)],
          },
        }),
        grant("g", "org", "1000"),
      ],
      { id: "org" },
    );
    const big = { ...forA, model: "large" };
    assert.equal(run(mixed, t0, holdFor("x1", "team", "5", big)).code, "model_not_allowed");
    assert.equal(run(mixed, t0, holdFor("x2", "team", "1", forA)).code, "ok");
    assert.equal(run(mixed, t0, holdFor("x3", "team", "5", big)).code, "rate_limited");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

interface Ask {
  readonly pool: number;
  readonly member: number;
  readonly key: number;
  readonly amount: bigint;
  /** What then happens to it: captured (a share of it, never more), released, or left. */
  readonly next: "capture" | "release" | "leave";
  readonly percent: number;
  readonly waitMs: number;
}

const micros = 1_000_000n;

const askArbitrary: fc.Arbitrary<Ask> = fc.record({
  pool: fc.nat(3),
  member: fc.nat(2),
  key: fc.nat(2),
  amount: fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((whole) => BigInt(whole) * micros),
    fc.bigInt({ min: 1n, max: 40n * micros }),
  ),
  next: fc.constantFrom("capture", "release", "leave"),
  percent: fc.integer({ min: 0, max: 100 }),
  waitMs: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 3 * secondMs }),
    fc.integer({ min: secondMs, max: 2 * minuteMs }),
    fc.integer({ min: minuteMs, max: 2 * dayMs }),
  ),
});

/** root ⊃ team ⊃ sub, and root ⊃ other; `team` and `root` capped, `team` rate-limited. */
const policyArbitrary = fc.record({
  teamCap: fc.integer({ min: 0, max: 80 }),
  teamKeyCap: fc.integer({ min: 1, max: 120 }),
  rootCap: fc.integer({ min: 0, max: 150 }),
  capPeriod: fc.constantFrom<Period>("day", "week", "month"),
  requests: fc.integer({ min: 1, max: 6 }),
  per: fc.constantFrom<RateLimit["per"]>("key", "member"),
});

const pools = ["sub", "team", "other", "root"];

function subtreeOf(state: LedgerState, top: string, poolId: string): boolean {
  return pathOf(state, poolId).some((each) => each.id === top);
}

/** What `member` consumed (this period) and holds under `top`, from the journal and the holds. */
function drawnBy(
  ledger: Ledger,
  top: string,
  period: Period,
  subject: (hold: { memberId: string | null; keyId: string | null }) => boolean,
) {
  const { state } = ledger;
  const since = periodStart(state.now, period);
  let total = 0n;
  for (const each of state.holds.values()) {
    if (!subject(each) || !subtreeOf(state, top, each.poolId)) continue;
    if (each.status === "held") total += each.amount;
  }
  for (const transfer of ledger.transfers) {
    if (transfer.kind !== "capture" || transfer.at < since || transfer.holdId === null) continue;
    const made = state.holds.get(transfer.holdId);
    if (made !== undefined && subject(made) && subtreeOf(state, top, made.poolId))
      total += transfer.amount;
  }
  return total;
}

describe("caps and rate limits over random holds", () => {
  it("no member or key ever holds and consumes past a cap; no bucket admits past its rate", () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(askArbitrary, { minLength: 1, maxLength: 60 }),
        (policy, asks) => {
          const ledger = newLedger();
          const setup: Command[] = [
            pool("team", "root", {
              policy: {
                memberCap: { amount: BigInt(policy.teamCap) * micros, period: policy.capPeriod },
                keyCap: { amount: BigInt(policy.teamKeyCap) * micros, period: "month" },
                rateLimits: [
                  { per: policy.per, requestsPerMinute: policy.requests, creditsPerMinute: null },
                ],
              },
            }),
            pool("sub", "team"),
            pool("other", "root"),
            setPolicy("root", {
              memberCap: { amount: BigInt(policy.rootCap) * micros, period: "month" },
            }),
            grant("g", "root", "100000"),
          ];
          runBatch(ledger, t0, setup);
          let now = t0;
          const admitted = new Map<string, number[]>();
          asks.forEach((each, index) => {
            now += each.waitMs;
            const who = { memberId: `mem_${each.member}`, keyId: `key_${each.key}` };
            const id = `h${index}`;
            const made = {
              ...holdFor(id, pools[each.pool] ?? "team", "1", who),
              amount: each.amount,
              ttlSeconds: 86_400,
            };
            const [outcome] = runBatch(ledger, now, [made]).outcomes;
            if (outcome?.code === "ok") {
              if (subtreeOf(ledger.state, "team", made.poolId)) {
                const subject = policy.per === "key" ? who.keyId : who.memberId;
                admitted.set(subject, [...(admitted.get(subject) ?? []), now]);
              }
              if (each.next === "release") runBatch(ledger, now, [release(id)]);
              if (each.next === "capture") {
                const amount = (each.amount * BigInt(each.percent)) / 100n;
                runBatch(ledger, now, [{ ...capture(id, "1"), amount }]);
              }
            }
            for (let member = 0; member < 3; member += 1) {
              const isMember = (hold: { memberId: string | null }) =>
                hold.memberId === `mem_${member}`;
              const isKey = (hold: { keyId: string | null }) => hold.keyId === `key_${member}`;
              const teamCap = BigInt(policy.teamCap) * micros;
              assert.ok(drawnBy(ledger, "team", policy.capPeriod, isMember) <= teamCap, "team cap");
              const rootCap = BigInt(policy.rootCap) * micros;
              assert.ok(drawnBy(ledger, "root", "month", isMember) <= rootCap, "root cap");
              const keyCap = BigInt(policy.teamKeyCap) * micros;
              assert.ok(drawnBy(ledger, "team", "month", isKey) <= keyCap, "key cap");
            }
          });
          // A bucket of R a minute admits at most R + R·w/60 s holds in any span of w ms.
          for (const [subject, times] of admitted) {
            for (let first = 0; first < times.length; first += 1) {
              for (let last = first; last < times.length; last += 1) {
                const span = (times[last] ?? 0) - (times[first] ?? 0);
                const most = policy.requests + Math.floor((policy.requests * span) / minuteMs);
                assert.ok(
                  last - first + 1 <= most,
                  `${subject}: ${last - first + 1} in ${span} ms`,
                );
              }
            }
          }
          assert.deepEqual(violationsOf(ledger), []);
        },
      ),
      { numRuns: 200 },
    );
  });
});
