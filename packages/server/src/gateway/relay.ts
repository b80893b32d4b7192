/**
 * The relay of an upstream stream to the client, as it arrives: each upstream piece is decoded
 * into events, observed, and the events forwarded at once (nothing waits for the next piece), but
 * for OpenAI's usage chunk when the client did not ask for it. The relay pulls one upstream piece
 * per client read, so a slow client slows upstream rather than filling memory.
 *
 * It watches the output against what the call holds. Output past the tokens the hold covers grows
 * the hold when the pool's policy allows and the pool has room; otherwise the stream is ended
 * cleanly, with the provider's finish reason for a length stop, and upstream is cut: a hard limit
 * is never passed.
 *
 * Every way a stream ends settles the call once: upstream's own end (its usage), upstream cut or
 * failing mid-stream (the input and the output counted from the text streamed), the client
 * going away (upstream is cut; the same count), or the gateway ending it at the hold.
 */

import type { StreamObserver } from "./protocols/observation.ts";
import { SseDecoder, type SseEvent } from "./protocols/sse-decoder.ts";

/** How a stream ended, as the relay saw it. */
export type StreamEnd = "upstream" | "cut" | "disconnected" | "ended_at_limit";

export interface RelayHooks {
  readonly observer: StreamObserver;
  /** Whether to forward OpenAI's usage-only chunk (the client asked for usage). */
  readonly forwardUsageChunk: boolean;
  /**
   * Called after each event is observed, before it is forwarded; answers false when its output
   * would pass what the call holds and the hold could not grow: the relay then ends the stream
   * without it.
   */
  readonly withinHold: () => Promise<boolean>;
  /** The bytes that end the stream cleanly at the hold, in the provider's words. */
  readonly ending: () => string;
  /** Settles the call, once, however the stream ended. */
  readonly settle: (end: StreamEnd) => Promise<void>;
  /** Told of a failure while settling, which the client can no longer hear of. */
  readonly onError: (error: unknown) => void;
  /**
   * When (wall clock) the stream must be over, however slowly its client reads: then upstream
   * is cut and the call settled at once, and the client's next read gets the ending.
   */
  readonly deadline: number;
}

const encoder = new TextEncoder();

/** An event as the providers write it: its name when it has one, then its data. */
export function eventText(event: SseEvent): string {
  const data = event.data
    .split("\n")
    .map((line) => `data: ${line}\n`)
    .join("");
  return event.event === undefined ? `${data}\n` : `event: ${event.event}\n${data}\n`;
}

/**
 * The client's stream of the upstream body. `abort` cuts upstream (the client went away or the
 * hold was reached).
 */
export function relayStream(
  upstream: ReadableStream<Uint8Array>,
  abort: () => void,
  hooks: RelayHooks,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  const decoder = new SseDecoder();
  let settled = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settleOnce = async (end: StreamEnd) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    try {
      await hooks.settle(end);
    } catch (error) {
      hooks.onError(error);
    }
  };
  const cut = () => {
    abort();
    reader.cancel().catch(() => {});
  };
  /**
   * Reads upstream until something can be given to the client, or the stream is over: a piece
   * that completes no event (half an event) or only events the client does not get (the hidden
   * usage chunk) must not leave the client's read waiting on a pull that enqueued nothing.
   */
  // A client that stops reading must not keep the call's holds past their life.
  timer = setTimeout(
    () => {
      stopped = true;
      cut();
      void settleOnce("ended_at_limit");
    },
    Math.max(0, hooks.deadline - Date.now()),
  );
  timer.unref?.();
  const pump = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (stopped) {
      controller.enqueue(encoder.encode(hooks.ending()));
      controller.close();
      return;
    }
    for (;;) {
      let piece: Awaited<ReturnType<typeof reader.read>>;
      try {
        piece = await reader.read();
      } catch {
        // Upstream cut mid-stream: what was streamed is all the client gets.
        await settleOnce("cut");
        controller.close();
        return;
      }
      if (piece.done) {
        const ended = hooks.observer.observation().ended;
        await settleOnce(ended ? "upstream" : "cut");
        controller.close();
        return;
      }
      let text = "";
      for (const event of decoder.push(piece.value)) {
        const outputBefore = hooks.observer.observation().outputTextLength;
        const seen = hooks.observer.observe(event);
        // An event whose output would pass the hold, and which the hold cannot grow to cover,
        // is not forwarded: the stream ends before it. One that carries no output (a stream's
        // opening) is, so the ending that follows closes a stream the client saw open.
        if (!(await hooks.withinHold())) {
          cut();
          const carriesOutput = hooks.observer.observation().outputTextLength !== outputBefore;
          if (!carriesOutput && !seen.usageOnly) text += eventText(event);
          controller.enqueue(encoder.encode(text + hooks.ending()));
          await settleOnce("ended_at_limit");
          controller.close();
          return;
        }
        if (seen.usageOnly && !hooks.forwardUsageChunk) continue;
        text += eventText(event);
      }
      if (text !== "") {
        controller.enqueue(encoder.encode(text));
        return;
      }
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          await pump(controller);
        } catch (error) {
          // A decoder past its bounds, a failed growth, an ending that could not be written:
          // upstream is cut and what was streamed is settled, then the client hears the failure.
          cut();
          await settleOnce("cut");
          hooks.onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        cut();
        await settleOnce("disconnected");
      },
    },
    // One upstream piece at a time: the client's pace is upstream's.
    { highWaterMark: 0 },
  );
}
