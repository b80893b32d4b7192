import {
  capture,
  dayMs,
  exampleTable,
  grant,
  hardLimit,
  hold,
  hourMs,
  ledgerWith,
  minuteMs,
  pool,
  release,
  setLimit,
  softLimit,
  usage,
} from "./fixtures.ts";

exampleTable(
  "held amounts count against the hard limit of every pool on the path",
  () =>
    ledgerWith([pool("team", "org", { limit: hardLimit("60") }), grant("g", "org", "500")], {
      id: "org",
      limit: hardLimit("100"),
    }),
  [
    {
      step: "hold 50 at team counts at team and at the root",
      command: hold("h1", "team", "50"),
      expect: {
        "team.held": "50",
        "org.held": "50",
        "team.available": "10",
        "org.available": "50",
      },
    },
    {
      step: "hold 20 more at team would pass team's limit of 60",
      command: hold("h2", "team", "20"),
      code: "pool_limit_exceeded",
      failedAt: "team",
      transfers: [],
    },
    {
      step: "hold 60 at the root would pass the root's limit of 100",
      command: hold("h2", "org", "60"),
      code: "pool_limit_exceeded",
      failedAt: "org",
    },
    {
      step: "hold 50 at the root fills it",
      command: hold("h2", "org", "50"),
      expect: { "org.held": "100", "org.available": "0", "team.available": "0" },
    },
    {
      step: "hold 5 at team fits team's limit but not the root's",
      command: hold("h3", "team", "5"),
      code: "pool_limit_exceeded",
      failedAt: "org",
    },
    {
      step: "capture 30 of h1: consumption replaces the hold, 20 are freed",
      command: capture("h1", "30"),
      expect: {
        "team.consumedThisPeriod": "30",
        "team.held": "0",
        "org.held": "50",
        "team.available": "20",
      },
    },
    {
      step: "hold 25 at team is refused at the root",
      command: hold("h3", "team", "25"),
      code: "pool_limit_exceeded",
      failedAt: "org",
    },
    {
      step: "hold 20 at team is allowed",
      command: hold("h3", "team", "20"),
      expect: { "team.available": "0", "org.available": "0" },
    },
    {
      step: "releasing the root's hold frees room at the root, not at team",
      command: release("h2"),
      expect: { "org.available": "50", "team.available": "10" },
    },
  ],
);

exampleTable(
  "refusal precedence: pool_in_debt, then pool_limit_exceeded, then insufficient_credits",
  () =>
    ledgerWith([pool("team", "org", { limit: hardLimit("10") }), grant("g", "org", "5")], {
      id: "org",
      limit: hardLimit("100"),
    }),
  [
    {
      step: "hold 20 at team: over team's limit and beyond the credits; the limit is reported",
      command: hold("h1", "team", "20"),
      code: "pool_limit_exceeded",
      failedAt: "team",
    },
    {
      step: "hold 200 at team: over both limits; the nearest pool is reported",
      command: hold("h1", "team", "200"),
      code: "pool_limit_exceeded",
      failedAt: "team",
    },
    {
      step: "hold 8 at team: within the limits, beyond the credits; reported at the carrier",
      command: hold("h1", "team", "8"),
      code: "insufficient_credits",
      failedAt: "org",
    },
    {
      step: "usage 10 at team takes the 5 credits; 5 become debt on the root",
      command: usage("team", "10"),
      transfers: ["usage grant:g > consumed:team 5", "debt debt:org > consumed:team 5"],
      expect: { "team.consumedThisPeriod": "10", "org.debt": "5" },
    },
    {
      step: "hold 1 at team: in debt and over team's limit; debt is reported",
      command: hold("h1", "team", "1"),
      code: "pool_in_debt",
      failedAt: "org",
    },
  ],
);

exampleTable(
  "limit periods: UTC days, weeks from Monday, months",
  () =>
    ledgerWith(
      [
        grant("g", "org", "1000"),
        pool("daily", "org", { limit: hardLimit("10", "day") }),
        pool("weekly", "org", { limit: hardLimit("10", "week") }),
        pool("monthly", "org", { limit: hardLimit("10", "month") }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "Monday 09:00: usage 10 fills the daily pool's limit",
      command: usage("daily", "10"),
      expect: { "daily.available": "0", "daily.consumedThisPeriod": "10" },
    },
    {
      step: "usage 10 fills the weekly pool's limit",
      command: usage("weekly", "10"),
      expect: { "weekly.available": "0" },
    },
    {
      step: "usage 10 fills the monthly pool's limit",
      command: usage("monthly", "10"),
      expect: { "monthly.available": "0" },
    },
    {
      step: "a hold at the daily pool is refused",
      command: hold("h1", "daily", "1"),
      code: "pool_limit_exceeded",
      failedAt: "daily",
    },
    {
      step: "Monday 23:59:59.999: still the same day",
      at: 15 * hourMs - 1,
      expect: { "daily.available": "0" },
    },
    {
      step: "Tuesday 00:00: a new day; the week goes on",
      at: 15 * hourMs,
      expect: {
        "daily.available": "10",
        "daily.consumedThisPeriod": "0",
        "weekly.available": "0",
      },
    },
    {
      step: "Tuesday 23:00: hold 5 at the daily pool for two hours",
      at: dayMs + 14 * hourMs,
      command: hold("h1", "daily", "5", 7200),
      expect: { "daily.available": "5" },
    },
    {
      step: "Wednesday 00:30: the open hold still counts in the new day",
      at: dayMs + 15 * hourMs + 30 * minuteMs,
      expect: { "daily.available": "5", "daily.consumedThisPeriod": "0" },
    },
    {
      step: "capture 4 counts in Wednesday, the day it is applied",
      command: capture("h1", "4"),
      expect: { "daily.consumedThisPeriod": "4", "daily.available": "6" },
    },
    {
      step: "Sunday 23:59:59.999: still the same week",
      at: 6 * dayMs + 15 * hourMs - 1,
      expect: { "weekly.available": "0", "weekly.consumedThisPeriod": "10" },
    },
    {
      step: "Monday 00:00: a new week",
      at: 6 * dayMs + 15 * hourMs,
      expect: { "weekly.available": "10", "weekly.consumedThisPeriod": "0" },
    },
    {
      step: "January 31, 23:59:59.999: still the same month",
      at: 25 * dayMs + 15 * hourMs - 1,
      expect: { "monthly.available": "0" },
    },
    {
      step: "February 1, 00:00: a new month",
      at: 25 * dayMs + 15 * hourMs,
      expect: { "monthly.available": "10", "monthly.consumedThisPeriod": "0" },
    },
  ],
);

exampleTable(
  "soft limits never refuse; usage may pass a hard limit; a lowered limit keeps open holds",
  () =>
    ledgerWith(
      [
        grant("g", "org", "1000"),
        pool("soft", "org", { limit: softLimit("10") }),
        pool("hard", "org", { limit: hardLimit("10") }),
      ],
      { id: "org" },
    ),
  [
    {
      step: "hold 50 at a pool with a soft limit of 10 is allowed",
      command: hold("h1", "soft", "50"),
      expect: { "soft.held": "50", "soft.available": "950" },
    },
    {
      step: "usage 15 at a pool with a hard limit of 10 is recorded",
      command: usage("hard", "15"),
      transfers: ["usage grant:g > consumed:hard 15"],
      expect: { "hard.consumedThisPeriod": "15", "hard.available": "0" },
    },
    {
      step: "after it, a hold there is refused",
      command: hold("h2", "hard", "1"),
      code: "pool_limit_exceeded",
      failedAt: "hard",
    },
    {
      step: "raising the limit to 30 applies at once",
      command: setLimit("hard", hardLimit("30")),
      expect: { "hard.available": "15" },
    },
    {
      step: "hold 12 is allowed",
      command: hold("h2", "hard", "12"),
      expect: { "hard.available": "3" },
    },
    {
      step: "lowering the limit to 20 keeps the open hold",
      command: setLimit("hard", hardLimit("20")),
      expect: { "h2.status": "held", "hard.held": "12", "hard.available": "0" },
    },
    {
      step: "and blocks new holds",
      command: hold("h3", "hard", "1"),
      code: "pool_limit_exceeded",
      failedAt: "hard",
    },
    {
      step: "the open hold can still be captured in full",
      command: capture("h2", "12"),
      expect: { "hard.consumedThisPeriod": "27", "hard.held": "0" },
    },
  ],
);
