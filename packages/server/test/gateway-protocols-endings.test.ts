/**
 * What the gateway writes in the providers' words, read back by their official SDKs through a
 * tiny local server: the clean ending of a stream it stops (after real chunks), refusals as the
 * SDKs' typed errors (not retried unless waiting helps), and the chat request rewrite.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import {
  AnthropicMessagesStreamObserver,
  anthropicMessagesStreamEnding,
} from "../src/gateway/protocols/anthropic-messages.ts";
import {
  anthropicRefusal,
  openAiRefusal,
  type ProviderErrorAnswer,
} from "../src/gateway/protocols/error-bodies.ts";
import {
  ChatRequestInvalid,
  OpenAiChatStreamObserver,
  openAiChatStreamEnding,
  withStreamUsage,
} from "../src/gateway/protocols/openai-chat.ts";
import {
  OpenAiResponsesStreamObserver,
  openAiResponsesStreamEnding,
} from "../src/gateway/protocols/openai-responses.ts";
import { SseDecoder } from "../src/gateway/protocols/sse-decoder.ts";

/** What the server answers next, and how many requests it received. */
let next: { status: number; headers: Record<string, string>; body: string } = {
  status: 200,
  headers: {},
  body: "",
};
let received = 0;
let server: Server;
let url = "";

before(async () => {
  server = createServer((request, response) => {
    received += 1;
    request.resume();
    response.writeHead(next.status, next.headers);
    response.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function serveStream(body: string) {
  next = { status: 200, headers: { "content-type": "text/event-stream" }, body };
}

function serveError(answer: ProviderErrorAnswer) {
  next = {
    status: answer.status,
    headers: { "content-type": "application/json", ...answer.headers },
    body: JSON.stringify(answer.body),
  };
  received = 0;
}

const openai = () => new OpenAI({ apiKey: "k", baseURL: `${url}/v1`, maxRetries: 2 });
const anthropic = () => new Anthropic({ apiKey: "k", baseURL: url, maxRetries: 2 });

/** Feeds what was streamed so far to an observer, as the gateway does while forwarding it. */
function observed<T extends { observe: OpenAiChatStreamObserver["observe"] }>(
  observer: T,
  text: string,
): T {
  for (const event of new SseDecoder().push(new TextEncoder().encode(text)))
    observer.observe(event);
  return observer;
}

const chatStart = [
  'data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n',
  'data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"Partial"},"logprobs":null,"finish_reason":null}]}\n\n',
].join("");

const responseStart = [
  'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_7","object":"response","created_at":1741569952,"status":"in_progress","model":"gpt-4.1-2025-04-14","output":[],"usage":null}}\n\n',
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_7","output_index":0,"content_index":0,"delta":"Partial"}\n\n',
].join("");

describe("a Responses stream the gateway ends", () => {
  it("ends with response.incomplete for max_output_tokens, the same id and model, numbered on", async () => {
    const observer = observed(new OpenAiResponsesStreamObserver(), responseStart);
    serveStream(responseStart + openAiResponsesStreamEnding(observer));
    const events = [];
    for await (const event of await openai().responses.create({
      model: "gpt-4.1",
      input: "Go.",
      stream: true,
    }))
      events.push(event);
    const last = events.at(-1);
    assert.equal(last?.type, "response.incomplete");
    assert.equal(last?.sequence_number, 2);
    if (last?.type !== "response.incomplete") return;
    assert.equal(last.response.id, "resp_7");
    assert.equal(last.response.model, "gpt-4.1-2025-04-14");
    assert.equal(last.response.incomplete_details?.reason, "max_output_tokens");
  });

  it("is refused before response.created: answer an error instead", () => {
    assert.throws(() => openAiResponsesStreamEnding(new OpenAiResponsesStreamObserver()));
  });
});

describe("a chat stream the gateway ends", () => {
  it("ends with finish_reason length and [DONE], the same id and model", async () => {
    const observer = observed(new OpenAiChatStreamObserver(), chatStart);
    serveStream(chatStart + openAiChatStreamEnding(observer, { finishReason: "length" }));
    const stream = await openai().chat.completions.create({
      model: "gpt-4o",
      messages: [],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.length, 3);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, "length");
    assert.ok(
      chunks.every((chunk) => chunk.id === "chatcmpl-7" && chunk.model === "gpt-4o-2024-08-06"),
    );
    assert.ok(chunks.every((chunk) => chunk.created === 1741569952));
  });

  it("with the usage chunk when the client asked for it", async () => {
    const observer = observed(new OpenAiChatStreamObserver(), chatStart);
    const usage = {
      input_tokens: 10n,
      cached_input_tokens: 0n,
      cache_write_tokens: 0n,
      output_tokens: 1n,
      reasoning_tokens: 0n,
    };
    serveStream(chatStart + openAiChatStreamEnding(observer, { finishReason: "length", usage }));
    const stream = await openai().chat.completions.create({
      model: "gpt-4o",
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(chunks.at(-1)?.usage?.prompt_tokens, 10);
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 1);
  });

  it("is refused before the first chunk: answer an error instead", () => {
    assert.throws(() =>
      openAiChatStreamEnding(new OpenAiChatStreamObserver(), { finishReason: "stop" }),
    );
  });
});

const messageStart = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_9","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":500,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Half an ans"}}\n\n',
].join("");

describe("a message stream the gateway ends", () => {
  it("stops the open block, tells max_tokens and the usage, then message_stop", async () => {
    const observer = new AnthropicMessagesStreamObserver();
    for (const event of new SseDecoder().push(new TextEncoder().encode(messageStart)))
      observer.observe(event);
    serveStream(
      messageStart +
        anthropicMessagesStreamEnding(observer, { stopReason: "max_tokens", outputTokens: 4n }),
    );
    const message = await anthropic()
      .messages.stream({ model: "claude-sonnet-4-5", max_tokens: 100, messages: [] })
      .finalMessage();
    assert.equal(message.id, "msg_9");
    assert.equal(message.stop_reason, "max_tokens");
    const [block] = message.content;
    assert.equal(block?.type === "text" ? block.text : null, "Half an ans");
    assert.equal(message.usage.output_tokens, 4);
    assert.equal(message.usage.input_tokens, 30);
    assert.equal(message.usage.cache_read_input_tokens, 500);
  });
});

describe("refusals as the SDKs' errors", () => {
  const credits = {
    code: "insufficient_credits" as const,
    message: "The pool's credits do not cover this request.",
    decisionId: "dec_01JABC",
  };

  it("OpenAI: 429 insufficient_quota with creditpool's code and decision, not retried", async () => {
    serveError(openAiRefusal(credits));
    await assert.rejects(
      openai().chat.completions.create({ model: "gpt-4o", messages: [] }),
      (error) =>
        error instanceof OpenAI.RateLimitError &&
        error.type === "insufficient_quota" &&
        error.code === "insufficient_credits" &&
        (error.error as { creditpool?: { decision_id?: string } }).creditpool?.decision_id ===
          "dec_01JABC",
    );
    assert.equal(received, 1);
  });

  it("Anthropic: 402 billing_error with creditpool's code, not retried", async () => {
    serveError(anthropicRefusal(credits));
    await assert.rejects(
      anthropic().messages.create({ model: "claude-haiku-4-5", max_tokens: 1, messages: [] }),
      (error) => {
        const body = (
          error as { error?: { error?: { type?: string; creditpool?: { code?: string } } } }
        ).error;
        return (
          error instanceof Anthropic.APIError &&
          error.status === 402 &&
          body?.error?.type === "billing_error" &&
          body.error.creditpool?.code === "insufficient_credits"
        );
      },
    );
    assert.equal(received, 1);
  });

  it("a model not allowed: 403 on the model field", async () => {
    serveError(openAiRefusal({ code: "model_not_allowed", message: "not here", decisionId: null }));
    await assert.rejects(
      openai().chat.completions.create({ model: "gpt-4o", messages: [] }, { maxRetries: 0 }),
      (error) => error instanceof OpenAI.PermissionDeniedError && error.param === "model",
    );
  });

  it("a rate limit tells retry-after, and both SDKs wait and retry", async () => {
    const limited = {
      code: "rate_limited" as const,
      message: "slow down",
      decisionId: null,
      retryAfterSeconds: 0.2,
    };
    assert.equal(openAiRefusal(limited).headers["retry-after"], "1");
    serveError({ ...openAiRefusal(limited), headers: { "retry-after": "0" } });
    await assert.rejects(
      openai().chat.completions.create({ model: "gpt-4o", messages: [] }),
      OpenAI.RateLimitError,
    );
    assert.equal(received, 3);
    serveError({ ...anthropicRefusal(limited), headers: { "retry-after": "0" } });
    await assert.rejects(
      anthropic().messages.create({ model: "claude-haiku-4-5", max_tokens: 1, messages: [] }),
      Anthropic.RateLimitError,
    );
    assert.equal(received, 3);
  });
});

describe("asking a chat stream for its usage", () => {
  it("adds include_usage and says the client had not asked", () => {
    const original = {
      model: "gpt-4o",
      stream: true,
      stream_options: { include_obfuscation: false },
    };
    const { request, clientAskedUsage } = withStreamUsage(original);
    assert.deepEqual(request.stream_options, { include_obfuscation: false, include_usage: true });
    assert.equal(clientAskedUsage, false);
    assert.deepEqual(original.stream_options, { include_obfuscation: false });
  });

  it("says the client had asked", () => {
    const { clientAskedUsage } = withStreamUsage({
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(clientAskedUsage, true);
  });

  it("leaves a request that does not stream as it is", () => {
    const { request } = withStreamUsage({ model: "gpt-4o" });
    assert.deepEqual(request, { model: "gpt-4o" });
  });

  it("refuses stream_options that is not an object, naming it", () => {
    assert.throws(
      () => withStreamUsage({ stream: true, stream_options: "yes" }),
      (error) => error instanceof ChatRequestInvalid && error.param === "stream_options",
    );
  });
});
