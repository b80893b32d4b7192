/**
 * The fake's `POST /v1/messages`, whole or streamed as Anthropic streams it: `message_start`
 * (input usage, one output token), a text block started, a `ping`, `text_delta`s, the block
 * stopped, `message_delta` with the stop reason and the cumulative usage, `message_stop`; and
 * `POST /v1/messages/count_tokens`.
 */
import {
  type FakeContext,
  type FakeState,
  nextId,
  replyScript,
  scriptedStream,
  sse,
  writeStream,
} from "./exchange.ts";
import { failureBeforeReply, invalidRequest, type ProviderRequest } from "./intake.ts";
import { type FakeUsage, planReply, promptTokensOf, textOf } from "./reply.ts";

export async function messages(
  c: FakeContext,
  state: FakeState,
  request: ProviderRequest,
): Promise<Response> {
  const { body, behaviour } = request;
  const invalid = checkMessages(c, request);
  if (invalid !== null) return invalid;
  if (typeof body.max_tokens !== "number") {
    return invalidRequest(c, "anthropic", "max_tokens: Field required");
  }
  const requestId = nextId(state, "req_");
  const failure = failureBeforeReply(c, "anthropic", request, requestId);
  if (failure !== null) return failure;
  const plan = planReply(
    { model: request.model ?? "", promptText: promptText(body), maxTokens: body.max_tokens },
    replyScript(behaviour),
  );
  const id = nextId(state, "msg_");
  const stopReason = plan.stoppedAtLimit ? "max_tokens" : "end_turn";
  const headers = { "request-id": requestId };
  const message = {
    id,
    type: "message",
    role: "assistant",
    model: plan.model,
    content: [{ type: "text", text: plan.text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { ...usageOf(plan.usage), service_tier: "standard" },
  };
  if (!request.stream) return c.json(message, 200, headers);
  const started = {
    ...message,
    content: [],
    stop_reason: null,
    usage: { ...usageOf(plan.usage), output_tokens: 1, service_tier: "standard" },
  };
  const events = [
    sse("message_start", { type: "message_start", message: started }),
    sse("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    }),
    sse("ping", { type: "ping" }),
    ...plan.pieces.map((text) =>
      sse("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text },
      }),
    ),
    sse("content_block_stop", { type: "content_block_stop", index: 0 }),
    sse("message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: usageOf(plan.usage),
    }),
    sse("message_stop", { type: "message_stop" }),
  ];
  return writeStream(c, state, {
    events,
    headers,
    ...scriptedStream(behaviour, (error) =>
      sse("error", {
        type: "error",
        error: { type: error.type, message: error.message },
        request_id: requestId,
      }),
    ),
  });
}

export async function countTokens(
  c: FakeContext,
  state: FakeState,
  request: ProviderRequest,
): Promise<Response> {
  const invalid = checkMessages(c, request);
  if (invalid !== null) return invalid;
  const requestId = nextId(state, "req_");
  const failure = failureBeforeReply(c, "anthropic", request, requestId);
  if (failure !== null) return failure;
  const scripted = replyScript(request.behaviour)?.usage?.input_tokens;
  return c.json({ input_tokens: scripted ?? promptTokensOf(promptText(request.body)) }, 200, {
    "request-id": requestId,
  });
}

function checkMessages(c: FakeContext, request: ProviderRequest): Response | null {
  if (request.model === null) return invalidRequest(c, "anthropic", "model: Field required");
  if (!Array.isArray(request.body.messages)) {
    return invalidRequest(c, "anthropic", "messages: Field required");
  }
  return null;
}

function promptText(body: Readonly<Record<string, unknown>>): string {
  return [textOf(body.system ?? ""), textOf(body.messages)].join(" ").trim();
}

/** Anthropic's counts: input apart from cache reads and writes; output includes thinking. */
function usageOf(usage: FakeUsage) {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_write_tokens,
    cache_read_input_tokens: usage.cached_input_tokens,
    output_tokens: usage.output_tokens + usage.reasoning_tokens,
  };
}
