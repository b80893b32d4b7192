/**
 * One error type for everything that is not an answer: the API's error envelope, a connection
 * that failed, a request that timed out, an answer that was not the API's. `retryable` says
 * whether the same request, with the same idempotency key, can succeed later.
 *
 * A refused hold is not an error: `holds.create` answers `{ allowed: false, code, pool }`.
 */
import type { components } from "./openapi.ts";

/**
 * The API's error envelope, `{ "error": { "type", "code", "message", "param"?, "request_id" } }`.
 */
export type ErrorEnvelope = components["schemas"]["Error"];

/**
 * Codes the SDK reports when no API answer carries one: the connection failed, the request
 * timed out, or the answer was not the API's JSON.
 */
export const clientErrorCodes = ["connection_error", "timeout", "invalid_response"] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

export interface CreditpoolErrorFields {
  /** The HTTP status, or null when no answer arrived. */
  readonly status: number | null;
  /** The API's `error.code` (`hold_not_found`, `idempotency_key_reused`, …) or a client code. */
  readonly code: string;
  readonly message: string;
  /** The field at fault, when the API names one. */
  readonly param?: string | undefined;
  /** The API's `error.type`, when it answered. */
  readonly type?: string | undefined;
  readonly retryable: boolean;
  /** The key the request was sent with: retry later with it to stay exactly-once. */
  readonly idempotencyKey?: string | undefined;
  /** The answer's `Request-Id`, when it answered: quote it when you report a problem. */
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
}

export class CreditpoolError extends Error {
  override readonly name = "CreditpoolError";
  readonly status: number | null;
  readonly code: string;
  readonly param: string | undefined;
  readonly type: string | undefined;
  readonly retryable: boolean;
  readonly idempotencyKey: string | undefined;
  readonly requestId: string | undefined;

  constructor(fields: CreditpoolErrorFields) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.code = fields.code;
    this.param = fields.param;
    this.type = fields.type;
    this.retryable = fields.retryable;
    this.idempotencyKey = fields.idempotencyKey;
    this.requestId = fields.requestId;
  }
}

/**
 * Whether an answer with this status may succeed when sent again: the server failed or was
 * overloaded (5xx), or asked the caller to slow down (429). Every other status is final.
 */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/**
 * The error an unsuccessful answer stands for, read from its body. `requestId` is the answer's
 * `Request-Id` header, for an answer whose body does not carry one.
 */
export function errorFromAnswer(
  status: number,
  body: unknown,
  idempotencyKey: string | undefined,
  requestId?: string | undefined,
): CreditpoolError {
  const retryable = retryableStatus(status);
  if (isErrorEnvelope(body)) {
    const { code, message, param, type } = body.error;
    const id = typeof body.error.request_id === "string" ? body.error.request_id : requestId;
    return new CreditpoolError({
      status,
      code,
      message,
      param,
      type,
      retryable,
      idempotencyKey,
      requestId: id,
    });
  }
  return new CreditpoolError({
    status,
    code: "invalid_response",
    message: `HTTP ${status} without the API's error envelope.`,
    retryable,
    idempotencyKey,
    requestId,
  });
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    "message" in error &&
    typeof error.message === "string"
  );
}
