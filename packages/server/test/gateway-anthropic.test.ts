/**
 * The gateway through the official `@anthropic-ai/sdk` client, changed only in its base URL and
 * API key: messages whole and streamed settle from Anthropic's usage (cache reads and writes their
 * own meters, `message_delta`'s output cumulative, never summed); a refusal answers Anthropic's
 * 402 with the creditpool code; token counting is forwarded and holds nothing; and 64 concurrent
 * streams on a pool with a hard limit never pass it, nor leave anything held.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { at } from "./support/api.ts";
import { anthropicModel, type GatewayWorld, gatewayWorld, poolFigures } from "./support/gateway.ts";

function client(world: GatewayWorld) {
  return new Anthropic({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/anthropic`,
    maxRetries: 0,
  });
}

const messages = [{ role: "user" as const, content: "Summarize our credit policy." }];

describe("the gateway, Anthropic-compatible", () => {
  it("settles a message from its usage, cache reads and writes their own meters", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "reply",
      text: "Credits pool at the organization.",
      usage: {
        input_tokens: 500,
        cached_input_tokens: 1_000,
        cache_write_tokens: 200,
        output_tokens: 80,
      },
    });
    const answer = await client(world).messages.create({
      model: anthropicModel,
      max_tokens: 400,
      messages,
    });
    assert.equal(answer.usage.cache_read_input_tokens, 1_000);
    // 500 × 0.001 + 1,000 × 0.0001 + 200 × 0.00125 + 80 × 0.004 = 1.17
    assert.equal(at(await poolFigures(world), "available"), "998.83");
    assert.equal(at(await poolFigures(world), "held"), "0");
  });

  it("streams a message and settles the last cumulative output, not a sum", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "reply",
      text: "one two three four five six",
      usage: { input_tokens: 100, output_tokens: 30 },
      chunks: 6,
    });
    const stream = client(world).messages.stream({
      model: anthropicModel,
      max_tokens: 400,
      messages,
    });
    const text: string[] = [];
    stream.on("text", (piece) => text.push(piece));
    const final = await stream.finalMessage();
    assert.equal(text.join(""), "one two three four five six");
    assert.equal(final.usage.output_tokens, 30);
    // 100 × 0.001 + 30 × 0.004 = 0.22
    assert.equal(at(await poolFigures(world), "available"), "999.78");
  });

  it("refuses with Anthropic's 402 and the creditpool code, before upstream", async (t) => {
    const world = await gatewayWorld(t, {
      limit: { amount: "0.5", kind: "hard", period: "month" },
    });
    const refused = await client(world)
      .messages.create({ model: anthropicModel, max_tokens: 4_000, messages })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof Anthropic.APIError, String(refused));
    assert.equal(refused.status, 402);
    const body = refused.error as { error: { type: string; creditpool: { code: string } } };
    assert.equal(body.error.type, "billing_error");
    assert.equal(body.error.creditpool.code, "pool_limit_exceeded");
    assert.equal(world.fake.requests().length, 0);
  });

  it("forwards token counting, exact from upstream, holding nothing", async (t) => {
    const world = await gatewayWorld(t);
    const counted = await client(world).messages.countTokens({ model: anthropicModel, messages });
    assert.ok(counted.input_tokens > 0);
    assert.equal(world.fake.requests()[0]?.path, "/v1/messages/count_tokens");
    assert.equal(at(await poolFigures(world), "available"), "1000");
  });

  it("64 concurrent streams on a hard limit never pass it, and leave nothing held", async (t) => {
    // Each call holds 10 input tokens (estimated) and 100 output: about 0.41 credits; the limit
    // admits some, refuses the rest, and what the admitted ones settle stays within it.
    const world = await gatewayWorld(t, {
      limit: { amount: "10", kind: "hard", period: "month" },
    });
    const calls = Array.from({ length: 64 }, (_, n) => {
      world.fake.script({
        kind: "reply",
        text: "word ".repeat(20).trim(),
        usage: { input_tokens: 12, output_tokens: 90 },
        chunks: 5,
        chunk_delay_ms: 5,
      });
      return (async () => {
        try {
          const stream = client(world).messages.stream({
            model: anthropicModel,
            max_tokens: 100,
            messages: [{ role: "user" as const, content: `Call ${n}.` }],
          });
          await stream.finalMessage();
          return "completed";
        } catch (error) {
          if (error instanceof Anthropic.APIError && error.status === 402) return "refused";
          throw error;
        }
      })();
    });
    const outcomes = await Promise.all(calls);
    const completed = outcomes.filter((outcome) => outcome === "completed").length;
    assert.ok(completed > 0 && completed < 64, `completed ${completed} of 64`);
    assert.equal(world.fake.requests().length, completed, "refused calls never reached upstream");
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    const consumed = Number(at(figures, "consumed_this_period"));
    assert.ok(consumed <= 10, `consumed ${consumed} within the hard limit of 10`);
    // Each completed call settled exactly: 12 × 0.001 + 90 × 0.004 = 0.372.
    assert.equal(Math.round(consumed * 1_000_000), Math.round(completed * 0.372 * 1_000_000));
  });
});
