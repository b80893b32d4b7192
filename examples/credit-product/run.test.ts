import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  readmeCommands,
  recorded,
  runReadme,
  type Served,
  serveForExamples,
} from "../support/served.ts";
import { play } from "./run.ts";

let served: Served;
before(async () => {
  served = await serveForExamples();
});
after(() => served.stop());

test("credit product: three plans priced per action, capped, approved, rolled over", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  // The rate card prices email_draft only with a length: without one it is never free.
  assert.equal(figures.draftWithoutLength, "422 meter_not_priced on usage.quantities.email_draft");
  assert.deepEqual(figures.hobby, {
    includedAtStart: "1000",
    // 50 short drafts × 4 + 30 long × 6 + 150 enrichments × 1 + 15 briefs × 8 = 200 + 180 +
    // 150 + 120; the 350 left roll over whole (cap 100%) and live 30 days.
    used: ["650"],
    toppedUp: "0",
    leftInJanuary: "350",
    rolledOver: "350",
    rolloverLifetimeDays: 30,
    februaryAvailable: "1350",
    // A free plan bills nothing: no line at all.
    invoice: { lines: [], total: "0" },
  });
  assert.deepEqual(figures.founder, {
    includedAtStart: "5000",
    // 300 long × 6 + 400 medium × 5 + 600 × 1 + 60 × 8 = 1,800 + 2,000 + 600 + 480, leaving
    // 120; then 150 long × 6 + 100 × 1 = 1,000: the plan's 120 first (it expires first), 880
    // of the pack's 2,000, so nothing of the plan's is left to roll over.
    used: ["4880", "1000"],
    toppedUp: "2000",
    leftInJanuary: "1120",
    rolledOver: "0",
    rolloverLifetimeDays: null,
    februaryAvailable: "6120",
    invoice: { lines: ["base 1 4000", "top_up 1 1500"], total: "5500" },
  });
  assert.deepEqual(figures.team, {
    seats: 3,
    includedAtStart: "12000",
    // Sales: 200 long × 6 + 300 medium × 5 + 290 × 1 = 2,990 (99.7% of 3,000), then one deep
    // search of 25: 3,015, past the soft limit and admitted.
    sales: { consumed: "3015", softLimit: "3000", alertsRaised: ["80", "100"] },
    approval: {
      quoted: "25",
      firstAnswer: "approval_required",
      approvedBy: "Ana (admin)",
      captured: "25",
    },
    // Research: 45 briefs × 8 = 360, the approved deep search 25: 385 + 25 > 400.
    hardCap: {
      code: "pool_limit_exceeded",
      limit: "400",
      consumed: "385",
      held: "0",
      requested: "25",
    },
    // 3 seats × 4,000 − 3,015 − 385; all of it rolls over next to February's 12,000.
    usedInJanuary: "3400",
    leftInJanuary: "8600",
    rolledOver: "8600",
    rolloverLifetimeDays: 30,
    februaryAvailable: "20600",
    invoice: { lines: ["seats 3 9000"], total: "9000" },
    audit: [
      "operator: organization.created organization",
      "owner key: rate_card.published rate card",
      "owner key: plan.published plan team",
      "owner key: subscription.created Team subscription",
      "owner key: pool.created Sales",
      "owner key: alert_rule.created Sales at 80% and 100%",
      "owner key: member.created Ben",
      "owner key: key.created Ben (member)",
      "owner key: pool.created Research",
      "owner key: member.created Ana",
      "owner key: key.created Ana (admin)",
      "owner key: member.created Chloe",
      "owner key: key.created Chloe (member)",
      "Ana (admin): pool.updated Research: approval_above none -> 20, limit none -> 400 hard a month",
      "Ana (admin): approval.approved Chloe's deep search",
      "system: subscription.renewed Team subscription",
    ],
    // Created, then moved to 1, 15, 16, 20 and 21 January and 1 February.
    clockMovesAudited: 7,
  });
  const text = out.text();
  assert.match(text, /Top-up pack boost: 2000 credits +\$15\.00/);
  assert.match(text, /alerts raised +2 +at 80% and 100%/);
  assert.match(text, /a second deep search +pool_limit_exceeded at Research/);
  assert.match(text, /its decision record +limit 400, consumed 385, held 0, asked 25/);
});

test("credit product: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("credit-product"), ["npx tsx examples/credit-product/run.ts"]);
  const run = await runReadme("credit-product", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Invoice for January \(finalized\)/);
});
