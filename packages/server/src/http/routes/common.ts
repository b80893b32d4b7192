/** Pieces every route shares: request bodies, answers, idempotency keys, pages. */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { fingerprintOf } from "../../engine/requests.ts";
import type { ScopedAnswer } from "../../store/directory.ts";
import type { StoredAnswer } from "../../store/port.ts";
import type { ApiDependencies, ApiEnv } from "../api.ts";
import { ApiError } from "../problem.ts";
import { ErrorBody, Text } from "../schemas.ts";

export function jsonBody<T extends z.ZodType>(schema: T, required = true) {
  return { body: { content: { "application/json": { schema } }, required } };
}

export function answers<T extends z.ZodType>(schema: T, status: 200 | 201, description: string) {
  const error = (text: string) => ({
    description: text,
    content: { "application/json": { schema: ErrorBody } },
  });
  return {
    [status]: { description, content: { "application/json": { schema } } },
    400: error("Invalid request: `param` names the field"),
    401: error("Missing, unknown or revoked API key"),
    403: error("The key's role may not do this"),
    404: error("No such object in the key's organization"),
    409: error("Conflict with the object's state, or an idempotency key reused"),
    413: error("The body is larger than the maximum"),
    422: error("Valid, but beyond a limit (pool depth, pool count)"),
    500: error("An unexpected failure; nothing was applied: retry with the same key"),
    503: error("The engine's queue is full: retry with the same key"),
  } as const;
}

export const IdempotencyHeader = z.object({
  "idempotency-key": Text(limits.idempotencyKeyLengthMax).optional().openapi({
    description: "Makes the request safe to retry: a replay answers the first answer.",
  }),
});

/**
 * The caller's idempotency key, or one the server makes (echoed in the answer's header), stored
 * as `request:<key>`: usage events are stored as `event:<id>`, so the two never meet.
 */
export function idempotencyKey(c: Context<ApiEnv>, deps: ApiDependencies): string {
  const given = c.req.header("idempotency-key");
  const key =
    given === undefined || given === "" ? deps.ids.next("key").replace("key_", "srv_") : given;
  c.header("Idempotency-Key", key);
  return `request:${key}`;
}

/** Answers to the operator's requests belong to no organization: they share this scope. */
export const operatorScope = "operator";

/** A write's idempotency: the scope its key is unique in, the key, and the request's fingerprint. */
export interface Idempotency {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * Idempotency for writes outside the engine (organizations, keys, members, rate cards, quotes).
 * A replay whose answer is already stored is answered at once, before any other check, since a
 * replay answers the first answer whatever changed since. Otherwise the write stores its answer
 * with `answerOf` in its own transaction, and its claim of the key decides between concurrent
 * requests (`store/directory.ts`): a write that loses gets the stored answer, for `replayOf`.
 */
export async function idempotentRequest(
  c: Context<ApiEnv>,
  deps: ApiDependencies,
  scope: string,
  request: Record<string, unknown>,
): Promise<{ idempotency: Idempotency; replay: Response | null }> {
  const idempotency = { scope, key: idempotencyKey(c, deps), fingerprint: fingerprintOf(request) };
  const stored = await deps.store.findAnswer(scope, idempotency.key);
  return { idempotency, replay: stored === null ? null : replayOf(c, idempotency, stored) };
}

/** The answer a write stores with its rows; a replay answers it with status 201. */
export function answerOf(idempotency: Idempotency, body: unknown, createdAt: number): ScopedAnswer {
  const { scope, key, fingerprint } = idempotency;
  return { scope, key, fingerprint, answer: JSON.stringify(body), createdAt };
}

/** The first answer again, or `idempotency_key_reused` when it answered another request. */
export function replayOf(c: Context<ApiEnv>, idempotency: Idempotency, stored: StoredAnswer) {
  if (stored.fingerprint !== idempotency.fingerprint) {
    throw new ApiError("idempotency_key_reused", undefined, "Idempotency-Key");
  }
  c.header("Idempotent-Replayed", "true");
  return c.json(JSON.parse(stored.answer), 201);
}

/** Fetches pages until `limit + 1` rows pass `keep` (or the rows run out). */
export async function visiblePage<T extends { id: string }>(
  fetch: (startingAfter: string | undefined, limit: number) => Promise<T[]>,
  keep: (row: T) => Promise<boolean> | boolean,
  startingAfter: string | undefined,
  limit: number,
): Promise<T[]> {
  const kept: T[] = [];
  let after = startingAfter;
  for (;;) {
    const rows = await fetch(after, limit + 1);
    for (const row of rows) {
      if (await keep(row)) kept.push(row);
      if (kept.length > limit) return kept;
    }
    const last = rows[rows.length - 1];
    if (rows.length <= limit || last === undefined) return kept;
    after = last.id;
  }
}

/** `has_more` is learnt by asking for one more row than the page holds. */
export function page<T>(rows: readonly T[], limit: number) {
  return { object: "list" as const, data: rows.slice(0, limit), has_more: rows.length > limit };
}
