/**
 * OpenAI Embeddings (`POST /v1/embeddings`): never streamed; its usage counts prompt tokens only,
 * all of them `input_tokens`.
 */
import { type Observation, ObservationState, stringOrNull, upstreamError } from "./observation.ts";
import { isRecord, openAiChatUsage } from "./token-usage.ts";

export function observeOpenAiEmbeddingsBody(body: unknown): Observation {
  const state = new ObservationState();
  state.ended = true;
  if (!isRecord(body)) {
    state.malformedEvents = 1;
    return state.snapshot();
  }
  if (body.error !== undefined) {
    state.error = upstreamError(body.error);
    return state.snapshot();
  }
  state.model = stringOrNull(body.model);
  state.upstreamUsage = body.usage ?? null;
  state.usage = openAiChatUsage(body.usage);
  state.usageFinal = state.usage !== null;
  return state.snapshot();
}
