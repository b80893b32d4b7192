/**
 * The size of a gateway request, before it goes upstream: its model, input tokens (exact where a
 * tokenizer for the model's family is published, else a conservative estimate), the output it
 * may produce, and the usage a hold for it is priced with. A body above
 * `limits.gatewayRequestBytesMax` is refused before it is parsed.
 *
 * The output ceiling is the request's `max_tokens` (`max_completion_tokens`,
 * `max_output_tokens`), never above the model's own ceiling when the catalog lists one; without
 * one, the model's ceiling, or `limits.outputTokensDefault` for a model the catalog does not
 * list. Chat's `n` answers multiply it. Embeddings produce no output.
 */
import { type ComplexityInput, invariant, limits } from "@creditpool/core";
import { catalogModel, outputCeilingOf } from "../../model-catalog.ts";
import { Refusal } from "../../refusal.ts";
import { readMessages } from "./anthropic-request.ts";
import { encodingOf, TokenCounter } from "./encodings.ts";
import { estimatePrompt, estimateTextTokens } from "./estimate.ts";
import { invalid, isObject, type JsonObject } from "./fields.ts";
import { readChatCompletion, readEmbeddings, readResponse } from "./openai-request.ts";
import { countOpenAiEmbeddings, countOpenAiPrompt } from "./openai-tokens.ts";
import type { Prompt } from "./prompt.ts";

export type GatewayProvider = "openai" | "anthropic";
export type GatewayEndpoint = "chat_completions" | "responses" | "embeddings" | "messages";

const readers: Record<GatewayEndpoint, (body: JsonObject) => Prompt> = {
  chat_completions: readChatCompletion,
  responses: readResponse,
  embeddings: readEmbeddings,
  messages: readMessages,
};
const endpointsOf: Record<GatewayProvider, readonly GatewayEndpoint[]> = {
  openai: ["chat_completions", "responses", "embeddings"],
  anthropic: ["messages"],
};

/** What a hold is priced with: meter quantities and the dimensions that pick the price. */
export interface SizedUsage {
  readonly quantities: Readonly<Record<string, number>>;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface SizedRequest {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputCeiling: number;
  /** The input was counted with the model's own tokenizer, as its provider counts. */
  readonly exact: boolean;
  readonly usage: SizedUsage;
  /** What the complexity classifier reads of the request. */
  readonly complexity: ComplexityInput;
}

export interface SizeOptions {
  /** Size for this model instead of the body's: the one routing chose. */
  readonly model?: string;
}

/** The body as received (text or bytes): size-checked, then parsed. */
export function parseGatewayBody(body: string | Uint8Array): JsonObject {
  const bytes = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
  if (bytes > limits.gatewayRequestBytesMax)
    throw new Refusal(
      "payload_too_large",
      `A gateway request body is at most ${limits.gatewayRequestBytesMax} bytes.`,
      "body",
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  } catch {
    throw invalid("body", "must be JSON");
  }
  if (!isObject(parsed)) throw invalid("body", "must be a JSON object");
  return parsed;
}

export function sizeRequest(
  provider: GatewayProvider,
  endpoint: GatewayEndpoint,
  body: string | Uint8Array,
  options: SizeOptions = {},
): SizedRequest {
  invariant(endpointsOf[provider].includes(endpoint), "the endpoint is the provider's");
  const read = readers[endpoint](parseGatewayBody(body));
  const prompt = options.model === undefined ? read : { ...read, model: options.model };
  const encoding = provider === "openai" ? encodingOf(prompt.model) : null;
  const counter = encoding === null ? null : new TokenCounter(encoding);
  const counted =
    counter === null
      ? { ...estimatePrompt(prompt), exact: false }
      : prompt.embeddingInputs !== null
        ? countOpenAiEmbeddings(prompt.embeddingInputs, counter)
        : countOpenAiPrompt(prompt, counter);
  const outputCeiling = endpoint === "embeddings" ? 0 : outputCeilingFor(prompt);
  const input = prompt.cacheWrite ? "cache_write_tokens" : "input_tokens";
  const quantities: Record<string, number> = { [input]: counted.inputTokens };
  if (outputCeiling > 0) quantities.output_tokens = outputCeiling;
  return {
    model: prompt.model,
    inputTokens: counted.inputTokens,
    outputCeiling,
    exact: counted.exact,
    usage: { quantities, dimensions: { model: prompt.model } },
    complexity: complexityOf(prompt, counted.inputTokens, counted.perMessage),
  };
}

function outputCeilingFor(prompt: Prompt): number {
  const listed = catalogModel(prompt.model)?.max_output_tokens;
  const asked = prompt.outputTokens?.tokens;
  const ceiling =
    asked === undefined
      ? outputCeilingOf(prompt.model)
      : listed === undefined
        ? asked
        : Math.min(asked, listed);
  return ceiling * prompt.choices;
}

const fence = /```/g;

function complexityOf(
  prompt: Prompt,
  inputTokens: number,
  perMessage: readonly number[],
): ComplexityInput {
  let systemTokens = 0;
  let longestMessageTokens = 0;
  let fences = 0;
  prompt.messages.forEach((message, index) => {
    const tokens = perMessage[index] ?? 0;
    if (message.system) systemTokens += tokens;
    else longestMessageTokens = Math.max(longestMessageTokens, tokens);
    for (const text of message.texts) fences += text.match(fence)?.length ?? 0;
  });
  return {
    inputTokens,
    messages: prompt.messages.filter((message) => !message.system).length,
    tools: prompt.tools.length,
    systemTokens,
    codeBlocks: Math.ceil(fences / 2),
    longestMessageTokens,
    outputTokens: prompt.outputTokens?.tokens ?? null,
  };
}

/**
 * The tokens of a text the model produced (output streamed before an upstream cut): exact with
 * the model's tokenizer when its family has one, else the same conservative estimate as input.
 */
export function countText(model: string, text: string): number {
  const encoding = encodingOf(model);
  return encoding === null ? estimateTextTokens(text) : new TokenCounter(encoding).count(text);
}
