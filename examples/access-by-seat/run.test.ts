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

test("access by seat: only seat holders reach the provider; the pack, then pay as you go", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    seatHolders: { january: ["Ana", "Ben", "Cy"], afterCyLeft: ["Ana", "Ben", "Dee"] },
    refusals: [
      "assign a seat to Dee: 409 seats_exhausted",
      "Dee's call: 403 seat_required",
      "Cy's call after he left: 403 seat_required",
    ],
    // 12 + 8 + 6 + 2 calls answered; the two refused never left creditpool.
    upstreamCalls: 28,
    // A call: 2,000 tokens in at 0.001 and 20,000 out at 0.004 = 2 + 80 = 82 credits.
    consumedBy: { Ana: "984", Ben: "656", Cy: "492", Dee: "164" },
    // 2,296 consumed, 2,000 from the pack: 296 paid as you go.
    overageUsed: "296",
    // The pack $200, three seats $90, 296 credits at 12 cents = $35.52.
    januaryInvoice: {
      lines: ["base 1 20000", "seats 3 9000", "overage 1 3552"],
      total: "32552",
    },
  });
  assert.match(out.text(), /Dee's call: 403 seat_required/);
  assert.match(out.text(), /total +\$325\.52/);
});

test("access by seat: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("access-by-seat"), ["npx tsx examples/access-by-seat/run.ts"]);
  const run = await runReadme("access-by-seat", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Invoice for January \(finalized\)/);
});
