/**
 * The benchmark's organization, set up over the API as a client would (the operator key creates
 * it; its owner key grants and limits the hot root pool and makes an agent key), and its books
 * afterwards: what the server holds and consumed against what the load generator was told, and
 * `creditpool verify` on the database once the server has stopped.
 */
import { spawn } from "node:child_process";
import { parseDecimal } from "@creditpool/core";
import { creditpoolBin } from "./http-servers.ts";

/** Big enough that no run comes near it, small enough for a 64-bit column. */
export const grantCredits = "1000000000";
export const holdCredits = "0.001";
/** Less than the hold, so every capture also returns the unused part. */
export const captureCredits = "0.0006";

export interface HotPoolSetup {
  readonly organizationId: string;
  readonly poolId: string;
  readonly grantId: string;
  readonly agentKey: string;
}

/**
 * The agent key is bound to the hot pool, as keys handed to agents are; `bound: false` makes an
 * organization-wide agent key instead (the API then skips its reach checks).
 */
export async function setUpHotPool(
  url: string,
  operatorKey: string,
  bound = true,
): Promise<HotPoolSetup> {
  const created = await call(url, operatorKey, "POST", "/v1/organizations", { name: "http bench" });
  const organization = member(created, "organization");
  const owner = field(member(created, "owner_key"), "secret");
  const poolId = field(organization, "root_pool");
  const grant = await call(url, owner, "POST", "/v1/grants", {
    pool: poolId,
    amount: grantCredits,
    source: "purchase",
  });
  await call(url, owner, "PATCH", `/v1/pools/${poolId}`, {
    limit: { amount: grantCredits, kind: "hard", period: "month" },
  });
  const key = await call(url, owner, "POST", "/v1/keys", {
    name: "bench agent",
    role: "agent",
    pool: bound ? poolId : null,
    member: null,
  });
  return {
    organizationId: field(organization, "id"),
    poolId,
    grantId: field(grant, "id"),
    agentKey: field(key, "secret"),
  };
}

/** What the load generator saw of holds and captures, over every run so far. */
export interface ClientTally {
  holdsSent: number;
  holdsAnswered: number;
  /** Holds answered 200 with `allowed: true`. */
  holdsAllowed: number;
  holdsRefused: number;
  capturesSent: number;
  capturesAnswered: number;
  capturesOk: number;
}

export function emptyTally(): ClientTally {
  return {
    holdsSent: 0,
    holdsAnswered: 0,
    holdsAllowed: 0,
    holdsRefused: 0,
    capturesSent: 0,
    capturesAnswered: 0,
    capturesOk: 0,
  };
}

export interface BooksCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Zero overspend. The pool's held and the grant's consumption are exact multiples of one hold and
 * one capture (nothing else touches them), so they tell how many holds the server allowed and how
 * many it captured. Those must lie between what the clients were answered and that plus what was
 * still in flight when the load stopped; and held + consumed never passes the grant or the limit.
 */
export async function checkBooks(
  url: string,
  setup: HotPoolSetup,
  tally: ClientTally,
): Promise<BooksCheck> {
  const read = async () => {
    const pool = await call(url, setup.agentKey, "GET", `/v1/pools/${setup.poolId}`);
    return {
      held: credits(field(pool, "held")),
      consumed: credits(field(pool, "consumed_this_period")),
    };
  };
  // Requests cut off when the load stopped may still be in the engine's queue: wait for quiet.
  let books = await read();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await read();
    if (again.held === books.held && again.consumed === books.consumed) break;
    books = again;
  }
  const hold = credits(holdCredits);
  const capture = credits(captureCredits);
  const problems: string[] = [];
  if (books.held % hold !== 0n) problems.push(`held ${books.held} is not a multiple of a hold`);
  if (books.consumed % capture !== 0n)
    problems.push(`consumed ${books.consumed} not whole captures`);
  const captured = Number(books.consumed / capture);
  const allowed = Number(books.held / hold) + captured;
  const holdsInFlight = tally.holdsSent - tally.holdsAnswered;
  const capturesInFlight = tally.capturesSent - tally.capturesAnswered;
  if (allowed < tally.holdsAllowed || allowed > tally.holdsAllowed + holdsInFlight)
    problems.push(`server allowed ${allowed} holds, clients were told ${tally.holdsAllowed}`);
  if (captured < tally.capturesOk || captured > tally.capturesOk + capturesInFlight)
    problems.push(`server captured ${captured}, clients were told ${tally.capturesOk}`);
  if (books.held + books.consumed > credits(grantCredits))
    problems.push("held + consumed above the grant and the limit");
  const inFlight = holdsInFlight + capturesInFlight;
  const detail =
    problems.length === 0
      ? `none: ${allowed} holds allowed, ${captured} captured on the server; clients were ` +
        `told ${tally.holdsAllowed} and ${tally.capturesOk}, ${inFlight} in flight at stops`
      : problems.join("; ");
  return { ok: problems.length === 0, detail };
}

/** `creditpool verify` as a user runs it, on the database after the server stopped. */
export function verifyCommand(database: string): Promise<BooksCheck> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [creditpoolBin, "verify", "--database", database], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const last = output.trim().split("\n").at(-1) ?? "";
      resolve({ ok: code === 0, detail: `exit ${code}: ${last}` });
    });
  });
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

function member(value: Body, name: string): Body {
  const found = value[name];
  if (typeof found === "object" && found !== null) return found as Body;
  throw new Error(`no object ${name} in ${JSON.stringify(value)}`);
}

function field(value: Body, name: string): string {
  const found = value[name];
  if (typeof found === "string") return found;
  throw new Error(`no string ${name} in ${JSON.stringify(value)}`);
}

function credits(text: string): bigint {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(`not credits: ${text}`);
  return parsed.value;
}
