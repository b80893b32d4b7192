/**
 * The gateway's routes: OpenAI- and Anthropic-compatible, under `/gateway/`. A call is, in order:
 * authenticated by its creditpool key (sent as the provider's API key); sized (input counted or
 * estimated, output at its ceiling) for the model routing chose; held (refused in the provider's
 * words before anything goes upstream); forwarded through the least-used upstream account (the
 * next on a 429 or a failed connection); relayed back as it arrives; and settled from the usage
 * upstream reported. The answer names the model that ran (`x-creditpool-model`) and the call
 * (`x-creditpool-call`).
 */
import { limits, resultCodes } from "@creditpool/core";
import type { Env, Hono } from "hono";
import type { Authenticator } from "../access/authenticator.ts";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { Services } from "../services/services.ts";
import { type CallKind, callKinds, errorAnswer, forbiddenAnswer } from "./call-kinds.ts";
import { countTokens, relayCall } from "./forward.ts";
import { modelList } from "./models.ts";
import type { ProviderErrorAnswer } from "./protocols/error-bodies.ts";
import { gatewayHeaders, gatewayKey } from "./request-headers.ts";
import type { GatewayProvider } from "./sizing/size-request.ts";

export interface GatewayDependencies {
  readonly services: Services;
  readonly authenticator: Authenticator;
  /** How upstream is called; `fetch` unless a test injects its own. */
  readonly fetch?: typeof fetch;
  readonly onError?: (error: unknown, where: string) => void;
}

function answer(error: ProviderErrorAnswer, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(error.body), {
    status: error.status,
    headers: { "content-type": "application/json", ...error.headers, ...extra },
  });
}

/** A refusal raised while reading or sizing the request, in the provider's words. */
function refusalResponse(provider: GatewayProvider, refusal: Refusal): Response {
  const status = resultCodes[refusal.code].status;
  if (status === 403) {
    const { code, message } = refusal;
    return answer(forbiddenAnswer(provider, { code, message, param: refusal.param ?? null }));
  }
  const type =
    status === 401 ? "authentication_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return answer(errorAnswer(provider, status, type, refusal.message, refusal.param ?? null));
}

async function principalOf(deps: GatewayDependencies, request: Request): Promise<Principal | null> {
  const key = gatewayKey(request.headers);
  return key === null ? null : deps.authenticator.principalOf(key);
}

/** The body, read up to the gateway's bound: a longer one is refused before it is all read. */
async function bodyOf(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limits.gatewayRequestBytesMax)
    throw new Refusal("payload_too_large", "The request body is too large.", "body");
  const reader = request.body?.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const piece = await reader?.read();
    if (piece === undefined || piece.done) break;
    size += piece.value.byteLength;
    if (size > limits.gatewayRequestBytesMax) {
      await reader?.cancel();
      throw new Refusal("payload_too_large", "The request body is too large.", "body");
    }
    pieces.push(piece.value);
  }
  return Buffer.concat(pieces);
}

/**
 * A route's work for an authenticated key, every failure answered in the provider's words: no
 * key, a refusal (the status its code names), or the gateway's own failure (500, reported).
 */
async function answering(
  deps: GatewayDependencies,
  provider: GatewayProvider,
  where: string,
  request: Request,
  work: (principal: Principal) => Promise<Response>,
): Promise<Response> {
  const principal = await principalOf(deps, request);
  if (principal === null || principal.organizationId === null)
    return answer(errorAnswer(provider, 401, "authentication_error", "Send a creditpool API key."));
  try {
    return await work(principal);
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(provider, error);
    deps.onError?.(error, where);
    return answer(errorAnswer(provider, 500, "api_error", "The gateway failed this call."));
  }
}

function forwardOf(deps: GatewayDependencies) {
  return { services: deps.services, fetch: deps.fetch ?? fetch, onError: deps.onError };
}

function handleCall(deps: GatewayDependencies, kind: CallKind, request: Request) {
  return answering(deps, kind.provider, `gateway.${kind.endpoint}`, request, async (principal) =>
    relayCall(
      forwardOf(deps),
      principal,
      kind,
      await bodyOf(request),
      gatewayHeaders(request.headers),
      request.headers,
    ),
  );
}

export function gatewayRoutes<E extends Env>(app: Hono<E>, deps: GatewayDependencies): void {
  for (const kind of Object.values(callKinds)) {
    const prefix = kind.provider === "openai" ? "/gateway/openai" : "/gateway/anthropic";
    app.post(`${prefix}/v1${kind.route}`, (c) => handleCall(deps, kind, c.req.raw));
  }
  app.get("/gateway/openai/v1/models", (c) =>
    answering(deps, "openai", "gateway.models", c.req.raw, async (principal) =>
      Response.json(await modelList(deps.services, principal)),
    ),
  );
  app.post("/gateway/anthropic/v1/messages/count_tokens", (c) =>
    answering(deps, "anthropic", "gateway.count_tokens", c.req.raw, async (principal) => {
      // Counting spends the upstream account's requests: only a key that may hold may count.
      requirePermission(principal, "holds.write");
      return countTokens(forwardOf(deps), principal, await bodyOf(c.req.raw), c.req.raw.headers);
    }),
  );
}
