/**
 * What every provider route of the fake upstream shares: the request as read and recorded, the
 * behaviour it takes, the waits (ended at once when the fake closes), and writing a stream event
 * by event, with its delays, its cut and its mid-stream error.
 */
import type { ServerResponse } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context } from "hono";
import type { BehaviourQueue, FakeBehaviour } from "./behaviours.ts";
import type { RequestLog } from "./recorder.ts";

export type FakeEnv = { Bindings: HttpBindings };
export type FakeContext = Context<FakeEnv>;

/** The state one fake upstream keeps; routes read and change it. */
export interface FakeState {
  readonly queue: BehaviourQueue;
  readonly log: RequestLog;
  /** Aborted when the fake closes, ending every wait. */
  readonly closing: AbortSignal;
  /** The number of answers made, for their ids. */
  answers: number;
}

export function nextId(state: FakeState, prefix: string): string {
  state.answers += 1;
  return `${prefix}${String(state.answers).padStart(12, "0")}fake`;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Ends the connection without an answer, as a network or upstream failure does. */
export function destroyConnection(c: FakeContext): Response {
  c.env.outgoing.socket?.destroy();
  c.env.incoming.socket.destroy();
  return RESPONSE_ALREADY_SENT;
}

export interface StreamPlan {
  readonly events: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly chunkDelayMs: number;
  /** Events written before the connection is destroyed; null: the stream ends cleanly. */
  readonly cutAfter: number | null;
  /** An error event written after this many events, ending the stream there. */
  readonly errorAfter: { readonly at: number; readonly event: string } | null;
}

/** Writes a stream event by event, straight to the socket, so each arrives as it is written. */
export async function writeStream(
  c: FakeContext,
  state: FakeState,
  plan: StreamPlan,
): Promise<Response> {
  const outgoing = c.env.outgoing;
  if (plan.cutAfter === 0) return destroyConnection(c);
  outgoing.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    ...plan.headers,
  });
  outgoing.flushHeaders();
  for (const [index, event] of plan.events.entries()) {
    if (plan.errorAfter !== null && index === plan.errorAfter.at) {
      await write(outgoing, plan.errorAfter.event);
      break;
    }
    if (index > 0) await sleep(plan.chunkDelayMs, state.closing);
    if (outgoing.destroyed || state.closing.aborted) return RESPONSE_ALREADY_SENT;
    await write(outgoing, event);
    if (plan.cutAfter === index + 1) return destroyConnection(c);
  }
  if (plan.errorAfter !== null && plan.errorAfter.at >= plan.events.length) {
    await write(outgoing, plan.errorAfter.event);
  }
  outgoing.end();
  return RESPONSE_ALREADY_SENT;
}

function write(outgoing: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (outgoing.destroyed) resolve();
    else outgoing.write(text, () => resolve());
  });
}

export function sse(event: string | null, data: unknown): string {
  const json = typeof data === "string" ? data : JSON.stringify(data);
  return event === null ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`;
}

/** The first-byte delay a behaviour asks for, waited before anything is answered. */
export async function firstByte(behaviour: FakeBehaviour | null, state: FakeState) {
  if (behaviour !== null && behaviour.first_byte_delay_ms !== undefined) {
    await sleep(behaviour.first_byte_delay_ms, state.closing);
  }
}

/** The headers of an error answer: the request id and, when scripted, `retry-after`. */
export function errorHeaders(
  behaviour: { readonly retry_after_seconds?: number },
  requestIdHeader: string,
  requestId: string,
): Record<string, string> {
  return {
    [requestIdHeader]: requestId,
    ...(behaviour.retry_after_seconds === undefined
      ? {}
      : { "retry-after": String(behaviour.retry_after_seconds) }),
  };
}

type ErrorBehaviour = Extract<FakeBehaviour, { kind: "error" }>;

/** A stream's delays, cut and mid-stream error, as its behaviour scripts them. */
export function scriptedStream(
  behaviour: FakeBehaviour | null,
  errorEvent: (error: ErrorBehaviour) => string,
): Pick<StreamPlan, "chunkDelayMs" | "cutAfter" | "errorAfter"> {
  const replying = behaviour?.kind === "reply" || behaviour?.kind === "cut";
  return {
    chunkDelayMs: replying ? (behaviour.chunk_delay_ms ?? 0) : 0,
    cutAfter: behaviour?.kind === "cut" ? behaviour.after_chunks : null,
    errorAfter:
      behaviour?.kind === "error" && behaviour.after_chunks !== undefined
        ? { at: behaviour.after_chunks, event: errorEvent(behaviour) }
        : null,
  };
}

/** The scripted reply of a behaviour, if it scripts one. */
export function replyScript(behaviour: FakeBehaviour | null) {
  return behaviour?.kind === "reply" || behaviour?.kind === "cut" ? behaviour : null;
}
