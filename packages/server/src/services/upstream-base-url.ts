/**
 * Which base URLs an upstream account may have. The gateway sends the organization's prompts and
 * the account's credential there, and relays what comes back: an administrator who could point
 * an account at `http://169.254.169.254/` or `http://localhost:5432/` would read the server's own
 * network through the gateway (server-side request forgery). So a base URL is https to a host
 * that is not a private, loopback, link-local or metadata address, the rule webhooks keep
 * (`webhook-client.ts`); names are resolved and checked again when the gateway connects.
 *
 * With `CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1` (a model server on the operator's own network)
 * private addresses are allowed, and http too, but only to a private address literal,
 * `localhost`, a one-label name (`http://ollama:11434`, as container networks name services) or
 * a name under `.internal`, `.local`, `.lan` or `.localhost`: a credential never crosses the
 * public internet in the clear.
 */
import { Refusal } from "../refusal.ts";
import type { UpstreamProvider } from "../store/port.ts";
import { ipLiteralOf, isPrivateAddress } from "./webhook-client.ts";

export const defaultBaseUrls: Readonly<Record<UpstreamProvider, string>> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
};

const privateSuffixes = [".internal", ".local", ".lan", ".localhost"];

/** Whether a host is by its form not on the public internet: a private literal or a local name. */
function privateHost(url: URL): boolean {
  const literal = ipLiteralOf(url);
  if (literal !== null) return isPrivateAddress(literal);
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  return (
    host === "localhost" ||
    !host.includes(".") ||
    privateSuffixes.some((suffix) => host.endsWith(suffix))
  );
}

/** The base URL as stored (no trailing slash), or a refusal naming `base_url`. */
export function checkBaseUrl(text: string, allowPrivate: boolean): string {
  const refuse = (why: string) => new Refusal("invalid_request", `base_url ${why}`, "base_url");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("is not a URL.");
  }
  if (url.username !== "" || url.password !== "") throw refuse("must not carry credentials.");
  if (url.search !== "" || url.hash !== "") throw refuse("must have no query or fragment.");
  const local = privateHost(url);
  if (url.protocol === "http:") {
    if (!allowPrivate)
      throw refuse(
        "must be https (http only to private addresses, with CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1).",
      );
    if (!local) throw refuse("may be http only to a private address or a local name.");
  } else if (url.protocol !== "https:") throw refuse("must be https.");
  const literal = ipLiteralOf(url);
  if (!allowPrivate && (local || (literal !== null && isPrivateAddress(literal))))
    throw refuse(
      `names ${url.hostname}, not a public host (CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1 allows it).`,
    );
  return url.href.replace(/\/+$/, "");
}
