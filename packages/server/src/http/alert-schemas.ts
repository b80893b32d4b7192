/**
 * The shapes of alert rules and alerts. Each metric takes its thresholds in its own field, so a
 * request says what it means and an error names the field at fault: `thresholds` (percentages)
 * for `limit` and `grants`, `below` (credit amounts) for `balance`, neither for `forecast`, which
 * may set `window_hours`.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Credits, CreditsInput, idOf, PageQuery, Timestamp } from "./schemas.ts";

export const AlertMetric = z.enum(["limit", "grants", "balance", "forecast"]).openapi({
  description: [
    "`limit`: consumed this period plus held, as a percentage of the pool's limit;",
    "`grants`: what of the pool's own live grants is used, as a percentage of their amount;",
    "`balance`: `available` at or below an amount; `forecast`: at the burn rate of the last",
    "`window_hours`, `available` runs out before the period ends.",
  ].join(" "),
});

const Percentages = z
  .array(z.number().int().min(1).max(1000))
  .min(1)
  .max(limits.alertThresholdsPerRuleMax)
  .openapi({ description: "Percentages, raised at or above each.", example: [50, 80, 100] });

const Amounts = z
  .array(CreditsInput.refine((value) => value <= limits.amountMicrosMax, "is above the maximum"))
  .min(1)
  .max(limits.alertThresholdsPerRuleMax)
  .openapi({ description: "Credit amounts, raised when `available` is at or below each." });

const WindowHours = z
  .number()
  .int()
  .min(limits.alertForecastWindowHoursMin)
  .max(limits.alertForecastWindowHoursMax)
  .openapi({ description: "The trailing hours a forecast measures its burn rate over." });

/** Which field each metric needs, and which it may not have. */
const fieldsOf = {
  limit: { needs: "thresholds", refuses: ["below", "window_hours"] },
  grants: { needs: "thresholds", refuses: ["below", "window_hours"] },
  balance: { needs: "below", refuses: ["thresholds", "window_hours"] },
  forecast: { needs: null, refuses: ["thresholds", "below"] },
} as const;

export const CreateAlertRule = z
  .strictObject({
    pool: idOf("pool"),
    metric: AlertMetric,
    thresholds: Percentages.optional(),
    below: Amounts.optional(),
    window_hours: WindowHours.optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    const fields = fieldsOf[rule.metric];
    if (fields === undefined) return;
    // A field given to the wrong metric is named first: it says more than the one missing.
    for (const field of fields.refuses)
      if (rule[field] !== undefined)
        context.addIssue({
          code: "custom",
          path: [field],
          message: `is not taken by a ${rule.metric} rule`,
        });
    if (fields.needs !== null && rule[fields.needs] === undefined)
      context.addIssue({
        code: "custom",
        path: [fields.needs],
        message: `is required for a ${rule.metric} rule`,
      });
  })
  .openapi("CreateAlertRule");

export const UpdateAlertRule = z
  .strictObject({
    thresholds: Percentages.optional(),
    below: Amounts.optional(),
    window_hours: WindowHours.optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((change, context) => {
    if (change.thresholds !== undefined && change.below !== undefined)
      context.addIssue({
        code: "custom",
        path: ["below"],
        message: "goes with a balance rule, `thresholds` with the others: give one",
      });
  })
  .openapi("UpdateAlertRule");

export const AlertRuleView = z
  .object({
    id: idOf("arule"),
    object: z.literal("alert_rule"),
    pool: idOf("pool"),
    metric: AlertMetric,
    thresholds: z.array(z.number()).nullable().openapi({ description: "Percentages, or null." }),
    below: z.array(Credits).nullable().openapi({ description: "Credit amounts, or null." }),
    window_hours: z.number().int().nullable(),
    enabled: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("AlertRule");

export const AlertStatus = z.enum(["open", "acknowledged", "resolved"]);

export const AlertView = z
  .object({
    id: idOf("alert"),
    object: z.literal("alert"),
    rule: idOf("arule"),
    pool: idOf("pool"),
    metric: AlertMetric,
    unit: z.enum(["percent", "credits"]),
    threshold: z.string().nullable().openapi({
      description: "The threshold crossed, in `unit`; null for a forecast.",
      example: "80",
    }),
    observed: z.string().openapi({
      description: "The figure when raised, in `unit` (a forecast's: credits available).",
      example: "83.4",
    }),
    observed_at: Timestamp,
    period: z.object({ start: Timestamp, end: Timestamp }),
    forecast: z
      .object({
        runs_out_at: Timestamp,
        burn_per_day: Credits,
        window_hours: z.number().int(),
      })
      .nullable(),
    status: AlertStatus,
    acknowledged_by: z.string().nullable().openapi({ description: "The key that did." }),
    acknowledged_at: Timestamp.nullable(),
    resolved_by: z.string().nullable().openapi({
      description: "The key that resolved it, or `system` when its figure fell back.",
    }),
    resolved_at: Timestamp.nullable(),
  })
  .openapi("Alert");

export const AlertQuery = PageQuery.extend({
  status: AlertStatus.optional(),
  pool: idOf("pool").optional(),
  rule: idOf("arule").optional(),
});
