/**
 * The calls the gateway relays, one row each: the provider, the endpoint (as sizing names it),
 * the path under the upstream account's base URL, how its answers are observed, how a refusal
 * and an error are told in the provider's words, and how a stream is ended at the hold.
 */
import {
  AnthropicMessagesStreamObserver,
  anthropicMessagesStreamEnding,
  observeAnthropicMessagesBody,
} from "./protocols/anthropic-messages.ts";
import {
  anthropicError,
  anthropicForbidden,
  anthropicRefusal,
  type Forbidden,
  type GatewayRefusal,
  openAiError,
  openAiForbidden,
  openAiRefusal,
  type ProviderErrorAnswer,
} from "./protocols/error-bodies.ts";
import type { Observation, StreamObserver } from "./protocols/observation.ts";
import {
  OpenAiChatStreamObserver,
  observeOpenAiChatBody,
  openAiChatStreamEnding,
} from "./protocols/openai-chat.ts";
import { observeOpenAiEmbeddingsBody } from "./protocols/openai-embeddings.ts";
import {
  OpenAiResponsesStreamObserver,
  observeOpenAiResponsesBody,
  openAiResponsesStreamEnding,
} from "./protocols/openai-responses.ts";
import type { GatewayEndpoint, GatewayProvider } from "./sizing/size-request.ts";

export interface CallKind {
  readonly provider: GatewayProvider;
  readonly endpoint: GatewayEndpoint;
  /** Its route under `/gateway/<provider>/v1`. */
  readonly route: string;
  /** Appended to the upstream account's base URL. */
  readonly upstreamPath: string;
  /** Whether the request may ask to stream. */
  readonly streams: boolean;
  readonly streamObserver: () => StreamObserver;
  readonly observeBody: (body: unknown) => Observation;
  /**
   * The bytes that end a stream at the hold, or null when this kind cannot be ended cleanly (the
   * stream is then cut, as an upstream cut would be).
   */
  readonly ending: (observer: StreamObserver, outputTokens: bigint) => string | null;
}

export const callKinds = {
  chat_completions: {
    provider: "openai",
    endpoint: "chat_completions",
    route: "/chat/completions",
    upstreamPath: "/chat/completions",
    streams: true,
    streamObserver: () => new OpenAiChatStreamObserver(),
    observeBody: observeOpenAiChatBody,
    ending: (observer) =>
      observer instanceof OpenAiChatStreamObserver && observer.observation().id !== null
        ? openAiChatStreamEnding(observer, { finishReason: "length" })
        : null,
  },
  responses: {
    provider: "openai",
    endpoint: "responses",
    route: "/responses",
    upstreamPath: "/responses",
    streams: true,
    streamObserver: () => new OpenAiResponsesStreamObserver(),
    observeBody: observeOpenAiResponsesBody,
    ending: (observer) =>
      observer instanceof OpenAiResponsesStreamObserver && observer.response !== null
        ? openAiResponsesStreamEnding(observer)
        : null,
  },
  embeddings: {
    provider: "openai",
    endpoint: "embeddings",
    route: "/embeddings",
    upstreamPath: "/embeddings",
    streams: false,
    streamObserver: () => new OpenAiChatStreamObserver(),
    observeBody: observeOpenAiEmbeddingsBody,
    ending: () => null,
  },
  messages: {
    provider: "anthropic",
    endpoint: "messages",
    route: "/messages",
    upstreamPath: "/v1/messages",
    streams: true,
    streamObserver: () => new AnthropicMessagesStreamObserver(),
    observeBody: observeAnthropicMessagesBody,
    ending: (observer, outputTokens) =>
      observer instanceof AnthropicMessagesStreamObserver && observer.observation().id !== null
        ? anthropicMessagesStreamEnding(observer, { stopReason: "max_tokens", outputTokens })
        : null,
  },
} as const satisfies Record<GatewayEndpoint, CallKind>;

/** A refusal of the call's hold, as its provider would refuse. */
export function refusalAnswer(provider: GatewayProvider, refusal: GatewayRefusal) {
  return provider === "openai" ? openAiRefusal(refusal) : anthropicRefusal(refusal);
}

/** A request the key may not make, as its provider would forbid it. */
export function forbiddenAnswer(provider: GatewayProvider, forbidden: Forbidden) {
  return provider === "openai" ? openAiForbidden(forbidden) : anthropicForbidden(forbidden);
}

/** A request the gateway cannot take, as its provider would answer it. */
export function errorAnswer(
  provider: GatewayProvider,
  status: number,
  type: "invalid_request_error" | "authentication_error" | "api_error" | "overloaded_error",
  message: string,
  param: string | null = null,
): ProviderErrorAnswer {
  if (provider === "anthropic") return anthropicError({ status, type, message });
  const openAiType = type === "overloaded_error" ? "api_error" : type;
  return openAiError({ status, type: openAiType, message, param, code: null });
}
