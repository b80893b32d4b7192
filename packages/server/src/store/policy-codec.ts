/**
 * A pool's governance policy as one JSON column: compact, and null when the pool has none. Kept
 * apart from `governance.ts` so that the rows of pools need nothing else of it.
 */
import {
  emptyPolicy,
  type PeriodAmount,
  type PoolPolicy,
  type RateLimit,
  type RateScope,
} from "@creditpool/core";

type PeriodJson = [string, string];
interface PolicyJson {
  r?: PeriodJson;
  mc?: PeriodJson;
  kc?: PeriodJson;
  rl?: [RateScope, number | null, string | null][];
  am?: string[];
  /** Soft throttle: the largest hold, and the models, each null when open. */
  st?: [string | null, string[] | null];
  ap?: string;
}

function periodJson(value: PeriodAmount): PeriodJson {
  return [value.amount.toString(), value.period];
}

function periodOf(value: PeriodJson | undefined): PeriodAmount | null {
  if (value === undefined) return null;
  return { amount: BigInt(value[0]), period: value[1] as PeriodAmount["period"] };
}

export function encodePolicy(policy: PoolPolicy): string | null {
  const json: PolicyJson = {};
  if (policy.reserved !== null) json.r = periodJson(policy.reserved);
  if (policy.memberCap !== null) json.mc = periodJson(policy.memberCap);
  if (policy.keyCap !== null) json.kc = periodJson(policy.keyCap);
  if (policy.rateLimits.length > 0)
    json.rl = policy.rateLimits.map((limit) => [
      limit.per,
      limit.requestsPerMinute,
      limit.creditsPerMinute?.toString() ?? null,
    ]);
  if (policy.allowedModels !== null) json.am = [...policy.allowedModels];
  const throttle = policy.softThrottle;
  if (throttle !== null)
    json.st = [
      throttle.maxHold?.toString() ?? null,
      throttle.models === null ? null : [...throttle.models],
    ];
  if (policy.approvalAbove !== null) json.ap = policy.approvalAbove.toString();
  return Object.keys(json).length === 0 ? null : JSON.stringify(json);
}

export function decodePolicy(encoded: unknown): PoolPolicy {
  if (encoded === null || encoded === undefined) return emptyPolicy;
  const json = JSON.parse(String(encoded)) as PolicyJson;
  const rateLimits: RateLimit[] = (json.rl ?? []).map(([per, requests, credits]) => ({
    per,
    requestsPerMinute: requests,
    creditsPerMinute: credits === null ? null : BigInt(credits),
  }));
  return {
    reserved: periodOf(json.r),
    memberCap: periodOf(json.mc),
    keyCap: periodOf(json.kc),
    rateLimits,
    allowedModels: json.am ?? null,
    softThrottle:
      json.st === undefined
        ? null
        : { maxHold: json.st[0] === null ? null : BigInt(json.st[0]), models: json.st[1] },
    approvalAbove: json.ap === undefined ? null : BigInt(json.ap),
  };
}
