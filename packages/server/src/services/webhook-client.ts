/**
 * Posting one signed delivery to a receiver: Standard Webhooks headers, a 10-second timeout, no
 * redirect followed, and the SSRF rule. The receiver's host is resolved here and the connection
 * made to the address checked, so a name that resolves to a loopback, private, link-local or
 * metadata address is refused (unless the server allows private addresses) and cannot be swapped
 * for one between the check and the connection.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { limits } from "@creditpool/core";
import { Webhook } from "standardwebhooks";

/** Addresses no delivery reaches unless private addresses are allowed. */
const refused = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  refused.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  refused.addSubnet(network, prefix, "ipv6");

/** Whether an address is loopback, private, link-local, metadata or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return true;
  return refused.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The host of a URL as an IP literal, or null when it is a name. */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) === 0 ? null : host;
}

export interface Signed {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: string;
  /** The secrets that sign: the current one, and a rotated one still in its overlap. */
  readonly secrets: readonly string[];
}

/** The Standard Webhooks headers of a delivery: one `v1,` signature per secret, space-separated. */
export function signedHeaders(signed: Signed): Record<string, string> {
  const signatures = signed.secrets.map((secret) =>
    new Webhook(secret).sign(signed.id, signed.timestamp, signed.body),
  );
  return {
    "content-type": "application/json",
    "user-agent": "creditpool-webhooks",
    "webhook-id": signed.id,
    "webhook-timestamp": String(Math.floor(signed.timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

export type Outcome =
  | { readonly ok: boolean; readonly status: number; readonly excerpt: string }
  | { readonly ok: false; readonly error: string };

/** Posts a delivery; what the receiver answered, or why nothing was answered. */
export type WebhookPost = (url: string, signed: Signed) => Promise<Outcome>;

class RefusedAddress extends Error {}

function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      const addresses = (found ?? []) as LookupAddress[];
      if (error) return callback(error, "", 0);
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      if (!allowPrivate && blocked !== undefined)
        return callback(new RefusedAddress(`${hostname} resolves to ${blocked.address}`), "", 0);
      if (options.all) return callback(null, addresses as unknown as string, 0);
      const first = addresses[0];
      if (first === undefined) return callback(new Error(`${hostname} has no address`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

/** The real post, over `node:http(s)`; `allowPrivate` lifts the SSRF rule (tests, own networks). */
export function httpWebhookPost(
  allowPrivate: boolean,
  timeoutMs: number = limits.webhookTimeoutMs,
): WebhookPost {
  return (url, signed) =>
    new Promise((resolve) => {
      const target = new URL(url);
      const literal = ipLiteralOf(target);
      if (literal !== null && !allowPrivate && isPrivateAddress(literal)) {
        resolve({ ok: false, error: `refused: ${literal} is not a public address` });
        return;
      }
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const request = send(target, {
        method: "POST",
        headers: signedHeaders(signed),
        lookup: checkedLookup(allowPrivate),
        timeout: timeoutMs,
      });
      const chunks: Buffer[] = [];
      let kept = 0;
      request.on("response", (response) => {
        response.on("data", (chunk: Buffer) => {
          if (kept < limits.webhookResponseExcerptBytesMax) chunks.push(chunk);
          kept += chunk.length;
        });
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks)
            .subarray(0, limits.webhookResponseExcerptBytesMax)
            .toString("utf8");
          // A redirect is an answer like any other non-2xx: it is never followed.
          resolve({ ok: status >= 200 && status < 300, status, excerpt });
        });
        response.on("error", (error) => resolve({ ok: false, error: error.message }));
      });
      request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      request.on("error", (error) =>
        resolve({
          ok: false,
          error: error instanceof RefusedAddress ? `refused: ${error.message}` : error.message,
        }),
      );
      request.end(signed.body);
    });
}
