/**
 * OpenAI Responses (`POST /v1/responses`): the observer of its stream of typed events and of its
 * whole answer. Usage arrives once, in the response that ends the stream
 * (`response.completed`, `response.incomplete` or `response.failed`).
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
import { isRecord, openAiResponsesUsage } from "./token-usage.ts";

/** The events that end a response, each carrying the whole response with its usage. */
const endings = new Set(["response.completed", "response.incomplete", "response.failed"]);

/** The deltas of generated text, counted when the usage never comes. */
const textDeltas = new Set([
  "response.output_text.delta",
  "response.refusal.delta",
  "response.function_call_arguments.delta",
  "response.custom_tool_call_input.delta",
  "response.reasoning_text.delta",
  "response.reasoning_summary_text.delta",
]);

export class OpenAiResponsesStreamObserver implements StreamObserver {
  readonly #state = new ObservationState();
  /** The response as the stream last showed it (`response.created`, `.in_progress`, …). */
  response: Record<string, unknown> | null = null;
  /** The last event's `sequence_number`: an event the gateway adds takes the next. */
  sequence = -1;

  observe(event: SseEvent): ObservedEvent {
    const state = this.#state;
    const data = parseData(event.data);
    if (!isRecord(data) || typeof data.type !== "string") {
      state.malformedEvents += 1;
      return { usageOnly: false, terminal: false };
    }
    if (typeof data.sequence_number === "number") this.sequence = data.sequence_number;
    if (isRecord(data.response)) this.response = data.response;
    if (data.type === "error") {
      state.error = upstreamError(data);
      return { usageOnly: false, terminal: true };
    }
    if (textDeltas.has(data.type)) {
      state.appendText(data.delta);
      return { usageOnly: false, terminal: false };
    }
    if (isRecord(data.response)) readResponse(state, data.response);
    if (!endings.has(data.type)) return { usageOnly: false, terminal: false };
    state.ended = true;
    return { usageOnly: false, terminal: true };
  }

  observation(): Observation {
    return this.#state.snapshot();
  }
}

/** The observation of a whole (non-streamed) response, or of an error body. */
export function observeOpenAiResponsesBody(body: unknown): Observation {
  const state = new ObservationState();
  state.ended = true;
  if (!isRecord(body)) {
    state.malformedEvents = 1;
    return state.snapshot();
  }
  if (isRecord(body.error) && body.object !== "response") {
    state.error = upstreamError(body.error);
    return state.snapshot();
  }
  readResponse(state, body);
  for (const item of Array.isArray(body.output) ? body.output : []) appendItemText(state, item);
  return state.snapshot();
}

/** A response object: its id, model, status and, once it ends, usage. */
function readResponse(state: ObservationState, response: Record<string, unknown>): void {
  state.id ??= stringOrNull(response.id);
  state.model ??= stringOrNull(response.model);
  const status = stringOrNull(response.status);
  if (status === "completed" || status === "failed" || status === "cancelled") {
    state.finishReason = status;
  } else if (status === "incomplete") {
    const details = isRecord(response.incomplete_details) ? response.incomplete_details : {};
    state.finishReason = stringOrNull(details.reason) ?? status;
  }
  if (status === "failed" && isRecord(response.error)) {
    state.error = upstreamError({ type: response.error.code, message: response.error.message });
  }
  if (isRecord(response.usage)) {
    state.upstreamUsage = response.usage;
    state.usage = openAiResponsesUsage(response.usage);
    state.usageFinal = state.usage !== null;
  }
}

/** The text of one output item of a whole response: messages, function calls, reasoning. */
function appendItemText(state: ObservationState, item: unknown): void {
  if (!isRecord(item)) return;
  state.appendText(item.arguments);
  state.appendText(item.input);
  for (const part of Array.isArray(item.content) ? item.content : []) {
    if (!isRecord(part)) continue;
    state.appendText(part.text);
    state.appendText(part.refusal);
  }
  for (const part of Array.isArray(item.summary) ? item.summary : []) {
    if (isRecord(part)) state.appendText(part.text);
  }
}

/**
 * The bytes that end a Responses stream the gateway stops: `response.incomplete`, as OpenAI ends
 * one stopped by `max_output_tokens`, with the response as the stream last showed it (its id,
 * model and creation time), numbered after the last event. The stream must have started: before
 * its `response.created`, answer an error instead.
 */
export function openAiResponsesStreamEnding(observer: OpenAiResponsesStreamObserver): string {
  const response = observer.response;
  if (response === null)
    throw new Error("a response stream is ended only once its response.created was streamed");
  const data = {
    type: "response.incomplete",
    sequence_number: observer.sequence + 1,
    response: {
      ...response,
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
    },
  };
  return `event: response.incomplete\ndata: ${JSON.stringify(data)}\n\n`;
}
