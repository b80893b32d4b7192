/**
 * What upstream is asked, so that it can never produce more than the call holds: the model that
 * runs, and an output limit that is exactly the ceiling held (per choice), whatever the client
 * sent. Requests whose cost cannot be sized from their body are refused before they are held:
 * a Responses call continuing a stored conversation or prompt, running in the background, or
 * using the provider's own server-side tools.
 */
import { Refusal } from "../refusal.ts";
import type { CallKind } from "./call-kinds.ts";
import { ChatRequestInvalid, withStreamUsage } from "./protocols/openai-chat.ts";
import type { SizedRequest } from "./sizing/size-request.ts";

type Json = Record<string, unknown>;

/** Tool types a Responses call may carry: run by the client, so their cost is in the tokens. */
const clientTools = new Set(["function", "custom"]);

const unsized = (param: string, what: string) =>
  new Refusal(
    "invalid_request",
    `${param}: ${what} cannot be sized before it runs, so the gateway does not take it.`,
    param,
  );

/** Refuses, before anything is held, what the gateway cannot hold for or send as asked. */
export function checkRequest(kind: CallKind, body: Json): void {
  if (kind.endpoint === "chat_completions") {
    try {
      withStreamUsage(body);
    } catch (error) {
      if (error instanceof ChatRequestInvalid)
        throw new Refusal("invalid_request", error.message, error.param);
      throw error;
    }
  }
  if (kind.endpoint !== "responses") return;
  for (const field of ["previous_response_id", "conversation", "prompt"] as const)
    if (body[field] !== undefined && body[field] !== null)
      throw unsized(field, "input stored upstream");
  if (body.background === true) throw unsized("background", "a call run in the background");
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const [index, tool] of tools.entries()) {
    const type = typeof tool === "object" && tool !== null ? (tool as Json).type : undefined;
    if (typeof type !== "string" || !clientTools.has(type))
      throw unsized(`tools[${index}].type`, "a provider's own tool");
  }
}

function choicesOf(body: Json): number {
  return typeof body.n === "number" && Number.isInteger(body.n) && body.n > 0 ? body.n : 1;
}

/**
 * The body upstream is sent, and whether the client had asked for a chat stream's usage chunk
 * itself (the gateway always asks, to settle from it).
 */
export function upstreamBody(
  kind: CallKind,
  body: Json,
  model: string,
  sized: SizedRequest,
): { readonly body: Json; readonly clientAskedUsage: boolean } {
  const bounded: Json = { ...body, model };
  switch (kind.endpoint) {
    case "chat_completions": {
      // One limit, the one held per choice, in the field the client used (the current one if none).
      const field =
        body.max_tokens !== undefined && body.max_completion_tokens === undefined
          ? "max_tokens"
          : "max_completion_tokens";
      delete bounded.max_tokens;
      delete bounded.max_completion_tokens;
      bounded[field] = Math.max(1, Math.floor(sized.outputCeiling / choicesOf(body)));
      const rewritten = withStreamUsage(bounded);
      return { body: rewritten.request, clientAskedUsage: rewritten.clientAskedUsage };
    }
    case "responses":
      bounded.max_output_tokens = Math.max(1, sized.outputCeiling);
      return { body: bounded, clientAskedUsage: true };
    case "messages":
      bounded.max_tokens = Math.max(1, sized.outputCeiling);
      return { body: bounded, clientAskedUsage: true };
    default:
      return { body: bounded, clientAskedUsage: true };
  }
}
