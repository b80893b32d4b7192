/**
 * Sends one fuzz request and checks what every answer must satisfy, whatever was sent:
 *
 * - no answer is a 5xx;
 * - every error answer is `{ error: { type, code, message, param?, request_id } }`, with a known
 *   code, the status the codes table gives it, and the answer's `Request-Id`;
 * - a request that is refused (a 4xx, a hold answered `allowed: false`, a usage batch with no event
 *   recorded) or replayed writes nothing: the journal and every projection of both organizations,
 *   their keys, members, plans, subscriptions and invoices, the operator's catalog of plans, and
 *   the list of organizations, read from the store, are unchanged. The one documented exception is
 *   a capture after the hold's TTL, answered `hold_expired` and still recorded as usage (rule 8);
 * - whatever the answer, no request changes an organization other than its key's (rule 7), and
 *   only the operator's key changes the catalog.
 */
import { AssertionError } from "node:assert";
import { type ResultCode, resultCodes } from "@creditpool/core";
import { defaultScope } from "../../src/store/pricing.ts";
import { type Answer, at, type Method } from "./api.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import { At, RawJson, RawUrl, Ref } from "./fuzz-values.ts";
import type { FuzzWorld } from "./fuzz-world.ts";

/** A request as it goes out, and how it is shown in a failure. */
export interface Sent {
  readonly method: Method;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export function resolve(world: FuzzWorld, value: unknown): unknown {
  if (value instanceof Ref) return world.resolve(value);
  if (value instanceof At) {
    const time = new Date(world.api.clock.nowMs + value.offsetMs);
    return Number.isNaN(time.getTime()) ? "invalid" : time.toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => resolve(world, item));
  if (value !== null && typeof value === "object" && !(value instanceof RawJson)) {
    if (value instanceof RawUrl) return value;
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, resolve(world, item)]),
    );
  }
  return value;
}

/** JSON text of a resolved value, with each `RawJson` written as it is. */
export function encodeJson(value: unknown): string {
  const raws: string[] = [];
  const marker = (index: number) => `@@raw-${index}-3f9c@@`;
  const text = JSON.stringify(value, (_name, item: unknown) => {
    if (!(item instanceof RawJson)) return item;
    raws.push(item.text);
    return marker(raws.length - 1);
  });
  if (text === undefined) return "";
  return raws.reduce((json, raw, index) => json.replace(`"${marker(index)}"`, raw), text);
}

/** Percent-encodes UTF-8 (a lone surrogate goes out as U+FFFD, as any client would send it). */
function percentEncode(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function urlText(value: unknown): string {
  if (value instanceof RawUrl) return value.text;
  if (typeof value === "string") return percentEncode(value);
  return percentEncode(encodeJson(value));
}

export function prepare(world: FuzzWorld, request: FuzzRequest): Sent {
  const [method = "GET", template = "/"] = request.operation.split(" ");
  let path = template.replace("{id}", urlText(resolve(world, request.id)));
  if (request.member !== undefined)
    path = path.replace("{member}", urlText(resolve(world, request.member)));
  if (request.query !== undefined && request.query.length > 0) {
    const pairs = request.query.map(
      ([name, value]) => `${percentEncode(name)}=${urlText(resolve(world, value))}`,
    );
    path += `?${pairs.join("&")}`;
  }
  const headers: Record<string, string> = {};
  const authorization = world.authorization(request.key);
  if (authorization !== undefined) headers.authorization = authorization;
  if (request.idempotencyKey !== undefined) headers["idempotency-key"] = request.idempotencyKey;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = "raw" in request.body ? request.body.raw : encodeJson(resolve(world, request.body.json));
    // No type of our own: what fetch sends for a string body.
    headers["content-type"] =
      request.contentType === undefined
        ? "application/json"
        : (request.contentType ?? "text/plain;charset=UTF-8");
  }
  return { method: method as Method, path, headers, ...(body === undefined ? {} : { body }) };
}

/**
 * The parts of the store a check reads: the organizations, the operator's catalog of plans, and
 * each fixture organization.
 */
const parts = ["organizations", "catalog", "home", "stranger"] as const;
export type Part = (typeof parts)[number];

/** The parts as text, read from the store; every part unless some are named. */
export async function storeState(
  world: FuzzWorld,
  only: readonly Part[] = parts,
): Promise<Map<Part, string>> {
  const store = world.api.store;
  const text = (value: unknown) =>
    JSON.stringify(value, (_name, item: unknown) => (typeof item === "bigint" ? `${item}n` : item));
  const organization = async (organizationId: string) =>
    text(
      await Promise.all([
        store.readSnapshot(organizationId),
        store.listKeys(organizationId, { limit: 1_000_000 }),
        store.listMembers(organizationId, { limit: 1_000_000 }),
        store.listPlans(organizationId),
        store.listSubscriptions(organizationId, { limit: 1_000_000 }),
        store.listInvoices(organizationId, { limit: 1_000_000 }),
      ]),
    );
  const read = (part: Part) => {
    if (part === "organizations") return store.listOrganizationIds().then(text);
    if (part === "catalog") return store.listPlans(defaultScope).then(text);
    return organization(world[part].organizationId);
  };
  return new Map(await Promise.all(only.map(async (part) => [part, await read(part)] as const)));
}

export function describeSent(sent: Sent, answer?: Answer): string {
  const cut = (text: string) =>
    text.length > 600 ? `${text.slice(0, 600)}… (${text.length})` : text;
  const lines = [
    `${sent.method} ${cut(sent.path)}`,
    `headers: ${cut(JSON.stringify(sent.headers))}`,
    `body: ${cut(JSON.stringify(sent.body ?? null))}`,
  ];
  if (answer !== undefined) {
    lines.push(`answer: ${answer.status} ${cut(JSON.stringify(answer.body))}`);
  }
  return lines.join("\n");
}

function fail(message: string, sent: Sent, answer?: Answer): never {
  throw new AssertionError({ message: `${message}\n${describeSent(sent, answer)}` });
}

function checkEnvelope(sent: Sent, answer: Answer): void {
  const body = answer.body;
  const error = at(body, "error");
  const wellFormed =
    body !== null &&
    typeof body === "object" &&
    Object.keys(body).join() === "error" &&
    error !== null &&
    typeof error === "object" &&
    Object.keys(error).every((name) =>
      ["type", "code", "message", "param", "request_id"].includes(name),
    ) &&
    ["type", "code", "message"].every((name) => typeof at(error, name) === "string") &&
    ["string", "undefined"].includes(typeof at(error, "param")) &&
    at(error, "request_id") === answer.headers.get("request-id");
  if (!wellFormed) fail("an error answer without the error envelope", sent, answer);
  const code = at(error, "code") as string;
  if (!(code in resultCodes)) fail(`an error code not in the codes table: ${code}`, sent, answer);
  const status = resultCodes[code as ResultCode].status;
  if (status !== answer.status)
    fail(`${code} answered ${answer.status}, not ${status}`, sent, answer);
}

/** Whether the answer says nothing was done: a refusal, or a replay of a first answer. */
function refused(request: FuzzRequest, answer: Answer): boolean {
  if (answer.headers.get("idempotent-replayed") === "true") return true;
  if (answer.status >= 400) {
    const lateCapture =
      request.operation === "POST /v1/holds/{id}/capture" &&
      at(answer.body, "error.code") === "hold_expired";
    return !lateCapture;
  }
  if (request.operation === "POST /v1/holds") return at(answer.body, "allowed") === false;
  if (request.operation === "POST /v1/usage") {
    const data = at(answer.body, "data");
    return Array.isArray(data) && data.every((result) => at(result, "status") !== "recorded");
  }
  return false;
}

/**
 * The parts of the store a request may not change: none after a refusal or a replay; never
 * another organization than the key's own (the operator's key changes neither fixture one), and
 * never the catalog but with the operator's key.
 */
function untouchable(request: FuzzRequest, answer: Answer): Part[] {
  if (answer.status >= 500 || refused(request, answer)) return [...parts];
  if (request.key === "operator") return ["home", "stranger"];
  return ["catalog", request.key === "stranger" ? "home" : "stranger"];
}

/**
 * Renews the fixture organizations' subscriptions whose period has ended, as the renewal job
 * would, by reading each with its organization's owner key: what falls due is applied before a
 * request is checked, as holds past their TTL are.
 */
async function renewDue(world: FuzzWorld): Promise<void> {
  const api = world.api;
  const owners = new Map(
    [world.home, world.stranger].map((org) => [org.organizationId, org.ownerKey]),
  );
  for (const due of await api.store.dueSubscriptions(api.clock.nowMs, 100)) {
    const key = owners.get(due.organizationId);
    if (key === undefined) continue;
    const answer = await api.call("GET", `/v1/subscriptions/${due.id}`, { key });
    if (answer.status !== 200) {
      throw new AssertionError({
        message: `renewing ${due.id} answered ${answer.status} ${JSON.stringify(answer.body)}`,
      });
    }
  }
}

/** Moves the clock, applies what fell due, sends, checks; answers the answer. */
export async function exchange(world: FuzzWorld, request: FuzzRequest): Promise<Answer> {
  const api = world.api;
  if (request.advanceMs > 0) {
    api.clock.advance(request.advanceMs);
    await api.engine.sweepDue();
    await renewDue(world);
  }
  const sent = prepare(world, request);
  const before = await storeState(world);
  world.unexpected.length = 0;
  let answer: Answer;
  try {
    answer = await api.call(sent.method, sent.path, {
      headers: sent.headers,
      ...(sent.body === undefined ? {} : { raw: sent.body }),
    });
  } catch (error) {
    fail(`the request threw instead of answering: ${String(error)}`, sent);
  }
  const checked = untouchable(request, answer);
  const after = await storeState(world, checked);
  const written = checked.filter((part) => after.get(part) !== before.get(part));
  if (answer.status >= 500) {
    const causes = world.unexpected.map((error) =>
      error instanceof Error
        ? (error.stack ?? "").split("\n").slice(0, 3).join(" | ")
        : String(error),
    );
    const wrote = written.length === 0 ? "" : ` and wrote to ${written.join(", ")}`;
    fail(
      `answered ${answer.status}${wrote}; the app logged: ${causes.join("; ") || "nothing"}`,
      sent,
      answer,
    );
  }
  if (answer.status >= 400) checkEnvelope(sent, answer);
  if (written.length > 0) {
    const what = refused(request, answer)
      ? "a refused or replayed request wrote to"
      : "a request wrote outside its key's organization, to";
    fail(`${what} ${written.join(", ")}`, sent, answer);
  }
  world.remember(request, answer.status, answer.body);
  return answer;
}
