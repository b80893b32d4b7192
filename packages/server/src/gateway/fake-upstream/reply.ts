/**
 * The reply the fake upstream streams or answers whole: a deterministic text derived from the
 * request (its own words, repeated), or the scripted text; its pieces; and usage figures
 * consistent with both. A fake token is a word; the prompt counts one token per four bytes of its
 * text, at least one.
 */
import type { FakeReplyBehaviour } from "./behaviours.ts";

/** Words in the default reply when the request asks no fewer. */
export const fakeReplyTokensDefault = 16;
/** Chunks a scripted text is streamed in when the script does not say. */
const scriptedChunksDefault = 4;

export interface FakeUsage {
  readonly input_tokens: number;
  readonly cached_input_tokens: number;
  readonly cache_write_tokens: number;
  readonly output_tokens: number;
  readonly reasoning_tokens: number;
}

export interface ReplyPlan {
  readonly text: string;
  /** The text in the pieces a stream sends, in order; they join to `text`. */
  readonly pieces: readonly string[];
  readonly usage: FakeUsage;
  /** Whether the model stopped at its token limit rather than by itself. */
  readonly stoppedAtLimit: boolean;
  readonly model: string;
}

export interface ReplyRequest {
  readonly model: string;
  /** The request's text (messages, system, instructions, input). */
  readonly promptText: string;
  /** The output limit the request sets, when it sets one. */
  readonly maxTokens: number | null;
}

export function planReply(request: ReplyRequest, script: FakeReplyBehaviour | null): ReplyPlan {
  const promptTokens = promptTokensOf(request.promptText);
  const scripted = script?.text;
  let pieces: string[];
  let outputTokens: number;
  let stoppedAtLimit: boolean;
  if (scripted === undefined) {
    const limit = request.maxTokens ?? fakeReplyTokensDefault;
    outputTokens = Math.max(1, Math.min(limit, fakeReplyTokensDefault));
    stoppedAtLimit = request.maxTokens !== null && outputTokens === request.maxTokens;
    const words = request.promptText.split(/\s+/).filter((word) => word !== "");
    const source = words.length === 0 ? ["ok"] : words;
    const tokens = Array.from({ length: outputTokens }, (_, i) => source[i % source.length] ?? "");
    pieces = tokens.map((token, i) => (i === 0 ? token : ` ${token}`));
    if (script?.chunks !== undefined) pieces = split(pieces.join(""), script.chunks);
  } else {
    outputTokens = scripted.split(/\s+/).filter((word) => word !== "").length;
    stoppedAtLimit = false;
    pieces = split(scripted, script?.chunks ?? scriptedChunksDefault);
  }
  const usage = script?.usage ?? {};
  return {
    text: pieces.join(""),
    pieces,
    stoppedAtLimit:
      script?.finish_reason === undefined ? stoppedAtLimit : script.finish_reason === "length",
    model: script?.reported_model ?? request.model,
    usage: {
      input_tokens: usage.input_tokens ?? promptTokens,
      cached_input_tokens: usage.cached_input_tokens ?? 0,
      cache_write_tokens: usage.cache_write_tokens ?? 0,
      output_tokens: usage.output_tokens ?? outputTokens,
      reasoning_tokens: usage.reasoning_tokens ?? 0,
    },
  };
}

export function promptTokensOf(text: string): number {
  return Math.max(1, Math.ceil(new TextEncoder().encode(text).length / 4));
}

/** The text in `count` pieces of about equal length, never splitting a character. */
function split(text: string, count: number): string[] {
  const characters = [...text];
  const pieces = Math.max(1, Math.min(count, characters.length));
  const size = Math.ceil(characters.length / pieces);
  const result: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    result.push(characters.slice(start, start + size).join(""));
  }
  return result.length === 0 ? [""] : result;
}

/**
 * The text of a request's JSON: every string under a `text` or `content` key, or given as the
 * value itself, in order.
 */
export function textOf(value: unknown): string {
  const found: string[] = [];
  const visit = (node: unknown, key: string | null) => {
    if (typeof node === "string") {
      if (key === null || key === "text" || key === "content") found.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key === "content" ? null : key);
    } else if (typeof node === "object" && node !== null) {
      for (const [name, child] of Object.entries(node)) visit(child, name);
    }
  };
  visit(value, null);
  return found.join(" ");
}
