/**
 * The gateway through the official `openai` client, changed only in its base URL and API key:
 * every call is held before it goes upstream and settled exactly from upstream's usage (each
 * token kind its own meter); a chat stream's usage chunk is hidden from a client that did not ask
 * for it; a refused call never reaches upstream and answers in OpenAI's words with the creditpool
 * code and decision; an upstream error releases the hold; a 429 moves to the next account; a cut
 * or a client gone mid-stream is settled from what was streamed; the member, key, model, upstream
 * account and tags are on the call's record.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import OpenAI from "openai";
import { at } from "./support/api.ts";
import { type GatewayWorld, gatewayWorld, openAiModel, poolFigures } from "./support/gateway.ts";

const bin = new URL("../bin/creditpool.js", import.meta.url).pathname;

function client(world: GatewayWorld, headers: Record<string, string> = {}) {
  return new OpenAI({
    apiKey: world.key,
    baseURL: `${world.url}/gateway/openai/v1`,
    maxRetries: 0,
    defaultHeaders: headers,
  });
}

const question = [{ role: "user" as const, content: "What is a pooled credit?" }];

/** input 0.001, cached 0.0001, output and reasoning 0.004 credits a token. */
function creditsOf(usage: { input: number; cached: number; output: number; reasoning: number }) {
  return usage.input * 0.001 + usage.cached * 0.0001 + (usage.output + usage.reasoning) * 0.004;
}

async function calls(world: GatewayWorld) {
  return world.api.services.gateway.list(
    {
      keyId: "test",
      organizationId: world.org.organizationId,
      role: "owner",
      poolId: null,
      memberId: null,
    },
    {},
    { limit: 100 },
  );
}

describe("the gateway, OpenAI-compatible", () => {
  it("settles a chat completion exactly, each token kind its own meter, and records who and why", async (t) => {
    const world = await gatewayWorld(t);
    const usage = { input: 1_000, cached: 200, output: 250, reasoning: 50 };
    world.fake.script({
      kind: "reply",
      text: "Credits everyone draws from.",
      usage: {
        input_tokens: usage.input,
        cached_input_tokens: usage.cached,
        output_tokens: usage.output,
        reasoning_tokens: usage.reasoning,
      },
    });
    const answer = await client(world, {
      "x-creditpool-tags": "use_case=support,feature=faq",
    }).chat.completions.create({ model: openAiModel, messages: question, max_tokens: 500 });
    assert.equal(answer.choices[0]?.message.content, "Credits everyone draws from.");
    assert.equal(answer.usage?.prompt_tokens, 1_200);
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.equal(Number(at(figures, "available")), 1_000 - creditsOf(usage));
    const [call] = await calls(world);
    assert.equal(call?.status, "completed");
    assert.equal(call?.memberId, world.member);
    assert.equal(call?.keyId, world.keyId);
    assert.equal(call?.model, openAiModel);
    assert.equal(call?.upstreamId, world.upstreams[0]);
    assert.deepEqual(JSON.parse(call?.tags ?? "{}"), { use_case: "support", feature: "faq" });
    assert.deepEqual(JSON.parse(call?.usage ?? "{}"), {
      input_tokens: 1_000,
      cached_input_tokens: 200,
      output_tokens: 250,
      reasoning_tokens: 50,
    });
    const [sent] = world.fake.requests();
    assert.equal(sent?.credential?.key, "sk-openai-1", "upstream saw the account's key, not ours");
    // The call's record over the API, as the caller's own key reads it, and from the command line.
    const listed = await world.api.ok("GET", "/v1/gateway-calls", { key: world.key });
    assert.equal(at(listed, "data.0.id"), call?.id);
    assert.equal(at(listed, "data.0.tags.use_case"), "support");
    assert.equal(at(listed, "data.0.credits"), "2.22", "1 + 0.02 + 1.2");
    // The server runs in this process: the command must not block it while it waits.
    const cli = await promisify(execFile)(process.execPath, [
      bin,
      "gateway-calls",
      "get",
      call?.id ?? "",
      "--url",
      world.url,
      "--key",
      world.key,
    ]);
    assert.match(cli.stdout, /^tags +use_case=support, feature=faq$/m);
    assert.match(cli.stdout, /^status +completed \(stop\)$/m);
  });

  it("streams as it arrives, hides the usage chunk unless asked, and settles from it", async (t) => {
    const world = await gatewayWorld(t);
    const scripted = { input_tokens: 40, output_tokens: 12 };
    world.fake.script(
      { kind: "reply", text: "one two three four", usage: scripted, chunks: 4 },
      { kind: "reply", text: "one two three four", usage: scripted, chunks: 4 },
    );
    const openai = client(world);
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of await openai.chat.completions.create({
      model: openAiModel,
      messages: question,
      stream: true,
    }))
      chunks.push(chunk);
    assert.ok(chunks.length >= 4);
    assert.ok(
      chunks.every((chunk) => chunk.usage == null),
      "no usage chunk when not asked",
    );
    assert.equal(
      chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""),
      "one two three four",
    );
    const asked: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of await openai.chat.completions.create({
      model: openAiModel,
      messages: question,
      stream: true,
      stream_options: { include_usage: true },
    }))
      asked.push(chunk);
    assert.equal(asked.at(-1)?.usage?.completion_tokens, 12);
    const spent = 2 * (40 * 0.001 + 12 * 0.004);
    assert.equal(Number(at(await poolFigures(world), "available")), 1_000 - spent);
    const sent = world.fake.requests();
    assert.equal(sent.length, 2);
    for (const request of sent)
      assert.deepEqual((request.body as { stream_options: unknown }).stream_options, {
        include_usage: true,
      });
  });

  it("refuses a call the pool cannot hold, in OpenAI's words, before anything goes upstream", async (t) => {
    const world = await gatewayWorld(t, {
      credits: "1000",
      limit: { amount: "1", kind: "hard", period: "month" },
    });
    const refused = await client(world)
      .chat.completions.create({ model: openAiModel, messages: question, max_tokens: 1_000 })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.RateLimitError, String(refused));
    assert.equal(refused.status, 429);
    assert.equal(refused.code, "pool_limit_exceeded");
    const creditpool = (refused.error as { creditpool: { code: string; decision_id: string } })
      .creditpool;
    assert.equal(creditpool.code, "pool_limit_exceeded");
    assert.match(creditpool.decision_id, /^dec_/);
    assert.equal(world.fake.requests().length, 0, "upstream never saw it");
    assert.equal(at(await poolFigures(world), "held"), "0");
  });

  it("releases the hold when upstream fails before any output, and answers its error", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "error",
      status: 500,
      type: "server_error",
      message: "The upstream fell over.",
    });
    const failed = await client(world)
      .chat.completions.create({ model: openAiModel, messages: question })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(failed instanceof OpenAI.InternalServerError, String(failed));
    const figures = await poolFigures(world);
    assert.equal(at(figures, "held"), "0");
    assert.equal(at(figures, "available"), "1000");
    assert.equal((await calls(world))[0]?.status, "failed");
  });

  it("moves to the next account on a 429, and cools the one that answered it", async (t) => {
    const world = await gatewayWorld(t, { accounts: 2 });
    world.fake.script(
      { kind: "rate_limit", retry_after_seconds: 60 },
      {
        kind: "reply",
        text: "From the second account.",
        usage: { input_tokens: 10, output_tokens: 5 },
      },
    );
    const answer = await client(world).chat.completions.create({
      model: openAiModel,
      messages: question,
    });
    assert.equal(answer.choices[0]?.message.content, "From the second account.");
    const keys = world.fake.requests().map((request) => request.credential?.key);
    assert.equal(keys.length, 2);
    assert.notEqual(keys[0], keys[1], "a second account was tried");
    const cooled = await world.api.ok("GET", "/v1/upstreams", { key: world.org.ownerKey });
    const cooling = (at(cooled, "data") as { cooling_until: string | null }[]).filter(
      (account) => account.cooling_until !== null,
    );
    assert.equal(cooling.length, 1);
  });

  it("draws on the least-used account, skips exhausted ones, and answers 503 when none has room", async (t) => {
    const world = await gatewayWorld(t, { accounts: 0 });
    // Twelve subscription seats are this, smaller: two seats of 2 requests per 5 hours.
    const seats: string[] = [];
    for (const name of ["seat a", "seat b"]) {
      const body = {
        provider: "openai",
        name,
        base_url: world.fake.openAiBaseUrl,
        api_key: `sk-${name.replace(" ", "-")}-0123456789`,
        windows: [{ duration_seconds: 5 * 3600, max_requests: 2 }],
      };
      const made = await world.api.ok("POST", "/v1/upstreams", { key: world.org.ownerKey, body });
      seats.push(String(at(made, "id")));
    }
    for (let n = 0; n < 4; n += 1)
      world.fake.script({
        kind: "reply",
        text: `Call ${n}.`,
        usage: { input_tokens: 5, output_tokens: 2 },
      });
    const openai = client(world);
    for (let n = 0; n < 4; n += 1)
      await openai.chat.completions.create({ model: openAiModel, messages: question });
    const used = world.fake.requests().map((request) => request.credential?.key);
    // Least-used first: the seats take turns, and each served two.
    assert.notEqual(used[0], used[1]);
    assert.deepEqual(used.slice(2), used.slice(0, 2));
    const exhausted = await openai.chat.completions
      .create({ model: openAiModel, messages: question })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(exhausted instanceof OpenAI.APIError, String(exhausted));
    assert.equal(exhausted.status, 503);
    assert.equal(world.fake.requests().length, 4, "no seat with room: nothing sent");
    assert.equal(at(await poolFigures(world), "held"), "0");
  });

  it("settles a stream upstream cut from the input and the text streamed", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({
      kind: "cut",
      text: "alpha beta gamma delta epsilon zeta",
      usage: { input_tokens: 30, output_tokens: 6 },
      chunks: 6,
      after_chunks: 3,
    });
    const received: string[] = [];
    const failed = await (async () => {
      try {
        for await (const chunk of await client(world).chat.completions.create({
          model: openAiModel,
          messages: question,
          stream: true,
        }))
          received.push(chunk.choices[0]?.delta.content ?? "");
        return null;
      } catch (error) {
        return error;
      }
    })();
    void failed;
    const [call] = await calls(world);
    assert.equal(call?.status, "cut");
    const usage = JSON.parse(call?.usage ?? "{}") as Record<string, number>;
    assert.ok((usage.output_tokens ?? 0) >= 1, JSON.stringify(usage));
    assert.ok((usage.input_tokens ?? 0) > 0, "the input sized is owed");
    assert.equal(at(await poolFigures(world), "held"), "0");
  });

  it("serves embeddings and the models the key may call", async (t) => {
    const world = await gatewayWorld(t);
    world.fake.script({ kind: "reply", usage: { input_tokens: 8 } });
    const embedded = await client(world).embeddings.create({
      model: openAiModel,
      input: "pooled credits",
    });
    assert.ok(embedded.data.length >= 1);
    assert.equal(Number(at(await poolFigures(world), "available")), 1_000 - 8 * 0.001);
    const models = await client(world).models.list();
    const ids = models.data.map((model) => model.id);
    assert.ok(ids.includes(openAiModel), ids.join(","));
  });
});
