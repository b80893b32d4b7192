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

test("tiered seats: two tiers into one pool, departments drawing past their seats", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    // 10 standard seats × 1,000 + 3 premium seats × 5,000.
    includedAtStart: "25000",
    // Turns at 0.0005 a token in and 0.002 out, each held with 65,536 tokens out:
    // Sales 15 × (200 + 200) = 6,000. Support 50 + 131.072 = 181.072 held for each turn of
    // 50 + 100 = 150: after 29 (4,350), a 30th would pass its 4,500 limit. Engineering, 400 a
    // run held at 331.072, from the 25,000 − 6,000 − 4,350 = 14,650 left: 36 runs (14,400) and
    // 250 left. Every credit cost $0.03 (75000 cents ÷ 25,000 credits).
    consumedBy: {
      Engineering: { credits: "14400", money: "432" },
      Sales: { credits: "6000", money: "180" },
      Support: { credits: "4350", money: "130.5" },
    },
    refusals: [
      { department: "Support", code: "pool_limit_exceeded", needed: "181.072" },
      { department: "Engineering", code: "insufficient_credits", needed: "331.072" },
    ],
    leftAtRefusal: "250",
    // 10 standard seats × 3000 and 3 premium seats × 15000, a line each.
    januaryInvoice: {
      lines: ["10 Standard seats (null): 30000", "3 Premium seats (premium): 45000"],
      total: "75000",
    },
    // January's 250 expired unused with the month; February's seats bring 10 × 1,000 + 3 × 5,000.
    februaryFromSeats: "25000",
  });
  assert.match(out.text(), /Support's next turn: pool_limit_exceeded/);
  assert.match(out.text(), /Sales +4 standard +4,000 +6,000 +\$180\.00/);
});

test("tiered seats: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("tiered-seats"), ["npx tsx examples/tiered-seats/run.ts"]);
  const run = await runReadme("tiered-seats", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Invoice for January \(finalized\)/);
});
