/**
 * The gateway benchmark's organization, set up over the API as an operator and an owner would:
 * a rate card for the model called, one grant on the root pool with a hard monthly limit of the
 * same (enforced on every call, never reached), a member and a key bound to both, and one
 * OpenAI upstream account pointing at the fake upstream. Then its books after each run: nothing
 * left held, and exactly the calls answered consumed, each at the price of the usage upstream
 * reported.
 */
import { parseDecimal } from "@creditpool/core";

export const benchModel = "gpt-5-mini";
/** Big enough that no run comes near it, small enough for a 64-bit column. */
export const grantCredits = "1000000000";
/** Micro-credits a token: 0.001 and 0.004 credits. */
const inputMicros = 1_000n;
const outputMicros = 4_000n;

export interface GatewaySetup {
  readonly organizationId: string;
  readonly poolId: string;
  readonly ownerKey: string;
  /** The member's key: what an OpenAI client is given as its API key. */
  readonly memberKey: string;
}

export async function setUpGatewayOrganization(
  url: string,
  operatorKey: string,
  upstreamBaseUrl: string,
): Promise<GatewaySetup> {
  const created = await call(url, operatorKey, "POST", "/v1/organizations", {
    name: "gateway bench",
  });
  const organization = object(created, "organization");
  const owner = text(object(created, "owner_key"), "secret");
  const poolId = text(organization, "root_pool");
  const prices = [
    { meter: "input_tokens", dimensions: { model: benchModel }, credits_per_unit: "0.001" },
    { meter: "output_tokens", dimensions: { model: benchModel }, credits_per_unit: "0.004" },
  ];
  await call(url, owner, "POST", "/v1/rate-cards", { prices });
  await call(url, owner, "POST", "/v1/grants", {
    pool: poolId,
    amount: grantCredits,
    source: "purchase",
  });
  await call(url, owner, "PATCH", `/v1/pools/${poolId}`, {
    limit: { amount: grantCredits, kind: "hard", period: "month" },
  });
  const member = text(await call(url, owner, "POST", "/v1/members", { name: "Ada" }), "id");
  const key = await call(url, owner, "POST", "/v1/keys", {
    name: "bench member",
    role: "member",
    pool: poolId,
    member,
  });
  await call(url, owner, "POST", "/v1/upstreams", {
    provider: "openai",
    name: "fake upstream",
    base_url: upstreamBaseUrl,
    api_key: "sk-bench-upstream",
  });
  return {
    organizationId: text(organization, "id"),
    poolId,
    ownerKey: owner,
    memberKey: text(key, "secret"),
  };
}

/** Upstream's usage of one call, as the fake reports it in OpenAI's terms. */
export interface CallUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** What one call costs at the bench's rate card, in micro-credits. */
export function callMicros(usage: CallUsage): bigint {
  return BigInt(usage.promptTokens) * inputMicros + BigInt(usage.completionTokens) * outputMicros;
}

export interface BooksCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Zero overspend and exact settlement. Every call of a run is answered before the run ends, so
 * once the engine is quiet the pool holds nothing and has consumed exactly the calls answered,
 * each at its price; held + consumed never passes the grant and the limit.
 */
export async function checkGatewayBooks(
  url: string,
  setup: GatewaySetup,
  callsAnswered: number,
  micros: bigint,
): Promise<BooksCheck> {
  const read = async () => {
    const pool = await call(url, setup.ownerKey, "GET", `/v1/pools/${setup.poolId}`);
    return {
      held: credits(text(pool, "held")),
      consumed: credits(text(pool, "consumed_this_period")),
    };
  };
  let books = await read();
  for (let attempt = 0; attempt < 50 && books.held !== 0n; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    books = await read();
  }
  const expected = BigInt(callsAnswered) * micros;
  const problems: string[] = [];
  if (books.held !== 0n) problems.push(`${books.held} micro-credits still held`);
  if (books.consumed !== expected)
    problems.push(`consumed ${books.consumed}, ${callsAnswered} calls answered cost ${expected}`);
  if (books.held + books.consumed > credits(grantCredits))
    problems.push("held + consumed above the grant and the limit");
  const detail =
    problems.length === 0
      ? `none: ${callsAnswered} calls answered, ${books.consumed} micro-credits consumed, 0 held`
      : problems.join("; ");
  return { ok: problems.length === 0, detail };
}

type Body = Record<string, unknown>;

async function call(url: string, key: string, method: string, route: string, body?: Body) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Body;
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

function object(value: Body, name: string): Body {
  const found = value[name];
  if (typeof found === "object" && found !== null) return found as Body;
  throw new Error(`no object ${name} in ${JSON.stringify(value)}`);
}

function text(value: Body, name: string): string {
  const found = value[name];
  if (typeof found === "string") return found;
  throw new Error(`no string ${name} in ${JSON.stringify(value)}`);
}

function credits(value: string): bigint {
  const parsed = parseDecimal(value);
  if (!parsed.ok) throw new Error(`not credits: ${value}`);
  return parsed.value;
}
