/**
 * The error envelope: `{ "error": { "type", "code", "message", "param"? } }` with the status the
 * code maps to. One table (the result codes) decides every status.
 */
import { type ResultCode, resultCodes } from "@creditpool/core";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { EngineAnswer } from "../engine/answers.ts";
import { Refusal } from "../refusal.ts";

/** Routes raise refusals under this name; services and access raise the same class. */
export { Refusal as ApiError };

export function errorType(code: ResultCode): string {
  const status = resultCodes[code].status;
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status >= 500) return "api_error";
  if (status === 400 || status === 413) return "invalid_request_error";
  return "request_error";
}

export function errorBody(code: ResultCode, message: string, param?: string) {
  const error: { type: string; code: string; message: string; param?: string } = {
    type: errorType(code),
    code,
    message,
  };
  if (param !== undefined) error.param = param;
  return { error };
}

export function statusOf(code: ResultCode): ContentfulStatusCode {
  return resultCodes[code].status as ContentfulStatusCode;
}

export function errorResponse(c: Context, error: Refusal): Response {
  return c.json(errorBody(error.code, error.message, error.param), statusOf(error.code));
}

/** An engine answer as HTTP: refused holds answer 200; other codes use the error envelope. */
export function answerResponse(
  c: Context,
  answer: EngineAnswer,
  successStatus: 200 | 201 = 200,
): Response {
  if (answer.replayed === true) c.header("Idempotent-Replayed", "true");
  const status = resultCodes[answer.code].status;
  if (answer.code === "ok") return c.json(answer.body, successStatus);
  if (status === 200) return c.json(answer.body, 200);
  const message =
    typeof answer.body.message === "string"
      ? answer.body.message
      : resultCodes[answer.code].summary;
  return c.json(errorBody(answer.code, message, answer.param), statusOf(answer.code));
}
