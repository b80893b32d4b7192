import { exampleTable, grant, hold, ledgerWith, pool, usage } from "./fixtures.ts";

exampleTable(
  "draws_from_parent: false makes a pool the carrier of its subtree",
  () =>
    ledgerWith(
      [
        grant("org-credits", "org", "100"),
        pool("dept", "org", { drawsFromParent: false }),
        pool("team", "dept"),
        pool("ops", "org"),
        grant("dept-credits", "dept", "10"),
      ],
      { id: "org" },
    ),
  [
    {
      step: "team's draw chain ends at dept: the root's credits are not available to it",
      expect: { "team.available": "10", "ops.available": "100", "org.available": "100" },
    },
    {
      step: "usage 15 at team takes dept's 10; the rest is debt on dept, not a draw on the root",
      command: usage("team", "15"),
      transfers: [
        "usage grant:dept-credits > consumed:team 10",
        "debt debt:dept > consumed:team 5",
      ],
      expect: {
        "dept.debt": "5",
        "team.debt": "0",
        "org.debt": "0",
        "org-credits": "100",
        "org.consumedThisPeriod": "15",
      },
    },
    {
      step: "a hold at team is refused, reported at the carrier",
      command: hold("h1", "team", "1"),
      code: "pool_in_debt",
      failedAt: "dept",
    },
    {
      step: "a hold at dept is refused",
      command: hold("h1", "dept", "1"),
      code: "pool_in_debt",
      failedAt: "dept",
    },
    {
      step: "a hold at a sibling whose chain ends at the root is allowed",
      command: hold("h1", "ops", "1"),
      transfers: ["hold grant:org-credits > hold:h1 1"],
    },
    {
      step: "a hold at the root is allowed",
      command: hold("h2", "org", "1"),
      transfers: ["hold grant:org-credits > hold:h2 1"],
    },
    {
      step: "a grant on the root pays nothing of dept's debt",
      command: grant("org-topup", "org", "50"),
      transfers: ["grant issuance > grant:org-topup 50"],
      expect: { "dept.debt": "5" },
    },
    {
      step: "a grant on team, which is not a carrier, pays nothing of it either",
      command: grant("team-credits", "team", "20"),
      transfers: ["grant issuance > grant:team-credits 20"],
      expect: { "dept.debt": "5", "team.granted": "20", "team.available": "0" },
    },
    {
      step: "usage 3 at team takes team's own grant",
      command: usage("team", "3"),
      transfers: ["usage grant:team-credits > consumed:team 3"],
      expect: { "dept.debt": "5" },
    },
    {
      step: "a grant of 8 on dept pays the debt of 5 first",
      command: grant("dept-topup", "dept", "8"),
      transfers: [
        "grant issuance > grant:dept-topup 8",
        "debt_payment grant:dept-topup > debt:dept 5",
      ],
      expect: { "dept.debt": "0", "dept-topup": "3", "team.available": "20" },
    },
  ],
);
