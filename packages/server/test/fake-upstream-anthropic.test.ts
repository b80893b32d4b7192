/**
 * The fake upstream through the official `@anthropic-ai/sdk` client: messages whole and
 * streamed, count_tokens, the credential and version recorded; scripted errors as the SDK's typed
 * errors; a cut stream and an error event failing the SDK's stream. The stream is also read by
 * the gateway's decoder and observer, which must find the scripted usage.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import {
  type FakeUpstream,
  startFakeUpstream,
} from "../src/gateway/fake-upstream/fake-upstream.ts";
import { AnthropicMessagesStreamObserver } from "../src/gateway/protocols/anthropic-messages.ts";
import { SseDecoder } from "../src/gateway/protocols/sse-decoder.ts";

let fake: FakeUpstream;
let client: Anthropic;
before(async () => {
  fake = await startFakeUpstream();
  client = new Anthropic({ apiKey: "sk-ant-team-b", baseURL: fake.url, maxRetries: 0 });
});
after(() => fake.close());
beforeEach(() => fake.reset());

const request = {
  model: "claude-haiku-4-5",
  max_tokens: 1024,
  system: "Be brief.",
  messages: [{ role: "user" as const, content: "how many credits are left" }],
};

describe("messages", () => {
  it("whole: text, stop reason and usage with the cache apart from input", async () => {
    fake.script({
      kind: "reply",
      text: "Plenty.",
      usage: {
        input_tokens: 12,
        cached_input_tokens: 4000,
        cache_write_tokens: 300,
        output_tokens: 3,
      },
    });
    const message = await client.messages.create(request);
    assert.deepEqual(message.content, [{ type: "text", text: "Plenty." }]);
    assert.equal(message.stop_reason, "end_turn");
    assert.equal(message.usage.input_tokens, 12);
    assert.equal(message.usage.cache_read_input_tokens, 4000);
    assert.equal(message.usage.cache_creation_input_tokens, 300);
    assert.equal(message.usage.output_tokens, 3);
    const [recorded] = fake.requests();
    assert.equal(recorded?.path, "/v1/messages");
    assert.deepEqual(recorded?.credential, { scheme: "bearer", key: "sk-ant-team-b" });
    assert.notEqual(recorded?.anthropic_version, null);
  });

  it("the x-api-key header is accepted and recorded as such", async () => {
    const keyed = new Anthropic({
      apiKey: null,
      authToken: null,
      baseURL: fake.url,
      defaultHeaders: { "x-api-key": "sk-ant-header" },
    });
    await keyed.messages.create(request);
    assert.deepEqual(fake.requests()[0]?.credential, { scheme: "x-api-key", key: "sk-ant-header" });
  });

  it("whole at max_tokens: stop_reason max_tokens", async () => {
    const message = await client.messages.create({ ...request, max_tokens: 2 });
    assert.equal(message.stop_reason, "max_tokens");
    assert.equal(message.usage.output_tokens, 2);
  });

  it("streamed: the SDK's stream helper assembles the message and its final usage", async () => {
    fake.script({
      kind: "reply",
      text: "one two three four",
      chunks: 4,
      usage: { output_tokens: 9 },
    });
    const stream = client.messages.stream(request);
    const deltas: string[] = [];
    stream.on("text", (text) => deltas.push(text));
    const message = await stream.finalMessage();
    assert.equal(deltas.length, 4);
    assert.deepEqual(message.content, [{ type: "text", text: "one two three four" }]);
    assert.equal(message.usage.output_tokens, 9);
    assert.equal(message.stop_reason, "end_turn");
  });

  it("streamed: raw events in Anthropic's order", async () => {
    const stream = await client.messages.create({ ...request, max_tokens: 3, stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    assert.deepEqual(types, [
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("the observer reads the fake's stream: cumulative usage, the last taken", async () => {
    fake.script({
      kind: "reply",
      text: "a b",
      usage: { input_tokens: 20, cached_input_tokens: 7, cache_write_tokens: 5, output_tokens: 2 },
    });
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "sk-raw", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...request, stream: true }),
    });
    const decoder = new SseDecoder();
    const observer = new AnthropicMessagesStreamObserver();
    for await (const piece of response.body ?? []) {
      for (const event of decoder.push(piece)) observer.observe(event);
    }
    const seen = observer.observation();
    assert.deepEqual(seen.usage, {
      input_tokens: 20n,
      cached_input_tokens: 7n,
      cache_write_tokens: 5n,
      output_tokens: 2n,
      reasoning_tokens: 0n,
    });
    assert.equal(seen.outputText, "a b");
    assert.equal(seen.ended, true);
  });
});

describe("count_tokens", () => {
  it("counts the system and messages", async () => {
    const counted = await client.messages.countTokens({
      model: request.model,
      system: request.system,
      messages: request.messages,
    });
    // "Be brief. how many credits are left": 35 bytes, a fake token per four.
    assert.deepEqual(counted, { input_tokens: 9 });
  });

  it("a scripted input count", async () => {
    fake.script({ kind: "reply", usage: { input_tokens: 4242 } });
    const counted = await client.messages.countTokens({
      model: request.model,
      messages: request.messages,
    });
    assert.equal(counted.input_tokens, 4242);
  });
});

describe("scripted failures", () => {
  it("overloaded (529) is an InternalServerError with Anthropic's error body", async () => {
    fake.script({ kind: "error", status: 529, type: "overloaded_error", message: "Overloaded" });
    await assert.rejects(
      client.messages.create(request),
      (error) =>
        error instanceof Anthropic.InternalServerError &&
        error.status === 529 &&
        (error.error as { error?: { type?: string } }).error?.type === "overloaded_error",
    );
  });

  it("a rate limit is a RateLimitError with retry-after", async () => {
    fake.script({ kind: "rate_limit", retry_after_seconds: 30 });
    await assert.rejects(
      client.messages.create(request),
      (error) =>
        error instanceof Anthropic.RateLimitError && error.headers?.get("retry-after") === "30",
    );
  });

  it("a stream cut after its first events fails the SDK's stream", async () => {
    fake.script({ kind: "cut", after_chunks: 3, text: "cut short here", chunks: 3 });
    await assert.rejects(client.messages.stream(request).finalMessage());
  });

  it("an error event inside the stream is the SDK's APIError", async () => {
    fake.script({
      kind: "error",
      status: 529,
      type: "overloaded_error",
      message: "Overloaded",
      after_chunks: 3,
    });
    await assert.rejects(
      client.messages.stream(request).finalMessage(),
      (error) => error instanceof Anthropic.APIError && error.message.includes("Overloaded"),
    );
  });

  it("no max_tokens: Anthropic's invalid_request_error", async () => {
    const { max_tokens: _, ...without } = request;
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
      body: JSON.stringify(without),
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
      request_id: null,
    });
  });
});
