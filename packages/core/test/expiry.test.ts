import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { grantStatus } from "../src/index.ts";
import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  hourMs,
  ledgerWith,
  t0,
  usage,
} from "./fixtures.ts";

exampleTable(
  "a grant expires at expires_at; a scheduled grant activates at effective_at",
  () =>
    ledgerWith(
      [
        grant("trial", "org", "50", { priority: 10, expiresAt: t0 + dayMs }),
        grant("paid", "org", "100"),
        grant("next", "org", "20", { priority: 0, effectiveAt: t0 + 3 * dayMs }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "the scheduled grant shows as scheduled and is not available",
      transfers: [],
      expect: { "next.status": "scheduled", "org.granted": "150", "org.available": "150" },
    },
    {
      step: "usage 10 takes the trial grant",
      command: usage("org", "10"),
      transfers: ["usage grant:trial > consumed:org 10"],
    },
    {
      step: "twelve hours later, a hold of 20 for a day reserves the trial grant",
      at: 12 * hourMs,
      command: hold("h1", "org", "20", 86_400),
      transfers: ["hold grant:trial > hold:h1 20"],
      expect: { trial: "20", "trial.held": "20" },
    },
    {
      step: "1 ms before expires_at the trial grant is still active",
      at: dayMs - 1,
      transfers: [],
      expect: { "trial.status": "active", "org.granted": "120" },
    },
    {
      step: "at expires_at its unheld remainder expires to breakage",
      at: dayMs,
      transfers: ["expire grant:trial > breakage 20"],
      expect: {
        trial: "0",
        "trial.held": "20",
        "trial.status": "expired",
        breakage: "20",
        "org.granted": "100",
      },
    },
    {
      step: "capture 5 of the hold: the 15 returned to the expired grant expire on return",
      at: dayMs + hourMs,
      command: capture("h1", "5"),
      transfers: [
        "capture hold:h1 > consumed:org 5",
        "release hold:h1 > grant:trial 15",
        "expire grant:trial > breakage 15",
      ],
      expect: { trial: "0", "trial.held": "0", breakage: "35", "org.consumedThisPeriod": "15" },
    },
    {
      step: "at effective_at the scheduled grant becomes active, with no transfer",
      at: 3 * dayMs,
      transfers: [],
      expect: { "next.status": "active", next: "20", "org.granted": "120" },
    },
    {
      step: "usage 5 takes it first (priority 0)",
      command: usage("org", "5"),
      transfers: ["usage grant:next > consumed:org 5"],
    },
  ],
);

exampleTable(
  "a hold and a grant due at the same instant: what the hold returns expires on return",
  () => ledgerWith([grant("g", "org", "10", { expiresAt: t0 + hourMs })], { id: "org" }),
  [
    {
      step: "hold 4 with a TTL of one hour",
      command: hold("h1", "org", "4", 3600),
      transfers: ["hold grant:g > hold:h1 4"],
    },
    {
      step: "at that hour the hold expires, its 4 expire on return, then the grant's other 6",
      at: hourMs,
      transfers: [
        "expire hold:h1 > grant:g 4",
        "expire grant:g > breakage 4",
        "expire grant:g > breakage 6",
      ],
      expect: { "h1.status": "expired", "g.status": "expired", breakage: "10" },
    },
  ],
);

exampleTable(
  "a grant created already past its expiry expires at once and pays no debt",
  () => ledgerWith([usage("org", "5")], { id: "org" }),
  [
    {
      step: "the organization starts with a debt of 5",
      expect: { "org.debt": "5" },
    },
    {
      step: "a grant effective two hours ago that expired an hour ago expires as it is made",
      command: grant("late", "org", "20", { effectiveAt: t0 - 2 * hourMs, expiresAt: t0 - hourMs }),
      transfers: ["grant issuance > grant:late 20", "expire grant:late > breakage 20"],
      expect: { "late.status": "expired", late: "0", "org.debt": "5", breakage: "20" },
    },
    {
      step: "the next batch finds nothing more to do",
      at: 1,
      transfers: [],
      expect: { "org.debt": "5" },
    },
  ],
);

describe("a grant's status as of now", () => {
  it("reads expired once now reaches expires_at, before any batch has applied the expiry", () => {
    const ledger = ledgerWith([grant("g", "org", "10", { expiresAt: t0 + hourMs })], {
      id: "org",
    });
    const issued = ledger.state.grants.get("g");
    assert.ok(issued !== undefined);
    assert.equal(grantStatus(issued, t0 + hourMs - 1), "active");
    assert.equal(grantStatus(issued, t0 + hourMs), "expired");
    assert.equal(issued.closed, null);
  });

  it("reads scheduled before effective_at and depleted once used up", () => {
    const ledger = ledgerWith(
      [
        grant("g", "org", "10"),
        grant("s", "org", "10", { effectiveAt: t0 + hourMs }),
        usage("org", "10"),
      ],
      { id: "org" },
    );
    const scheduled = ledger.state.grants.get("s");
    const used = ledger.state.grants.get("g");
    assert.ok(scheduled !== undefined && used !== undefined);
    assert.equal(grantStatus(scheduled, t0), "scheduled");
    assert.equal(grantStatus(used, t0), "depleted");
  });
});
