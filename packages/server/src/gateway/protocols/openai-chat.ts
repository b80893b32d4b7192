/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`): the observer of its stream of
 * `chat.completion.chunk` events and of its whole answer, the request rewrite that asks for the
 * final usage chunk, and the bytes that end a stream the gateway stops itself.
 */
import {
  type Observation,
  ObservationState,
  type ObservedEvent,
  parseData,
  type StreamObserver,
  stringOrNull,
  upstreamError,
} from "./observation.ts";
import type { SseEvent } from "./sse-decoder.ts";
import { isRecord, openAiChatUsage, type TokenUsage } from "./token-usage.ts";

const done = "[DONE]";

export class OpenAiChatStreamObserver implements StreamObserver {
  readonly #state = new ObservationState();
  /** The `created` time of the chunks, repeated by a chunk the gateway adds. */
  created: number | null = null;

  observe(event: SseEvent): ObservedEvent {
    const state = this.#state;
    if (event.data === done) {
      state.ended = true;
      return { usageOnly: false, terminal: true };
    }
    const chunk = parseData(event.data);
    if (!isRecord(chunk)) {
      state.malformedEvents += 1;
      return { usageOnly: false, terminal: false };
    }
    if (chunk.error !== undefined) {
      state.error = upstreamError(chunk.error);
      return { usageOnly: false, terminal: true };
    }
    state.id ??= stringOrNull(chunk.id);
    state.model ??= stringOrNull(chunk.model);
    if (this.created === null && typeof chunk.created === "number") this.created = chunk.created;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isRecord(choice)) continue;
      if (isRecord(choice.delta)) appendMessageText(state, choice.delta);
      const reason = stringOrNull(choice.finish_reason);
      if (reason !== null && (choice.index === 0 || state.finishReason === null)) {
        state.finishReason = reason;
      }
    }
    const hasUsage = isRecord(chunk.usage);
    if (hasUsage) {
      state.upstreamUsage = chunk.usage;
      state.usage = openAiChatUsage(chunk.usage);
      state.usageFinal = state.usage !== null;
    }
    return {
      usageOnly: hasUsage && Array.isArray(chunk.choices) && choices.length === 0,
      terminal: false,
    };
  }

  observation(): Observation {
    return this.#state.snapshot();
  }
}

/** The observation of a whole (non-streamed) chat completion, or of an error body. */
export function observeOpenAiChatBody(body: unknown): Observation {
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
  state.id = stringOrNull(body.id);
  state.model = stringOrNull(body.model);
  const choices = Array.isArray(body.choices) ? body.choices : [];
  for (const choice of choices) {
    if (!isRecord(choice)) continue;
    if (isRecord(choice.message)) appendMessageText(state, choice.message);
    if (choice.index === 0 || state.finishReason === null) {
      state.finishReason = stringOrNull(choice.finish_reason) ?? state.finishReason;
    }
  }
  state.upstreamUsage = body.usage ?? null;
  state.usage = openAiChatUsage(body.usage);
  state.usageFinal = state.usage !== null;
  return state.snapshot();
}

/** Content, refusal and tool-call arguments of a message or a delta: what the model generated. */
function appendMessageText(state: ObservationState, message: Record<string, unknown>): void {
  state.appendText(message.content);
  state.appendText(message.refusal);
  if (isRecord(message.function_call)) state.appendText(message.function_call.arguments);
  if (!Array.isArray(message.tool_calls)) return;
  for (const call of message.tool_calls) {
    if (isRecord(call) && isRecord(call.function)) state.appendText(call.function.arguments);
  }
}

export class ChatRequestInvalid extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A chat request that asks for the final usage chunk when it streams, and whether its client had
 * asked for it: if not, the gateway hides that chunk (`ObservedEvent.usageOnly`). The request
 * given is not changed. A `stream_options` that is not an object is refused, naming the field.
 */
export function withStreamUsage(request: Readonly<Record<string, unknown>>): {
  readonly request: Record<string, unknown>;
  readonly clientAskedUsage: boolean;
} {
  const options = request.stream_options;
  if (options !== undefined && options !== null && !isRecord(options)) {
    throw new ChatRequestInvalid("stream_options", "stream_options must be an object");
  }
  const clientAskedUsage = isRecord(options) && options.include_usage === true;
  if (request.stream !== true) return { request: { ...request }, clientAskedUsage };
  return {
    request: { ...request, stream_options: { ...(options ?? {}), include_usage: true } },
    clientAskedUsage,
  };
}

/** How the gateway ends a chat stream it stops: the reason, and usage if the client asked. */
export interface ChatStreamEnding {
  /** `length` when the gateway stops for the hold's size, as a model stops at `max_tokens`. */
  readonly finishReason: "stop" | "length" | "content_filter";
  /** The OpenAI usage object for the final usage chunk; absent: no usage chunk. */
  readonly usage?: TokenUsage;
}

/**
 * The bytes that end a chat stream cleanly: a chunk with the finish reason (with the id, model
 * and `created` of the chunks already streamed), the usage chunk when asked for, then `[DONE]`.
 * The stream must have started: before its first chunk, answer an error instead.
 */
export function openAiChatStreamEnding(
  observer: OpenAiChatStreamObserver,
  ending: ChatStreamEnding,
): string {
  const { id, model } = observer.observation();
  if (id === null || model === null || observer.created === null) {
    throw new Error("a chat stream is ended only once its first chunk was streamed");
  }
  const base = { id, object: "chat.completion.chunk", created: observer.created, model };
  const withUsage = ending.usage !== undefined;
  const last = {
    ...base,
    choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: ending.finishReason }],
    ...(withUsage ? { usage: null } : {}),
  };
  const lines = [`data: ${JSON.stringify(last)}\n\n`];
  if (ending.usage !== undefined) {
    lines.push(
      `data: ${JSON.stringify({ ...base, choices: [], usage: openAiUsageObject(ending.usage) })}\n\n`,
    );
  }
  lines.push(`data: ${done}\n\n`);
  return lines.join("");
}

/** creditpool's meters back in OpenAI's chat usage shape (the inverse of `openAiChatUsage`). */
export function openAiUsageObject(usage: TokenUsage): Record<string, unknown> {
  const prompt = usage.input_tokens + usage.cached_input_tokens + usage.cache_write_tokens;
  const completion = usage.output_tokens + usage.reasoning_tokens;
  return {
    prompt_tokens: Number(prompt),
    completion_tokens: Number(completion),
    total_tokens: Number(prompt + completion),
    prompt_tokens_details: { cached_tokens: Number(usage.cached_input_tokens), audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: Number(usage.reasoning_tokens),
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
