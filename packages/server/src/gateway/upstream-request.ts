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
  checkContent(kind, body);
  checkTools(kind, body);
  if (kind.endpoint === "chat_completions" && body.web_search_options !== undefined)
    throw unsized("web_search_options", "a provider's own web search");
  if (kind.endpoint === "messages")
    for (const field of ["mcp_servers", "container"] as const)
      if (body[field] !== undefined && body[field] !== null)
        throw unsized(field, "work run by the provider");
  if (kind.endpoint !== "responses") return;
  for (const field of ["previous_response_id", "conversation", "prompt"] as const)
    if (body[field] !== undefined && body[field] !== null)
      throw unsized(field, "input stored upstream");
  if (body.background === true) throw unsized("background", "a call run in the background");
}

const isJson = (value: unknown): value is Json => typeof value === "object" && value !== null;

/**
 * Tools run by the client are sized with the request; a provider's own (web search, code
 * execution, file search, MCP) read what the body does not hold. Chat and Responses name a
 * client tool's `type` (`function`, `custom`); Anthropic's client tools have none or `custom`.
 */
function checkTools(kind: CallKind, body: Json): void {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const [index, tool] of tools.entries()) {
    const type = isJson(tool) ? tool.type : undefined;
    const client =
      kind.endpoint === "messages"
        ? type === undefined || type === "custom"
        : typeof type === "string" && clientTools.has(type);
    if (!client) throw unsized(`tools[${index}].type`, "a provider's own tool");
  }
}

/**
 * Content the provider fetches or keeps itself (a document or file by URL or by id) is sized
 * as the few bytes that name it, not the pages it holds: refused. Inline content (text, base64)
 * is in the body and sized with it.
 */
function checkContent(kind: CallKind, body: Json): void {
  const turns = kind.endpoint === "responses" ? body.input : body.messages;
  if (!Array.isArray(turns)) return;
  const field = kind.endpoint === "responses" ? "input" : "messages";
  for (const [turn, message] of turns.entries()) {
    const parts = isJson(message) && Array.isArray(message.content) ? message.content : [];
    for (const [index, part] of parts.entries()) {
      if (!isJson(part)) continue;
      const source = isJson(part.source) ? part.source : null;
      const file = isJson(part.file) ? part.file : null;
      const byReference =
        (part.type !== "image" &&
          source !== null &&
          (source.type === "url" || source.type === "file")) ||
        (file !== null && file.file_id !== undefined) ||
        (part.type === "input_file" && (part.file_id !== undefined || part.file_url !== undefined));
      if (byReference)
        throw unsized(`${field}[${turn}].content[${index}]`, "content the provider fetches");
    }
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
