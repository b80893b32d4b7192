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

test("team chat seats: one pool for everyone, a seat added on 16 January, the month invoiced", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    includedAtStart: "4000",
    // 1,000 credits × 16/31 of January, rounded half up once to a micro-credit.
    seatAddedCredits: "516.129032",
    // Turns at 0.0005 a token in and 0.002 out: Ana 10 × (4 + 4), Ben 5 × (2.5 + 4),
    // Chloe 10 × (9 + 9.6), Eve 6 × (5 + 6); Dev 40 × (20 + 20), then agent runs of 100 + 80
    // each: 4,000 + 516.129032 − 1,964.5 = 2,551.629032 held 13 runs (2,340) and not a 14th,
    // which needs 100 + 65,536 × 0.002 = 231.072 held.
    consumedBy: { Dev: "3940", Chloe: "186", Ana: "80", Eve: "66", Ben: "32.5" },
    refusal: {
      member: "Dev",
      code: "insufficient_credits",
      available: "211.629032",
      needed: "231.072",
    },
    januaryInvoice: { lines: ["seats 4 12000", "seats_added 1 1548"], total: "13548" },
    februaryIncluded: "5000",
  });
  assert.match(out.text(), /Dev's next agent run: insufficient_credits/);
  assert.match(out.text(), /1 seat added +\$15\.48/);
});

test("team chat seats: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("team-chat-seats"), ["npx tsx examples/team-chat-seats/run.ts"]);
  const run = await runReadme("team-chat-seats", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Invoice for January \(finalized\)/);
});
