import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { credits, validateCommand } from "../src/index.ts";
import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  hourMs,
  ledgerWith,
  run,
  t0,
  usage,
  voidGrant,
} from "./fixtures.ts";

const period = 30 * dayMs;

exampleTable(
  "what is left of a grant at its expiry rolls over up to the cap; the rest is breakage",
  () =>
    ledgerWith(
      [
        grant("may", "org", "100", {
          source: "plan",
          costBasis: "0.01",
          expiresAt: t0 + period,
          rollover: { grantId: "may-rollover", cap: "30", expiresAt: t0 + 2 * period },
        }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 50 of the 100",
      at: dayMs,
      command: usage("org", "50"),
      transfers: ["usage grant:may > consumed:org 50"],
    },
    {
      step: "a hold of 5 that is still open at the boundary",
      at: period - hourMs,
      command: hold("h1", "org", "5", 3 * 3600),
      transfers: ["hold grant:may > hold:h1 5"],
    },
    {
      step: "at expiry 30 of the 45 left roll over and 15 expire; the held 5 stay held",
      at: period,
      transfers: [
        "rollover grant:may > issuance 30",
        "expire grant:may > breakage 15",
        "grant issuance > grant:may-rollover 30",
      ],
      expect: {
        may: "0",
        "may.held": "5",
        "may.status": "expired",
        "may-rollover": "30",
        "may-rollover.status": "active",
        breakage: "15",
        "org.available": "30",
      },
    },
    {
      step: "credits a hold returns after the expiry expire; they do not roll over",
      at: period + hourMs,
      command: capture("h1", "2"),
      transfers: [
        "capture hold:h1 > consumed:org 2",
        "release hold:h1 > grant:may 3",
        "expire grant:may > breakage 3",
      ],
      expect: { "may-rollover": "30", breakage: "18" },
    },
    {
      step: "the rollover grant expires at its own time, with no rollover of its own",
      at: 2 * period,
      transfers: ["expire grant:may-rollover > breakage 30"],
      expect: { "may-rollover.status": "expired", breakage: "48", "org.available": "0" },
    },
  ],
);

exampleTable(
  "under the cap, everything left rolls over and nothing is breakage",
  () =>
    ledgerWith(
      [
        grant("june", "org", "100", {
          expiresAt: t0 + period,
          rollover: { grantId: "june-rollover", cap: "30", expiresAt: t0 + 2 * period },
        }),
      ],
      { id: "org" },
    ),
  [
    { step: "usage 90", command: usage("org", "90") },
    {
      step: "at expiry the 10 left roll over whole",
      at: period,
      transfers: ["rollover grant:june > issuance 10", "grant issuance > grant:june-rollover 10"],
      expect: { breakage: "0", "june-rollover": "10", "june.status": "expired" },
    },
  ],
);

exampleTable(
  "a grant spent to nothing rolls nothing over, even with debt left on its pool",
  () =>
    ledgerWith(
      [
        grant("july", "org", "10", {
          expiresAt: t0 + period,
          rollover: { grantId: "july-rollover", cap: "10", expiresAt: t0 + 2 * period },
        }),
        grant("other", "org", "5", { expiresAt: t0 + period - hourMs }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "usage 12 spends the other grant first, then 7 of july",
      command: usage("org", "12"),
    },
    {
      step: "usage 10 more: 3 from july, 7 become debt",
      command: usage("org", "10"),
      transfers: ["usage grant:july > consumed:org 3", "debt debt:org > consumed:org 7"],
    },
    { step: "the whole grant is spent: nothing rolls over", at: period, transfers: [] },
  ],
);

exampleTable(
  "a voided grant does not roll over",
  () =>
    ledgerWith(
      [
        grant("aug", "org", "40", {
          expiresAt: t0 + period,
          rollover: { grantId: "aug-rollover", cap: "40", expiresAt: t0 + 2 * period },
        }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "void it: all 40 to breakage",
      command: voidGrant("aug"),
      transfers: ["void grant:aug > breakage 40"],
    },
    { step: "its expiry passes with no transfer", at: period, transfers: [] },
  ],
);

describe("rollover terms are checked", () => {
  const base = grant("g", "org", "10", {
    expiresAt: t0 + period,
    rollover: { grantId: "g-rollover", cap: "5", expiresAt: t0 + 2 * period },
  });

  it("accepts terms after the grant's expiry", () => {
    assert.equal(validateCommand(base), null);
  });

  const refusals: [string, object, string][] = [
    ["a grant with no expiry", { expiresAt: null }, "rollover"],
    ["the grant's own id", { rollover: { ...base.rollover, grantId: "g" } }, "rollover.grant_id"],
    ["a cap of zero", { rollover: { ...base.rollover, cap: 0n } }, "rollover.cap"],
    [
      "an expiry not after the grant's",
      { rollover: { ...base.rollover, expiresAt: t0 + period } },
      "rollover.expires_at",
    ],
  ];
  for (const [name, change, param] of refusals) {
    it(`refuses ${name}`, () => {
      assert.equal(validateCommand({ ...base, ...change })?.param, param);
    });
  }

  it("a grant made past its expiry rolls over at once, as it is made", () => {
    const ledger = ledgerWith([], { id: "org" });
    const outcome = run(
      ledger,
      t0 + period,
      grant("late", "org", "8", {
        expiresAt: t0 + hourMs,
        rollover: { grantId: "late-rollover", cap: "3", expiresAt: t0 + 2 * period },
      }),
    );
    assert.equal(outcome.code, "ok");
    assert.equal(ledger.state.grants.get("late-rollover")?.remaining, credits("3"));
  });
});
