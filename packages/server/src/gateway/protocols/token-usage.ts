/**
 * The providers' usage figures mapped to creditpool's token meters (the meters of
 * `catalog/ai-models.json`). Each provider counts differently, and each mapping here says what
 * includes what, so no token is priced twice or missed:
 *
 * - OpenAI Chat Completions and Embeddings: `prompt_tokens` includes `cached_tokens`, and
 *   `completion_tokens` includes `reasoning_tokens`. Input is prompt − cached; output is
 *   completion − reasoning. OpenAI bills a cache write as ordinary input (its
 *   `cache_write_tokens` detail is part of the prompt), so it stays in `input_tokens`.
 * - OpenAI Responses: the same rules under other names (`input_tokens` with
 *   `input_tokens_details.cached_tokens`, `output_tokens` with
 *   `output_tokens_details.reasoning_tokens`).
 * - Anthropic Messages: `input_tokens` excludes cache reads (`cache_read_input_tokens`) and cache
 *   writes (`cache_creation_input_tokens`), which are meters of their own. `output_tokens`
 *   includes thinking and is what Anthropic bills; its `thinking_tokens` detail is an
 *   approximate breakdown, so it is not split out: `reasoning_tokens` is 0.
 *
 * Figures that are missing, not non-negative integers, or inconsistent (more cached than prompt
 * tokens) give no usage (null), never a guess.
 */

export const tokenMeters = [
  "input_tokens",
  "cached_input_tokens",
  "cache_write_tokens",
  "output_tokens",
  "reasoning_tokens",
] as const;

export type TokenMeter = (typeof tokenMeters)[number];

/** Tokens per meter, as the quantities of a usage event. */
export type TokenUsage = Readonly<Record<TokenMeter, bigint>>;

/** The quantities a rate card prices for this usage: the meters above zero. */
export function usageQuantities(usage: TokenUsage): Record<string, bigint> {
  const quantities: Record<string, bigint> = {};
  for (const meter of tokenMeters) if (usage[meter] > 0n) quantities[meter] = usage[meter];
  return quantities;
}

/** `usage` of a chat completion, a chat stream's usage chunk, or an embeddings answer. */
export function openAiChatUsage(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const prompt = count(usage.prompt_tokens);
  const completion = usage.completion_tokens === undefined ? 0n : count(usage.completion_tokens);
  const cached = detail(usage.prompt_tokens_details, "cached_tokens");
  const reasoning = detail(usage.completion_tokens_details, "reasoning_tokens");
  return split(prompt, cached, completion, reasoning);
}

/** `usage` of an OpenAI Responses response. */
export function openAiResponsesUsage(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cached = detail(usage.input_tokens_details, "cached_tokens");
  const reasoning = detail(usage.output_tokens_details, "reasoning_tokens");
  return split(input, cached, output, reasoning);
}

/** `usage` of an Anthropic message: the final one (a stream's merged usage, see the observer). */
export function anthropicUsage(usage: unknown): TokenUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cached = optionalCount(usage.cache_read_input_tokens);
  const written = optionalCount(usage.cache_creation_input_tokens);
  if (input === null || output === null || cached === null || written === null) return null;
  return {
    input_tokens: input,
    cached_input_tokens: cached,
    cache_write_tokens: written,
    output_tokens: output,
    reasoning_tokens: 0n,
  };
}

function split(
  prompt: bigint | null,
  cached: bigint | null,
  completion: bigint | null,
  reasoning: bigint | null,
): TokenUsage | null {
  if (prompt === null || cached === null || completion === null || reasoning === null) return null;
  if (cached > prompt || reasoning > completion) return null;
  return {
    input_tokens: prompt - cached,
    cached_input_tokens: cached,
    cache_write_tokens: 0n,
    output_tokens: completion - reasoning,
    reasoning_tokens: reasoning,
  };
}

/** A detail that may be absent (0) or null (0), but not malformed. */
function detail(details: unknown, field: string): bigint | null {
  if (details === undefined || details === null) return 0n;
  if (!isRecord(details)) return null;
  return optionalCount(details[field]);
}

function optionalCount(value: unknown): bigint | null {
  return value === undefined || value === null ? 0n : count(value);
}

function count(value: unknown): bigint | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? BigInt(value)
    : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
