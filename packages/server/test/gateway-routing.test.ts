/**
 * Routing through the gateway, with the official `openai` client: `model: "auto"` runs the model
 * the pool's routing policy picks for the request's tier, and says so (`model` and
 * `x-creditpool-model`); when the pool cannot hold the tier's model, a cheaper candidate is held
 * before the call is refused; a model named by the caller is never swapped; `on_limit:
 * end_stream` ends a stream at its hold without growing it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { at } from "./support/api.ts";
import {
  anthropicModel,
  type GatewayWorld,
  gatewayWorld,
  heavyModel,
  lightModel,
  openAiModel,
  poolFigures,
} from "./support/gateway.ts";

function client(world: GatewayWorld, headers: Record<string, string> = {}) {
  return new OpenAI({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/openai/v1`,
    maxRetries: 0,
    defaultHeaders: headers,
  });
}

async function policy(world: GatewayWorld, extra: object = {}): Promise<void> {
  await world.api.ok("POST", "/v1/routing-policies", {
    key: world.org.ownerKey,
    body: {
      pool: world.pool,
      tiers: { light: [lightModel], standard: [openAiModel], heavy: [heavyModel] },
      ...extra,
    },
  });
}

const ask = [{ role: "user" as const, content: "Plan the migration of our billing system." }];

describe("routing through the gateway", () => {
  it("auto runs the tier's model and names it in the answer", async (t) => {
    const world = await gatewayWorld(t);
    await policy(world);
    world.fake.script({
      kind: "reply",
      text: "Done.",
      usage: { input_tokens: 10, output_tokens: 2 },
    });
    const answer = await client(world, { "x-creditpool-tier": "heavy" })
      .chat.completions.create({ model: "auto", messages: ask, max_tokens: 50 })
      .withResponse();
    assert.equal(answer.data.model, heavyModel);
    assert.equal(answer.response.headers.get("x-creditpool-model"), heavyModel);
    const [sent] = world.fake.requests();
    assert.equal((sent?.body as { model?: string } | undefined)?.model, heavyModel);
  });

  it("holds a cheaper candidate when the pool cannot hold the tier's model, before refusing", async (t) => {
    // 0.5 credits: a heavy call of 1,000 output tokens holds 40 and is refused; the light model
    // holds 0.4 and runs.
    const world = await gatewayWorld(t, { credits: "0.5" });
    await policy(world);
    world.fake.script({
      kind: "reply",
      text: "Short.",
      usage: { input_tokens: 10, output_tokens: 2 },
    });
    const answer = await client(world, { "x-creditpool-tier": "heavy" }).chat.completions.create({
      model: "auto",
      messages: ask,
      max_tokens: 1_000,
    });
    assert.equal(answer.model, lightModel);
    assert.equal(at(await poolFigures(world), "held"), "0");
    // Named, a model is never swapped: the same call is refused.
    const refused = await client(world)
      .chat.completions.create({ model: heavyModel, messages: ask, max_tokens: 1_000 })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.RateLimitError, String(refused));
    assert.equal(world.fake.requests().length, 1);
  });

  it("auto without a policy is refused, naming model", async (t) => {
    const world = await gatewayWorld(t);
    const refused = await client(world)
      .chat.completions.create({ model: "auto", messages: ask })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.APIError, String(refused));
    assert.equal(refused.status, 422);
    assert.equal(refused.param, "model");
    assert.equal(world.fake.requests().length, 0);
  });

  it("on_limit end_stream ends a stream at its hold without growing it", async (t) => {
    const world = await gatewayWorld(t);
    await policy(world, { on_limit: "end_stream" });
    // Claude's input is estimated; upstream reports far more at the stream's start.
    world.fake.script({
      kind: "reply",
      text: "Never shown.",
      usage: { input_tokens: 20_000, output_tokens: 3 },
      chunks: 2,
    });
    const anthropic = new Anthropic({
      apiKey: world.key,
      baseURL: `${world.url}/gateway/anthropic`,
      maxRetries: 0,
    });
    const final = await anthropic.messages
      .stream({ model: anthropicModel, max_tokens: 10, messages: ask })
      .finalMessage();
    assert.equal(final.stop_reason, "max_tokens");
    const owner = {
      keyId: "test",
      organizationId: world.org.organizationId,
      role: "owner" as const,
      poolId: null,
      memberId: null,
    };
    for (let wait = 0; wait < 100; wait += 1) {
      const [call] = await world.api.services.gateway.list(owner, {}, { limit: 1 });
      if (call !== undefined) {
        assert.equal(call.status, "ended_at_limit");
        assert.equal(call.holdIds.length, 1, "the hold did not grow");
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail("the call was never settled");
  });
});
