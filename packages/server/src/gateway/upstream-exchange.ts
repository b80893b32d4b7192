/**
 * The exchange with upstream: a request sent through the least-used account of the provider
 * with room, the next tried when one answers 429 (it cools for what its `retry-after` says), or
 * refuses our credential (401: it cools for a few minutes, and the client never sees that answer,
 * which would name the account's key), or cannot be reached; at most
 * `gatewayUpstreamAttemptsMax` accounts in all.
 */
import { limits } from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { Services } from "../services/services.ts";
import type { ChosenUpstream } from "../services/upstreams.ts";
import type { GatewayProvider } from "./sizing/size-request.ts";

/** How long an account that answered 429 without saying how long to wait is left to cool. */
const coolDownDefaultMs = 30_000;
/** How long an account whose credential upstream refused is left out. */
const refusedCredentialCoolMs = 5 * 60_000;

export interface ExchangeDependencies {
  readonly services: Services;
  readonly fetch: typeof fetch;
  readonly onError?: (error: unknown, where: string) => void;
}

export type Reached =
  | { readonly kind: "answered"; readonly response: Response; readonly account: ChosenUpstream }
  /** No account had room, or every one tried failed: nothing reached a provider's model. */
  | { readonly kind: "none"; readonly credentialsRefused: boolean };

function headersFor(provider: GatewayProvider, account: ChosenUpstream, client: Headers): Headers {
  const headers = new Headers({ "content-type": "application/json", accept: "*/*" });
  if (provider === "openai") headers.set("authorization", `Bearer ${account.apiKey}`);
  else {
    headers.set("x-api-key", account.apiKey);
    // Beta headers are not passed on: one can switch on larger contexts or outputs than the
    // call was sized and held for.
    headers.set("anthropic-version", client.get("anthropic-version") ?? "2023-06-01");
  }
  return headers;
}

/** What a 429 asks to wait, in milliseconds: `retry-after-ms`, `retry-after` seconds or date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number {
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const after = headers.get("retry-after");
  if (after === null) return coolDownDefaultMs;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isFinite(date) && date > now ? date - now : coolDownDefaultMs;
}

export async function reachUpstream(
  deps: ExchangeDependencies,
  organizationId: string,
  provider: GatewayProvider,
  path: string,
  body: string,
  client: Headers,
  signal: AbortSignal,
): Promise<Reached> {
  const { upstreams } = deps.services;
  const excluded = new Set<string>();
  let credentialsRefused = false;
  for (let attempt = 0; attempt < limits.gatewayUpstreamAttemptsMax; attempt += 1) {
    const account = await upstreams.choose(organizationId, provider, excluded);
    if (account === null) break;
    excluded.add(account.id);
    if (account.countsRequests)
      await upstreams.recordUse(organizationId, account.id, { requests: 1, tokens: 0 });
    let response: Response;
    try {
      response = await deps.fetch(`${account.baseUrl.replace(/\/+$/, "")}${path}`, {
        method: "POST",
        headers: headersFor(provider, account, client),
        body,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      deps.onError?.(error, `gateway.upstream ${account.id}`);
      continue;
    }
    // Only what is about the account cools it: a refused key (401), or its rate limit (429). A
    // 403 (a model or feature the account lacks) is this request's answer, passed on.
    const refusedCredential = response.status === 401;
    if (response.status !== 429 && !refusedCredential)
      return { kind: "answered", response, account };
    await response.body?.cancel().catch(() => {});
    credentialsRefused ||= refusedCredential;
    const coolMs = refusedCredential ? refusedCredentialCoolMs : retryAfterMs(response.headers);
    await upstreams.coolDownFor(organizationId, account.id, coolMs);
  }
  return { kind: "none", credentialsRefused };
}

/** Upstream's whole answer, up to the gateway's bound. */
export async function boundedText(response: Response): Promise<string> {
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
