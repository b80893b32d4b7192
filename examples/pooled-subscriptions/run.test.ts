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

test("pooled subscriptions: least-used seat first, a full seat skipped, tasks routed by complexity", async () => {
  const out = recorded();
  const figures = await play(served.target, out);
  // The fake counts a token per 4 bytes of prompt and answers 16 tokens. The migration is 17,959
  // tokens in (17,975 with its answer), past seat 01's 12,000 for 5 hours. A hard task is 773 in
  // (786 from round 10, two digits), so 789 or 802 a call; a simple one 8 in, 24 a call. Each
  // call goes to the seat with the most headroom, ties to the least recently used: seats 02 to
  // 12 first, then the ones that served only a simple question.
  const seat = (calls: number, tokens: number) => ({ calls, fiveHour: tokens, week: tokens });
  assert.deepEqual(figures, {
    seats: {
      "Max seat 01": seat(1, 17_975),
      "Max seat 02": seat(2, 789 + 24),
      "Max seat 03": seat(3, 24 + 24 + 789),
      "Max seat 04": seat(2, 789 + 802),
      "Max seat 05": seat(2, 24 + 789),
      "Max seat 06": seat(2, 789 + 24),
      "Max seat 07": seat(5, 4 * 24 + 802),
      "Max seat 08": seat(1, 789),
      "Max seat 09": seat(2, 24 + 789),
      "Max seat 10": seat(1, 789),
      "Max seat 11": seat(3, 24 + 24 + 802),
      "Max seat 12": seat(1, 789),
    },
    fullSeat: { name: "Max seat 01", callsAfterFull: 0 },
    // Its 5-hour window started at 00:00 on the organization's clock; at 06:00 it has reset.
    afterReset: { seat: "Max seat 01", fiveHour: 0 },
    // Eight tools make a task heavy; a one-line question stays light.
    modelsByTask: {
      migration: { "claude-opus-4-1": 1 },
      hard: { "claude-opus-4-1": 12 },
      simple: { "claude-haiku-4-5": 12 },
    },
    // List prices ÷ $0.01 ÷ 10^6: opus 0.0015 in, 0.0075 out; haiku 0.0001 in, 0.0005 out.
    // Opus: (17,959 + 9 × 773 + 3 × 786) × 0.0015 + 13 × 16 × 0.0075 = 40.911 + 1.56.
    // Haiku: 12 × (8 × 0.0001 + 16 × 0.0005) = 12 × 0.0088.
    creditsByModel: { "claude-opus-4-1": "42.471", "claude-haiku-4-5": "0.1056" },
    creditsTotal: "42.5766",
    poolConsumed: "42.5766",
  });
  assert.match(out.text(), /Max seat 01 took the migration first and filled its 5-hour window/);
  assert.match(out.text(), /simple {5}12 on claude-haiku-4-5/);
});

test("pooled subscriptions: the README's commands run as written", async () => {
  assert.deepEqual(readmeCommands("pooled-subscriptions"), [
    "npx tsx examples/pooled-subscriptions/run.ts",
  ]);
  const run = await runReadme("pooled-subscriptions", served.target);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /What it cost in credits/);
});
