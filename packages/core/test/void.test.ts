import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hold,
  ledgerWith,
  secondMs,
  t0,
  voidGrant,
} from "./fixtures.ts";

exampleTable(
  "voiding a grant forfeits only its unheld remainder",
  () =>
    ledgerWith(
      [
        grant("g", "org", "100"),
        grant("backup", "org", "50", { priority: 200 }),
        grant("later", "org", "40", { effectiveAt: t0 + dayMs }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "hold 30 reserves from g",
      command: hold("h1", "org", "30"),
      transfers: ["hold grant:g > hold:h1 30"],
    },
    {
      step: "hold 20 with a TTL of 60 s reserves from g",
      command: hold("h2", "org", "20", 60),
      transfers: ["hold grant:g > hold:h2 20"],
      expect: { g: "50", "g.held": "50", "org.available": "100" },
    },
    {
      step: "void g forfeits the 50 not held; the 50 held stay with the holds",
      command: voidGrant("g"),
      transfers: ["void grant:g > breakage 50"],
      expect: {
        g: "0",
        "g.held": "50",
        "g.status": "voided",
        breakage: "50",
        "org.available": "50",
        "org.held": "50",
      },
    },
    {
      step: "voiding it again answers ok and moves nothing",
      command: voidGrant("g"),
      transfers: [],
      expect: { breakage: "50" },
    },
    {
      step: "capture 10 of h1: the 20 returned to the voided grant are forfeited on return",
      command: capture("h1", "10"),
      transfers: [
        "capture hold:h1 > consumed:org 10",
        "release hold:h1 > grant:g 20",
        "void grant:g > breakage 20",
      ],
      expect: { g: "0", "g.held": "20", breakage: "70", "org.consumedThisPeriod": "10" },
    },
    {
      step: "when h2 expires, its 20 go back to the voided grant and are forfeited",
      at: 60 * secondMs,
      transfers: ["expire hold:h2 > grant:g 20", "void grant:g > breakage 20"],
      expect: { g: "0", "g.held": "0", breakage: "90", "org.held": "0" },
    },
    {
      step: "a new hold draws on the grants still open",
      command: hold("h3", "org", "10"),
      transfers: ["hold grant:backup > hold:h3 10"],
    },
    {
      step: "voiding a scheduled grant forfeits all of it",
      command: voidGrant("later"),
      transfers: ["void grant:later > breakage 40"],
      expect: { "later.status": "voided", breakage: "130" },
    },
    {
      step: "a day later h3 has expired; the voided grant never activates",
      at: dayMs,
      transfers: ["expire hold:h3 > grant:backup 10"],
      expect: { "later.status": "voided", later: "0", backup: "50", "org.granted": "50" },
    },
    { step: "voiding an unknown grant", command: voidGrant("nope"), code: "grant_not_found" },
  ],
);
