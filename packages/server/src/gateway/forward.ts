/**
 * One call through the gateway, from its body to its answer: checked, routed, sized, held
 * (`admission.ts`), forwarded through the least-used upstream account (`upstream-exchange.ts`),
 * answered whole or relayed as a stream (`relay.ts`), and settled (`settlement.ts`). Once the
 * call holds credits, every way out settles it exactly once: an answer, an upstream failure, a
 * failure of the gateway's own.
 */
import { limits } from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import type { GatewayCallStatus, OpenCall } from "../services/gateway.ts";
import type { ChosenUpstream } from "../services/upstreams.ts";
import { admitCall } from "./admission.ts";
import { type CallKind, errorAnswer } from "./call-kinds.ts";
import type { Observation, StreamObserver } from "./protocols/observation.ts";
import type { TokenUsage } from "./protocols/token-usage.ts";
import { relayStream, type StreamEnd } from "./relay.ts";
import type { GatewayHeaders } from "./request-headers.ts";
import { projectedUsage, settledUsage, totalTokens } from "./settlement.ts";
import { parseGatewayBody, type SizedRequest } from "./sizing/size-request.ts";
import { boundedText, type ExchangeDependencies, reachUpstream } from "./upstream-exchange.ts";
import { checkRequest, upstreamBody } from "./upstream-request.ts";

export type ForwardDependencies = ExchangeDependencies;

/** A stream is ended this long before its holds would expire, so they never lapse under it. */
const streamDeadlineMarginMs = 60_000;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** How one call settles, once, from whichever path ends it. */
class Settlement {
  private done = false;

  constructor(
    private readonly deps: ForwardDependencies,
    private readonly principal: Principal,
    private readonly call: OpenCall,
    private readonly sized: SizedRequest,
  ) {}

  get settled(): boolean {
    return this.done;
  }

  async settle(
    observation: Observation | null,
    status: GatewayCallStatus,
    account: ChosenUpstream | null,
  ): Promise<void> {
    if (this.done) return;
    this.done = true;
    const { services, onError } = this.deps;
    const usage =
      observation === null ? null : settledUsage(observation, this.sized, this.call.request.model);
    await services.gateway.close(this.principal, this.call, {
      usage,
      status,
      finishReason: observation?.finishReason ?? null,
      upstreamId: account?.id ?? null,
      model: observation?.model ?? null,
    });
    if (account === null || usage === null || !account.countsTokens) return;
    // The account's window counts what it served; a failure here costs the books nothing.
    const use = { requests: 0, tokens: totalTokens(usage) };
    await services.upstreams
      .recordUse(this.call.organizationId, account.id, use)
      .catch((error: unknown) => onError?.(error, `gateway.upstream-use ${account.id}`));
  }
}

export async function relayCall(
  deps: ForwardDependencies,
  principal: Principal,
  kind: CallKind,
  raw: Uint8Array,
  headers: GatewayHeaders,
  client: Headers,
): Promise<Response> {
  const body = parseGatewayBody(raw);
  checkRequest(kind, body);
  const stream = kind.streams && body.stream === true;
  const admitted = await admitCall(deps.services, principal, kind, raw, headers, stream);
  if (!admitted.allowed) {
    const { refusal } = admitted;
    return json(refusal.status, refusal.body, refusal.headers);
  }
  const { call, sized, routed } = admitted;
  const settlement = new Settlement(deps, principal, call, sized);
  const controller = new AbortController();
  try {
    const sent = upstreamBody(kind, body, routed.model, sized);
    const reached = await reachUpstream(
      deps,
      call.organizationId,
      kind.provider,
      kind.upstreamPath,
      JSON.stringify(sent.body),
      client,
      controller.signal,
    );
    if (reached.kind === "none") {
      await settlement.settle(null, "failed", null);
      const error = reached.credentialsRefused
        ? errorAnswer(
            kind.provider,
            502,
            "api_error",
            "The provider refused the organization's upstream credentials.",
          )
        : errorAnswer(
            kind.provider,
            503,
            "overloaded_error",
            "No upstream account of this provider has room now; try again later.",
          );
      return json(
        error.status,
        error.body,
        reached.credentialsRefused ? {} : { "retry-after": "30" },
      );
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
        await settlement.settle(null, "failed", account);
        return new Response(text, { status: response.status, headers: answerHeaders });
      }
      await settlement.settle(kind.observeBody(parsedOrNull(text)), "completed", account);
      return new Response(text, { status: response.status, headers: answerHeaders });
    }
    const relayed = streamed(deps, principal, kind, call, sized, {
      grows: routed.onLimit === "extend",
      response,
      controller,
      clientAskedUsage: sent.clientAskedUsage,
      settle: (observation, end) => settlement.settle(observation, statusOf(end), account),
    });
    return new Response(relayed, {
      status: response.status,
      headers: { ...answerHeaders, "cache-control": "no-cache" },
    });
  } catch (error) {
    // Whatever failed before the answer was handed on: upstream is cut and the call settled.
    controller.abort();
    if (!settlement.settled) await settlement.settle(null, "failed", null);
    throw error;
  }
}

function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function statusOf(end: StreamEnd): GatewayCallStatus {
  return end === "upstream" ? "completed" : end;
}

interface StreamUpstream {
  /** Whether a stream that would pass its hold grows it (`on_limit: extend`) or ends. */
  readonly grows: boolean;
  readonly response: Response;
  readonly controller: AbortController;
  readonly clientAskedUsage: boolean;
  readonly settle: (observation: Observation, end: StreamEnd) => Promise<void>;
}

/**
 * The client's stream. Upstream is asked for no more output than is held, so only what it
 * reports can show the call costing more: Anthropic's input at the stream's start (sized by an
 * estimate), or usage along the way. Each time it reports, the call's cost at most is compared
 * with what it holds: the hold grows by the difference, or the stream ends there. A stream also
 * ends before its holds would expire.
 */
function streamed(
  deps: ForwardDependencies,
  principal: Principal,
  kind: CallKind,
  call: OpenCall,
  sized: SizedRequest,
  upstream: StreamUpstream,
): ReadableStream<Uint8Array> {
  const { services } = deps;
  const observer: StreamObserver = kind.streamObserver();
  const deadline = Date.now() + limits.gatewayHoldTtlSeconds * 1000 - streamDeadlineMarginMs;
  let seen: TokenUsage | null = null;
  const withinHold = async (): Promise<boolean> => {
    if (Date.now() >= deadline) return false;
    const observation = observer.observation();
    if (observation.usage === seen) return true;
    seen = observation.usage;
    // Final usage comes with the last event: everything is streamed, and it is settled as it is.
    if (observation.usageFinal) return true;
    const projected = projectedUsage(observation, sized.outputCeiling);
    if (projected === null) return true;
    const cost = await services.gateway.cost(call, projected);
    const held = services.gateway.held(call);
    if (cost <= held) return true;
    return upstream.grows && (await services.gateway.grow(principal, call, cost - held));
  };
  return relayStream(
    upstream.response.body ?? new ReadableStream(),
    () => upstream.controller.abort(),
    {
      observer,
      forwardUsageChunk: upstream.clientAskedUsage,
      withinHold,
      ending: () => kind.ending(observer, observer.observation().usage?.output_tokens ?? 0n) ?? "",
      settle: (end) => upstream.settle(observer.observation(), end),
      onError: (error) => deps.onError?.(error, `gateway.stream ${call.id}`),
      deadline,
    },
  );
}

/**
 * Anthropic's token counting is free upstream and exact: it is forwarded as it is, through the
 * least-used account, and holds nothing.
 */
export async function countTokens(
  deps: ForwardDependencies,
  principal: Principal,
  raw: Uint8Array,
  client: Headers,
): Promise<Response> {
  parseGatewayBody(raw);
  const reached = await reachUpstream(
    deps,
    principal.organizationId ?? "",
    "anthropic",
    "/v1/messages/count_tokens",
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
