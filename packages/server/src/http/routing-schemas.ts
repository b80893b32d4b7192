/**
 * The shapes of routing policies: a preference list of models per complexity tier, the default
 * tier, whether every request is routed or only `auto`, the low-balance step-down, and what the
 * gateway does when output would pass a hold mid-stream.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Credits, CreditsInput, idOf, Timestamp } from "./schemas.ts";

export const ComplexityTier = z.enum(["light", "standard", "heavy"]).openapi({
  description: "A complexity tier: `light`, `standard` or `heavy` (docs/concepts/routing.md).",
});

const Models = z
  .array(z.string().min(1).max(limits.dimensionValueLengthMax))
  .min(1)
  .max(limits.routingModelsPerTierMax)
  .openapi({
    description:
      "Models in order of preference, each in the model catalog or a rate card in force.",
    example: ["gpt-5-mini", "claude-haiku-4-5"],
  });

const Tiers = z
  .strictObject({ light: Models, standard: Models, heavy: Models })
  .openapi({ description: "A preference list of models for each tier." });

const OnLimit = z.enum(["end_stream", "extend"]).openapi({
  description:
    "What the gateway does when output would pass the hold mid-stream: end the stream, or extend the hold.",
});

const LowBalance = z
  .strictObject({
    below: CreditsInput.refine((value) => value > 0n && value <= limits.amountMicrosMax, {
      message: "must be above 0 and at most the largest amount",
    })
      .optional()
      .openapi({ description: "Step down while the pool's `available` is below these credits." }),
    below_percent: z.number().int().min(1).max(100).optional().openapi({
      description: "Or while it is below this percentage of the policy's pool's limit.",
    }),
    step_down: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    if ((rule.below === undefined) === (rule.below_percent === undefined))
      context.addIssue({
        code: "custom",
        path: ["below"],
        message: "give exactly one of below and below_percent",
      });
  })
  .openapi({ description: "Step down one tier (heavy to standard to light) on a low balance." });

export const CreateRoutingPolicy = z
  .strictObject({
    pool: idOf("pool"),
    tiers: Tiers,
    default_tier: ComplexityTier.default("light"),
    route_all: z.boolean().default(false).openapi({
      description: "Route every request, not only those naming the model `auto`.",
    }),
    low_balance: LowBalance.nullable().default(null),
    on_limit: OnLimit.default("end_stream"),
  })
  .openapi("CreateRoutingPolicy");

export const UpdateRoutingPolicy = z
  .strictObject({
    tiers: Tiers.optional(),
    default_tier: ComplexityTier.optional(),
    route_all: z.boolean().optional(),
    low_balance: LowBalance.nullable().optional(),
    on_limit: OnLimit.optional(),
  })
  .openapi("UpdateRoutingPolicy");

export const RoutingPolicyView = z
  .object({
    id: idOf("rpol"),
    object: z.literal("routing_policy"),
    pool: idOf("pool"),
    tiers: z.object({
      light: z.array(z.string()),
      standard: z.array(z.string()),
      heavy: z.array(z.string()),
    }),
    default_tier: ComplexityTier,
    route_all: z.boolean(),
    low_balance: z
      .object({
        below: Credits.nullable(),
        below_percent: z.number().int().nullable(),
        step_down: z.boolean(),
      })
      .nullable(),
    on_limit: OnLimit,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("RoutingPolicy");
