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

test("eligible users: four licences pooled, the unlicensed refused, a licence moved", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    // Four licences of 1,000 credits each.
    capacity: "4000",
    eligible: { january: ["Ana", "Ben", "Cy", "Dee"], from15th: ["Ana", "Ben", "Cy", "Eli"] },
    // Requests of 50: Ana 30 + 12, Ben 18, Cy 8, Eli 6.
    consumedBy: { Ana: "2100", Ben: "900", Cy: "400", Eli: "300" },
    refused: [
      "Eli (no licence): 403 seat_required",
      "Dee (licence moved to Eli): 403 seat_required",
      "Fay (no licence): 403 seat_required",
    ],
    // One pool of 4,000 serves all 3,700; quotas of 1,000 serve Ana only 1,000 of her 2,100.
    pooled: { served: "3700", blocked: "0" },
    siloed: { served: "2600", blocked: "1100", stranded: "1400" },
    januaryInvoice: { lines: ["seats 4 8000"], total: "8000" },
  });
  assert.match(out.text(), /Dee \(licence moved to Eli\): 403 seat_required/);
  assert.match(out.text(), /quotas +2,600 +1,100 +1,400/);
});

test("eligible users: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("eligible-users"), ["npx tsx examples/eligible-users/run.ts"]);
  const run = await runReadme("eligible-users", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /One shared pool versus a quota of 1,000 a licence/);
});
