/**
 * What an observer learned from an upstream answer, streamed or whole: the usage to settle with,
 * and, for when the usage never arrives (an upstream cut mid-stream), the output text to count.
 */
import type { SseEvent } from "./sse-decoder.ts";
import type { TokenUsage } from "./token-usage.ts";

/** An error the upstream reported in its body or inside its stream. */
export interface UpstreamError {
  readonly type: string;
  readonly message: string;
}

export interface Observation {
  /** The upstream's id of the answer (`chatcmpl-…`, `resp_…`, `msg_…`). */
  readonly id: string | null;
  /** The model the upstream reports, which may name a snapshot of the model asked for. */
  readonly model: string | null;
  /** The usage mapped to creditpool's meters; null until (and unless) valid figures arrive. */
  readonly usage: TokenUsage | null;
  /**
   * Whether `usage` is the final count. An Anthropic stream tells its input at its start and its
   * output at its end: between the two, `usage` is partial.
   */
  readonly usageFinal: boolean;
  /** The usage object as the upstream sent it (for a stream, its last, merged), or null. */
  readonly upstreamUsage: unknown;
  /** The finish or stop reason, in the provider's words (`stop`, `length`, `end_turn`, …). */
  readonly finishReason: string | null;
  /** The generated text (content, refusals, tool arguments, thinking), up to its maximum. */
  readonly outputText: string;
  /** The length of all generated text, in UTF-16 code units, kept or not. */
  readonly outputTextLength: number;
  /** Whether the upstream's own end of the answer was seen (`[DONE]`, `message_stop`, …). */
  readonly ended: boolean;
  readonly error: UpstreamError | null;
  /** Events whose data was not the JSON the protocol promises; they are skipped. */
  readonly malformedEvents: number;
}

/** What one streamed event was, for the gateway deciding what to forward. */
export interface ObservedEvent {
  /** OpenAI chat's usage chunk (empty `choices`, `usage` set): hidden from a client that did not ask. */
  readonly usageOnly: boolean;
  /** The stream's last event: its terminator, or an error that ends it. */
  readonly terminal: boolean;
}

export interface StreamObserver {
  observe(event: SseEvent): ObservedEvent;
  observation(): Observation;
}

/**
 * The most generated text an observation keeps, in UTF-16 code units; past it only the length
 * grows. About a million characters is far more than the longest answer a model streams.
 */
export const observedTextLengthMax = 1_048_576;

/** The mutable state every observer fills. */
export class ObservationState {
  id: string | null = null;
  model: string | null = null;
  usage: TokenUsage | null = null;
  usageFinal = false;
  upstreamUsage: unknown = null;
  finishReason: string | null = null;
  ended = false;
  error: UpstreamError | null = null;
  malformedEvents = 0;
  #text: string[] = [];
  #kept = 0;
  #length = 0;

  appendText(text: unknown): void {
    if (typeof text !== "string" || text.length === 0) return;
    this.#length += text.length;
    const room = observedTextLengthMax - this.#kept;
    if (room <= 0) return;
    const kept = text.length <= room ? text : text.slice(0, room);
    this.#text.push(kept);
    this.#kept += kept.length;
  }

  /**
   * The observation so far. Its `outputText` is joined only when read, so a relay that looks at
   * the usage after every event does no work in proportion to the text streamed.
   */
  snapshot(): Observation {
    const pieces = this.#text;
    // Pieces are only ever appended: the first `kept` of them are the text as of now.
    const kept = pieces.length;
    let joined: string | null = null;
    return {
      id: this.id,
      model: this.model,
      usage: this.usage,
      usageFinal: this.usageFinal,
      upstreamUsage: this.upstreamUsage,
      finishReason: this.finishReason,
      get outputText() {
        joined ??= pieces.slice(0, kept).join("");
        return joined;
      },
      outputTextLength: this.#length,
      ended: this.ended,
      error: this.error,
      malformedEvents: this.malformedEvents,
    };
  }
}

/** The JSON of an event's data, or undefined when it is not JSON. */
export function parseData(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** An error object of either provider (`{ type, message }`, OpenAI's also `code`). */
export function upstreamError(value: unknown): UpstreamError {
  const error =
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const type = stringOrNull(error.type) ?? stringOrNull(error.code) ?? "error";
  return { type, message: stringOrNull(error.message) ?? "" };
}
