/** The fake's usage figures in OpenAI's shapes, counted as OpenAI counts (prompt includes cached). */
import type { FakeUsage } from "./reply.ts";

export function openAiUsage(usage: FakeUsage): Record<string, unknown> {
  const prompt = usage.input_tokens + usage.cached_input_tokens + usage.cache_write_tokens;
  const completion = usage.output_tokens + usage.reasoning_tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: {
      cached_tokens: usage.cached_input_tokens,
      audio_tokens: 0,
      ...(usage.cache_write_tokens > 0 ? { cache_write_tokens: usage.cache_write_tokens } : {}),
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning_tokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function openAiResponsesUsage(usage: FakeUsage): Record<string, unknown> {
  const input = usage.input_tokens + usage.cached_input_tokens + usage.cache_write_tokens;
  const output = usage.output_tokens + usage.reasoning_tokens;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: usage.cached_input_tokens,
      cache_write_tokens: usage.cache_write_tokens,
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.reasoning_tokens },
    total_tokens: input + output,
  };
}
