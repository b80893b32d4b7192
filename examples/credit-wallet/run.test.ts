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

test("credit wallet: the provider's price cut is a new version, the same credits, a wider margin", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    included: "1000",
    // 300 + 150 lookups at 1 credit; 8 + 3 documents at 50.
    consumed: { lookups: "450", documents: "550" },
    refusal: { code: "insufficient_credits", available: "0" },
    // A credit is $20.00 / 1,000 = $0.02 of revenue. Version 1: 700 credits, $14.00, and
    // 300 × $0.002 + 8 × $0.10 = $1.40 of provider cost; version 2: 300 credits, $6.00, and
    // 150 × $0.001 + 3 × $0.05 = $0.30.
    margin: [
      {
        version: "version 1 (before the cut)",
        credits: "700",
        revenue: "14",
        providerCost: "1.4",
        margin: "12.6",
        marginPercent: "90",
      },
      {
        version: "version 2 (after the cut)",
        credits: "300",
        revenue: "6",
        providerCost: "0.3",
        margin: "5.7",
        marginPercent: "95",
      },
    ],
    invoiceTotal: "2000",
  });
  assert.match(out.text(), /January +1,000 +\$20\.00 +\$1\.70 +\$18\.30 +91\.5%/);
});

test("credit wallet: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("credit-wallet"), ["npx tsx examples/credit-wallet/run.ts"]);
  const run = await runReadme("credit-wallet", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Margin by rate-card version/);
});
