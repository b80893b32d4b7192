/**
 * One call through the gateway, from its body to its answer: routed, sized, held, forwarded
 * through the least-used upstream account, relayed, settled. The steps are in `relayCall`; the
 * upstream exchange (accounts tried in turn) in `reachUpstream`; the answer in
 * `wholeAnswer` or, streamed, through `relayStream`.
 */

import { limits, type Micros } from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { OpenCall } from "../services/gateway.ts";
import type { Services } from "../services/services.ts";
import type { ChosenUpstream } from "../services/upstreams.ts";
import { admitCall } from "./admission.ts";
import { type CallKind, errorAnswer } from "./call-kinds.ts";
import type { Observation } from "./protocols/observation.ts";
import { withStreamUsage } from "./protocols/openai-chat.ts";
import { type TokenUsage, tokenMeters } from "./protocols/token-usage.ts";
import { relayStream, type StreamEnd } from "./relay.ts";
import type { GatewayHeaders } from "./request-headers.ts";
import {
  countText,
  parseGatewayBody,
  type SizedRequest,
  sizeRequest,
} from "./sizing/size-request.ts";

export interface ForwardDependencies {
  readonly services: Services;
  readonly fetch: typeof fetch;
  readonly onError?: (error: unknown, where: string) => void;
}

export interface Relayed {
  readonly response: Response;
}

type Json = Record<string, unknown>;

/** How long an account that answered 429 without `retry-after` is left to cool. */
const coolDownDefaultMs = 30_000;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * The body upstream is sent: the model that runs, its output bounded by what is held, and (for a
 * chat stream) the usage chunk asked for; and whether the client had asked for that chunk itself.
 */
function upstreamBody(
  kind: CallKind,
  body: Json,
  model: string,
  sized: SizedRequest,
): { readonly body: Json; readonly clientAskedUsage: boolean } {
  const bounded: Json = { ...body, model };
  if (kind.endpoint === "chat_completions") {
    // Upstream never writes past what is held: its own limit is the hold's output ceiling.
    if (bounded.max_tokens === undefined && bounded.max_completion_tokens === undefined)
      bounded.max_completion_tokens = Math.max(
        1,
        Math.floor(sized.outputCeiling / choicesOf(body)),
      );
    const rewritten = withStreamUsage(bounded);
    return { body: rewritten.request, clientAskedUsage: rewritten.clientAskedUsage };
  }
  if (kind.endpoint === "responses" && bounded.max_output_tokens === undefined)
    bounded.max_output_tokens = sized.outputCeiling;
  return { body: bounded, clientAskedUsage: true };
}

function choicesOf(body: Json): number {
  return typeof body.n === "number" && Number.isInteger(body.n) && body.n > 0 ? body.n : 1;
}

function upstreamHeaders(kind: CallKind, account: ChosenUpstream, client: Headers): Headers {
  const headers = new Headers({ "content-type": "application/json", accept: "*/*" });
  if (kind.provider === "openai") headers.set("authorization", `Bearer ${account.apiKey}`);
  else {
    headers.set("x-api-key", account.apiKey);
    headers.set("anthropic-version", client.get("anthropic-version") ?? "2023-06-01");
    const beta = client.get("anthropic-beta");
    if (beta !== null) headers.set("anthropic-beta", beta);
  }
  return headers;
}

type Reached =
  | { readonly kind: "answered"; readonly response: Response; readonly account: ChosenUpstream }
  | { readonly kind: "none" };

/**
 * Sends the call through the least-used account with room; an account answering 429 cools for
 * its `retry-after` and the next is tried, as is one that cannot be reached, at most
 * `gatewayUpstreamAttemptsMax` in all.
 */
async function reachUpstream(
  deps: ForwardDependencies,
  organizationId: string,
  kind: CallKind,
  body: string,
  client: Headers,
  signal: AbortSignal,
): Promise<Reached> {
  const { upstreams } = deps.services;
  const excluded = new Set<string>();
  for (let attempt = 0; attempt < limits.gatewayUpstreamAttemptsMax; attempt += 1) {
    const account = await upstreams.choose(organizationId, kind.provider, excluded);
    if (account === null) return { kind: "none" };
    excluded.add(account.id);
    await upstreams.recordUse(organizationId, account.id, { requests: 1, tokens: 0 });
    let response: Response;
    try {
      response = await deps.fetch(`${account.baseUrl.replace(/\/+$/, "")}${kind.upstreamPath}`, {
        method: "POST",
        headers: upstreamHeaders(kind, account, client),
        body,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      deps.onError?.(error, `gateway.upstream ${account.id}`);
      continue;
    }
    if (response.status !== 429) return { kind: "answered", response, account };
    await response.body?.cancel().catch(() => {});
    const seconds = Number(response.headers.get("retry-after"));
    const coolMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : coolDownDefaultMs;
    await upstreams.coolDown(organizationId, account.id, Date.now() + coolMs);
  }
  return { kind: "none" };
}

/** The usage to settle: upstream's final figures, else the input sized and the output counted. */
export function settledUsage(
  observation: Observation,
  sized: SizedRequest,
  model: string,
): Record<string, number> {
  const usage: TokenUsage | null = observation.usage;
  if (usage !== null && observation.usageFinal) return quantitiesOf(usage);
  const counted = countText(model, observation.outputText);
  // Past the text kept, the rest is counted at one token a character: never less than it was.
  const rest = observation.outputTextLength - observation.outputText.length;
  const output = Math.max(counted + rest, Number(usage?.output_tokens ?? 0n));
  if (usage !== null) return { ...quantitiesOf(usage), output_tokens: output };
  const quantities: Record<string, number> = { ...sized.usage.quantities };
  quantities.output_tokens = output;
  return quantities;
}

function quantitiesOf(usage: TokenUsage): Record<string, number> {
  const quantities: Record<string, number> = {};
  for (const meter of tokenMeters) if (usage[meter] > 0n) quantities[meter] = Number(usage[meter]);
  return quantities;
}

function totalTokens(usage: Readonly<Record<string, number>>): number {
  return Object.values(usage).reduce((sum, n) => sum + n, 0);
}

export async function relayCall(
  deps: ForwardDependencies,
  principal: Principal,
  kind: CallKind,
  raw: Uint8Array,
  headers: GatewayHeaders,
  client: Headers,
): Promise<Relayed> {
  const { services } = deps;
  const body = parseGatewayBody(raw);
  const stream = kind.streams && body.stream === true;
  const admitted = await admitCall(services, principal, kind, raw, headers, stream);
  if (!admitted.allowed) {
    const { refusal } = admitted;
    return { response: json(refusal.status, refusal.body, refusal.headers) };
  }
  const { call, sized, routed } = admitted;
  const controller = new AbortController();
  const sent = upstreamBody(kind, body, routed.model, sized);
  const settle = async (
    observation: Observation | null,
    status: "completed" | "failed" | "disconnected" | "cut" | "ended_at_limit",
    account: ChosenUpstream | null,
    outputCovered: number | null = null,
  ) => {
    const counted = observation === null ? null : settledUsage(observation, sized, routed.model);
    // Ended at the hold: what the client received is what the hold covers, and no more.
    const usage =
      counted !== null && outputCovered !== null
        ? { ...counted, output_tokens: Math.min(counted.output_tokens ?? 0, outputCovered) }
        : counted;
    await services.gateway.close(principal, call, {
      usage,
      status,
      finishReason: observation?.finishReason ?? null,
      upstreamId: account?.id ?? null,
      model: observation?.model ?? null,
    });
    if (account !== null && usage !== null)
      await services.upstreams.recordUse(call.organizationId, account.id, {
        requests: 0,
        tokens: totalTokens(usage),
      });
  };
  let reached: Reached;
  try {
    reached = await reachUpstream(
      deps,
      call.organizationId,
      kind,
      JSON.stringify(sent.body),
      client,
      controller.signal,
    );
  } catch (error) {
    await settle(null, "failed", null);
    throw error;
  }
  if (reached.kind === "none") {
    await settle(null, "failed", null);
    const message = "No upstream account of this provider has room now; try again later.";
    const error = errorAnswer(kind.provider, 503, "overloaded_error", message);
    return { response: json(error.status, error.body, { "retry-after": "30" }) };
  }
  const { response, account } = reached;
  const answerHeaders = {
    "content-type": response.headers.get("content-type") ?? "application/json",
    "x-creditpool-model": routed.model,
    "x-creditpool-call": call.id,
  };
  if (!response.ok || !stream) {
    const text = await boundedText(response);
    if (!response.ok) {
      // Upstream refused or failed before any output: nothing is owed.
      await settle(null, "failed", account);
      return { response: new Response(text, { status: response.status, headers: answerHeaders }) };
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    const observation = kind.observeBody(parsed);
    await settle(observation, "completed", account);
    return { response: new Response(text, { status: response.status, headers: answerHeaders }) };
  }
  return {
    response: new Response(
      streamed(deps, principal, kind, call, sized, {
        model: routed.model,
        grows: routed.onLimit === "extend",
        response,
        controller,
        clientAskedUsage: sent.clientAskedUsage,
        settle: (observation, end, covered) =>
          settle(observation, statusOf(end), account, end === "ended_at_limit" ? covered : null),
      }),
      { status: response.status, headers: { ...answerHeaders, "cache-control": "no-cache" } },
    ),
  };
}

function statusOf(end: StreamEnd) {
  return end === "upstream" ? ("completed" as const) : end;
}

/** The client's stream, watching output against what the call holds. */
function streamed(
  deps: ForwardDependencies,
  principal: Principal,
  kind: CallKind,
  call: OpenCall,
  sized: SizedRequest,
  upstream: {
    readonly model: string;
    /** Whether output past the hold grows it (the pool's `on_limit: extend`) or ends the stream. */
    readonly grows: boolean;
    readonly response: Response;
    readonly controller: AbortController;
    readonly clientAskedUsage: boolean;
    /** `covered`: the output tokens the call's holds cover when it ended. */
    readonly settle: (observation: Observation, end: StreamEnd, covered: number) => Promise<void>;
  },
): ReadableStream<Uint8Array> {
  const { model, response, controller, settle } = upstream;
  const observer = kind.streamObserver();
  let covered = sized.outputCeiling;
  const outputSeen = (): number => {
    const observed = observer.observation();
    const counted = Number(observed.usage?.output_tokens ?? 0n);
    // Cheap first: only text longer than what is covered is counted exactly.
    if (observed.outputTextLength <= covered) return counted;
    return Math.max(counted, countText(model, observed.outputText));
  };
  return relayStream(response.body ?? new ReadableStream(), () => controller.abort(), {
    observer,
    forwardUsageChunk: upstream.clientAskedUsage,
    withinHold: async () => {
      if (outputSeen() <= covered) return true;
      if (!upstream.grows) return false;
      const more: Micros = await deps.services.gateway.cost(call, {
        output_tokens: sized.outputCeiling,
      });
      if (!(await deps.services.gateway.grow(principal, call, more))) return false;
      covered += sized.outputCeiling;
      return true;
    },
    ending: () => kind.ending(observer, BigInt(outputSeen())) ?? "",
    settle: (end) => settle(observer.observation(), end, covered),
    onError: (error) => deps.onError?.(error, `gateway.settle ${call.id}`),
  });
}

/** Upstream's whole answer, up to the gateway's bound. */
async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const piece = await reader?.read();
    if (piece === undefined || piece.done) break;
    size += piece.value.byteLength;
    if (size > limits.gatewayUpstreamBodyBytesMax) {
      await reader?.cancel();
      throw new Refusal("internal_error", "The upstream answer is larger than the gateway reads.");
    }
    pieces.push(piece.value);
  }
  return Buffer.concat(pieces).toString("utf8");
}

/**
 * Anthropic's token counting is free upstream and exact: it is forwarded as it is, through the
 * least-used account, and holds nothing.
 */
export async function countTokens(
  deps: Omit<ForwardDependencies, "onError">,
  principal: Principal,
  raw: Uint8Array,
  client: Headers,
): Promise<Response> {
  const organizationId = principal.organizationId ?? "";
  parseGatewayBody(raw);
  const kind = { provider: "anthropic", upstreamPath: "/v1/messages/count_tokens" } as CallKind;
  const reached = await reachUpstream(
    deps,
    organizationId,
    kind,
    Buffer.from(raw).toString("utf8"),
    client,
    new AbortController().signal,
  );
  if (reached.kind === "none") {
    const message = "No upstream account of this provider has room now; try again later.";
    const error = errorAnswer("anthropic", 503, "overloaded_error", message);
    return json(error.status, error.body, { "retry-after": "30" });
  }
  const text = await boundedText(reached.response);
  return new Response(text, {
    status: reached.response.status,
    headers: { "content-type": "application/json" },
  });
}
