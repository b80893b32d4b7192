/**
 * Pools in the API: the tree, limits, and governance (a reservation, caps per member and per key,
 * rate limits, a model allow-list), in requests and in the view with its balances.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import {
  Credits,
  CreditsInput,
  idOf,
  Limit,
  LimitInput,
  Name,
  OverageLimit,
  OverageLimitInput,
  PageQuery,
  Period,
  Text,
  TimeInput,
  Timestamp,
} from "./schemas.ts";

const PeriodAmountInput = z.strictObject({ amount: CreditsInput, period: Period });
const PeriodAmount = z.object({ amount: Credits, period: Period });

const RateLimitInput = z
  .strictObject({
    per: z.enum(["key", "member", "pool"]),
    requests_per_minute: z.number().int().nullable().default(null),
    credits_per_minute: CreditsInput.nullable().default(null),
  })
  .openapi({
    description:
      "Token buckets of a minute's worth, refilled continuously: holds and held credits per key, per member, or for the pool's whole subtree.",
  });

const RateLimit = z.object({
  per: z.enum(["key", "member", "pool"]),
  requests_per_minute: z.number().int().nullable(),
  credits_per_minute: Credits.nullable(),
});

/** Governance fields, the same in a new pool and a change (where absent means unchanged). */
const policyInput = {
  reserved: PeriodAmountInput.nullable().optional().openapi({
    description:
      "Protects this much of the parent's own grants each period for this pool's subtree.",
  }),
  member_cap: PeriodAmountInput.nullable().optional().openapi({
    description: "The most each member may draw under this pool each period.",
  }),
  key_cap: PeriodAmountInput.nullable().optional().openapi({
    description: "The most each API key may draw under this pool each period.",
  }),
  rate_limits: z.array(RateLimitInput).max(limits.rateLimitsPerPoolMax).optional(),
  allowed_models: z
    .array(Text(limits.dimensionValueLengthMax))
    .max(limits.allowedModelsMax)
    .nullable()
    .optional()
    .openapi({ description: "The models holds under this pool may name; null allows any." }),
  soft_throttle: z
    .strictObject({
      max_hold: CreditsInput.nullable().default(null),
      models: z
        .array(Text(limits.dimensionValueLengthMax))
        .max(limits.allowedModelsMax)
        .nullable()
        .default(null),
    })
    .nullable()
    .optional()
    .openapi({
      description:
        "Once a hold would take the pool past its soft limit: the largest hold it still admits, and the only models.",
    }),
  approval_above: CreditsInput.nullable().optional().openapi({
    description: "Holds above this amount under the pool wait for an approver.",
  }),
};

export const Pool = z
  .object({
    id: idOf("pool"),
    object: z.literal("pool"),
    parent: idOf("pool").nullable(),
    name: z.string(),
    draws_from_parent: z.boolean(),
    limit: Limit.nullable(),
    overage_limit: OverageLimit.nullable(),
    reserved: PeriodAmount.extend({
      unused: Credits.openapi({ description: "What the reservation still protects now." }),
    }).nullable(),
    member_cap: PeriodAmount.nullable(),
    key_cap: PeriodAmount.nullable(),
    rate_limits: z.array(RateLimit),
    allowed_models: z.array(z.string()).nullable(),
    soft_throttle: z
      .object({ max_hold: Credits.nullable(), models: z.array(z.string()).nullable() })
      .nullable(),
    approval_above: Credits.nullable(),
    available: Credits,
    held: Credits,
    consumed_this_period: Credits,
    granted: Credits,
    debt: Credits,
    overage_used_this_period: Credits,
    created_at: Timestamp,
    archived_at: Timestamp.nullable().openapi({
      description: "When the pool was archived; null while it is open.",
    }),
    boost: z.object({ amount: Credits, until: Timestamp }).nullable().openapi({
      description:
        "A temporary raise of the hard limit: `amount` more until `until`; null when none is in force.",
    }),
  })
  .openapi("Pool");

export const BoostPool = z
  .strictObject({
    amount: CreditsInput.openapi({
      type: "string",
      description: "How much the hard limit is raised; 0 ends the boost.",
    }),
    until: TimeInput.openapi({
      description: "When the boost lapses by itself: after now, at most 31 days ahead.",
    }),
  })
  .openapi("BoostPool");

export const PoolListQuery = PageQuery.extend({
  include_archived: z
    .enum(["true", "false"])
    .default("false")
    .openapi({ description: "Also list archived pools (they are left out by default)." }),
});

export const CreatePool = z
  .strictObject({
    parent: idOf("pool"),
    name: Name,
    draws_from_parent: z.boolean().default(true),
    limit: LimitInput.nullable().default(null),
    overage_limit: OverageLimitInput.nullable().default(null),
    ...policyInput,
  })
  .openapi("CreatePool");

export const UpdatePool = z
  .strictObject({
    name: Name.optional(),
    limit: LimitInput.nullable().optional(),
    overage_limit: OverageLimitInput.nullable().optional(),
    ...policyInput,
  })
  .openapi("UpdatePool");

type PolicyBody = Partial<{
  [K in keyof typeof policyInput]: z.infer<(typeof policyInput)[K]>;
}>;

/** The governance a request body changes, in the core's terms; absent fields are left out. */
export function policyOf(body: PolicyBody) {
  const policy: {
    reserved?: { amount: bigint; period: "day" | "week" | "month" } | null;
    memberCap?: { amount: bigint; period: "day" | "week" | "month" } | null;
    keyCap?: { amount: bigint; period: "day" | "week" | "month" } | null;
    rateLimits?: {
      per: "key" | "member" | "pool";
      requestsPerMinute: number | null;
      creditsPerMinute: bigint | null;
    }[];
    allowedModels?: string[] | null;
    softThrottle?: { maxHold: bigint | null; models: string[] | null } | null;
    approvalAbove?: bigint | null;
  } = {};
  if (body.reserved !== undefined) policy.reserved = body.reserved;
  if (body.member_cap !== undefined) policy.memberCap = body.member_cap;
  if (body.key_cap !== undefined) policy.keyCap = body.key_cap;
  if (body.rate_limits !== undefined)
    policy.rateLimits = body.rate_limits.map((limit) => ({
      per: limit.per,
      requestsPerMinute: limit.requests_per_minute,
      creditsPerMinute: limit.credits_per_minute,
    }));
  if (body.allowed_models !== undefined) policy.allowedModels = body.allowed_models;
  const throttle = body.soft_throttle;
  if (throttle !== undefined)
    policy.softThrottle =
      throttle === null ? null : { maxHold: throttle.max_hold, models: throttle.models };
  if (body.approval_above !== undefined) policy.approvalAbove = body.approval_above;
  return policy;
}
