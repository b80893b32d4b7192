/**
 * Changing an open grant's expiry: it fires at the new time and never at an old one, the burn
 * order follows it, the journal shows it, and what the ledger's state refuses names `expires_at`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { limits, validateCommand, verifyLedger } from "../src/index.ts";
import {
  changeExpiry,
  dayMs,
  exampleTable,
  grant,
  hold,
  hourMs,
  ledgerWith,
  minuteMs,
  run,
  runBatch,
  snapshotOf,
  t0,
  usage,
  violationsOf,
  voidGrant,
} from "./fixtures.ts";

exampleTable(
  "an open grant's expiry moves later, earlier or to never; it fires at the new time only",
  () =>
    ledgerWith(
      [
        grant("trial", "org", "50", { priority: 10, expiresAt: t0 + dayMs }),
        grant("paid", "org", "100"),
      ],
      { id: "org" },
    ),
  [
    {
      step: "a hold of 20 for a day reserves from trial",
      command: hold("h1", "org", "20", 86_400),
      transfers: ["hold grant:trial > hold:h1 20"],
      expect: { trial: "30", "trial.held": "20" },
    },
    {
      step: "trial's expiry a day later: its 30 unheld go back to issuance and are issued again",
      at: hourMs,
      command: changeExpiry("trial", t0 + 2 * dayMs),
      transfers: [
        "expiry_change grant:trial > issuance 30",
        "expiry_change issuance > grant:trial 30",
      ],
      expect: { trial: "30", "trial.status": "active", issuance: "-150", "org.granted": "130" },
    },
    {
      step: "the old expiry passes: only h1's TTL falls due, and its 20 go back to trial",
      at: dayMs,
      transfers: ["expire hold:h1 > grant:trial 20"],
      expect: { trial: "50", "trial.status": "active", breakage: "0" },
    },
    {
      step: "trial's expiry moved earlier, to two hours from now",
      at: dayMs + hourMs,
      command: changeExpiry("trial", t0 + dayMs + 3 * hourMs),
      transfers: [
        "expiry_change grant:trial > issuance 50",
        "expiry_change issuance > grant:trial 50",
      ],
    },
    {
      step: "a millisecond before the new time, nothing falls due",
      at: dayMs + 3 * hourMs - 1,
      transfers: [],
      expect: { "trial.status": "active" },
    },
    {
      step: "at the new time it expires, once",
      at: dayMs + 3 * hourMs,
      transfers: ["expire grant:trial > breakage 50"],
      expect: { "trial.status": "expired", breakage: "50" },
    },
    {
      step: "an expired grant's expiry no longer changes",
      command: changeExpiry("trial", t0 + 3 * dayMs),
      code: "grant_closed",
      transfers: [],
    },
    {
      step: "the expiry trial had before passes with nothing",
      at: 3 * dayMs,
      transfers: [],
      expect: { breakage: "50" },
    },
    {
      step: "a grant without expiry gets one",
      command: changeExpiry("paid", t0 + 4 * dayMs),
      transfers: [
        "expiry_change grant:paid > issuance 100",
        "expiry_change issuance > grant:paid 100",
      ],
    },
    {
      step: "and never expires again",
      command: changeExpiry("paid", null),
      transfers: [
        "expiry_change grant:paid > issuance 100",
        "expiry_change issuance > grant:paid 100",
      ],
    },
    { step: "the expiry it has already moves nothing", command: changeExpiry("paid", null) },
    {
      step: "the expiry it no longer has passes with nothing",
      at: 4 * dayMs,
      transfers: [],
      expect: { paid: "100", "paid.status": "active" },
    },
    { step: "an unknown grant", command: changeExpiry("nope", null), code: "grant_not_found" },
  ],
);

exampleTable(
  "the burn order follows the new expiry",
  () =>
    ledgerWith(
      [
        grant("a", "org", "10", { expiresAt: t0 + 5 * dayMs }),
        grant("b", "org", "10", { expiresAt: t0 + 3 * dayMs }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 1 draws the sooner expiry, b",
      command: usage("org", "1"),
      transfers: ["usage grant:b > consumed:org 1"],
    },
    {
      step: "b now expires after a",
      command: changeExpiry("b", t0 + 6 * dayMs),
      transfers: ["expiry_change grant:b > issuance 9", "expiry_change issuance > grant:b 9"],
    },
    {
      step: "usage 1 draws a",
      command: usage("org", "1"),
      transfers: ["usage grant:a > consumed:org 1"],
    },
  ],
);

exampleTable(
  "moved to now, a grant expires at once; what a hold returns to it expires on return",
  () =>
    ledgerWith([grant("small", "org", "10"), grant("big", "org", "100", { priority: 200 })], {
      id: "org",
    }),
  [
    {
      step: "a hold of 10 for an hour reserves all of small",
      command: hold("h", "org", "10", 3600),
      transfers: ["hold grant:small > hold:h 10"],
    },
    {
      step: "small's expiry moved to now: nothing unheld to move, and it expires at once",
      at: 30 * minuteMs,
      command: changeExpiry("small", t0 + 30 * minuteMs),
      transfers: [],
      expect: { "small.status": "expired", "small.held": "10" },
    },
    {
      step: "the hold's 10 expire when it returns them",
      at: hourMs,
      transfers: ["expire hold:h > grant:small 10", "expire grant:small > breakage 10"],
      expect: { breakage: "10" },
    },
    {
      step: "big's expiry moved to now: it shows the change, then expires with what is left",
      command: changeExpiry("big", t0 + hourMs),
      transfers: [
        "expiry_change grant:big > issuance 100",
        "expiry_change issuance > grant:big 100",
        "expire grant:big > breakage 100",
      ],
      expect: { "big.status": "expired", breakage: "110", "org.available": "0" },
    },
  ],
);

const period = 30 * dayMs;

exampleTable(
  "a grant with rollover terms keeps an expiry before its rollover grant's",
  () =>
    ledgerWith(
      [
        grant("may", "org", "100", {
          expiresAt: t0 + period,
          rollover: { grantId: "may-rollover", cap: "30", expiresAt: t0 + 2 * period },
        }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "never expiring is refused: rollover terms need an expiry",
      command: changeExpiry("may", null),
      code: "invalid_request",
      transfers: [],
    },
    {
      step: "the rollover grant's own expiry is refused",
      command: changeExpiry("may", t0 + 2 * period),
      code: "invalid_request",
      transfers: [],
    },
    {
      step: "ten days earlier is accepted",
      command: changeExpiry("may", t0 + period - 10 * dayMs),
      transfers: [
        "expiry_change grant:may > issuance 100",
        "expiry_change issuance > grant:may 100",
      ],
    },
    {
      step: "at the new expiry 30 roll over and 70 expire",
      at: period - 10 * dayMs,
      transfers: [
        "rollover grant:may > issuance 30",
        "expire grant:may > breakage 70",
        "grant issuance > grant:may-rollover 30",
      ],
      expect: { "may.status": "expired", "may-rollover": "30", breakage: "70" },
    },
    { step: "the old expiry passes with nothing", at: period, transfers: [] },
  ],
);

exampleTable(
  "a scheduled grant's expiry stays after its effective time",
  () =>
    ledgerWith(
      [grant("later", "org", "40", { effectiveAt: t0 + dayMs, expiresAt: t0 + 2 * dayMs })],
      { id: "org" },
    ),
  [
    {
      step: "its effective time is refused",
      command: changeExpiry("later", t0 + dayMs),
      code: "invalid_request",
      transfers: [],
    },
    {
      step: "a millisecond after it is accepted",
      command: changeExpiry("later", t0 + dayMs + 1),
      transfers: [
        "expiry_change grant:later > issuance 40",
        "expiry_change issuance > grant:later 40",
      ],
    },
    {
      step: "it activates at its effective time",
      at: dayMs,
      transfers: [],
      expect: { "later.status": "active", "org.granted": "40" },
    },
    {
      step: "and expires a millisecond later",
      at: dayMs + 1,
      transfers: ["expire grant:later > breakage 40"],
      expect: { "later.status": "expired" },
    },
  ],
);

describe("what refuses an expiry names expires_at and changes nothing", () => {
  it("a time before the ledger's now", () => {
    const ledger = ledgerWith([grant("g", "org", "10", { expiresAt: t0 + dayMs })], { id: "org" });
    const outcome = run(ledger, t0 + hourMs, changeExpiry("g", t0 + hourMs - 1));
    assert.equal(outcome.code, "invalid_request");
    assert.equal(outcome.invalid?.param, "expires_at");
    assert.match(outcome.invalid?.reason ?? "", /before now \(2025-01-06T10:00:00\.000Z\)/);
    assert.equal(ledger.state.grants.get("g")?.expiresAt, t0 + dayMs);
    assert.equal(ledger.transfers.length, 1, "only the grant's own transfer");
  });

  it("a time outside the bounds, or not an integer, before it reaches the ledger", () => {
    for (const expiresAt of [limits.timeMsMax + 1, limits.timeMsMin - 1, t0 + 0.5]) {
      const invalid = validateCommand(changeExpiry("g", expiresAt));
      assert.equal(invalid?.param, "expires_at", String(expiresAt));
    }
    assert.equal(validateCommand(changeExpiry("g", limits.timeMsMax)), null);
    assert.equal(validateCommand(changeExpiry("", null))?.param, "id");
  });

  it("a voided grant answers grant_closed", () => {
    const ledger = ledgerWith([grant("g", "org", "10")], { id: "org" });
    run(ledger, t0, voidGrant("g"));
    const { outcomes, transfers } = runBatch(ledger, t0, [changeExpiry("g", t0 + dayMs)]);
    assert.equal(outcomes[0]?.code, "grant_closed");
    assert.deepEqual(transfers, []);
  });
});

describe("verifyLedger proves an expiry change from the journal", () => {
  function changedLedger() {
    const ledger = ledgerWith([grant("g", "org", "10", { expiresAt: t0 + dayMs })], { id: "org" });
    run(ledger, t0 + hourMs, changeExpiry("g", t0 + 2 * dayMs));
    return ledger;
  }

  it("finds nothing wrong with the pair the core wrote", () => {
    assert.deepEqual(violationsOf(changedLedger()), []);
  });

  it("reports a change that does not give back what it took", () => {
    const snapshot = snapshotOf(changedLedger());
    const transfers = snapshot.transfers.map((each) =>
      each.sequence === 3 ? { ...each, at: each.at + 1 } : each,
    );
    const found = verifyLedger({ ...snapshot, transfers }).violations;
    assert.deepEqual(
      found.map((each) => each.rule),
      ["expiry_change", "expiry_change"],
    );
  });

  it("reports a change whose second half is missing", () => {
    const snapshot = snapshotOf(changedLedger());
    const transfers = snapshot.transfers.filter((each) => each.sequence !== 3);
    const rules = verifyLedger({ ...snapshot, transfers }).violations.map((each) => each.rule);
    assert.ok(rules.includes("expiry_change"));
  });
});

/** One change of the grant's expiry, `after` ms past the one before, to `lasts` ms past then. */
const moveArbitrary = fc.record({
  after: fc.integer({ min: 1, max: 2 * dayMs }),
  lasts: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * dayMs })), {
    nil: null,
  }),
});

describe("a moved expiry fires exactly once, at the last time it was given (property)", () => {
  it("whatever the moves, holds and batch times", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: minuteMs, max: 3 * dayMs }), { nil: null }),
        fc.array(moveArbitrary, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 8 * dayMs }), { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: null }),
        (firstLasts, moves, ticks, holdTtl) => {
          const first = firstLasts === null ? null : t0 + firstLasts;
          const ledger = ledgerWith([grant("g", "org", "50", { expiresAt: first })], { id: "org" });
          if (holdTtl !== null) run(ledger, t0, hold("h", "org", "20", holdTtl));
          let expiry = first;
          let at = t0;
          // Every batch, a move's or a tick's (some exactly at an expiry given before), in order.
          const steps: { at: number; to?: number | null }[] = ticks.map((tick) => ({
            at: t0 + tick,
          }));
          for (const move of moves) {
            at += move.after;
            const to = move.lasts === null ? null : at + move.lasts;
            steps.push({ at, to });
            if (to !== null) steps.push({ at: to });
          }
          steps.push({ at: t0 + 20 * dayMs });
          steps.sort((a, b) => a.at - b.at);
          for (const step of steps) {
            const expiredBefore = expiry !== null && step.at >= expiry;
            if (step.to !== undefined) {
              const [outcome] = runBatch(ledger, step.at, [changeExpiry("g", step.to)]).outcomes;
              assert.equal(outcome?.code, expiredBefore ? "grant_closed" : "ok");
              if (!expiredBefore) expiry = step.to;
            } else runBatch(ledger, step.at, []);
            const g = ledger.state.grants.get("g");
            const due = expiry !== null && step.at >= expiry;
            assert.equal(g?.closed, due ? "expired" : null, `at ${step.at - t0}`);
            if (due) assert.equal(g?.closedAt, expiry);
          }
          const closings = ledger.transfers.filter(
            (each) => each.debitAccount === "grant:g" && each.creditAccount === "breakage",
          );
          // The grant's own expiry is one transfer at its time; later ones are a hold's returns.
          for (const each of closings) assert.ok(expiry !== null && each.at >= expiry);
          assert.ok(closings.filter((each) => each.at === expiry).length <= 2);
          assert.deepEqual(violationsOf(ledger), []);
        },
      ),
      { numRuns: 300 },
    );
  });
});
