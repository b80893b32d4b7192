/**
 * Error answers in each provider's shape, so a client's own SDK raises its usual typed error:
 * OpenAI `{ error: { message, type, param, code } }`, Anthropic
 * `{ type: "error", error: { type, message }, request_id }`. A creditpool refusal also carries
 * `creditpool: { code, decision_id }` inside `error`, a field both SDKs keep (`error.error`).
 *
 * Statuses follow what each provider answers in the same situation. A refusal that waiting will
 * not cure answers `x-should-retry: false`, which both SDKs obey instead of retrying; a rate
 * limit answers `retry-after` in whole seconds, which both SDKs wait for.
 */
import type { HoldRefusal } from "@creditpool/core";

export interface ProviderErrorAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface OpenAiErrorFields {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  readonly param?: string | null;
  readonly code?: string | null;
}

export function openAiError(fields: OpenAiErrorFields): ProviderErrorAnswer {
  return {
    status: fields.status,
    headers: {},
    body: {
      error: {
        message: fields.message,
        type: fields.type,
        param: fields.param ?? null,
        code: fields.code ?? null,
      },
    },
  };
}

export interface AnthropicErrorFields {
  readonly status: number;
  readonly type: string;
  readonly message: string;
  readonly requestId?: string | null;
}

export function anthropicError(fields: AnthropicErrorFields): ProviderErrorAnswer {
  return {
    status: fields.status,
    headers: {},
    body: {
      type: "error",
      error: { type: fields.type, message: fields.message },
      request_id: fields.requestId ?? null,
    },
  };
}

/** A hold the gateway was refused, to be told to the client in its provider's words. */
export interface GatewayRefusal {
  readonly code: HoldRefusal;
  readonly message: string;
  /** The decision record of the refusal, when one was stored. */
  readonly decisionId: string | null;
  /** For `rate_limited`: when the limit will have room, in seconds (at least 1). */
  readonly retryAfterSeconds?: number;
}

interface RefusalShape {
  readonly status: number;
  readonly openAiType: string;
  readonly anthropicStatus: number;
  readonly anthropicType: string;
  readonly param?: string;
}

/**
 * Per refusal: OpenAI answers 429 `insufficient_quota` when credit runs out and Anthropic 402
 * `billing_error`; a model not allowed is a 403 on the `model` field; a rate limit is each
 * provider's 429; an approval to wait for is a 403.
 */
const refusalShapes: Readonly<Record<HoldRefusal, RefusalShape>> = {
  rate_limited: {
    status: 429,
    openAiType: "requests",
    anthropicStatus: 429,
    anthropicType: "rate_limit_error",
  },
  model_not_allowed: {
    status: 403,
    openAiType: "invalid_request_error",
    anthropicStatus: 403,
    anthropicType: "permission_error",
    param: "model",
  },
  member_cap_exceeded: credit(),
  pool_in_debt: credit(),
  pool_limit_exceeded: credit(),
  insufficient_credits: credit(),
  approval_required: {
    status: 403,
    openAiType: "invalid_request_error",
    anthropicStatus: 403,
    anthropicType: "permission_error",
  },
};

function credit(): RefusalShape {
  return {
    status: 429,
    openAiType: "insufficient_quota",
    anthropicStatus: 402,
    anthropicType: "billing_error",
  };
}

/** The OpenAI error answer of a refusal; its `code` is creditpool's result code. */
export function openAiRefusal(refusal: GatewayRefusal): ProviderErrorAnswer {
  const shape = refusalShapes[refusal.code];
  const answer = openAiError({
    status: shape.status,
    type: shape.openAiType,
    message: refusal.message,
    param: shape.param ?? null,
    code: refusal.code,
  });
  const error = answer.body.error as Record<string, unknown>;
  return {
    status: answer.status,
    headers: refusalHeaders(refusal),
    body: { error: { ...error, creditpool: creditpoolFields(refusal) } },
  };
}

export function anthropicRefusal(refusal: GatewayRefusal): ProviderErrorAnswer {
  const shape = refusalShapes[refusal.code];
  return {
    status: shape.anthropicStatus,
    headers: refusalHeaders(refusal),
    body: {
      type: "error",
      error: {
        type: shape.anthropicType,
        message: refusal.message,
        creditpool: creditpoolFields(refusal),
      },
      request_id: null,
    },
  };
}

/** What a request the key may not make carries: creditpool's code, the field it is about. */
export interface Forbidden {
  readonly code: string;
  readonly message: string;
  readonly param: string | null;
}

/**
 * A request the key may not make (its role's permissions, a seat it does not hold): a 403 that
 * OpenAI's SDK raises as `PermissionDeniedError` and Anthropic's as `PermissionDeniedError` of
 * type `permission_error`, with creditpool's code kept as in a refusal of a hold.
 */
export function openAiForbidden(forbidden: Forbidden): ProviderErrorAnswer {
  const answer = openAiError({
    status: 403,
    type: "permission_denied_error",
    message: forbidden.message,
    param: forbidden.param,
    code: forbidden.code,
  });
  const error = answer.body.error as Record<string, unknown>;
  const creditpool = { code: forbidden.code, decision_id: null };
  return {
    ...answer,
    headers: { "x-should-retry": "false" },
    body: { error: { ...error, creditpool } },
  };
}

export function anthropicForbidden(forbidden: Forbidden): ProviderErrorAnswer {
  const creditpool = { code: forbidden.code, decision_id: null };
  return {
    status: 403,
    headers: { "x-should-retry": "false" },
    body: {
      type: "error",
      error: { type: "permission_error", message: forbidden.message, creditpool },
      request_id: null,
    },
  };
}

function creditpoolFields(refusal: GatewayRefusal): Record<string, unknown> {
  return { code: refusal.code, decision_id: refusal.decisionId };
}

function refusalHeaders(refusal: GatewayRefusal): Record<string, string> {
  if (refusal.code !== "rate_limited") return { "x-should-retry": "false" };
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterSeconds ?? 1));
  return { "retry-after": String(seconds) };
}
