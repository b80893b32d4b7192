/**
 * Sends one API request: the bearer key, JSON in and out, an idempotency key on every POST and
 * PATCH, a timeout per attempt, and retries with the same key when the connection failed or
 * the server answered 5xx or 429. Because the key is the same, a retry of a request that was
 * applied but whose answer was lost gets the first answer back instead of applying it twice.
 */
import { CreditpoolError, errorFromAnswer } from "./errors.ts";
import { ulid } from "./ulid.ts";

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: Fetch;
  /** Retries after the first attempt; 2 by default. */
  readonly maxRetries?: number;
  /** Per attempt; 30 seconds by default. */
  readonly timeoutMs?: number;
}

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export type Accept = "application/json" | "text/html" | "application/x-ndjson";

export type QueryValue = string | number | boolean | null | undefined;

export interface Call {
  readonly method: Method;
  readonly path: string;
  readonly query?: { readonly [name: string]: QueryValue } | undefined;
  readonly body?: unknown;
  readonly idempotencyKey?: string | undefined;
  /**
   * What to ask for: JSON (the default), or HTML or JSON Lines answered as their text. Errors
   * are JSON.
   */
  readonly accept?: Accept | undefined;
}

export const retriesDefault = 2;
export const timeoutMsDefault = 30_000;
const backoffMsFirst = 100;
const backoffMsMax = 2_000;

export class Transport {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly fetch: Fetch;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(options: TransportOptions) {
    if (options.baseUrl === "") throw new TypeError("baseUrl is required");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.maxRetries = options.maxRetries ?? retriesDefault;
    this.timeoutMs = options.timeoutMs ?? timeoutMsDefault;
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0) {
      throw new RangeError("maxRetries must be a non-negative integer");
    }
    if (!(this.timeoutMs > 0)) throw new RangeError("timeoutMs must be positive");
  }

  async request<T>(call: Call): Promise<T> {
    const idempotent = call.method === "POST" || call.method === "PATCH";
    const idempotencyKey = idempotent ? (call.idempotencyKey ?? ulid()) : undefined;
    const url = this.urlOf(call);
    const accept = call.accept ?? "application/json";
    const headers: Record<string, string> = {
      accept,
      authorization: `Bearer ${this.apiKey}`,
    };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (idempotencyKey !== undefined) headers["idempotency-key"] = idempotencyKey;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(call.method, url, headers, body, idempotencyKey, accept);
      if (!(outcome instanceof CreditpoolError)) return outcome.body as T;
      if (!outcome.retryable || attempt >= this.maxRetries) throw outcome;
      await sleep(backoffMs(attempt));
    }
  }

  private urlOf(call: Call): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== null) search.set(name, String(value));
    }
    const query = search.toString();
    return `${this.baseUrl}${call.path}${query === "" ? "" : `?${query}`}`;
  }

  /** One attempt: the answer's body when it succeeded, otherwise the error it stands for. */
  private async attempt(
    method: Method,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    idempotencyKey: string | undefined,
    accept: Accept,
  ): Promise<{ body: unknown } | CreditpoolError> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        signal: controller.signal,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      if (response.ok && accept !== "application/json") return { body: text };
      const parsed = parseJson(text);
      const requestId = response.headers.get("request-id") ?? undefined;
      if (!response.ok) return errorFromAnswer(response.status, parsed, idempotencyKey, requestId);
      if (parsed === undefined) {
        return new CreditpoolError({
          status: response.status,
          code: "invalid_response",
          message: `HTTP ${response.status} with a body that is not JSON.`,
          retryable: false,
          idempotencyKey,
          requestId,
        });
      }
      return { body: parsed };
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      return new CreditpoolError({
        status: null,
        code: timedOut ? "timeout" : "connection_error",
        message: timedOut
          ? `No answer from ${method} ${url} within ${this.timeoutMs} ms.`
          : `Could not reach ${url}: ${cause instanceof Error ? cause.message : String(cause)}`,
        retryable: true,
        idempotencyKey,
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Exponential backoff with jitter: about 100 ms, then 200 ms, 400 ms, up to 2 s. */
function backoffMs(attempt: number): number {
  const ceiling = Math.min(backoffMsMax, backoffMsFirst * 2 ** attempt);
  const [random = 0] = globalThis.crypto.getRandomValues(new Uint32Array(1));
  return ceiling / 2 + (random / 2 ** 32) * (ceiling / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
