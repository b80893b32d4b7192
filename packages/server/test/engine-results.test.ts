/**
 * The engine's answers are typed results, stored compactly with their idempotency key and
 * rendered by the transport: a replay renders exactly as the first answer did, and an answer
 * stored before results were typed is still sent as it was stored.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { credits } from "@creditpool/core";
import { decodeAnswer, encodeAnswer } from "../src/engine/answer-codec.ts";
import { type EngineAnswer, errorAnswer } from "../src/engine/results.ts";
import { ledgerBody } from "../src/http/views.ts";
import { MemoryStore } from "../src/store/memory/memory-store.ts";
import { grantRequest, holdRequest, testEngine } from "./support/ledger.ts";

describe("typed results", () => {
  it("survive storage exactly, amounts included, and render the same", async () => {
    const { engine } = testEngine(new MemoryStore());
    const { id, rootPoolId } = await engine.createOrganization("Results");
    await engine.submit(id, grantRequest(rootPoolId, "100"));
    const answers: EngineAnswer[] = [
      await engine.submit(id, holdRequest(rootPoolId, "12.5")),
      await engine.submit(id, holdRequest(rootPoolId, "1000")),
      await engine.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(1) }),
      await engine.submit(id, grantRequest(rootPoolId, "0.000001")),
    ];
    for (const answer of answers) {
      const again = decodeAnswer(encodeAnswer(answer));
      assert.deepEqual(again, answer);
      assert.equal(JSON.stringify(ledgerBody(again)), JSON.stringify(ledgerBody(answer)));
    }
    assert.deepEqual(
      answers.map((answer) => answer.result.kind),
      ["allowed", "refused", "usage", "grant"],
    );
  });

  it("holds, settlements, refusals and errors are stored positionally, short", async () => {
    const { engine } = testEngine(new MemoryStore());
    const { id, rootPoolId } = await engine.createOrganization("Positional");
    await engine.submit(id, grantRequest(rootPoolId, "10"));
    const held = await engine.submit(id, holdRequest(rootPoolId, "3"));
    const holdId = held.result.kind === "allowed" ? held.result.hold.id : "";
    const answers: EngineAnswer[] = [
      held,
      await engine.submit(id, { type: "capture_hold", holdId, amount: credits(2) }),
      await engine.submit(id, { type: "release_hold", holdId }),
      errorAnswer("idempotency_key_reused", "", "Idempotency-Key"),
      errorAnswer("invalid_request", "amount must be positive", "amount"),
    ];
    for (const answer of answers) {
      const stored = encodeAnswer(answer);
      assert.ok(stored.startsWith("[3,"), stored);
      assert.ok(stored.length < 200, `${stored.length} bytes: ${stored}`);
      assert.deepEqual(decodeAnswer(stored), answer);
    }
    assert.deepEqual(
      answers.map((answer) => answer.result.kind),
      ["allowed", "hold", "hold", "none", "none"],
    );
  });

  it("an answer stored in the object form of the previous release still replays", () => {
    const stored =
      '{"v":2,"code":"ok","result":{"kind":"allowed","hold":{"id":"hold_1","poolId":"pool_1",' +
      '"memberId":null,"amount":{"$n":"3000000"},"status":"held","captured":null,' +
      '"rateCardVersion":null,"expiresAt":60000,"createdAt":0}},"message":"m"}';
    const answer = decodeAnswer(stored);
    assert.equal(answer.result.kind, "allowed");
    assert.equal(answer.result.kind === "allowed" && answer.result.hold.amount, 3_000_000n);
    assert.equal(answer.message, "m");
  });

  it("a replay through the engine answers the stored result, marked as a replay", async () => {
    const { engine } = testEngine(new MemoryStore());
    const { id, rootPoolId } = await engine.createOrganization("Replay");
    await engine.submit(id, grantRequest(rootPoolId, "10"));
    const first = await engine.submit(id, holdRequest(rootPoolId, "3"), { idempotencyKey: "k" });
    const replay = await engine.submit(id, holdRequest(rootPoolId, "3"), { idempotencyKey: "k" });
    assert.equal(replay.replayed, true);
    assert.equal(JSON.stringify(ledgerBody(replay)), JSON.stringify(ledgerBody(first)));
  });

  it("an answer stored before results were typed is sent as it was stored", () => {
    const body = { allowed: true, hold: { id: "hold_1", amount: "3" } };
    const legacy = JSON.stringify({ code: "ok", body });
    const answer = decodeAnswer(legacy);
    assert.deepEqual(answer.result, { kind: "rendered", body });
    assert.deepEqual(ledgerBody(answer), body);
    const refused = decodeAnswer(
      JSON.stringify({ code: "idempotency_key_reused", body: { message: "m" }, param: "p" }),
    );
    assert.deepEqual([refused.message, refused.param], ["m", "p"]);
  });
});
