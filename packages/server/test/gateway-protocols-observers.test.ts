/**
 * The observers, fed events of the shapes the providers send (recorded streams, trimmed): the
 * usage each maps to creditpool's meters, what includes what, the cumulative Anthropic usage,
 * OpenAI's usage-only chunk, the text kept for a cut stream, and malformed figures refused.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AnthropicMessagesStreamObserver,
  observeAnthropicMessagesBody,
} from "../src/gateway/protocols/anthropic-messages.ts";
import {
  observedTextLengthMax,
  type StreamObserver,
} from "../src/gateway/protocols/observation.ts";
import {
  OpenAiChatStreamObserver,
  observeOpenAiChatBody,
} from "../src/gateway/protocols/openai-chat.ts";
import { observeOpenAiEmbeddingsBody } from "../src/gateway/protocols/openai-embeddings.ts";
import {
  OpenAiResponsesStreamObserver,
  observeOpenAiResponsesBody,
} from "../src/gateway/protocols/openai-responses.ts";
import { SseDecoder } from "../src/gateway/protocols/sse-decoder.ts";
import { type TokenUsage, usageQuantities } from "../src/gateway/protocols/token-usage.ts";

function usage(
  input: number,
  cached: number,
  written: number,
  output: number,
  reasoning: number,
): TokenUsage {
  return {
    input_tokens: BigInt(input),
    cached_input_tokens: BigInt(cached),
    cache_write_tokens: BigInt(written),
    output_tokens: BigInt(output),
    reasoning_tokens: BigInt(reasoning),
  };
}

/** Feeds a recorded stream through the decoder and the observer; answers each event's verdict. */
function feed(observer: StreamObserver, stream: string) {
  const events = new SseDecoder().push(new TextEncoder().encode(stream));
  return events.map((event) => ({ event, verdict: observer.observe(event) }));
}

const chatChunk = (fields: string) =>
  `data: {"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_1",${fields}}\n\n`;

const chatStream = (withUsage: boolean) =>
  [
    chatChunk(
      `"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]${withUsage ? ',"usage":null' : ""}`,
    ),
    chatChunk(
      `"choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]${withUsage ? ',"usage":null' : ""}`,
    ),
    chatChunk(
      `"choices":[{"index":0,"delta":{"content":" there"},"logprobs":null,"finish_reason":null}]${withUsage ? ',"usage":null' : ""}`,
    ),
    chatChunk(
      `"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]${withUsage ? ',"usage":null' : ""}`,
    ),
    withUsage
      ? chatChunk(
          '"choices":[],"usage":{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}',
        )
      : "",
    "data: [DONE]\n\n",
  ].join("");

describe("OpenAI chat, streamed", () => {
  it("with include_usage: prompt includes cached, completion includes reasoning", () => {
    const observer = new OpenAiChatStreamObserver();
    const verdicts = feed(observer, chatStream(true)).map(({ verdict }) => verdict);
    const seen = observer.observation();
    assert.deepEqual(seen.usage, usage(176, 1024, 0, 44, 256));
    assert.equal(seen.usageFinal, true);
    assert.equal(seen.outputText, "Hello there");
    assert.equal(seen.finishReason, "stop");
    assert.equal(seen.model, "gpt-4o-2024-08-06");
    assert.equal(seen.id, "chatcmpl-B9");
    assert.equal(seen.ended, true);
    assert.equal(observer.created, 1741569952);
    assert.deepEqual(
      verdicts.map((verdict) => verdict.usageOnly),
      [false, false, false, false, true, false],
    );
    assert.deepEqual(
      verdicts.map((verdict) => verdict.terminal),
      [false, false, false, false, false, true],
    );
  });

  it("without include_usage: no usage, the text to count", () => {
    const observer = new OpenAiChatStreamObserver();
    const verdicts = feed(observer, chatStream(false)).map(({ verdict }) => verdict);
    const seen = observer.observation();
    assert.equal(seen.usage, null);
    assert.equal(seen.usageFinal, false);
    assert.equal(seen.outputTextLength, "Hello there".length);
    assert.ok(verdicts.every((verdict) => !verdict.usageOnly));
  });

  it("tool-call arguments are generated text too", () => {
    const observer = new OpenAiChatStreamObserver();
    feed(
      observer,
      chatChunk(
        '"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":"}}]},"finish_reason":null}]',
      ) +
        chatChunk(
          '"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},"finish_reason":"tool_calls"}]',
        ),
    );
    assert.equal(observer.observation().outputText, '{"a":1}');
    assert.equal(observer.observation().finishReason, "tool_calls");
  });

  it("an error inside the stream ends it and is told", () => {
    const observer = new OpenAiChatStreamObserver();
    const [first] = feed(
      observer,
      'data: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}\n\n',
    );
    assert.equal(first?.verdict.terminal, true);
    assert.deepEqual(observer.observation().error, {
      type: "server_error",
      message: "The server had an error",
    });
  });

  it("data that is not JSON is counted and skipped", () => {
    const observer = new OpenAiChatStreamObserver();
    feed(observer, `data: {not json\n\n${chatStream(true)}`);
    assert.equal(observer.observation().malformedEvents, 1);
    assert.notEqual(observer.observation().usage, null);
  });
});

describe("OpenAI chat, whole", () => {
  it("the usage of a completion", () => {
    const seen = observeOpenAiChatBody({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1,
      model: "o3-2025-04-16",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Four.", refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 19,
        completion_tokens: 210,
        total_tokens: 229,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0 },
      },
    });
    assert.deepEqual(seen.usage, usage(19, 0, 0, 18, 192));
    assert.equal(seen.outputText, "Four.");
    assert.equal(seen.model, "o3-2025-04-16");
    assert.deepEqual(usageQuantities(seen.usage ?? usage(0, 0, 0, 0, 0)), {
      input_tokens: 19n,
      output_tokens: 18n,
      reasoning_tokens: 192n,
    });
  });

  const refused: readonly [string, unknown][] = [
    [
      "more cached than prompt",
      { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 6 } },
    ],
    [
      "more reasoning than completion",
      {
        prompt_tokens: 5,
        completion_tokens: 1,
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    ],
    ["a negative count", { prompt_tokens: -1, completion_tokens: 1 }],
    ["a fraction", { prompt_tokens: 1.5, completion_tokens: 1 }],
    ["a string", { prompt_tokens: "5", completion_tokens: 1 }],
    ["no prompt tokens", { completion_tokens: 1 }],
    ["details not an object", { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: 3 }],
  ];
  for (const [name, figures] of refused) {
    it(`no usage from figures with ${name}`, () => {
      assert.equal(observeOpenAiChatBody({ id: "x", choices: [], usage: figures }).usage, null);
    });
  }

  it("an error body", () => {
    const seen = observeOpenAiChatBody({
      error: { message: "Rate limit", type: "requests", param: null, code: "rate_limit_exceeded" },
    });
    assert.deepEqual(seen.error, { type: "requests", message: "Rate limit" });
    assert.equal(seen.usage, null);
  });
});

describe("OpenAI embeddings", () => {
  it("prompt tokens are input tokens", () => {
    const seen = observeOpenAiEmbeddingsBody({
      object: "list",
      data: [{ object: "embedding", index: 0, embedding: [0.1] }],
      model: "text-embedding-3-small",
      usage: { prompt_tokens: 8, total_tokens: 8 },
    });
    assert.deepEqual(seen.usage, usage(8, 0, 0, 0, 0));
    assert.equal(seen.model, "text-embedding-3-small");
  });
});

const responseObject = (status: string, withUsage: boolean, extra = "") =>
  `{"id":"resp_67c","object":"response","created_at":1741476542,"status":"${status}","error":null,"incomplete_details":${status === "incomplete" ? '{"reason":"max_output_tokens"}' : "null"},"model":"gpt-5-2025-08-07","output":[],"usage":${withUsage ? '{"input_tokens":2000,"input_tokens_details":{"cached_tokens":1536},"output_tokens":900,"output_tokens_details":{"reasoning_tokens":640},"total_tokens":2900}' : "null"}${extra}}`;

const responsesStream = (ending: "completed" | "incomplete") =>
  [
    `event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":${responseObject("in_progress", false)}}\n\n`,
    `event: response.in_progress\ndata: {"type":"response.in_progress","sequence_number":1,"response":${responseObject("in_progress", false)}}\n\n`,
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[]}\n\n',
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_1","output_index":1,"content_index":0,"delta":" you","logprobs":[]}\n\n',
    'event: response.output_text.done\ndata: {"type":"response.output_text.done","sequence_number":6,"item_id":"msg_1","output_index":1,"content_index":0,"text":"Hi you","logprobs":[]}\n\n',
    `event: response.${ending}\ndata: {"type":"response.${ending}","sequence_number":7,"response":${responseObject(ending, true)}}\n\n`,
  ].join("");

describe("OpenAI Responses", () => {
  it("streamed: the usage arrives with response.completed", () => {
    const observer = new OpenAiResponsesStreamObserver();
    const verdicts = feed(observer, responsesStream("completed")).map(({ verdict }) => verdict);
    const seen = observer.observation();
    assert.deepEqual(seen.usage, usage(464, 1536, 0, 260, 640));
    assert.equal(seen.outputText, "Hi you");
    assert.equal(seen.finishReason, "completed");
    assert.equal(seen.model, "gpt-5-2025-08-07");
    assert.equal(seen.id, "resp_67c");
    assert.equal(seen.ended, true);
    assert.deepEqual(
      verdicts.map((verdict) => verdict.terminal),
      [false, false, false, false, false, true],
    );
  });

  it("streamed: incomplete at max_output_tokens", () => {
    const observer = new OpenAiResponsesStreamObserver();
    feed(observer, responsesStream("incomplete"));
    assert.equal(observer.observation().finishReason, "max_output_tokens");
    assert.equal(observer.observation().usageFinal, true);
  });

  it("streamed and cut before its end: the text, no usage", () => {
    const observer = new OpenAiResponsesStreamObserver();
    const stream = responsesStream("completed");
    feed(observer, stream.slice(0, stream.indexOf("event: response.output_text.done")));
    assert.equal(observer.observation().usage, null);
    assert.equal(observer.observation().outputText, "Hi you");
    assert.equal(observer.observation().ended, false);
  });

  it("whole: usage and the text of its output items", () => {
    const body = JSON.parse(
      responseObject("completed", true).replace(
        '"output":[]',
        '"output":[{"type":"reasoning","id":"rs_1","summary":[]},{"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi you","annotations":[]}]}]',
      ),
    ) as unknown;
    const seen = observeOpenAiResponsesBody(body);
    assert.deepEqual(seen.usage, usage(464, 1536, 0, 260, 640));
    assert.equal(seen.outputText, "Hi you");
  });

  it("an error event ends the stream", () => {
    const observer = new OpenAiResponsesStreamObserver();
    const [first] = feed(
      observer,
      'event: error\ndata: {"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":2}\n\n',
    );
    assert.equal(first?.verdict.terminal, true);
    assert.deepEqual(observer.observation().error, { type: "error", message: "boom" });
  });
});

const anthropicStream = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":2048,"cache_read_input_tokens":9000,"output_tokens":1,"service_tier":"standard"}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}\n\n',
  'event: ping\ndata: {"type": "ping"}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see."}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hello"}}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":null,"stop_sequence":null},"usage":{"output_tokens":40}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"!"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":472,"cache_creation_input_tokens":2048,"cache_read_input_tokens":9000,"output_tokens":57}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
].join("");

describe("Anthropic messages", () => {
  it("streamed: cumulative usage, the last value taken, never the sum", () => {
    const observer = new AnthropicMessagesStreamObserver();
    const verdicts = feed(observer, anthropicStream).map(({ verdict }) => verdict);
    const seen = observer.observation();
    assert.deepEqual(seen.usage, usage(472, 9000, 2048, 57, 0));
    assert.equal(seen.usageFinal, true);
    assert.equal(seen.outputText, "Let me see.Hello!");
    assert.equal(seen.finishReason, "end_turn");
    assert.equal(seen.model, "claude-sonnet-4-5-20250929");
    assert.equal(seen.ended, true);
    assert.deepEqual(observer.openBlocks(), []);
    assert.deepEqual(
      verdicts.map((verdict) => verdict.terminal),
      verdicts.map((_, index) => index === verdicts.length - 1),
    );
  });

  it("streamed and cut after message_start: the input is known, the usage not final", () => {
    const observer = new AnthropicMessagesStreamObserver();
    feed(observer, anthropicStream.slice(0, anthropicStream.indexOf("event: message_delta")));
    const seen = observer.observation();
    assert.deepEqual(seen.usage, usage(472, 9000, 2048, 1, 0));
    assert.equal(seen.usageFinal, false);
    assert.deepEqual(observer.openBlocks(), [1]);
    assert.equal(seen.ended, false);
  });

  it("a delta that leaves out input figures keeps message_start's", () => {
    const observer = new AnthropicMessagesStreamObserver();
    const start = anthropicStream.slice(0, anthropicStream.indexOf("event: content_block_start"));
    feed(
      observer,
      `${start}event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9,"input_tokens":null}}\n\n`,
    );
    assert.deepEqual(observer.observation().usage, usage(472, 9000, 2048, 9, 0));
    assert.equal(observer.observation().finishReason, "max_tokens");
  });

  it("an error event ends the stream", () => {
    const observer = new AnthropicMessagesStreamObserver();
    const [first] = feed(
      observer,
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    assert.equal(first?.verdict.terminal, true);
    assert.deepEqual(observer.observation().error, {
      type: "overloaded_error",
      message: "Overloaded",
    });
  });

  it("whole: cache reads and writes apart from input; tool input counted as text", () => {
    const seen = observeAnthropicMessagesBody({
      id: "msg_02",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5",
      content: [
        { type: "text", text: "Sure." },
        { type: "tool_use", id: "toolu_1", name: "get", input: { a: 1 } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: 30,
        output_tokens: 20,
      },
    });
    assert.deepEqual(seen.usage, usage(10, 30, 0, 20, 0));
    assert.equal(seen.outputText, 'Sure.{"a":1}');
    assert.equal(seen.finishReason, "tool_use");
  });
});

describe("the text kept is bounded", () => {
  it("past its maximum only the length grows", () => {
    const observer = new OpenAiChatStreamObserver();
    const piece = "x".repeat(100_000);
    for (let i = 0; i < 12; i += 1) {
      observer.observe({
        data: JSON.stringify({ id: "c", choices: [{ index: 0, delta: { content: piece } }] }),
      });
    }
    const seen = observer.observation();
    assert.equal(seen.outputText.length, observedTextLengthMax);
    assert.equal(seen.outputTextLength, 1_200_000);
  });
});
