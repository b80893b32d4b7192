/**
 * How a provider route of the fake upstream takes a request in: the provider's credential
 * checked (401 in its shape without one), the JSON body parsed (400 in its shape otherwise), the
 * request recorded, and the next behaviour scripted for its model taken.
 */
import {
  anthropicError,
  openAiError,
  type ProviderErrorAnswer,
} from "../protocols/error-bodies.ts";
import type { FakeBehaviour } from "./behaviours.ts";
import {
  destroyConnection,
  errorHeaders,
  type FakeContext,
  type FakeState,
  firstByte,
} from "./exchange.ts";
import { credentialOf, fakeRecordedBodyBytesMax } from "./recorder.ts";

export type Provider = "openai" | "anthropic";

export interface ProviderRequest {
  readonly body: Readonly<Record<string, unknown>>;
  readonly model: string | null;
  readonly stream: boolean;
  readonly behaviour: FakeBehaviour | null;
}

/** An error answer in a provider's shape, with the request id header its SDK reads. */
export function providerError(
  c: FakeContext,
  answer: ProviderErrorAnswer,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return c.json(answer.body, answer.status as 400, { ...answer.headers, ...headers });
}

export function invalidRequest(c: FakeContext, provider: Provider, message: string): Response {
  const answer =
    provider === "openai"
      ? openAiError({ status: 400, type: "invalid_request_error", message })
      : anthropicError({ status: 400, type: "invalid_request_error", message });
  return providerError(c, answer);
}

export async function intake(
  c: FakeContext,
  state: FakeState,
  provider: Provider,
): Promise<ProviderRequest | Response> {
  const credential = credentialOf(c.req.raw.headers);
  if (credential === null || (provider === "openai" && credential.scheme !== "bearer")) {
    const answer =
      provider === "openai"
        ? openAiError({
            status: 401,
            type: "invalid_request_error",
            message: "You didn't provide an API key in an Authorization header (Bearer).",
          })
        : anthropicError({
            status: 401,
            type: "authentication_error",
            message: "x-api-key header is required",
          });
    return providerError(c, answer);
  }
  const version = c.req.header("anthropic-version") ?? null;
  if (provider === "anthropic" && version === null) {
    return invalidRequest(c, provider, "anthropic-version: header is required");
  }
  const text = c.req.method === "GET" ? "" : await c.req.text();
  const bytes = Buffer.byteLength(text);
  let body: unknown = null;
  if (text !== "") {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return invalidRequest(c, provider, "The request body is not valid JSON.");
    }
  }
  const fields = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
  const record = fields as Record<string, unknown>;
  const model = typeof record.model === "string" ? record.model : null;
  const stream = record.stream === true;
  state.log.record({
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    model,
    stream,
    credential,
    anthropic_version: version,
    body_bytes: bytes,
    body: bytes <= fakeRecordedBodyBytesMax ? body : null,
    received_at: new Date().toISOString(),
  });
  if (c.req.method !== "GET" && (text === "" || fields !== body)) {
    return invalidRequest(c, provider, "The request body must be a JSON object.");
  }
  const behaviour = state.queue.take(model);
  await firstByte(behaviour, state);
  return { body: record, model, stream, behaviour };
}

/**
 * The answer of a scripted failure that comes before any byte: an error or a rate limit in the
 * provider's shape, or, for a whole answer, a cut connection. Null: the route replies (a stream
 * with a mid-stream error or cut handles it as it streams).
 */
export function failureBeforeReply(
  c: FakeContext,
  provider: Provider,
  request: ProviderRequest,
  requestId: string,
): Response | null {
  const behaviour = request.behaviour;
  if (behaviour === null || behaviour.kind === "reply") return null;
  const idHeader = provider === "openai" ? "x-request-id" : "request-id";
  if (behaviour.kind === "cut") return request.stream ? null : destroyConnection(c);
  if (behaviour.kind === "error" && request.stream && behaviour.after_chunks !== undefined) {
    return null;
  }
  const failure =
    behaviour.kind === "rate_limit"
      ? {
          status: 429,
          type: provider === "openai" ? "requests" : "rate_limit_error",
          message: behaviour.message ?? "Rate limit reached; try again later.",
          code: "rate_limit_exceeded",
        }
      : behaviour;
  const answer =
    provider === "openai"
      ? openAiError({
          status: failure.status,
          type: failure.type,
          message: failure.message,
          param: "param" in failure ? (failure.param ?? null) : null,
          code: failure.code ?? null,
        })
      : anthropicError({
          status: failure.status,
          type: failure.type,
          message: failure.message,
          requestId,
        });
  return providerError(c, answer, errorHeaders(behaviour, idHeader, requestId));
}
