/**
 * The fake's `POST /v1/chat/completions`, whole or streamed as OpenAI streams it: a role chunk,
 * content chunks, a chunk with the finish reason, the usage chunk (empty `choices`) only when
 * `stream_options.include_usage` is true, every other chunk then carrying `usage: null`, and
 * `data: [DONE]`.
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
import { openAiUsage } from "./openai-usage.ts";
import { planReply, textOf } from "./reply.ts";

export async function chatCompletions(
  c: FakeContext,
  state: FakeState,
  request: ProviderRequest,
): Promise<Response> {
  const { body, behaviour } = request;
  if (request.model === null)
    return invalidRequest(c, "openai", "you must provide a model parameter");
  if (!Array.isArray(body.messages)) {
    return invalidRequest(c, "openai", "Missing required parameter: 'messages'.");
  }
  const requestId = nextId(state, "req_");
  const failure = failureBeforeReply(c, "openai", request, requestId);
  if (failure !== null) return failure;
  const limit = body.max_completion_tokens ?? body.max_tokens;
  const plan = planReply(
    {
      model: request.model,
      promptText: textOf(body.messages),
      maxTokens: typeof limit === "number" ? limit : null,
    },
    replyScript(behaviour),
  );
  const id = nextId(state, "chatcmpl-");
  const created = Math.floor(Date.now() / 1000);
  const finishReason = plan.stoppedAtLimit ? "length" : "stop";
  const usage = openAiUsage(plan.usage);
  const headers = { "x-request-id": requestId };
  if (!request.stream) {
    return c.json(
      {
        id,
        object: "chat.completion",
        created,
        model: plan.model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: plan.text, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
        service_tier: "default",
        system_fingerprint: "fp_fake",
      },
      200,
      headers,
    );
  }
  const options = body.stream_options;
  const withUsage =
    typeof options === "object" && options !== null && "include_usage" in options
      ? options.include_usage === true
      : false;
  const base = {
    id,
    object: "chat.completion.chunk",
    created,
    model: plan.model,
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
  const chunk = (delta: unknown, reason: string | null) =>
    sse(null, {
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: reason }],
      ...(withUsage ? { usage: null } : {}),
    });
  const events = [
    chunk({ role: "assistant", content: "", refusal: null }, null),
    ...plan.pieces.map((piece) => chunk({ content: piece }, null)),
    chunk({}, finishReason),
    ...(withUsage ? [sse(null, { ...base, choices: [], usage })] : []),
    "data: [DONE]\n\n",
  ];
  return writeStream(c, state, {
    events,
    headers,
    ...scriptedStream(behaviour, (error) =>
      sse(null, {
        error: {
          message: error.message,
          type: error.type,
          param: error.param ?? null,
          code: error.code ?? null,
        },
      }),
    ),
  });
}
