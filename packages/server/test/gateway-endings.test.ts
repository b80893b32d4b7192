/**
 * How gateway streams end, through the official `openai` client: output that would pass the hold
 * grows it while the pool has room and then ends cleanly (`finish_reason: "length"`) without
 * passing a hard limit; a client that goes away mid-stream is settled from what was streamed and
 * leaves nothing held; the Responses API, whole and streamed, settles from its usage.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import OpenAI from "openai";
import type { Principal } from "../src/access/principal.ts";
import { at } from "./support/api.ts";
import { type GatewayWorld, gatewayWorld, openAiModel, poolFigures } from "./support/gateway.ts";

function client(world: GatewayWorld) {
  return new OpenAI({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/openai/v1`,
    maxRetries: 0,
  });
}

function owner(world: GatewayWorld): Principal {
  return {
    keyId: "test",
    organizationId: world.org.organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
}

/** The call's record once it is written (a stream settles as it ends, after the client). */
async function loggedCall(world: GatewayWorld) {
  for (let wait = 0; wait < 100; wait += 1) {
    const [call] = await world.api.services.gateway.list(owner(world), {}, { limit: 1 });
    if (call !== undefined) return call;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the call was never settled");
}

describe("gateway stream endings", () => {
  it("output past the hold grows it while the pool has room, then ends cleanly within the limit", async (t) => {
    const world = await gatewayWorld(t, {
      limit: { amount: "0.06", kind: "hard", period: "month" },
    });
    // A provider that writes past `max_tokens`: 60 words against the 5 tokens held.
    world.fake.script({ kind: "reply", text: "word ".repeat(60).trim(), chunks: 30 });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of await client(world).chat.completions.create({
      model: openAiModel,
      messages: [{ role: "user", content: "Write at length." }],
      max_tokens: 5,
      stream: true,
    }))
      chunks.push(chunk);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, "length");
    const streamed = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    assert.ok(streamed.length < "word ".repeat(60).length - 1, "the stream ended early");
    const call = await loggedCall(world);
    assert.equal(call.status, "ended_at_limit");
    assert.ok(call.holdIds.length >= 2, "the hold grew before it ended");
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.ok(Number(at(figures, "consumed_this_period")) <= 0.06, JSON.stringify(figures));
  });

  it("a client gone mid-stream is settled from what was streamed, and nothing stays held", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "reply",
      text: "one two three four five six seven eight nine ten",
      usage: { input_tokens: 20, output_tokens: 10 },
      chunks: 10,
      chunk_delay_ms: 50,
    });
    const stream = await client(world).chat.completions.create({
      model: openAiModel,
      messages: [{ role: "user", content: "Count to ten." }],
      stream: true,
    });
    let read = 0;
    for await (const _chunk of stream) {
      read += 1;
      if (read === 3) break;
    }
    const call = await loggedCall(world);
    assert.equal(call.status, "disconnected");
    const usage = JSON.parse(call.usage) as Record<string, number>;
    assert.ok((usage.output_tokens ?? 0) >= 1 && (usage.output_tokens ?? 0) < 10, call.usage);
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.ok(Number(at(figures, "consumed_this_period")) > 0);
  });

  it("settles the Responses API from its usage, whole and streamed", async (t) => {
    const world = await gatewayWorld(t);
    const usage = { input_tokens: 300, cached_input_tokens: 100, output_tokens: 40 };
    world.fake.script(
      { kind: "reply", text: "A whole answer.", usage },
      { kind: "reply", text: "A streamed answer.", usage, chunks: 3 },
    );
    const openai = client(world);
    const whole = await openai.responses.create({ model: openAiModel, input: "Explain pools." });
    assert.equal(whole.output_text, "A whole answer.");
    const events: string[] = [];
    for await (const event of await openai.responses.create({
      model: openAiModel,
      input: "Explain pools.",
      stream: true,
    }))
      events.push(event.type);
    assert.equal(events.at(-1), "response.completed");
    // 300 × 0.001 + 100 × 0.0001 + 40 × 0.004 = 0.47, twice.
    assert.equal(at(await poolFigures(world), "available"), "999.06");
    const sent = world.fake.requests();
    assert.equal(
      (sent[0]?.body as { max_output_tokens?: number }).max_output_tokens !== undefined,
      true,
    );
  });
});
