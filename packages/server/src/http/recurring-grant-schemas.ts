/**
 * The shapes of recurring grants: a grant's terms, a calendar (an interval from an anchor in a
 * time zone) and an end, in requests; the schedule and the grants it issued, in answers.
 */
import { isTimeZone, limits, type Micros } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Credits, CreditsInput, idOf, Text, TimeInput, Timestamp } from "./schemas.ts";

/** Every grant source but `rollover`, which only the ledger makes. */
const RecurringGrantSource = z.enum([
  "plan",
  "seat",
  "purchase",
  "promotion",
  "commitment",
  "adjustment",
]);

const Amount = (minimum: Micros) =>
  CreditsInput.refine(
    (value) => value >= minimum,
    minimum > 0n ? "must be positive" : "must not be negative",
  ).refine((value) => value <= limits.amountMicrosMax, "is above the maximum amount");

const Expiry = z
  .union([
    z.enum(["never", "period_end"]),
    z.strictObject({
      days: z.number().int().min(1).max(limits.recurringGrantLifetimeDaysMax),
    }),
  ])
  .openapi({
    description:
      "When each grant expires: `never`, at its period's end (`period_end`), or `{ days }` after its period starts.",
  });

const ExpiryView = z.union([z.enum(["never", "period_end"]), z.object({ days: z.number().int() })]);

export const CreateRecurringGrant = z
  .strictObject({
    pool: idOf("pool"),
    amount: Amount(1n).openapi({ type: "string", description: "Credits each period." }),
    source: RecurringGrantSource,
    priority: z
      .number()
      .int()
      .min(limits.grantPriorityMin)
      .max(limits.grantPriorityMax)
      .default(limits.grantPriorityDefault),
    cost_basis: Amount(0n)
      .default(0n)
      .openapi({ type: "string", description: "Money paid per credit, as a decimal string." }),
    interval: z.enum(["month", "year"]),
    anchor_at: TimeInput.optional().openapi({
      description:
        "The first period's start, at most 35 days before now (default now); every period starts at its wall time in `time_zone`.",
    }),
    time_zone: Text(64)
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris")
      .default("UTC"),
    expiry: Expiry.default("never"),
    rollover: z
      .strictObject({
        cap: Amount(1n).openapi({ type: "string" }),
        lifetime_days: z.number().int().min(1).max(limits.rolloverLifetimeDaysMax),
      })
      .optional()
      .openapi({
        description:
          "Needs an expiry: at each grant's expiry, up to `cap` of what is left becomes a grant of source `rollover` for `lifetime_days` days.",
      }),
    periods: z.number().int().min(1).max(12_000).optional().openapi({
      description: "How many periods to issue; none: until canceled or `ends_at`.",
    }),
    ends_at: TimeInput.optional().openapi({
      description: "No period starting at or after this time is issued.",
    }),
  })
  .openapi("CreateRecurringGrant");

export const RecurringGrantView = z
  .object({
    id: idOf("rgr"),
    object: z.literal("recurring_grant"),
    pool: idOf("pool"),
    amount: Credits,
    source: RecurringGrantSource,
    priority: z.number().int(),
    cost_basis: Credits,
    expiry: ExpiryView,
    rollover: z.object({ cap: Credits, lifetime_days: z.number().int() }).nullable(),
    interval: z.enum(["month", "year"]),
    anchor_at: Timestamp,
    time_zone: z.string(),
    periods: z.number().int().nullable(),
    ends_at: Timestamp.nullable(),
    status: z.enum(["active", "canceled", "completed"]).openapi({
      description:
        "`completed`: its last period was issued (its count or its end reached); `canceled`: stopped, its grants kept.",
    }),
    periods_issued: z.number().int(),
    next_issue_at: Timestamp.nullable().openapi({
      description: "When the next period's grant is issued; null once it issues no more.",
    }),
    grants: z.array(idOf("grant")).openapi({
      description: `The grants of the latest periods issued, oldest first, at most ${limits.recurringGrantIdsShownMax}.`,
    }),
    created_at: Timestamp,
    canceled_at: Timestamp.nullable(),
  })
  .openapi("RecurringGrant");
