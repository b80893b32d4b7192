/**
 * Anthropic Messages (`POST /v1/messages`): the observer of its stream (`message_start`,
 * `content_block_start/delta/stop`, `message_delta`, `message_stop`, `ping`, `error`) and of its
 * whole answer, and the bytes that end a stream the gateway stops itself.
 *
 * A stream's usage comes in two parts: `message_start` tells the input (and a first output
 * count), and each `message_delta` repeats the usage so far. Its figures are cumulative: the last
 * value of each field is the count, never the sum of the deltas.
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
import { anthropicUsage, isRecord } from "./token-usage.ts";

/** The deltas of generated text: answer text, tool input, thinking. */
const deltaText: Readonly<Record<string, string>> = {
  text_delta: "text",
  input_json_delta: "partial_json",
  thinking_delta: "thinking",
};

export class AnthropicMessagesStreamObserver implements StreamObserver {
  readonly #state = new ObservationState();
  /** The usage so far: `message_start`'s, each field replaced by its latest `message_delta`. */
  #usage: Record<string, unknown> | null = null;
  /** Content blocks started and not yet stopped, which a gateway's ending must stop. */
  readonly #openBlocks = new Set<number>();

  observe(event: SseEvent): ObservedEvent {
    const state = this.#state;
    const data = parseData(event.data);
    if (!isRecord(data) || typeof data.type !== "string") {
      state.malformedEvents += 1;
      return { usageOnly: false, terminal: false };
    }
    switch (data.type) {
      case "message_start":
        if (isRecord(data.message)) this.#start(data.message);
        break;
      case "content_block_start":
        if (typeof data.index === "number") this.#openBlocks.add(data.index);
        if (isRecord(data.content_block)) state.appendText(data.content_block.text);
        break;
      case "content_block_delta":
        if (isRecord(data.delta)) {
          const field = deltaText[String(data.delta.type)];
          if (field !== undefined) state.appendText(data.delta[field]);
        }
        break;
      case "content_block_stop":
        if (typeof data.index === "number") this.#openBlocks.delete(data.index);
        break;
      case "message_delta":
        if (isRecord(data.delta)) {
          state.finishReason = stringOrNull(data.delta.stop_reason) ?? state.finishReason;
        }
        if (isRecord(data.usage)) this.#merge(data.usage, true);
        break;
      case "message_stop":
        state.ended = true;
        return { usageOnly: false, terminal: true };
      case "error":
        state.error = upstreamError(data.error);
        return { usageOnly: false, terminal: true };
    }
    return { usageOnly: false, terminal: false };
  }

  observation(): Observation {
    return this.#state.snapshot();
  }

  /** The indexes of content blocks started and not stopped, in order. */
  openBlocks(): number[] {
    return [...this.#openBlocks].sort((a, b) => a - b);
  }

  #start(message: Record<string, unknown>): void {
    this.#state.id ??= stringOrNull(message.id);
    this.#state.model ??= stringOrNull(message.model);
    if (isRecord(message.usage)) this.#merge(message.usage, false);
  }

  #merge(usage: Record<string, unknown>, final: boolean): void {
    const merged: Record<string, unknown> = { ...(this.#usage ?? {}) };
    for (const [field, value] of Object.entries(usage)) {
      if (value !== null && value !== undefined) merged[field] = value;
    }
    this.#usage = merged;
    const state = this.#state;
    state.upstreamUsage = merged;
    state.usage = anthropicUsage(merged);
    state.usageFinal = final && state.usage !== null;
  }
}

/** The observation of a whole (non-streamed) message, or of an error body. */
export function observeAnthropicMessagesBody(body: unknown): Observation {
  const state = new ObservationState();
  state.ended = true;
  if (!isRecord(body)) {
    state.malformedEvents = 1;
    return state.snapshot();
  }
  if (body.type === "error") {
    state.error = upstreamError(body.error);
    return state.snapshot();
  }
  state.id = stringOrNull(body.id);
  state.model = stringOrNull(body.model);
  state.finishReason = stringOrNull(body.stop_reason);
  for (const block of Array.isArray(body.content) ? body.content : []) {
    if (!isRecord(block)) continue;
    state.appendText(block.text);
    state.appendText(block.thinking);
    if (block.type === "tool_use" && block.input !== undefined) {
      state.appendText(JSON.stringify(block.input));
    }
  }
  state.upstreamUsage = body.usage ?? null;
  state.usage = anthropicUsage(body.usage);
  state.usageFinal = state.usage !== null;
  return state.snapshot();
}

/** How the gateway ends a message stream it stops. */
export interface MessageStreamEnding {
  /** `max_tokens` when the gateway stops for the hold's size, as a model stops at its limit. */
  readonly stopReason: "end_turn" | "max_tokens" | "refusal";
  /** The output tokens streamed, as counted by the gateway: `message_delta` reports them. */
  readonly outputTokens: bigint;
}

/**
 * The bytes that end a message stream cleanly: a `content_block_stop` for every block still
 * open, a `message_delta` with the stop reason and the usage (the input figures of
 * `message_start`, the output given), then `message_stop`. The stream must have started: before
 * its `message_start`, answer an error instead.
 */
export function anthropicMessagesStreamEnding(
  observer: AnthropicMessagesStreamObserver,
  ending: MessageStreamEnding,
): string {
  const { id, upstreamUsage } = observer.observation();
  if (id === null)
    throw new Error("a message stream is ended only once its message_start was streamed");
  const started = isRecord(upstreamUsage) ? upstreamUsage : {};
  const events = observer
    .openBlocks()
    .map((index) => sse("content_block_stop", { type: "content_block_stop", index }));
  const usage = {
    input_tokens: started.input_tokens ?? 0,
    cache_creation_input_tokens: started.cache_creation_input_tokens ?? null,
    cache_read_input_tokens: started.cache_read_input_tokens ?? null,
    output_tokens: Number(ending.outputTokens),
  };
  events.push(
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: ending.stopReason, stop_sequence: null },
      usage,
    }),
  );
  events.push(sse("message_stop", { type: "message_stop" }));
  return events.join("");
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
