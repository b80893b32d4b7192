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

test("provider key apps: one key per provider, a hard cap per project, refused in OpenAI's shape", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  assert.deepEqual(figures, {
    keysShown: ["4f2a", "9c1e"],
    // Catalog prices × 1.2 ÷ $0.01 ÷ 10^6: gpt-5 0.00015 a token in, 0.0012 out. A ticket is
    // 1,649 tokens in (the fake counts a token per 4 bytes) and 16 out: 0.24735 + 0.0192 =
    // 0.26655 a ticket, 2.39895 after 9. The 10th is held at its exact input, 2,681 tokens, and
    // its whole 1,024-token output ceiling: 0.40215 + 1.2288 = 1.63095, and 2.39895 + 1.63095
    // passes the cap of 4.
    ticketsAnswered: 9,
    refusal: {
      status: 429,
      type: "insufficient_quota",
      code: "pool_limit_exceeded",
      creditpoolCode: "pool_limit_exceeded",
      reachedUpstream: false,
      needed: "1.63095",
      consumed: "2.39895",
      cap: "4",
    },
    keptWorking: ["search: answered (gpt-5-nano)", "internal-tools: answered (claude-haiku-4-5)"],
    // internal-tools: 5 summaries of 800 tokens in and 16 out at claude-haiku-4-5's 0.00012 and
    // 0.0006: 5 × (0.096 + 0.0096) = 0.528. search: 7 queries, each an embedding of 9 tokens at
    // 0.0000024 (0.0000216, rounded half up once to 0.000022) and an answer of 15 in and 16 out
    // at gpt-5-nano's 0.000006 and 0.000048 (0.00009 + 0.000768): 7 × 0.00088 = 0.00616.
    januaryByPool: { "support-bot": "2.39895", "internal-tools": "0.528", search: "0.00616" },
    januaryByModel: {
      "gpt-5": "2.39895",
      "claude-haiku-4-5": "0.528",
      "gpt-5-nano": "0.006006",
      "text-embedding-3-small": "0.000154",
    },
    // 2.93311 credits at the grant's $0.01 cost basis.
    januaryMoney: "0.0293311",
    // Ticket 51 is a byte longer: 1,650 tokens in, 0.2475 + 0.0192.
    februarySupportConsumed: "0.2667",
  });
  assert.match(out.text(), /the OpenAI client got: 429, type insufficient_quota/);
  assert.match(out.text(), /sent to OpenAI: no, refused before it went upstream/);
});

test("provider key apps: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("provider-key-apps"), [
    "npx tsx examples/provider-key-apps/run.ts",
  ]);
  const run = await runReadme("provider-key-apps", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /January by project/);
});
