/**
 * A conservative estimate of input tokens for models without a published tokenizer: Anthropic's
 * Claude 3 and later, and any model sizing does not know. It over-counts on purpose, since a hold
 * too small lets the call pass what the pool can pay, while one too large only returns its rest
 * at capture.
 *
 * - Text: one token per `bytesPerToken` (2) UTF-8 bytes, rounded up. Claude's tokenizer averages
 *   about 3.5 characters a token on English and about 3 on code; a CJK character is 3 bytes and
 *   rarely more than one token. So 2 bytes a token is above the real count on these texts by a
 *   margin (English by about 1.75 times).
 * - Each message (the system prompt counted as one): `tokensPerMessage` (4) for its framing, and
 *   `tokensPerRequest` (8) once.
 * - Tools: `toolPromptTokens` (1,000) once for the system prompt tool use adds, above every
 *   figure Anthropic publishes for it (at most 530), then each tool's name, description and
 *   schema as text, and `tokensPerMessage` each.
 * - Images: `imageTokens` (1,600) each: Anthropic scales an image down until it costs about
 *   1,600 tokens at most (width × height ÷ 750).
 *
 * Checked against Anthropic's own token-counting examples (14 tokens for a system prompt and one
 * message, 403 with one tool, 1,551 with one image): the estimate is above each.
 */
import type { Prompt } from "./prompt.ts";

export const bytesPerToken = 2;
export const tokensPerMessage = 4;
export const tokensPerRequest = 8;
export const toolPromptTokens = 1_000;
export const imageTokens = 1_600;

/** The estimated tokens of a text: its UTF-8 bytes halved, rounded up. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / bytesPerToken);
}

export interface Estimate {
  readonly inputTokens: number;
  readonly perMessage: readonly number[];
}

export function estimatePrompt(prompt: Prompt): Estimate {
  const perMessage = prompt.messages.map((message) => {
    let tokens = tokensPerMessage + message.images.length * imageTokens;
    for (const text of message.texts) tokens += estimateTextTokens(text);
    if (message.name !== null) tokens += estimateTextTokens(message.name);
    return tokens;
  });
  let inputTokens = tokensPerRequest + perMessage.reduce((sum, tokens) => sum + tokens, 0);
  if (prompt.tools.length > 0) inputTokens += toolPromptTokens;
  for (const tool of prompt.tools) {
    const text = `${tool.name}${tool.description}${JSON.stringify(tool.parameters)}`;
    inputTokens += tokensPerMessage + estimateTextTokens(text);
  }
  for (const input of prompt.embeddingInputs ?? [])
    inputTokens += typeof input === "number" ? input : estimateTextTokens(input);
  return { inputTokens, perMessage };
}
