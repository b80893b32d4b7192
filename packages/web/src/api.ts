/**
 * The console's one way to the API: same origin, `authorization: Bearer <key>` on every request,
 * and the API's error envelope turned into an `ApiProblem` a view can show (its `param` names the
 * form field at fault).
 */
import type { components } from "@creditpool/sdk";

export type Schemas = components["schemas"];
export type Pool = Schemas["Pool"];
export type Grant = Schemas["Grant"];
export type ApiKey = Schemas["ApiKey"];
export type Member = Schemas["Member"];
export type RateCard = Schemas["RateCard"];
export type Quote = Schemas["Quote"];
export type Alert = Schemas["Alert"];
export type Decision = Schemas["Decision"];
export type Organization = Schemas["Organization"];

export interface Page<T> {
  readonly data: T[];
  readonly has_more: boolean;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface Api {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  /** The answer's body as text (a CSV export, an invoice's HTML). */
  text(path: string, query?: Record<string, QueryValue>): Promise<string>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** Every page of a list route, up to `max` rows. */
  all<T>(path: string, query?: Record<string, QueryValue>, max?: number): Promise<T[]>;
}

export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text === "" ? path : `${path}?${text}`;
}

export function createApi(key: string, fetcher: typeof fetch = fetch.bind(window)): Api {
  const exchange = async (method: string, path: string, body?: unknown): Promise<string> => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["idempotency-key"] = crypto.randomUUID();
    }
    let response: Response;
    try {
      response = await fetcher(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiProblem(0, "network_error", "The server did not answer.", null);
    }
    const text = await response.text();
    if (!response.ok) throw problemOf(response.status, text === "" ? null : safeJson(text));
    return text;
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const text = await exchange(method, path, body);
    return (text === "" ? null : safeJson(text)) as T;
  };
  const api: Api = {
    get: (path, query) => call("GET", withQuery(path, query)),
    text: (path, query) => exchange("GET", withQuery(path, query)),
    post: (path, body) => call("POST", path, body),
    patch: (path, body) => call("PATCH", path, body),
    del: (path) => call("DELETE", path),
    all: async <T>(path: string, query: Record<string, QueryValue> = {}, max = 1000) => {
      const rows: T[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await api.get<Page<T & { id: string }>>(path, {
          ...query,
          limit: 100,
          starting_after: after,
        });
        rows.push(...page.data);
        const last = page.data.at(-1);
        if (!page.has_more || last === undefined || rows.length >= max) return rows;
        after = last.id;
      }
    },
  };
  return api;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function problemOf(status: number, json: unknown): ApiProblem {
  const error = (json as { error?: Record<string, unknown> } | null)?.error;
  if (error === undefined || typeof error !== "object" || error === null) {
    return new ApiProblem(status, "http_error", `The server answered ${status}.`, null);
  }
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return new ApiProblem(
    status,
    text(error.code) ?? "http_error",
    text(error.message) ?? `The server answered ${status}.`,
    text(error.param),
  );
}

/** A report route not yet served (404 route_not_found) reads as "unavailable", not an error. */
export function reportUnavailable(error: unknown): boolean {
  return error instanceof ApiProblem && error.code === "route_not_found";
}
