/** Pieces every route shares: request bodies, answers, idempotency keys, pages. */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiDependencies, ApiEnv } from "../api.ts";
import { ErrorBody, Text } from "../schemas.ts";

export function jsonBody<T extends z.ZodType>(schema: T, required = true) {
  return { body: { content: { "application/json": { schema } }, required } };
}

const error = (text: string) => ({
  description: text,
  content: { "application/json": { schema: ErrorBody } },
});

/** The errors every route may answer, each in the envelope of `problem.ts`. */
const errors = {
  400: error("Invalid request: `param` names the field"),
  401: error("Missing, unknown or revoked API key"),
  403: error("The key's role may not do this"),
  404: error("No such object in the key's organization"),
  409: error("Conflict with the object's state, or an idempotency key reused"),
  413: error("The body is larger than the maximum"),
  422: error(
    "Valid, but beyond a limit: pool depth or count, an amount or running total past its bound (`amount_out_of_range`), a meter not priced",
  ),
  500: error("An unexpected failure; nothing was applied: retry with the same key"),
  503: error("The engine's queue is full: retry with the same key"),
} as const;

export function answers<T extends z.ZodType>(schema: T, status: 200 | 201, description: string) {
  return {
    [status]: { description, content: { "application/json": { schema } } },
    ...errors,
  } as const;
}

/** A page answered as HTML, with the same JSON errors as every route. */
export function htmlAnswers(description: string) {
  return {
    200: { description, content: { "text/html": { schema: z.string() } } },
    ...errors,
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

/** The first answer to a write again, as it was answered (201 for a write that made something). */
export function replayResponse(
  c: Context<ApiEnv>,
  replay: unknown,
  status: 200 | 201 = 201,
): Response {
  c.header("Idempotent-Replayed", "true");
  return c.json(replay, status);
}

/** `has_more` is learnt by asking for one more row than the page holds. */
export function page<T>(rows: readonly T[], limit: number) {
  return { object: "list" as const, data: rows.slice(0, limit), has_more: rows.length > limit };
}
