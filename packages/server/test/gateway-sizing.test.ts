/**
 * Sizing gateway requests: OpenAI token counts against the figures OpenAI published with its
 * counting rule (the tiktoken cookbook, each checked there against the API's `prompt_tokens`);
 * the Anthropic estimate above Anthropic's own token-counting examples; example tables per
 * provider and endpoint, with and without an output limit, for an unknown model, and a body too
 * large; validation naming the field; bounded work on a hostile text.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { limits } from "@creditpool/core";
import { countText, sizeRequest } from "../src/gateway/sizing/size-request.ts";
import { Refusal } from "../src/refusal.ts";

const json = (value: unknown) => JSON.stringify(value);

/** The cookbook's example conversation ("How to count tokens with tiktoken", section 6). */
const jargon = [
  {
    role: "system",
    content:
      "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
  },
  {
    role: "system",
    name: "example_user",
    content: "New synergies will help drive top-line growth.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Things working well together will increase revenue.",
  },
  {
    role: "system",
    name: "example_user",
    content:
      "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  {
    role: "system",
    name: "example_assistant",
    content: "Let's talk later when we're less busy about how to do better.",
  },
  {
    role: "user",
    content:
      "This late pivot means we don't have time to boil the ocean for the client deliverable.",
  },
];

/** The cookbook's tool example (section 7). */
const weatherTool = {
  type: "function",
  function: {
    name: "get_current_weather",
    description: "Get the current weather in a given location",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
        unit: {
          type: "string",
          description: "The unit of temperature to return",
          enum: ["celsius", "fahrenheit"],
        },
      },
      required: ["location"],
    },
  },
};
const weatherMessages = [
  {
    role: "system",
    content: "You are a helpful assistant that can answer to questions about the weather.",
  },
  { role: "user", content: "What's the weather like in San Francisco?" },
];

function refusal(work: () => unknown): Refusal {
  try {
    work();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  assert.fail("expected a refusal");
}

describe("OpenAI counts, against OpenAI's published figures", () => {
  for (const [model, expected] of [
    ["gpt-4", 129],
    ["gpt-4o", 124],
    ["gpt-4o-mini", 124],
  ] as const) {
    it(`the cookbook's conversation is ${expected} prompt tokens on ${model}`, () => {
      const sized = sizeRequest("openai", "chat_completions", json({ model, messages: jargon }));
      assert.equal(sized.inputTokens, expected);
      assert.equal(sized.exact, true);
    });
  }

  for (const [model, expected] of [
    ["gpt-3.5-turbo", 105],
    ["gpt-4", 105],
    ["gpt-4o", 101],
  ] as const) {
    it(`the cookbook's tool call is ${expected} prompt tokens on ${model}`, () => {
      const body = { model, messages: weatherMessages, tools: [weatherTool] };
      const sized = sizeRequest("openai", "chat_completions", json(body));
      assert.equal(sized.inputTokens, expected);
      assert.equal(sized.exact, true);
    });
  }

  it("tokenizes text as OpenAI's tokenizer does", () => {
    // "hello world" is two tokens in both families; a special token's name is text.
    assert.equal(countText("gpt-4o", "hello world"), 2);
    assert.equal(countText("gpt-4", "hello world"), 2);
    assert.ok(countText("gpt-4o", "<|endoftext|>") > 1);
  });

  it("embeddings count their inputs' tokens, with no overhead and no output", () => {
    const body = { model: "text-embedding-3-small", input: ["hello world", "hello world"] };
    const sized = sizeRequest("openai", "embeddings", json(body));
    assert.deepEqual(
      { tokens: sized.inputTokens, output: sized.outputCeiling, usage: sized.usage },
      {
        tokens: 4,
        output: 0,
        usage: {
          quantities: { input_tokens: 4 },
          dimensions: { model: "text-embedding-3-small" },
        },
      },
    );
    const ids = sizeRequest("openai", "embeddings", json({ ...body, input: [[1, 2, 3], [4]] }));
    assert.equal(ids.inputTokens, 4);
  });
});

describe("the Anthropic estimate is above Anthropic's own counts", () => {
  // Anthropic's token-counting guide: each request and the input_tokens its endpoint answered.
  const examples = [
    {
      name: "a system prompt and one message (14)",
      real: 14,
      body: {
        model: "claude-sonnet-4-5",
        system: "You are a scientist",
        messages: [{ role: "user", content: "Hello, Claude" }],
      },
    },
    {
      name: "one tool (403)",
      real: 403,
      body: {
        model: "claude-sonnet-4-5",
        tools: [
          {
            name: "get_weather",
            description: "Get the current weather in a given location",
            input_schema: {
              type: "object",
              properties: {
                location: {
                  type: "string",
                  description: "The city and state, e.g. San Francisco, CA",
                },
              },
              required: ["location"],
            },
          },
        ],
        messages: [{ role: "user", content: "What's the weather like in San Francisco?" }],
      },
    },
    {
      name: "one image (1,551)",
      real: 1_551,
      body: {
        model: "claude-sonnet-4-5",
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "" } },
              { type: "text", text: "Describe this image" },
            ],
          },
        ],
      },
    },
  ];
  for (const { name, real, body } of examples) {
    it(name, () => {
      const sized = sizeRequest("anthropic", "messages", json(body));
      assert.ok(sized.inputTokens >= real, `${sized.inputTokens} < ${real}`);
      assert.equal(sized.exact, false);
    });
  }

  it("is above the exact count of English, code and CJK text", () => {
    const texts = [
      "The quick brown fox jumps over the lazy dog, again and again, until evening.",
      "function add(a: number, b: number): number {\n  return a + b;\n}\n",
      "東京は日本の首都です。人口はとても多いです。",
    ];
    for (const text of texts)
      assert.ok(countText("claude-sonnet-4-5", text) >= countText("gpt-4", text), text);
  });
});

describe("sizing tables", () => {
  const cases = [
    {
      name: "OpenAI chat with max_tokens",
      provider: "openai",
      endpoint: "chat_completions",
      body: { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], max_tokens: 100 },
      output: 100,
      input: "input_tokens",
    },
    {
      name: "OpenAI chat with max_completion_tokens and two choices",
      provider: "openai",
      endpoint: "chat_completions",
      body: {
        model: "o3",
        messages: [{ role: "user", content: "hi" }],
        max_completion_tokens: 500,
        n: 2,
      },
      output: 1_000,
      input: "input_tokens",
    },
    {
      name: "OpenAI chat without a limit: the model's ceiling",
      provider: "openai",
      endpoint: "chat_completions",
      body: { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] },
      output: 16_384,
      input: "input_tokens",
    },
    {
      name: "a limit above the model's ceiling: the ceiling",
      provider: "openai",
      endpoint: "chat_completions",
      body: { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], max_tokens: 90_000 },
      output: 16_384,
      input: "input_tokens",
    },
    {
      name: "OpenAI responses with max_output_tokens",
      provider: "openai",
      endpoint: "responses",
      body: { model: "gpt-5", input: "hi", instructions: "Be brief.", max_output_tokens: 64 },
      output: 64,
      input: "input_tokens",
    },
    {
      name: "an unknown model without a limit: the default",
      provider: "openai",
      endpoint: "chat_completions",
      body: { model: "acme-1", messages: [{ role: "user", content: "hi" }] },
      output: limits.outputTokensDefault,
      input: "input_tokens",
    },
    {
      name: "an unknown model with a limit: the limit",
      provider: "openai",
      endpoint: "chat_completions",
      body: { model: "acme-1", messages: [{ role: "user", content: "hi" }], max_tokens: 20_000 },
      output: 20_000,
      input: "input_tokens",
    },
    {
      name: "Anthropic messages with max_tokens",
      provider: "anthropic",
      endpoint: "messages",
      body: {
        model: "claude-haiku-4-5",
        max_tokens: 1_024,
        messages: [{ role: "user", content: "hi" }],
      },
      output: 1_024,
      input: "input_tokens",
    },
    {
      name: "Anthropic without max_tokens: the model's ceiling",
      provider: "anthropic",
      endpoint: "messages",
      body: { model: "claude-3-5-haiku", messages: [{ role: "user", content: "hi" }] },
      output: 8_192,
      input: "input_tokens",
    },
    {
      name: "Anthropic with prompt caching: input priced as a cache write",
      provider: "anthropic",
      endpoint: "messages",
      body: {
        model: "claude-sonnet-4-5",
        max_tokens: 10,
        system: [
          { type: "text", text: "A long shared prefix", cache_control: { type: "ephemeral" } },
        ],
        messages: [{ role: "user", content: "hi" }],
      },
      output: 10,
      input: "cache_write_tokens",
    },
  ] as const;
  for (const { name, provider, endpoint, body, output, input } of cases) {
    it(name, () => {
      const sized = sizeRequest(provider, endpoint, json(body));
      assert.equal(sized.model, body.model);
      assert.equal(sized.outputCeiling, output);
      assert.deepEqual(sized.usage, {
        quantities: { [input]: sized.inputTokens, output_tokens: output },
        dimensions: { model: body.model },
      });
      assert.ok(sized.inputTokens > 0);
    });
  }

  it("sizes for the model routing chose when told", () => {
    const body = json({ model: "auto", messages: [{ role: "user", content: "hi" }] });
    const sized = sizeRequest("openai", "chat_completions", body, { model: "gpt-4o-mini" });
    assert.equal(sized.model, "gpt-4o-mini");
    assert.equal(sized.exact, true);
    assert.equal(sized.usage.dimensions.model, "gpt-4o-mini");
  });

  it("a body above the maximum is refused before it is parsed", () => {
    const body = `"${"x".repeat(limits.gatewayRequestBytesMax)}"`;
    const refused = refusal(() => sizeRequest("openai", "chat_completions", body));
    assert.deepEqual([refused.code, refused.param], ["payload_too_large", "body"]);
  });

  it("measures what the classifier reads", () => {
    const body = {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "You review code." },
        { role: "user", content: "Why?\n```ts\nlet a = 1;\n```" },
        { role: "assistant", content: "Because." },
      ],
      tools: [weatherTool],
      max_tokens: 300,
    };
    const { complexity, inputTokens } = sizeRequest("openai", "chat_completions", json(body));
    assert.equal(complexity.inputTokens, inputTokens);
    assert.equal(complexity.messages, 2);
    assert.equal(complexity.tools, 1);
    assert.equal(complexity.codeBlocks, 1);
    assert.equal(complexity.outputTokens, 300);
    assert.ok(complexity.systemTokens > 0 && complexity.longestMessageTokens > 0);
  });
});

describe("validation names the field", () => {
  const cases = [
    ["openai", "chat_completions", "{", "body"],
    ["openai", "chat_completions", "[]", "body"],
    ["openai", "chat_completions", json({ messages: [] }), "model"],
    ["openai", "chat_completions", json({ model: "gpt-4o", messages: [] }), "messages"],
    [
      "openai",
      "chat_completions",
      json({ model: "gpt-4o", messages: [{ role: "user" }, { role: "user", content: 7 }] }),
      "messages[1].content",
    ],
    [
      "openai",
      "chat_completions",
      json({ model: "gpt-4o", messages: [{ role: "user", content: "a" }], max_tokens: 0 }),
      "max_tokens",
    ],
    [
      "openai",
      "chat_completions",
      json({ model: "gpt-4o", messages: [{ role: "user", content: "a" }], max_tokens: 1.5 }),
      "max_tokens",
    ],
    ["openai", "embeddings", json({ model: "text-embedding-3-small", input: [{}] }), "input[0]"],
    [
      "anthropic",
      "messages",
      json({ model: "claude-haiku-4-5", messages: [{ role: "robot", content: "a" }] }),
      "messages[0].role",
    ],
    [
      "anthropic",
      "messages",
      json({
        model: "claude-haiku-4-5",
        messages: [{ role: "user", content: [{ type: "text", text: 3 }] }],
      }),
      "messages[0].content[0].text",
    ],
  ] as const;
  for (const [provider, endpoint, body, param] of cases) {
    it(`${param} (${endpoint})`, () => {
      const refused = refusal(() => sizeRequest(provider, endpoint, body));
      assert.deepEqual([refused.code, refused.param], ["invalid_request", param]);
    });
  }
});

describe("bounded work", () => {
  it("a long run is counted by its bytes, an upper bound, without encoding it", () => {
    const text = "a".repeat(200_000);
    const started = performance.now();
    const body = json({ model: "gpt-4o", messages: [{ role: "user", content: text }] });
    const sized = sizeRequest("openai", "chat_completions", body);
    assert.ok(performance.now() - started < 1_000);
    assert.equal(sized.exact, false);
    assert.ok(sized.inputTokens >= 200_000);
  });

  it("text past the exact budget counts its bytes", () => {
    const words = "lorem ipsum dolor sit amet ".repeat(
      Math.ceil((limits.gatewayExactTextBytesMax + 1) / 27),
    );
    const body = json({ model: "gpt-4o", messages: [{ role: "user", content: words }] });
    const sized = sizeRequest("openai", "chat_completions", body);
    assert.equal(sized.exact, false);
    assert.ok(sized.inputTokens >= Buffer.byteLength(words));
  });
});
