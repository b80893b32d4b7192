/**
 * The fake upstream through the official `openai` client: chat (whole and streamed, with and
 * without include_usage), Responses (whole and streamed), embeddings and models; scripted errors
 * raised as the SDK's typed errors; a cut stream failing the SDK's stream. The streams are also
 * read by the gateway's own decoder and observers, which must find the scripted usage.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import OpenAI from "openai";
import {
  type FakeUpstream,
  startFakeUpstream,
} from "../src/gateway/fake-upstream/fake-upstream.ts";
import type { StreamObserver } from "../src/gateway/protocols/observation.ts";
import { OpenAiChatStreamObserver } from "../src/gateway/protocols/openai-chat.ts";
import { OpenAiResponsesStreamObserver } from "../src/gateway/protocols/openai-responses.ts";
import { SseDecoder } from "../src/gateway/protocols/sse-decoder.ts";

let fake: FakeUpstream;
let client: OpenAI;
before(async () => {
  fake = await startFakeUpstream();
  client = new OpenAI({ apiKey: "sk-team-a", baseURL: fake.openAiBaseUrl, maxRetries: 0 });
});
after(() => fake.close());
beforeEach(() => fake.reset());

const messages = [{ role: "user" as const, content: "count the pooled credits" }];

/** POSTs a streamed request and reads the raw bytes through the decoder and an observer. */
async function observe(path: string, body: unknown, observer: StreamObserver) {
  const response = await fetch(`${fake.openAiBaseUrl}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer sk-raw", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const decoder = new SseDecoder();
  const verdicts = [];
  for await (const piece of response.body ?? []) {
    for (const event of decoder.push(piece)) verdicts.push(observer.observe(event));
  }
  assert.equal(decoder.endedCleanly(), true);
  return { observation: observer.observation(), verdicts };
}

describe("chat completions", () => {
  it("whole: a deterministic reply from the request, its usage, the credential recorded", async () => {
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    assert.equal(completion.object, "chat.completion");
    // Sixteen words by default, the request's own in turn.
    const words = ["count", "the", "pooled", "credits"];
    const expected = Array.from({ length: 16 }, (_, i) => words[i % 4]).join(" ");
    assert.equal(completion.choices[0]?.message.content, expected);
    assert.equal(completion.choices[0]?.finish_reason, "stop");
    assert.deepEqual(
      [completion.usage?.prompt_tokens, completion.usage?.completion_tokens],
      [6, 16],
    );
    const [recorded] = fake.requests();
    assert.equal(recorded?.path, "/v1/chat/completions");
    assert.equal(recorded?.model, "gpt-4o-mini");
    assert.deepEqual(recorded?.credential, { scheme: "bearer", key: "sk-team-a" });
    assert.equal(recorded?.stream, false);
  });

  it("whole: max_tokens below the default stops at it, finish_reason length", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      max_completion_tokens: 3,
    });
    assert.equal(completion.choices[0]?.message.content, "count the pooled");
    assert.equal(completion.choices[0]?.finish_reason, "length");
    assert.equal(completion.usage?.completion_tokens, 3);
  });

  it("streamed without include_usage: several chunks, none with usage", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
      max_tokens: 4,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.length >= 4);
    assert.ok(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1));
    assert.equal(
      chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""),
      "count the pooled credits",
    );
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, "length");
  });

  it("streamed with include_usage: the last chunk has empty choices and the usage, the others null", async () => {
    fake.script({
      kind: "reply",
      text: "a b c d e f",
      chunks: 3,
      usage: {
        input_tokens: 100,
        cached_input_tokens: 900,
        output_tokens: 20,
        reasoning_tokens: 30,
      },
    });
    const stream = await client.chat.completions.create({
      model: "gpt-5",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, 1000);
    assert.equal(last?.usage?.prompt_tokens_details?.cached_tokens, 900);
    assert.equal(last?.usage?.completion_tokens, 50);
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.usage === null));
    assert.equal(chunks.length, 1 + 3 + 1 + 1);
  });

  it("the observer reads the fake's stream: usage mapped, the usage chunk marked", async () => {
    fake.script({
      kind: "reply",
      text: "one two",
      usage: { input_tokens: 7, cached_input_tokens: 3, output_tokens: 2, reasoning_tokens: 5 },
    });
    const { observation, verdicts } = await observe(
      "/chat/completions",
      { model: "gpt-5", messages, stream: true, stream_options: { include_usage: true } },
      new OpenAiChatStreamObserver(),
    );
    assert.deepEqual(observation.usage, {
      input_tokens: 7n,
      cached_input_tokens: 3n,
      cache_write_tokens: 0n,
      output_tokens: 2n,
      reasoning_tokens: 5n,
    });
    assert.equal(observation.outputText, "one two");
    assert.deepEqual(verdicts.map((v) => v.usageOnly).slice(-2), [true, false]);
    assert.equal(verdicts.at(-1)?.terminal, true);
  });
});

describe("responses", () => {
  it("whole: output_text and usage with details", async () => {
    fake.script({
      kind: "reply",
      text: "The pool has room.",
      reported_model: "gpt-5-2025-08-07",
      usage: { input_tokens: 10, cached_input_tokens: 5, output_tokens: 4, reasoning_tokens: 6 },
    });
    const response = await client.responses.create({ model: "gpt-5", input: "is there room?" });
    assert.equal(response.output_text, "The pool has room.");
    assert.equal(response.status, "completed");
    assert.equal(response.model, "gpt-5-2025-08-07");
    assert.deepEqual(response.usage?.input_tokens_details.cached_tokens, 5);
    assert.deepEqual([response.usage?.input_tokens, response.usage?.output_tokens], [15, 10]);
  });

  it("streamed: typed events in order, ending with response.completed", async () => {
    const stream = await client.responses.create({
      model: "gpt-5",
      input: "hello there",
      stream: true,
    });
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed")
        assert.equal(event.response.usage?.output_tokens, 16);
    }
    assert.equal(types[0], "response.created");
    assert.equal(types.at(-1), "response.completed");
    assert.ok(types.filter((type) => type === "response.output_text.delta").length > 1);
    assert.equal(text.split(" ").length, 16);
  });

  it("streamed past max_output_tokens: response.incomplete, and the observer's reason", async () => {
    const { observation } = await observe(
      "/responses",
      { model: "gpt-5", input: "a b", stream: true, max_output_tokens: 3 },
      new OpenAiResponsesStreamObserver(),
    );
    assert.equal(observation.finishReason, "max_output_tokens");
    assert.equal(observation.usage?.output_tokens, 3n);
    assert.equal(observation.outputText, "a b a");
  });
});

describe("embeddings and models", () => {
  it("embeddings: base64 by the SDK's default, decoded; the same input, the same vector", async () => {
    const answer = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["alpha", "beta", "alpha"],
    });
    assert.equal(answer.data.length, 3);
    assert.equal(answer.data[0]?.embedding.length, 16);
    assert.deepEqual(answer.data[0]?.embedding, answer.data[2]?.embedding);
    assert.notDeepEqual(answer.data[0]?.embedding, answer.data[1]?.embedding);
    // A fake token is four bytes, at least one per input: 2 + 1 + 2.
    assert.equal(answer.usage.prompt_tokens, 5);
  });

  it("embeddings as floats, with the dimensions asked", async () => {
    const answer = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: "alpha",
      encoding_format: "float",
      dimensions: 4,
    });
    assert.equal(answer.data[0]?.embedding.length, 4);
    assert.ok(answer.data[0]?.embedding.every((value) => value >= -1 && value < 1));
  });

  it("models", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes("gpt-5-mini"));
  });
});

describe("scripted failures", () => {
  it("a provider error is the SDK's typed error with its status, type and code", async () => {
    fake.script({
      kind: "error",
      status: 400,
      type: "invalid_request_error",
      message: "bad messages",
      param: "messages",
      code: "invalid_value",
    });
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages }),
      (error) =>
        error instanceof OpenAI.BadRequestError &&
        error.type === "invalid_request_error" &&
        error.code === "invalid_value" &&
        error.param === "messages" &&
        error.message.includes("bad messages"),
    );
  });

  it("a rate limit is a RateLimitError with retry-after", async () => {
    fake.script({ kind: "rate_limit", retry_after_seconds: 7 });
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages }),
      (error) =>
        error instanceof OpenAI.RateLimitError && error.headers?.get("retry-after") === "7",
    );
  });

  it("the SDK waits retry-after and retries into the next behaviour", async () => {
    fake.script(
      { kind: "rate_limit", retry_after_seconds: 0 },
      { kind: "reply", text: "after the wait" },
    );
    const retrying = new OpenAI({
      apiKey: "sk-team-a",
      baseURL: fake.openAiBaseUrl,
      maxRetries: 1,
    });
    const completion = await retrying.chat.completions.create({ model: "gpt-4o-mini", messages });
    assert.equal(completion.choices[0]?.message.content, "after the wait");
    assert.equal(fake.requests().length, 2);
  });

  it("behaviours for one model wait for it; others get the default reply", async () => {
    fake.script({
      kind: "error",
      model: "gpt-5",
      status: 503,
      type: "server_error",
      message: "down",
    });
    const other = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    assert.equal(other.choices[0]?.finish_reason, "stop");
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-5", messages }),
      OpenAI.InternalServerError,
    );
  });

  it("a stream cut after two chunks fails the SDK's stream, without [DONE]", async () => {
    fake.script({ kind: "cut", after_chunks: 2, text: "never finished here", chunks: 3 });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
    });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    });
    assert.equal(seen.length, 2);
  });

  it("an error inside a stream is the SDK's APIError", async () => {
    fake.script({
      kind: "error",
      status: 500,
      type: "server_error",
      message: "mid-stream",
      after_chunks: 2,
    });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
    });
    await assert.rejects(
      async () => {
        for await (const _ of stream);
      },
      (error) => error instanceof OpenAI.APIError && error.message.includes("mid-stream"),
    );
  });

  it("a whole answer cut: the SDK's connection error", async () => {
    fake.script({ kind: "cut", after_chunks: 0 });
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages }),
      OpenAI.APIConnectionError,
    );
  });

  it("a slow first byte and slow chunks take their time", async () => {
    fake.script({
      kind: "reply",
      text: "a b c",
      chunks: 3,
      chunk_delay_ms: 60,
      first_byte_delay_ms: 150,
    });
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
    });
    const firstAt = Date.now() - started;
    for await (const _ of stream);
    assert.ok(firstAt >= 140, `first byte after ${firstAt} ms`);
    assert.ok(Date.now() - started >= 140 + 4 * 55, `whole stream in ${Date.now() - started} ms`);
  });

  it("a slow first byte past the SDK's timeout is its timeout error", async () => {
    fake.script({ kind: "reply", first_byte_delay_ms: 2000 });
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages }, { timeout: 200 }),
      OpenAI.APIConnectionTimeoutError,
    );
  });
});
