/**
 * A call's admission: the pool it holds on, the model routing chose, its size for that model, and
 * its hold. When routing chose the model (`auto`, or a policy that routes everything) and the
 * hold is refused for want of credits, the next candidate of the policy (a cheaper tier's model,
 * sized again) is held instead, before the call is refused: simple work goes to a light model
 * rather than nowhere. A refusal is answered in the provider's words.
 */
import { type HoldRefusal, holdRefusalPrecedence, resultCodes } from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import { catalogModel } from "../model-catalog.ts";
import type { CallRequest, OpenCall } from "../services/gateway.ts";
import type { RoutingDecision } from "../services/routing-resolution.ts";
import type { EngineAnswer, Services } from "../services/services.ts";
import { type CallKind, errorAnswer, refusalAnswer } from "./call-kinds.ts";
import type { ProviderErrorAnswer } from "./protocols/error-bodies.ts";
import type { GatewayHeaders } from "./request-headers.ts";
import { type SizedRequest, sizeRequest } from "./sizing/size-request.ts";

/** Candidates held in turn before a call is refused: each one a sizing and a decision record. */
const candidatesTriedMax = 3;

/** Refusals a cheaper model may pass: the ones about credits, not about who or what. */
const creditRefusals: ReadonlySet<string> = new Set([
  "insufficient_credits",
  "pool_limit_exceeded",
  "member_cap_exceeded",
]);

export type Admission =
  | {
      readonly allowed: true;
      readonly call: OpenCall;
      readonly sized: SizedRequest;
      readonly routed: RoutingDecision;
    }
  | { readonly allowed: false; readonly refusal: ProviderErrorAnswer };

function refusalOf(kind: CallKind, answer: EngineAnswer): ProviderErrorAnswer {
  const result = answer.result;
  const refused = result.kind === "refused" ? result : null;
  if (!isHoldRefusal(answer.code)) {
    // Not a refusal of the hold's rules (an archived pool, one that does not exist): an error.
    const status = resultCodes[answer.code].status;
    return errorAnswer(kind.provider, status, "invalid_request_error", answer.message, "pool");
  }
  return refusalAnswer(kind.provider, {
    code: answer.code as HoldRefusal,
    message: answer.message,
    decisionId: refused?.decisionId ?? null,
    ...(refused?.retryAfterMs != null ? { retryAfterSeconds: refused.retryAfterMs / 1000 } : {}),
  });
}

export async function admitCall(
  services: Services,
  principal: Principal,
  kind: CallKind,
  raw: Uint8Array,
  headers: GatewayHeaders,
  stream: boolean,
): Promise<Admission> {
  const requested = sizeRequest(kind.provider, kind.endpoint, raw);
  const poolId = await services.gateway.poolFor(principal, headers.pool);
  const routed = await services.routing.resolveFor(principal, poolId, {
    model: requested.model,
    classifierInput: requested.complexity,
    hint: headers.tier ?? null,
  });
  // Only a model routing chose may be swapped for a cheaper one; a model named is the one held.
  // Candidates are the provider's own (the catalog says whose a model is), a few at most.
  const routedHere = routed.policyId !== null && routed.model !== requested.model;
  const candidates = routedHere
    ? routed.candidates
        .filter((model) => (catalogModel(model)?.provider ?? kind.provider) === kind.provider)
        .slice(0, candidatesTriedMax)
    : [routed.model];
  let refusal: ProviderErrorAnswer | null = null;
  for (const model of candidates) {
    const sized =
      model === requested.model
        ? requested
        : sizeRequest(kind.provider, kind.endpoint, raw, { model });
    const request: CallRequest = {
      provider: kind.provider,
      endpoint: kind.endpoint,
      requestedModel: requested.model,
      model,
      pool: poolId,
      member: headers.member,
      tags: headers.tags,
      estimate: sized.usage,
      stream,
    };
    const opened = await services.gateway.open(principal, request);
    if (opened.allowed)
      return { allowed: true, call: opened.call, sized, routed: { ...routed, model } };
    refusal = refusalOf(kind, opened.answer);
    if (!creditRefusals.has(opened.answer.code)) break;
  }
  return { allowed: false, refusal: refusal ?? refusalOf(kind, noCandidate) };
}

function isHoldRefusal(code: string): code is HoldRefusal {
  return (holdRefusalPrecedence as readonly string[]).includes(code);
}

/** Routing always answers at least one candidate; this stands for the impossible empty list. */
const noCandidate: EngineAnswer = {
  code: "model_not_allowed",
  message: "No model of the routing policy is allowed at the pool.",
  result: { kind: "none" },
};
