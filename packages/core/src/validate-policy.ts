/**
 * Range checks of a pool's governance policy and of the fields a hold or usage carries for it:
 * the reservation and caps (an amount and a period), rate limits (one per scope, each with at
 * least one bucket), and the models of an allow-list.
 */
import type { Micros } from "./amount.ts";
import { limits } from "./limits.ts";
import {
  type PeriodAmount,
  type PoolPolicy,
  type RateLimit,
  rateScopes,
  type SoftThrottle,
} from "./model.ts";
import { periods } from "./period.ts";
import { textProblem } from "./text.ts";
import type { InvalidField } from "./validate.ts";

export function checkPolicy(policy: Partial<PoolPolicy> | undefined): InvalidField | null {
  if (policy === undefined) return null;
  return (
    checkPeriodAmount("reserved", policy.reserved) ??
    checkPeriodAmount("member_cap", policy.memberCap) ??
    checkPeriodAmount("key_cap", policy.keyCap) ??
    checkRateLimits(policy.rateLimits) ??
    checkModels("allowed_models", policy.allowedModels) ??
    checkThrottle(policy.softThrottle) ??
    (policy.approvalAbove == null ? null : checkMicros("approval_above", policy.approvalAbove))
  );
}

function checkThrottle(throttle: SoftThrottle | null | undefined): InvalidField | null {
  if (throttle == null) return null;
  if (throttle.maxHold === null && throttle.models === null)
    return { param: "soft_throttle", reason: "needs max_hold or models" };
  return (
    (throttle.maxHold === null ? null : checkMicros("soft_throttle.max_hold", throttle.maxHold)) ??
    checkModels("soft_throttle.models", throttle.models)
  );
}

/** A subject's id (member or key) or a model name on a hold or usage. */
export function checkOptionalText(param: string, value: string | null | undefined, max: number) {
  if (value === null || value === undefined) return null;
  const problem = textProblem(value, max);
  return problem === null ? null : { param, reason: problem };
}

function checkPeriodAmount(param: string, value: PeriodAmount | null | undefined) {
  if (value === null || value === undefined) return null;
  if (!periods.includes(value.period))
    return { param: `${param}.period`, reason: "must be day, week or month" };
  return checkMicros(`${param}.amount`, value.amount);
}

function checkMicros(param: string, amount: Micros): InvalidField | null {
  if (amount < 0n) return { param, reason: "must not be negative" };
  if (amount > limits.amountMicrosMax) return { param, reason: "is above the maximum amount" };
  return null;
}

function checkRateLimits(rateLimits: readonly RateLimit[] | undefined): InvalidField | null {
  if (rateLimits === undefined) return null;
  if (rateLimits.length > limits.rateLimitsPerPoolMax)
    return { param: "rate_limits", reason: `must have at most ${limits.rateLimitsPerPoolMax}` };
  const seen = new Set<string>();
  for (const [index, limit] of rateLimits.entries()) {
    const param = `rate_limits[${index}]`;
    if (!rateScopes.includes(limit.per))
      return { param: `${param}.per`, reason: "must be key, member or pool" };
    if (seen.has(limit.per)) return { param: `${param}.per`, reason: "is given twice" };
    seen.add(limit.per);
    if (limit.requestsPerMinute === null && limit.creditsPerMinute === null)
      return { param, reason: "needs requests_per_minute or credits_per_minute" };
    const requests = limit.requestsPerMinute;
    if (
      requests !== null &&
      (!Number.isInteger(requests) || requests < 1 || requests > limits.requestsPerMinuteMax)
    )
      return {
        param: `${param}.requests_per_minute`,
        reason: `must be an integer from 1 to ${limits.requestsPerMinuteMax}`,
      };
    const credits = limit.creditsPerMinute;
    if (credits !== null && credits < 1n)
      return { param: `${param}.credits_per_minute`, reason: "must be positive" };
    if (credits !== null) {
      const problem = checkMicros(`${param}.credits_per_minute`, credits);
      if (problem !== null) return problem;
    }
  }
  return null;
}

function checkModels(
  param: string,
  models: readonly string[] | null | undefined,
): InvalidField | null {
  if (models === null || models === undefined) return null;
  if (models.length > limits.allowedModelsMax)
    return { param, reason: `must have at most ${limits.allowedModelsMax}` };
  for (const [index, model] of models.entries()) {
    const problem = checkOptionalText(`${param}[${index}]`, model, limits.dimensionValueLengthMax);
    if (problem !== null) return problem;
  }
  return null;
}
