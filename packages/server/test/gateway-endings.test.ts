/**
 * How gateway calls end, through the official clients: upstream is asked for exactly the output
 * held; a stream whose cost upstream reports above its hold (Claude's input, estimated before)
 * grows it while the pool has room, else ends cleanly before any output, the input it billed
 * still recorded; a
 * client gone mid-stream is settled from what was streamed, a reasoning model's cut call at its
 * whole ceiling; the Responses API, whole and streamed, settles from its usage.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import type { Principal } from "../src/access/principal.ts";
import { at } from "./support/api.ts";
import {
  anthropicModel,
  type GatewayWorld,
  gatewayWorld,
  openAiModel,
  plainModel,
  poolFigures,
} from "./support/gateway.ts";

function client(world: GatewayWorld) {
  return new OpenAI({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/openai/v1`,
    maxRetries: 0,
  });
}

function anthropic(world: GatewayWorld) {
  return new Anthropic({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/anthropic`,
    maxRetries: 0,
  });
}

const short = [{ role: "user" as const, content: "Reply in a word." }];

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
  it("an input larger than sized grows the hold at the stream's start while the pool has room", async (t) => {
    const world = await gatewayWorld(t);
    // Claude's input is estimated; upstream tells the real one in `message_start`: far more.
    world.fake.script({
      kind: "reply",
      text: "Fine.",
      usage: { input_tokens: 20_000, output_tokens: 3 },
      chunks: 2,
    });
    const final = await anthropic(world)
      .messages.stream({ model: anthropicModel, max_tokens: 10, messages: short })
      .finalMessage();
    assert.equal(final.stop_reason, "end_turn");
    const call = await loggedCall(world);
    assert.equal(call.status, "completed");
    assert.ok(call.holdIds.length >= 2, "the hold grew to cover the input upstream reported");
    // 20,000 × 0.001 + 3 × 0.004 = 20.012, settled exactly; nothing stays held.
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.equal(at(figures, "consumed_this_period"), "20.012");
  });

  it("an input the pool cannot cover ends the stream at its start: no output, the input owed", async (t) => {
    const world = await gatewayWorld(t, { limit: { amount: "5", kind: "hard", period: "month" } });
    world.fake.script({
      kind: "reply",
      text: "This should never be seen.",
      usage: { input_tokens: 20_000, output_tokens: 6 },
      chunks: 3,
    });
    const stream = anthropic(world).messages.stream({
      model: anthropicModel,
      max_tokens: 10,
      messages: short,
    });
    const text: string[] = [];
    stream.on("text", (piece) => text.push(piece));
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, "max_tokens");
    assert.deepEqual(text, [], "no output was forwarded");
    const call = await loggedCall(world);
    assert.equal(call.status, "ended_at_limit");
    // Upstream read the input before the gateway could stop it: what it billed is recorded, never
    // lost (20,000 × 0.001 and the 1 output token message_start counts), even past the limit.
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.equal(at(figures, "consumed_this_period"), "20.004");
  });

  it("upstream is asked for exactly the output held, whatever the client sent", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({ kind: "reply", text: "ok", usage: { input_tokens: 5, output_tokens: 1 } });
    await client(world).chat.completions.create({
      model: plainModel,
      messages: short,
      max_tokens: 1,
      max_completion_tokens: 16,
    });
    const sent = world.fake.requests()[0]?.body as Record<string, unknown>;
    assert.equal(sent.max_tokens, undefined);
    assert.equal(sent.max_completion_tokens, 1, "the smaller, as sized and held");
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
      model: plainModel,
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

  it("a reasoning model's call cut before its usage owes its whole output ceiling", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "cut",
      text: "alpha beta gamma delta",
      usage: { input_tokens: 10, output_tokens: 4, reasoning_tokens: 300 },
      chunks: 4,
      after_chunks: 2,
    });
    await (async () => {
      try {
        for await (const _chunk of await client(world).chat.completions.create({
          model: openAiModel,
          messages: short,
          max_tokens: 500,
          stream: true,
        })) {
          // read on until the cut
        }
      } catch {
        // the cut reaches the client as a failed stream
      }
    })();
    const call = await loggedCall(world);
    assert.equal(call.status, "cut");
    assert.equal((JSON.parse(call.usage) as { output_tokens: number }).output_tokens, 500);
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
    const body = sent[0]?.body as { max_output_tokens?: number } | undefined;
    assert.equal(body?.max_output_tokens, 128_000, "upstream asked for the ceiling held");
  });
});
