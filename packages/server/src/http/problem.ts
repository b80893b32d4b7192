/**
 * The error envelope: `{ "error": { "type", "code", "message", "param"?, "request_id" } }` with
 * the status the code maps to. The result codes decide every status; one table here decides
 * every type.
 */
import { type ResultCode, resultCodes } from "@creditpool/core";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Refusal } from "../refusal.ts";
import type { EngineAnswer } from "../services/services.ts";
import { ledgerBody } from "./views.ts";

/** Routes raise refusals under this name; services and access raise the same class. */
export { Refusal as ApiError };

declare module "hono" {
  interface ContextVariableMap {
    /** The answer's `Request-Id`, set by the app before any route runs. */
    requestId: string;
  }
}

/** The kinds of error, named as Stripe names them: what a client can do about one. */
export const errorTypes = [
  "invalid_request_error",
  "authentication_error",
  "permission_error",
  "idempotency_error",
  "rate_limit_error",
  "api_error",
] as const;

export type ErrorType = (typeof errorTypes)[number];

/**
 * The one table from result code to error type, listed again in `docs/reference/errors.md`.
 * `ok` and the refusals of a hold answer 200: they are answers, not errors, and have no type.
 * `overloaded` is a `rate_limit_error`, as Stripe calls its load shedding: slow down and retry.
 */
export const errorTypeOfCode = {
  ok: null,
  pool_in_debt: null,
  pool_limit_exceeded: null,
  insufficient_credits: null,
  hold_expired: "invalid_request_error",
  hold_not_held: "invalid_request_error",
  organization_not_found: "invalid_request_error",
  pool_not_found: "invalid_request_error",
  grant_not_found: "invalid_request_error",
  hold_not_found: "invalid_request_error",
  pool_depth_exceeded: "invalid_request_error",
  pool_count_exceeded: "invalid_request_error",
  id_in_use: "invalid_request_error",
  idempotency_key_reused: "idempotency_error",
  invalid_request: "invalid_request_error",
  report_too_large: "invalid_request_error",
  unauthenticated: "authentication_error",
  permission_denied: "permission_error",
  route_not_found: "invalid_request_error",
  member_not_found: "invalid_request_error",
  key_not_found: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  meter_not_priced: "invalid_request_error",
  rate_card_missing: "invalid_request_error",
  quote_not_found: "invalid_request_error",
  quote_expired: "invalid_request_error",
  overloaded: "rate_limit_error",
  internal_error: "api_error",
  amount_out_of_range: "invalid_request_error",
  plan_not_found: "invalid_request_error",
  subscription_not_found: "invalid_request_error",
  invoice_not_found: "invalid_request_error",
  subscription_exists: "invalid_request_error",
  subscription_canceled: "invalid_request_error",
  subscription_busy: "invalid_request_error",
  subscription_count_exceeded: "invalid_request_error",
  invoice_full: "invalid_request_error",
  invoice_not_open: "invalid_request_error",
  grant_closed: "invalid_request_error",
  test_clock_not_found: "invalid_request_error",
  test_clock_unavailable: "invalid_request_error",
  recurring_grant_not_found: "invalid_request_error",
  recurring_grant_count_exceeded: "invalid_request_error",
  event_not_found: "invalid_request_error",
  webhook_endpoint_not_found: "invalid_request_error",
  webhook_delivery_not_found: "invalid_request_error",
  webhook_endpoint_count_exceeded: "invalid_request_error",
  recurring_grant_busy: "invalid_request_error",
  decision_not_found: "invalid_request_error",
  alert_rule_not_found: "invalid_request_error",
  alert_rule_count_exceeded: "invalid_request_error",
  alert_not_found: "invalid_request_error",
  rate_limited: null,
  approval_required: null,
  approval_not_found: "invalid_request_error",
  approval_not_usable: "invalid_request_error",
  model_not_allowed: null,
  member_cap_exceeded: null,
  pool_archived: "invalid_request_error",
  pool_not_empty: "invalid_request_error",
  reallocation_target_outside: "invalid_request_error",
  reallocation_not_undoable: "invalid_request_error",
  upstream_not_found: "invalid_request_error",
  upstream_count_exceeded: "invalid_request_error",
  upstream_busy: "invalid_request_error",
  secret_key_missing: "api_error",
  gateway_call_not_found: "invalid_request_error",
  routing_policy_not_found: "invalid_request_error",
  routing_policy_exists: "invalid_request_error",
  model_not_routable: "invalid_request_error",
  seats_exhausted: "invalid_request_error",
  seats_assigned: "invalid_request_error",
  seat_required: "permission_error",
  seat_tier_missing: "invalid_request_error",
} as const satisfies { readonly [C in ResultCode]: ErrorType | null };

/** A code that is no error reaching the envelope is the server's fault: an `api_error`. */
export function errorType(code: ResultCode): ErrorType {
  return errorTypeOfCode[code] ?? "api_error";
}

/**
 * The envelope. `requestId` is the answer's `Request-Id`; only what Node answers before the app
 * sees the request (`client-error.ts`) has none.
 */
export function errorBody(code: ResultCode, message: string, param?: string, requestId?: string) {
  const error: {
    type: ErrorType;
    code: string;
    message: string;
    param?: string;
    request_id?: string;
  } = { type: errorType(code), code, message };
  if (param !== undefined) error.param = param;
  if (requestId !== undefined) error.request_id = requestId;
  return { error };
}

export function statusOf(code: ResultCode): ContentfulStatusCode {
  return resultCodes[code].status as ContentfulStatusCode;
}

/** The id the app gave this request (`Request-Id`), set before any route runs. */
export function requestIdOf(c: Context): string | undefined {
  const id: unknown = c.get("requestId");
  return typeof id === "string" ? id : undefined;
}

/** The envelope as this request's answer, with its request id. */
export function errorJson(c: Context, code: ResultCode, message: string, param?: string) {
  return c.json(errorBody(code, message, param, requestIdOf(c)), statusOf(code));
}

export function errorResponse(c: Context, error: Refusal): Response {
  return errorJson(c, error.code, error.message, error.param);
}

/** An engine answer as HTTP: refused holds answer 200; other codes use the error envelope. */
export function answerResponse(
  c: Context,
  answer: EngineAnswer,
  successStatus: 200 | 201 = 200,
): Response {
  if (answer.replayed === true) c.header("Idempotent-Replayed", "true");
  const status = resultCodes[answer.code].status;
  if (answer.code === "ok") return c.json(ledgerBody(answer), successStatus);
  if (status === 200) return c.json(ledgerBody(answer), 200);
  return errorJson(c, answer.code, answer.message, answer.param);
}
