/**
 * Request generators for upstream accounts, keyed as `/openapi.json` names the operations:
 * accounts made and changed with providers known and not, base URLs public, private, of other
 * schemes, with credentials or past their length, credentials short, long or with spaces, windows
 * at and past their bounds and repeated; read, listed and removed.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import { enumOf, field, objectOf, optional, text, urlId, wrongType } from "./fuzz-fields.ts";
import { bodyOf, type FuzzRequest, page, request } from "./fuzz-request.ts";

const provider = enumOf(["openai", "anthropic"], ["mistral", "OpenAI", "", null]);

const baseUrl = field(
  fc.constantFrom(
    "https://api.openai.com/v1",
    "https://api.anthropic.com",
    "https://llm.example.com/",
  ),
  fc.constantFrom(
    "http://api.example.com",
    "https://127.0.0.1:8080",
    "http://169.254.169.254/latest",
    "https://localhost",
    "https://u:p@api.example.com",
    "https://api.example.com/?q=1",
    "ftp://api.example.com",
    `https://api.example.com/${"p".repeat(limits.upstreamBaseUrlLengthMax)}`,
    "",
  ),
);

const apiKey = field(
  fc.constantFrom(
    "sk-test-0123456789",
    "sk-ant-api03-abcdefgh",
    "k".repeat(limits.upstreamApiKeyLengthMax),
  ),
  fc.constantFrom(
    "sk-1",
    "sk 0123456789",
    "sk-\u00000123456789",
    "k".repeat(limits.upstreamApiKeyLengthMax + 1),
    12345678,
  ),
);

const windowOf = (seconds: number, requests?: unknown, tokens?: unknown) => ({
  duration_seconds: seconds,
  ...(requests === undefined ? {} : { max_requests: requests }),
  ...(tokens === undefined ? {} : { max_tokens: tokens }),
});

const windows = field(
  fc.constantFrom(
    [],
    [windowOf(18_000, 200)],
    [windowOf(18_000, 200), windowOf(604_800, undefined, 5_000_000)],
    [windowOf(limits.upstreamWindowSecondsMax, limits.upstreamWindowQuotaMax)],
  ),
  fc.oneof(
    fc.constantFrom(
      [windowOf(59)],
      [windowOf(60), windowOf(60)],
      [60, 120, 180, 240, 300].map((seconds) => windowOf(seconds)),
      [windowOf(60, 0)],
      [windowOf(60, undefined, 1.5)],
      [windowOf(60, limits.upstreamWindowQuotaMax + 1)],
      [{ duration_seconds: 60, every: 1 }],
    ),
    wrongType,
  ),
);

const enabled = field(fc.boolean(), fc.constantFrom("true", 1, null));
const name = text(
  fc.constantFrom("seat one", "Team seat", "n".repeat(limits.upstreamNameLengthMax)),
);

export const upstreamRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/upstreams": request("POST /v1/upstreams", {
    body: bodyOf(
      objectOf({
        provider,
        name,
        base_url: optional(baseUrl),
        api_key: apiKey,
        windows: optional(windows),
        enabled: optional(enabled),
      }),
    ),
  }),
  "GET /v1/upstreams": request("GET /v1/upstreams", { query: page }),
  "GET /v1/upstreams/{id}": request("GET /v1/upstreams/{id}", { id: urlId("upstream") }),
  "PATCH /v1/upstreams/{id}": request("PATCH /v1/upstreams/{id}", {
    id: urlId("upstream"),
    body: bodyOf(
      objectOf({
        name: optional(name),
        base_url: optional(baseUrl),
        api_key: optional(apiKey),
        windows: optional(windows),
        enabled: optional(enabled),
      }),
    ),
  }),
  "DELETE /v1/upstreams/{id}": request("DELETE /v1/upstreams/{id}", { id: urlId("upstream") }),
};
