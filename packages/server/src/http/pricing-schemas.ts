/**
 * The request and answer schemas of rate cards and quotes: prices as exact decimals, versions
 * with their effective times, and a quote's priced lines.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import {
  Credits,
  CreditsInput,
  Dimensions,
  idOf,
  MeterName,
  TimeInput,
  Timestamp,
  UsageDescriptionInput,
} from "./schemas.ts";

/** A decimal per unit, of credits or of money, within the core's bounds on its digits. */
const perUnitPattern = new RegExp(
  `^\\d{1,${limits.perUnitWholeDigitsMax}}(\\.\\d{1,${limits.perUnitFractionDigitsMax}})?$`,
);

const DecimalPrice = z
  .string()
  .regex(
    perUnitPattern,
    `must be a decimal number of credits below 10^${limits.perUnitWholeDigitsMax}, at most ${limits.perUnitFractionDigitsMax} fractional digits`,
  )
  .openapi({ example: "0.00025" });

const DecimalCost = z
  .string()
  .regex(
    perUnitPattern,
    `must be a decimal amount of money below 10^${limits.perUnitWholeDigitsMax}, at most ${limits.perUnitFractionDigitsMax} fractional digits`,
  )
  .openapi({
    example: "0.002",
    description:
      "What one unit costs the vendor at its provider, in units of `cost_currency` (not minor units), exact.",
  });

const CostCurrency = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code, e.g. USD")
  .openapi({ example: "USD" });

export const CreateRateCard = z
  .strictObject({
    effective_at: TimeInput.optional(),
    cost_currency: CostCurrency.optional().openapi({
      description:
        "The currency of the prices' `cost_per_unit`: required when a price has one, refused otherwise.",
    }),
    minimum_charge: CreditsInput.refine((value) => value >= 0n, "must not be negative").default(0n),
    prices: z
      .array(
        z.strictObject({
          meter: MeterName,
          dimensions: Dimensions.default({}),
          credits_per_unit: DecimalPrice.optional(),
          cost_per_unit: DecimalCost.optional(),
          tiers: z
            .array(
              z.strictObject({
                up_to: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
                credits_per_unit: DecimalPrice,
                cost_per_unit: DecimalCost.optional(),
              }),
            )
            .min(1)
            .max(limits.rateCardTiersPerPriceMax)
            .optional(),
        }),
      )
      .min(1)
      .max(limits.rateCardPricesMax),
  })
  .openapi("CreateRateCard");

export const RateCardView = z
  .object({
    id: idOf("rc"),
    object: z.literal("rate_card"),
    effective_at: Timestamp,
    minimum_charge: Credits,
    in_force: z.boolean(),
    cost_currency: z.string().optional().openapi({
      description: "The currency of the tiers' `cost_per_unit`; present when some tier has one.",
    }),
    prices: z.array(
      z.object({
        meter: z.string(),
        dimensions: z.record(z.string(), z.string()),
        tiers: z.array(
          z.object({
            up_to: z.number().nullable(),
            credits_per_unit: z.string(),
            cost_per_unit: z.string().optional().openapi({
              description: "Money per unit the provider charges, when the card says.",
            }),
          }),
        ),
      }),
    ),
  })
  .openapi("RateCard");

export const CreateQuote = z.strictObject({ usage: UsageDescriptionInput }).openapi("CreateQuote");

export const Quote = z
  .object({
    id: idOf("quote"),
    object: z.literal("quote"),
    amount: Credits,
    rate_card_version: idOf("rc"),
    usage: z.object({
      quantities: z.record(z.string(), z.number()),
      dimensions: z.record(z.string(), z.string()),
    }),
    expires_at: Timestamp,
    created_at: Timestamp,
  })
  .openapi("Quote");
