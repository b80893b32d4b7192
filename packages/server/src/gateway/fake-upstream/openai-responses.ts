/**
 * The fake's `POST /v1/responses`, whole or streamed as OpenAI streams it: `response.created`,
 * `response.in_progress`, the output item and its content part added, `response.output_text.delta`
 * per piece, the text, part and item done, then `response.completed` (or `response.incomplete`
 * at `max_output_tokens`) carrying the whole response and its usage. Every event is named and
 * numbered (`sequence_number`).
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
import { openAiResponsesUsage } from "./openai-usage.ts";
import { planReply, textOf } from "./reply.ts";

export async function responses(
  c: FakeContext,
  state: FakeState,
  request: ProviderRequest,
): Promise<Response> {
  const { body, behaviour } = request;
  if (request.model === null)
    return invalidRequest(c, "openai", "Missing required parameter: 'model'.");
  const requestId = nextId(state, "req_");
  const failure = failureBeforeReply(c, "openai", request, requestId);
  if (failure !== null) return failure;
  const limit = typeof body.max_output_tokens === "number" ? body.max_output_tokens : null;
  const plan = planReply(
    {
      model: request.model,
      promptText: [textOf(body.instructions ?? ""), textOf(body.input ?? "")].join(" ").trim(),
      maxTokens: limit,
    },
    replyScript(behaviour),
  );
  const id = nextId(state, "resp_");
  const itemId = nextId(state, "msg_");
  const status = plan.stoppedAtLimit ? "incomplete" : "completed";
  const part = { type: "output_text", annotations: [], logprobs: [], text: plan.text };
  const item = {
    id: itemId,
    type: "message",
    status: "completed",
    content: [part],
    role: "assistant",
  };
  const response = (state: "in_progress" | "completed" | "incomplete") => ({
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: state,
    background: false,
    error: null,
    incomplete_details: state === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: typeof body.instructions === "string" ? body.instructions : null,
    max_output_tokens: limit,
    model: plan.model,
    output: state === "in_progress" ? [] : [item],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: true,
    temperature: 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: state === "in_progress" ? null : openAiResponsesUsage(plan.usage),
    user: null,
    metadata: {},
  });
  const headers = { "x-request-id": requestId };
  if (!request.stream) return c.json(response(status), 200, headers);
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>) =>
    sse(type, { type, sequence_number: sequence++, ...fields });
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  const events = [
    event("response.created", { response: response("in_progress") }),
    event("response.in_progress", { response: response("in_progress") }),
    event("response.output_item.added", {
      output_index: 0,
      item: { ...item, status: "in_progress", content: [] },
    }),
    event("response.content_part.added", { ...at, part: { ...part, text: "" } }),
    ...plan.pieces.map((delta) =>
      event("response.output_text.delta", { ...at, delta, logprobs: [] }),
    ),
    event("response.output_text.done", { ...at, text: plan.text, logprobs: [] }),
    event("response.content_part.done", { ...at, part }),
    event("response.output_item.done", { output_index: 0, item }),
    event(`response.${status}`, { response: response(status) }),
  ];
  return writeStream(c, state, {
    events,
    headers,
    ...scriptedStream(behaviour, (error) =>
      sse("error", {
        type: "error",
        code: error.code ?? error.type,
        message: error.message,
        param: error.param ?? null,
        sequence_number: error.after_chunks ?? 0,
      }),
    ),
  });
}
