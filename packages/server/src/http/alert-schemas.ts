/**
 * The shapes of alert rules and alerts. Each metric takes its thresholds in its own field, so a
 * request says what it means and an error names the field at fault: `thresholds` (percentages)
 * for `limit`, `grants` and `burn_spike`, `below` (credit amounts) for `balance`, `members` for
 * `key_spread`, `outcomes` (with `small_at_most`) for `outcome_split`, none for `forecast`. A
 * forecast and the signals may set `window_hours`.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { type AlertMetric as AlertMetricName, isSignal } from "../services/alerts.ts";
import { Credits, CreditsInput, idOf, PageQuery, Timestamp } from "./schemas.ts";

export const AlertMetric = z
  .enum(["limit", "grants", "balance", "forecast", "key_spread", "burn_spike", "outcome_split"])
  .openapi({
    description: [
      "`limit`: consumed this period plus held, as a percentage of the pool's limit;",
      "`grants`: what of the pool's own live grants is used, as a percentage of their amount;",
      "`balance`: `available` at or below an amount; `forecast`: at the burn rate of the last",
      "`window_hours`, `available` runs out before the period ends. Abuse signals, over the",
      "last `window_hours` (1 by default, at most 24): `key_spread`: one key named at least",
      "`members` distinct members on its holds; `burn_spike`: the subtree consumed at least",
      "`thresholds` percent of what a window of that length consumed on average over the",
      "pool's previous 7 days; `outcome_split`: at least `outcomes` outcome-keyed usage events",
      "of at most `small_at_most` credits each.",
    ].join(" "),
  });

const Percentages = z
  .array(z.number().int().min(1).max(10_000))
  .min(1)
  .max(limits.alertThresholdsPerRuleMax)
  .openapi({ description: "Percentages, raised at or above each.", example: [50, 80, 100] });

const Amounts = z
  .array(CreditsInput.refine((value) => value <= limits.amountMicrosMax, "is above the maximum"))
  .min(1)
  .max(limits.alertThresholdsPerRuleMax)
  .openapi({ description: "Credit amounts, raised when `available` is at or below each." });

const Counts = (least: number, what: string) =>
  z
    .array(z.number().int().min(least).max(limits.alertSignalCountMax))
    .min(1)
    .max(limits.alertThresholdsPerRuleMax)
    .openapi({ description: `Counts of ${what}, raised at or above each.`, example: [5, 20] });

const Members = Counts(2, "distinct members one key named");
const Outcomes = Counts(1, "small outcomes reported");

const SmallAtMost = CreditsInput.refine(
  (value) => value > 0n && value <= limits.amountMicrosMax,
  "must be above 0 and at most the maximum amount",
).openapi({ description: "The largest outcome, in credits, an `outcome_split` counts." });

const WindowHours = z
  .number()
  .int()
  .min(limits.alertForecastWindowHoursMin)
  .max(limits.alertForecastWindowHoursMax)
  .openapi({
    description: [
      "The trailing hours a forecast measures its burn rate over, or a signal looks back",
      `(at most ${limits.alertSignalWindowHoursMax}).`,
    ].join(" "),
  });

type Field = "thresholds" | "below" | "members" | "outcomes" | "small_at_most" | "window_hours";
const allFields: readonly Field[] = [
  "thresholds",
  "below",
  "members",
  "outcomes",
  "small_at_most",
  "window_hours",
];

/** Which fields each metric needs, and which others it may take; the rest it refuses. */
const fieldsOf: Record<string, { needs: readonly Field[]; takes: readonly Field[] }> = {
  limit: { needs: ["thresholds"], takes: [] },
  grants: { needs: ["thresholds"], takes: [] },
  balance: { needs: ["below"], takes: [] },
  forecast: { needs: [], takes: ["window_hours"] },
  key_spread: { needs: ["members"], takes: ["window_hours"] },
  burn_spike: { needs: ["thresholds"], takes: ["window_hours"] },
  outcome_split: { needs: ["outcomes", "small_at_most"], takes: ["window_hours"] },
};

export const CreateAlertRule = z
  .strictObject({
    pool: idOf("pool"),
    metric: AlertMetric,
    thresholds: Percentages.optional(),
    below: Amounts.optional(),
    members: Members.optional(),
    outcomes: Outcomes.optional(),
    small_at_most: SmallAtMost.optional(),
    window_hours: WindowHours.optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, context) => {
    const fields = fieldsOf[rule.metric];
    if (fields === undefined) return;
    // A field given to the wrong metric is named first: it says more than the one missing.
    for (const field of allFields)
      if (
        rule[field] !== undefined &&
        !fields.needs.includes(field) &&
        !fields.takes.includes(field)
      )
        context.addIssue({
          code: "custom",
          path: [field],
          message: `is not taken by a ${rule.metric} rule`,
        });
    for (const field of fields.needs)
      if (rule[field] === undefined)
        context.addIssue({
          code: "custom",
          path: [field],
          message: `is required for a ${rule.metric} rule`,
        });
    refineSignal(rule.metric, rule, context);
  })
  .openapi("CreateAlertRule");

/** A burn spike is above its baseline (over 100 %); a signal looks back at most a day. */
function refineSignal(
  metric: string | null,
  rule: { thresholds?: readonly number[] | undefined; window_hours?: number | undefined },
  context: z.RefinementCtx,
) {
  if (metric === "burn_spike" && rule.thresholds?.some((value) => value <= 100))
    context.addIssue({
      code: "custom",
      path: ["thresholds"],
      message: "must each be above 100 for a burn_spike rule (percentages of its baseline)",
    });
  const hours = rule.window_hours ?? 0;
  if (
    metric !== null &&
    isSignal(metric as AlertMetricName) &&
    hours > limits.alertSignalWindowHoursMax
  )
    context.addIssue({
      code: "custom",
      path: ["window_hours"],
      message: `must be at most ${limits.alertSignalWindowHoursMax} for a ${metric} rule`,
    });
}

export const UpdateAlertRule = z
  .strictObject({
    thresholds: Percentages.optional(),
    below: Amounts.optional(),
    members: Members.optional(),
    outcomes: Outcomes.optional(),
    small_at_most: SmallAtMost.optional(),
    window_hours: WindowHours.optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((change, context) => {
    const given = (["thresholds", "below", "members", "outcomes"] as const).filter(
      (field) => change[field] !== undefined,
    );
    if (given.length > 1)
      context.addIssue({
        code: "custom",
        path: [given[1] ?? "below"],
        message: `goes with another metric than \`${given[0]}\`: give the one your rule's metric takes`,
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
    members: z.array(z.number().int()).nullable().openapi({ description: "Counts, or null." }),
    outcomes: z.array(z.number().int()).nullable().openapi({ description: "Counts, or null." }),
    small_at_most: Credits.nullable(),
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
    unit: z.enum(["percent", "credits", "members", "outcomes"]),
    subject: z.string().nullable().openapi({
      description: "What a signal names: the key of a `key_spread`; null otherwise.",
    }),
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
    evidence: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({
        description: [
          "A signal's evidence (null for the other metrics): the window, and for `key_spread`",
          "the key, its count of members and a sample of them and of the pools; for",
          "`burn_spike` the window's consumption and the baseline's (its span, total and",
          "average per window); for `outcome_split` the count, their credits, smallest and",
          "largest, the pools that reported most and a sample of outcome keys. `truncated`",
          "says the newest rows read reached their bound.",
        ].join(" "),
      }),
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
