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

test("outcome pricing: each outcome billed once, by meter, overage on the invoice", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    // 30 meetings, 12 videos and 350 resolutions, then three reported again as they were and
    // one with another measure.
    reported: { events: 396, recorded: 392, duplicate: 3, refused: 1 },
    duplicates: ["meeting-7-retry", "export-3", "crm-ticket-4410"],
    refused: [{ id: "meeting-7-edited", code: "idempotency_key_reused" }],
    // Meetings 5 × (30 + 45 + 60 + 90 + 120 + 155) = 2,500 minutes × 2; videos
    // 3 × (5 + 10 + 15 + 20) = 150 minutes × 150; 350 resolutions × 99.
    byMeter: {
      "conversation.resolved": "34650",
      "video.minutes": "22500",
      "meeting.minutes": "5000",
    },
    consumed: "62150",
    // 62,150 − 50,000 included, drawn from the overage allowance: no grant covered them.
    overage: "12150",
    // $500.00, and 12,150 credits at 1.2 cents: 14,580 cents.
    januaryInvoice: { lines: ["base 1 50000", "overage 1 14580"], total: "64580" },
  });
  assert.match(out.text(), /export-3: duplicate/);
  assert.match(out.text(), /meeting-7-edited: idempotency_key_reused/);
  assert.match(out.text(), /Past the 50,000 included: 12,150 credits of overage/);
});

test("outcome pricing: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("outcome-pricing"), ["npx tsx examples/outcome-pricing/run.ts"]);
  const run = await runReadme("outcome-pricing", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Invoice for January \(finalized\)/);
});
