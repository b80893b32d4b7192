/**
 * Input tokens of an OpenAI request, counted as OpenAI counts chat messages (the tiktoken
 * cookbook, "How to count tokens with tiktoken", checked there against the API's own figures):
 * every message costs 3 tokens, plus its role and content, plus 1 for a `name` and the name
 * itself; every reply is primed with 3 more. Tools follow the cookbook's rule for function
 * definitions. Images cost the most their `detail` can cost for the model, since sizing never
 * decodes an image.
 *
 * Exact for messages whose content is one string, and for tools whose parameters are flat (each
 * property a type, a description, an enum): the cases the cookbook checks. Content parts, tool
 * calls and results, nested schemas and images are counted by the same rule on their text, an
 * approximation, and answer `exact: false`.
 */
import type { Encoding, TokenCounter } from "./encodings.ts";
import { isObject } from "./fields.ts";
import type { ImageDetail, Prompt, PromptTool } from "./prompt.ts";

const tokensPerMessage = 3;
const tokensPerName = 1;
const replyPriming = 3;

/** The cookbook's function-definition costs, per encoding family. */
const toolCosts: Record<Encoding, { functionStart: number; functionsEnd: number }> = {
  o200k_base: { functionStart: 7, functionsEnd: 12 },
  cl100k_base: { functionStart: 10, functionsEnd: 12 },
};
const propertiesStart = 3;
const propertyKey = 3;
const enumStart = -3;
const enumItem = 3;

/**
 * The most one image costs, by OpenAI's published vision rules, for an image of any size:
 * tiles of 512 px after fitting 2048 × 2048 and 768 px on the short side (at most 8 tiles), or
 * 32-px patches capped at 1,536 with a per-model multiplier.
 */
export function imageTokensMax(model: string, detail: ImageDetail): number {
  const name = model.toLowerCase();
  if (name.startsWith("gpt-4o-mini")) return detail === "low" ? 2_833 : 2_833 + 8 * 5_667;
  if (name.startsWith("gpt-4.1-mini")) return Math.ceil(1_536 * 1.62);
  if (name.startsWith("gpt-4.1-nano")) return Math.ceil(1_536 * 2.46);
  if (name.startsWith("o4-mini")) return Math.ceil(1_536 * 1.72);
  return detail === "low" ? 85 : 85 + 8 * 170;
}

function withoutPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** One property of a flat schema, or null when it is not flat (nested, or without a type). */
function flatProperty(value: unknown) {
  if (!isObject(value) || typeof value.type !== "string") return null;
  if (value.type === "object" || value.type === "array") return null;
  const enumValues = value.enum;
  if (enumValues !== undefined && !(Array.isArray(enumValues) && enumValues.every(isString)))
    return null;
  const description = typeof value.description === "string" ? value.description : "";
  return { type: value.type, description, enumValues: (enumValues ?? []) as string[] };
}

const isString = (value: unknown): value is string => typeof value === "string";

function toolTokens(tool: PromptTool, counter: TokenCounter, start: number): number {
  let tokens = start + counter.count(`${tool.name}:${withoutPeriod(tool.description)}`);
  const schema = tool.parameters;
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : null;
  if (schema !== null && properties === null) {
    counter.exact = false;
    return tokens + counter.count(JSON.stringify(schema));
  }
  const entries = Object.entries(properties ?? {});
  if (entries.length > 0) tokens += propertiesStart;
  for (const [key, value] of entries) {
    tokens += propertyKey;
    const property = flatProperty(value);
    if (property === null) {
      counter.exact = false;
      tokens += counter.count(`${key}:${JSON.stringify(value)}`);
      continue;
    }
    if (property.enumValues.length > 0) tokens += enumStart;
    for (const item of property.enumValues) tokens += enumItem + counter.count(item);
    tokens += counter.count(`${key}:${property.type}:${withoutPeriod(property.description)}`);
  }
  return tokens;
}

export interface OpenAiCount {
  readonly inputTokens: number;
  /** Tokens of each message, the system prompt's included, in order. */
  readonly perMessage: readonly number[];
  readonly exact: boolean;
}

/** A chat or responses request's input tokens. */
export function countOpenAiPrompt(prompt: Prompt, counter: TokenCounter): OpenAiCount {
  let exact = true;
  const perMessage = prompt.messages.map((message) => {
    let tokens = tokensPerMessage + counter.count(message.role);
    for (const text of message.texts) tokens += counter.count(text);
    if (message.name !== null) tokens += tokensPerName + counter.count(message.name);
    for (const detail of message.images) tokens += imageTokensMax(prompt.model, detail);
    if (!message.plain || message.images.length > 0) exact = false;
    return tokens;
  });
  let inputTokens = replyPriming + perMessage.reduce((sum, tokens) => sum + tokens, 0);
  if (prompt.tools.length > 0) {
    const costs = toolCosts[counter.encoding];
    for (const tool of prompt.tools) inputTokens += toolTokens(tool, counter, costs.functionStart);
    inputTokens += costs.functionsEnd;
  }
  return { inputTokens, perMessage, exact: exact && counter.exact };
}

/** An embeddings request's input tokens: the texts' tokens, no overhead. */
export function countOpenAiEmbeddings(inputs: readonly (string | number)[], counter: TokenCounter) {
  let inputTokens = 0;
  for (const input of inputs)
    inputTokens += typeof input === "number" ? input : counter.count(input);
  return { inputTokens, perMessage: [], exact: counter.exact };
}
