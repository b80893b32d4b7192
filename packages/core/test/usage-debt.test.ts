import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  ledgerWith,
  overage,
  release,
  t0,
  usage,
} from "./fixtures.ts";

exampleTable(
  "usage is never refused: grants, then the overage allowance, then debt",
  () => ledgerWith([grant("g", "org", "50")], { id: "org", overageLimit: overage("20") }),
  [
    {
      step: "usage 60 takes the grant's 50, then 10 of the overage allowance of 20",
      command: usage("org", "60"),
      transfers: ["usage grant:g > consumed:org 50", "usage overage > consumed:org 10"],
      expect: { "org.overageUsedThisPeriod": "10", "org.debt": "0", "org.available": "10" },
    },
    {
      step: "usage 25 takes the last 10 of the allowance; 15 becomes debt",
      command: usage("org", "25"),
      transfers: ["usage overage > consumed:org 10", "debt debt:org > consumed:org 15"],
      expect: { "org.overageUsedThisPeriod": "20", "org.debt": "15", "org.available": "0" },
    },
    {
      step: "a hold is refused while the carrier has debt",
      command: hold("h1", "org", "1"),
      code: "pool_in_debt",
      failedAt: "org",
      transfers: [],
    },
    {
      step: "usage is still recorded: 5 more debt",
      command: usage("org", "5"),
      transfers: ["debt debt:org > consumed:org 5"],
      expect: { "org.debt": "20", "org.consumedThisPeriod": "90" },
    },
    {
      step: "a grant of 30 on the carrier pays the debt of 20 first",
      command: grant("topup", "org", "30"),
      transfers: ["grant issuance > grant:topup 30", "debt_payment grant:topup > debt:org 20"],
      expect: { topup: "10", "org.debt": "0", "org.available": "10" },
    },
    {
      step: "hold 10 is allowed again",
      command: hold("h1", "org", "10"),
      transfers: ["hold grant:topup > hold:h1 10"],
    },
    {
      step: "hold 1 more is refused: no credits and no allowance left",
      command: hold("h2", "org", "1"),
      code: "insufficient_credits",
      failedAt: "org",
    },
    {
      step: "usage 15 with every credit held becomes debt",
      command: usage("org", "15"),
      transfers: ["debt debt:org > consumed:org 15"],
      expect: { "org.debt": "15" },
    },
    {
      step: "releasing the hold returns 10 to the grant, which pays debt with them",
      command: release("h1"),
      transfers: ["release hold:h1 > grant:topup 10", "debt_payment grant:topup > debt:org 10"],
      expect: { topup: "0", "org.debt": "5" },
    },
    {
      step: "a grant scheduled for two days later pays nothing yet",
      command: grant("renewal", "org", "100", { effectiveAt: t0 + 2 * dayMs }),
      transfers: ["grant issuance > grant:renewal 100"],
      expect: { renewal: "100", "org.debt": "5" },
    },
    {
      step: "when it becomes active it pays the debt first",
      at: 2 * dayMs,
      transfers: ["debt_payment grant:renewal > debt:org 5"],
      expect: { renewal: "95", "org.debt": "0", "org.available": "95" },
    },
    {
      step: "in the next month the overage allowance is unused again",
      at: 26 * dayMs,
      transfers: [],
      expect: { "org.overageUsedThisPeriod": "0", "org.available": "115" },
    },
  ],
);

exampleTable(
  "a hold may reserve the carrier's unused overage allowance",
  () => ledgerWith([grant("g", "org", "5")], { id: "org", overageLimit: overage("10") }),
  [
    {
      step: "hold 12 reserves the grant's 5 and 7 of the allowance",
      command: hold("h1", "org", "12"),
      transfers: ["hold grant:g > hold:h1 5", "hold overage > hold:h1 7"],
      expect: { "org.available": "3", "org.overageUsedThisPeriod": "0" },
    },
    {
      step: "capture 9 takes the grant's 5 and 4 of the allowance, and returns 3",
      command: capture("h1", "9"),
      transfers: [
        "capture hold:h1 > consumed:org 5",
        "capture hold:h1 > consumed:org 4",
        "release hold:h1 > overage 3",
      ],
      expect: { "org.overageUsedThisPeriod": "4", "org.available": "6" },
    },
    {
      step: "hold 7 is refused: the allowance has 6 left",
      command: hold("h2", "org", "7"),
      code: "insufficient_credits",
      failedAt: "org",
    },
    {
      step: "hold 6 is allowed",
      command: hold("h2", "org", "6"),
      transfers: ["hold overage > hold:h2 6"],
      expect: { "org.available": "0" },
    },
    {
      step: "capture 8 of it: 6 captured, the excess 2 finds nothing and becomes debt",
      command: capture("h2", "8"),
      transfers: ["capture hold:h2 > consumed:org 6", "debt debt:org > consumed:org 2"],
      expect: {
        "org.overageUsedThisPeriod": "10",
        "org.debt": "2",
        "org.consumedThisPeriod": "17",
      },
    },
  ],
);

exampleTable(
  "a debt of one micro-credit refuses holds",
  () => ledgerWith([grant("g", "org", "10")], { id: "org" }),
  [
    {
      step: "usage 10.000001 leaves a debt of 0.000001",
      command: usage("org", "10.000001"),
      transfers: ["usage grant:g > consumed:org 10", "debt debt:org > consumed:org 0.000001"],
      expect: { "org.debt": "0.000001", "org.available": "0" },
    },
    {
      step: "hold 1 is refused",
      command: hold("h1", "org", "1"),
      code: "pool_in_debt",
      failedAt: "org",
    },
  ],
);
