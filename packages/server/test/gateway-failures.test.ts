/**
 * The gateway when things go wrong, through the official clients: whatever fails once a call
 * holds credits, the call is settled and nothing stays held; what cannot be sized is refused
 * before anything is held; a stream whose pieces forward nothing (half an event, the hidden usage
 * chunk) still reaches its end; an upstream that refuses an account's credential is passed over
 * without the client ever seeing that answer; a hold refused for a reason that is no governance
 * rule answers as an error, not a crash.
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
  plainModel,
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

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

async function nothingHeld(world: GatewayWorld): Promise<void> {
  assert.equal(at(await poolFigures(world), "held"), "0");
}

describe("the gateway when things go wrong", () => {
  it("refuses what it cannot size before holding anything, naming the field", async (t) => {
    const world = await gatewayWorld(t);
    const openai = client(world);
    const stored = await failure(
      openai.responses.create({
        model: plainModel,
        input: "More.",
        previous_response_id: "resp_1",
      }),
    );
    assert.ok(stored instanceof OpenAI.BadRequestError, String(stored));
    assert.equal(stored.param, "previous_response_id");
    const tool = await failure(
      openai.responses.create({
        model: plainModel,
        input: "Look.",
        tools: [{ type: "web_search" }],
      }),
    );
    assert.ok(tool instanceof OpenAI.BadRequestError, String(tool));
    assert.equal(tool.param, "tools[0].type");
    const options = await failure(
      openai.chat.completions.create({
        model: plainModel,
        messages: short,
        stream: true,
        stream_options: 1 as unknown as OpenAI.ChatCompletionStreamOptions,
      }),
    );
    assert.ok(options instanceof OpenAI.BadRequestError, String(options));
    assert.equal(options.param, "stream_options");
    const search = await failure(
      openai.chat.completions.create({
        model: plainModel,
        messages: short,
        web_search_options: {},
      }),
    );
    assert.ok(search instanceof OpenAI.BadRequestError, String(search));
    assert.equal(search.param, "web_search_options");
    const named = await failure(
      openai.chat.completions.create({ model: "gpt-4.1\u0000", messages: short }),
    );
    assert.ok(named instanceof OpenAI.BadRequestError, String(named));
    assert.equal(named.param, "model");
    const claude = new Anthropic({
      apiKey: world.key,
      baseURL: `${world.url}/gateway/anthropic`,
      maxRetries: 0,
    });
    const fetched = await failure(
      claude.messages.create({
        model: anthropicModel,
        max_tokens: 10,
        messages: [
          {
            role: "user",
            content: [
              { type: "document", source: { type: "url", url: "https://example.com/a.pdf" } },
              { type: "text", text: "Summarize." },
            ],
          },
        ],
      }),
    );
    assert.ok(fetched instanceof Anthropic.BadRequestError, String(fetched));
    const serverTool = await failure(
      claude.messages.create({
        model: anthropicModel,
        max_tokens: 10,
        messages: short,
        tools: [{ type: "web_search_20250305", name: "web_search" }],
      }),
    );
    assert.ok(serverTool instanceof Anthropic.BadRequestError, String(serverTool));
    assert.equal(world.fake.requests().length, 0);
    await nothingHeld(world);
  });

  it("a stream whose pieces forward nothing still reaches its end", async (t) => {
    const world = await gatewayWorld(t);
    // Slow pieces, and the usage chunk (hidden: the client did not ask) in a piece of its own.
    world.fake.script({
      kind: "reply",
      text: "one two three",
      usage: { input_tokens: 12, output_tokens: 3 },
      chunks: 3,
      chunk_delay_ms: 30,
    });
    const pieces: string[] = [];
    for await (const chunk of await client(world).chat.completions.create({
      model: plainModel,
      messages: short,
      stream: true,
    }))
      pieces.push(chunk.choices[0]?.delta.content ?? "");
    assert.equal(pieces.join(""), "one two three");
    await nothingHeld(world);
    // 12 × 0.001 + 3 × 0.004 = 0.024
    assert.equal(at(await poolFigures(world), "consumed_this_period"), "0.024");
  });

  it("settles a call whose upstream answer breaks off mid-body, and answers an error", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({ kind: "cut", text: "lost", after_chunks: 0 });
    const broken = await failure(
      client(world).chat.completions.create({ model: plainModel, messages: short }),
    );
    assert.ok(broken instanceof OpenAI.APIError, String(broken));
    await nothingHeld(world);
    const [call] = await world.api.services.gateway.list(owner(world), {}, { limit: 1 });
    assert.equal(call?.status, "failed");
  });

  it("usage the pinned rate card cannot price captures what was held, rather than nothing", async (t) => {
    const world = await gatewayWorld(t);
    // Upstream reports a cache write; the rate card in force prices none for this model.
    const prices = [
      { meter: "input_tokens", dimensions: { model: "gpt-4o" }, credits_per_unit: "0.001" },
      { meter: "output_tokens", dimensions: { model: "gpt-4o" }, credits_per_unit: "0.004" },
    ];
    await world.api.ok("POST", "/v1/rate-cards", { key: world.org.ownerKey, body: { prices } });
    world.fake.script({
      kind: "reply",
      text: "ok",
      usage: { input_tokens: 10, cached_input_tokens: 5, output_tokens: 1 },
    });
    await client(world).chat.completions.create({
      model: "gpt-4o",
      messages: short,
      max_tokens: 20,
    });
    const [call] = await world.api.services.gateway.list(owner(world), {}, { limit: 1 });
    assert.equal(call?.status, "completed");
    await nothingHeld(world);
    const consumed = Number(at(await poolFigures(world), "consumed_this_period"));
    assert.equal(
      Math.round(consumed * 1e6),
      Number(call?.credits),
      "the call's credits were taken",
    );
    assert.ok(consumed > 0.08, `the whole hold (20 output tokens alone are 0.08), not ${consumed}`);
  });

  it("passes over an account whose credential upstream refuses; the client never sees it", async (t) => {
    const world = await gatewayWorld(t, { accounts: 2 });
    world.fake.script(
      {
        kind: "error",
        status: 401,
        type: "invalid_request_error",
        message: "Incorrect API key: sk-…-1",
      },
      { kind: "reply", text: "Served.", usage: { input_tokens: 4, output_tokens: 1 } },
    );
    const answer = await client(world).chat.completions.create({
      model: plainModel,
      messages: short,
    });
    assert.equal(answer.choices[0]?.message.content, "Served.");
    // Both refused: 502 in the gateway's own words.
    world.fake.script(
      { kind: "error", status: 401, type: "invalid_request_error", message: "Incorrect API key" },
      { kind: "error", status: 401, type: "invalid_request_error", message: "Incorrect API key" },
    );
    const failed = await failure(
      client(world).chat.completions.create({ model: plainModel, messages: short }),
    );
    assert.ok(failed instanceof OpenAI.APIError, String(failed));
    assert.ok(!(failed instanceof OpenAI.AuthenticationError), "not the client's key at fault");
    await nothingHeld(world);
  });

  it("a hold on an archived pool answers an error in the provider's words", async (t) => {
    const world = await gatewayWorld(t);
    const owner = world.org.ownerKey;
    const spare = await world.api.pool(world.org, world.org.rootPoolId);
    await world.api.ok("POST", `/v1/pools/${spare}/archive`, { key: owner, body: {} });
    const admin = await world.api.keyFor(world.org, "admin");
    const refused = await failure(
      new OpenAI({
        apiKey: admin,
        baseURL: `${world.url}/gateway/openai/v1`,
        maxRetries: 0,
        defaultHeaders: { "x-creditpool-pool": spare },
      }).chat.completions.create({ model: plainModel, messages: short }),
    );
    assert.ok(refused instanceof OpenAI.APIError, String(refused));
    assert.equal(refused.status, 409);
    assert.equal(world.fake.requests().length, 0);
  });

  it("token counting needs a key that may hold", async (t) => {
    const world = await gatewayWorld(t);
    const viewer = await world.api.keyFor(world.org, "viewer");
    const counted = await failure(
      new Anthropic({
        apiKey: viewer,
        baseURL: `${world.url}/gateway/anthropic`,
        maxRetries: 0,
      }).messages.countTokens({ model: anthropicModel, messages: short }),
    );
    assert.ok(counted instanceof Anthropic.PermissionDeniedError, String(counted));
    assert.equal(world.fake.requests().length, 0);
  });
});
