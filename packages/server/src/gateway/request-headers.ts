/**
 * What a caller tells the gateway beside the provider's request, in headers a provider SDK lets
 * it add: the creditpool key (as the provider's API key), the pool and member the call is for,
 * the tags it is recorded with, and a complexity tier hint. Each is bounded and validated; an
 * invalid one is refused naming the header.
 */
import { limits, tagKeyProblem, tagValueProblem } from "@creditpool/core";
import { Refusal } from "../refusal.ts";

export interface GatewayHeaders {
  readonly pool?: string;
  readonly member?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly tier?: "light" | "standard" | "heavy";
}

const idPattern = /^[a-z]+_[0-9A-Za-z]{1,64}$/;

/** The creditpool key: OpenAI's `Authorization: Bearer`, or Anthropic's `x-api-key`. */
export function gatewayKey(headers: Headers): string | null {
  const apiKey = headers.get("x-api-key");
  if (apiKey !== null && apiKey.trim() !== "") return apiKey.trim();
  const authorization = headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}

function idHeader(headers: Headers, name: string): string | undefined {
  const value = headers.get(name);
  if (value === null) return undefined;
  if (!idPattern.test(value))
    throw new Refusal("invalid_request", `${name} must be a creditpool id.`, name);
  return value;
}

/**
 * `x-creditpool-tags: use_case=support, feature=summarize`: `key=value` pairs checked by the rule
 * every edge shares (`tagsProblem`: at most `tagsMax`, keys lowercase words, values printable).
 */
export function parseTags(value: string | null): Record<string, string> {
  const tags: Record<string, string> = {};
  if (value === null || value.trim() === "") return tags;
  const name = "x-creditpool-tags";
  const pairs = value.split(",");
  if (pairs.length > limits.tagsMax)
    throw new Refusal("invalid_request", `At most ${limits.tagsMax} tags.`, name);
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const key = pair.slice(0, at).trim();
    const text = pair.slice(at + 1).trim();
    const problem =
      at < 0 ? "each tag is key=value" : (tagKeyProblem(key) ?? tagValueProblem(text));
    if (problem !== null) throw new Refusal("invalid_request", `${sentence(problem)}.`, name);
    if (key in tags) throw new Refusal("invalid_request", `The tag ${key} is given twice.`, name);
    tags[key] = text;
  }
  return tags;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function gatewayHeaders(headers: Headers): GatewayHeaders {
  const pool = idHeader(headers, "x-creditpool-pool");
  const member = idHeader(headers, "x-creditpool-member");
  const tier = headers.get("x-creditpool-tier");
  if (tier !== null && tier !== "light" && tier !== "standard" && tier !== "heavy")
    throw new Refusal(
      "invalid_request",
      "x-creditpool-tier is light, standard or heavy.",
      "x-creditpool-tier",
    );
  return {
    ...(pool === undefined ? {} : { pool }),
    ...(member === undefined ? {} : { member }),
    tags: parseTags(headers.get("x-creditpool-tags")),
    ...(tier === null ? {} : { tier }),
  };
}
