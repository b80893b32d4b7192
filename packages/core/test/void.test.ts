import { credits } from "../src/index.ts";
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

exampleTable(
  "voiding part of a grant takes at most what is left and leaves the grant open",
  () => ledgerWith([grant("part", "org", "50")], { id: "org" }),
  [
    {
      step: "a hold of 20 reserves part of it",
      command: hold("h-part", "org", "20"),
      transfers: ["hold grant:part > hold:h-part 20"],
    },
    {
      step: "void 10 of it: 10 to breakage, the grant stays active",
      command: { type: "void_grant", grantId: "part", amount: credits("10") },
      transfers: ["void grant:part > breakage 10"],
      expect: { part: "20", "part.held": "20", "part.status": "active" },
    },
    {
      step: "void 100 of it: only the 20 left, never what holds reserve",
      command: { type: "void_grant", grantId: "part", amount: credits("100") },
      transfers: ["void grant:part > breakage 20"],
      expect: { part: "0", "part.held": "20", "part.status": "active", breakage: "30" },
    },
    {
      step: "a capture spends from the hold as before",
      command: capture("h-part", "20"),
      transfers: ["capture hold:h-part > consumed:org 20"],
      expect: { "part.status": "depleted" },
    },
    {
      step: "voiding part of a depleted grant moves nothing",
      command: { type: "void_grant", grantId: "part", amount: credits("1") },
      transfers: [],
    },
  ],
);
