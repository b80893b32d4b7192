/**
 * The API's shapes, once: zod schemas validate requests, describe requests and answers in the
 * OpenAPI document, and through it type the SDK. Credits are decimal strings in answers and a
 * string or a number (at most 15 significant digits) in requests.
 */

import {
  grantSources,
  limits,
  type Micros,
  parseDecimal,
  tagsProblem,
  textProblem,
} from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { memberKinds, roles } from "../access/roles.ts";
import { errorTypes } from "./problem.ts";

/**
 * Text that reaches a store, in every request: 1 to `lengthMax` characters, no control characters,
 * well-formed Unicode (`textProblem`, the same rule the core applies to the commands it takes).
 */
export function Text(lengthMax: number) {
  return z.string().superRefine((value, context) => {
    const problem = textProblem(value, lengthMax);
    if (problem !== null) context.addIssue({ code: "custom", message: problem });
  });
}

/** A meter's dimensions (model, feature): short names to short values. */
export const Dimensions = z
  .record(Text(limits.dimensionNameLengthMax), Text(limits.dimensionValueLengthMax))
  .refine(
    (value) => Object.keys(value).length <= limits.dimensionsPerEventMax,
    `has more than ${limits.dimensionsPerEventMax} dimensions`,
  );

/** Tags of a hold or a usage event, checked by the rule every edge shares (`tagsProblem`). */
export const Tags = z
  .record(z.string(), z.string())
  .superRefine((value, context) => {
    const problem = tagsProblem(value);
    if (problem !== null) context.addIssue({ code: "custom", message: problem });
  })
  .openapi({
    example: { use_case: "support", feature: "summarize" },
    description: `Short key-value pairs (use case, feature) kept on the transfers the work consumes, so reports group by them: at most ${limits.tagsMax}, keys lowercase words (a-z first, then a-z, 0-9, _ . -) of at most ${limits.tagKeyLengthMax} characters, values 1 to ${limits.tagValueLengthMax} printable characters.`,
  });

/** A credit amount in a request: "12.5" or 12.5, at most 6 fractional digits. */
export const CreditsInput = z
  .union([z.string(), z.number()])
  .transform((value, context): Micros => {
    const parsed = parseDecimal(value);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: "custom", message: parsed.reason });
    return z.NEVER;
  })
  .openapi({ type: "string", example: "12.5", description: "Credits, as a decimal string." });

export const Credits = z
  .string()
  .openapi({ example: "12.5", description: "Credits, as a decimal string." });

export const Timestamp = z
  .string()
  .openapi({ format: "date-time", example: "2026-11-21T09:30:00.000Z" });

/** An ISO 8601 time in a request, as epoch milliseconds. */
export const TimeInput = z
  .string()
  .transform((value, context) => {
    const time = Date.parse(value);
    if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      context.addIssue({ code: "custom", message: "must be an ISO 8601 date-time" });
      return z.NEVER;
    }
    if (time < limits.timeMsMin || time > limits.timeMsMax) {
      context.addIssue({ code: "custom", message: "must lie between 2000-01-01 and 2200-01-01" });
      return z.NEVER;
    }
    return time;
  })
  .openapi({ type: "string", format: "date-time", example: "2026-12-01T00:00:00Z" });

export function idOf(prefix: string) {
  return z
    .string()
    .max(limits.idLengthMax)
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]+$`), `must be an id starting with ${prefix}_`)
    .openapi({ example: `${prefix}_01JD2Z8Y3K4M5N6P7Q8R9S0T1V` });
}

export const Period = z.enum(["day", "week", "month"]).openapi({ example: "month" });

export const LimitInput = z.strictObject({
  amount: CreditsInput,
  kind: z.enum(["hard", "soft"]),
  period: Period,
});

export const OverageLimitInput = z.strictObject({ amount: CreditsInput, period: Period });

export const Limit = z.object({ amount: Credits, kind: z.enum(["hard", "soft"]), period: Period });
export const OverageLimit = z.object({ amount: Credits, period: Period });

export const Name = Text(limits.nameLengthMax);

export const GrantStatus = z.enum(["scheduled", "active", "depleted", "expired", "voided"]);

export const Grant = z
  .object({
    id: idOf("grant"),
    object: z.literal("grant"),
    pool: idOf("pool"),
    amount: Credits,
    remaining: Credits,
    held: Credits,
    source: z.enum(grantSources),
    priority: z.number().int(),
    effective_at: Timestamp,
    expires_at: Timestamp.nullable(),
    cost_basis: Credits,
    rollover: z
      .object({ grant: idOf("grant"), cap: Credits, expires_at: Timestamp })
      .nullable()
      .openapi({
        description:
          "At expiry, up to `cap` of what is left moves to the grant `grant`, which expires at `expires_at`; the rest expires.",
      }),
    reallocated_from: idOf("grant").nullable().openapi({
      description: "The grant whose credits were moved here by a reallocation; null if issued.",
    }),
    status: GrantStatus,
    created_at: Timestamp,
  })
  .openapi("Grant");

export const CreateGrant = z
  .strictObject({
    pool: idOf("pool"),
    amount: CreditsInput,
    source: z.enum(grantSources),
    priority: z.number().int().default(limits.grantPriorityDefault),
    effective_at: TimeInput.optional(),
    expires_at: z.union([TimeInput, z.null()]).optional(),
    cost_basis: CreditsInput.default(0n).openapi({
      type: "string",
      description: "Money paid per credit, as a decimal string.",
    }),
    rollover: z.strictObject({ cap: CreditsInput, expires_at: TimeInput }).optional().openapi({
      description:
        "What carries on at expiry (needs `expires_at`): up to `cap` of what is left becomes a new grant of source `rollover` expiring at `expires_at`.",
    }),
  })
  .openapi("CreateGrant");

export const ChangeGrantExpiry = z
  .strictObject({
    expires_at: z.union([TimeInput, z.null()]).openapi({
      description:
        "The new expiry: now or later (now expires the grant at once), or null for never. A grant with rollover terms keeps one, before its rollover grant's.",
    }),
  })
  .openapi("ChangeGrantExpiry");

export const ReallocateGrant = z
  .strictObject({
    pool: idOf("pool").openapi({
      description: "The pool of the new grant: one whose draw chain ends at the grant's carrier.",
    }),
    amount: CreditsInput.openapi({
      type: "string",
      description: "How much of the grant's unheld remainder moves.",
    }),
  })
  .openapi("ReallocateGrant");

export const MeterName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z][a-z0-9_.:-]*$/, "must be a meter name such as input_tokens");

/** Usage described by meter quantities and dimensions, priced by the rate card. */
export const UsageDescriptionInput = z
  .strictObject({
    quantities: z
      .record(MeterName, z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
      .refine((value) => Object.keys(value).length >= 1, "must name at least one meter")
      .refine(
        (value) => Object.keys(value).length <= limits.usageMetersPerEventMax,
        "has too many meters",
      ),
    dimensions: Dimensions.default({}),
  })
  .openapi("UsageDescription", {
    example: {
      quantities: { input_tokens: 1200, output_tokens: 300 },
      dimensions: { model: "gpt-4o" },
    },
  });

export const HoldStatus = z.enum(["held", "captured", "released", "expired"]);

export const Hold = z
  .object({
    id: idOf("hold"),
    object: z.literal("hold"),
    pool: idOf("pool"),
    member: idOf("mem").nullable(),
    amount: Credits,
    status: HoldStatus,
    captured: Credits.nullable(),
    rate_card_version: z.string().nullable(),
    expires_at: Timestamp,
    created_at: Timestamp,
  })
  .openapi("Hold");

export const CreateHold = z
  .strictObject({
    pool: idOf("pool"),
    amount: CreditsInput.optional().openapi({
      description: "Credits; or give `usage` or `quote`.",
    }),
    usage: UsageDescriptionInput.optional(),
    quote: idOf("quote").optional(),
    member: idOf("mem").optional().openapi({
      description: "The member the work is for; a key bound to a member holds for that member.",
    }),
    approval: idOf("dec").optional().openapi({
      description:
        "An approved approval request (the `decision_id` of a hold refused `approval_required`): the hold passes the gates it was approved for. One approval makes one hold.",
    }),
    model: Text(limits.dimensionValueLengthMax).optional().openapi({
      description:
        "The model the work runs on, checked against the pools' allow-lists; by default the `model` dimension of `usage`.",
    }),
    ttl_seconds: z.number().int().default(limits.holdTtlSecondsDefault),
    tags: Tags.optional().openapi({
      description:
        "Kept on the hold and on the transfers its capture makes, with the hold's member, key, model and (when sized from `usage`) its credits by meter, so reports group consumption by them.",
    }),
  })
  .openapi("CreateHold");

export const HoldDecision = z
  .object({
    allowed: z.boolean(),
    hold: Hold.optional(),
    code: z.string().optional().openapi({ description: "Why a hold was refused." }),
    pool: idOf("pool").optional().openapi({ description: "The pool where it was refused." }),
    message: z.string().optional(),
    decision_id: idOf("dec").optional().openapi({
      description:
        "The decision record of a refusal: `GET /v1/decisions/{id}` shows what decided it.",
    }),
    retry_after: z.number().int().optional().openapi({
      description: "For `rate_limited`: seconds until the bucket holds enough for this hold.",
    }),
  })
  .openapi("HoldDecision");

export const CaptureHold = z
  .strictObject({
    amount: CreditsInput.optional().openapi({
      description: "Credits; or give the actual `usage`.",
    }),
    usage: UsageDescriptionInput.optional().openapi({
      description:
        "The actual usage, priced with the hold's rate-card version; its credits by meter are kept on the capture's transfers (a capture by `amount` keeps the hold's).",
    }),
  })
  .openapi("CaptureHold");
export const ReleaseHold = z.strictObject({}).openapi("ReleaseHold");

const PlainUsageEvent = z.strictObject({
  id: Text(limits.usageEventIdLengthMax),
  pool: idOf("pool"),
  amount: CreditsInput.optional().openapi({
    description: "Credits already priced; or give `quantities`.",
  }),
  quantities: UsageDescriptionInput.shape.quantities.optional(),
  dimensions: Dimensions.optional(),
  tags: Tags.optional().openapi({
    description:
      "Kept on the transfers the event makes, with its key's member, its `model` dimension and (when priced from `quantities`) its credits by meter, so reports group consumption by them.",
  }),
  outcome_key: Text(limits.usageEventIdLengthMax).optional().openapi({
    description:
      "An outcome (a resolved conversation, a document) is billed once per key, however many events report it.",
  }),
  time: TimeInput.optional(),
});

/**
 * A usage event, plain or as a CloudEvents 1.0 JSON envelope: `id` and `time` from the
 * envelope, the rest from `data` (the envelope's `source`, `type` and `subject` are kept out of
 * pricing).
 */
export const UsageEventInput = z.preprocess((value) => {
  if (value === null || typeof value !== "object" || !("specversion" in value)) return value;
  const envelope = value as Record<string, unknown>;
  const data = typeof envelope.data === "object" && envelope.data !== null ? envelope.data : {};
  return {
    id: envelope.id,
    ...(envelope.time === undefined ? {} : { time: envelope.time }),
    ...data,
  };
}, PlainUsageEvent);

export const RecordUsage = z
  .strictObject({ events: z.array(UsageEventInput).min(1).max(limits.usageEventsPerRequestMax) })
  .openapi("RecordUsage");

export const UsageResult = z
  .object({
    id: z.string(),
    status: z.enum(["recorded", "duplicate", "refused"]),
    code: z.string(),
    param: z.string().optional(),
    message: z.string().optional(),
    flagged: z.string().optional().openapi({
      description:
        "Recorded all the same, flagged: `model_not_allowed` when a pool of its path does not allow its `model` dimension.",
    }),
    decision_id: idOf("dec").optional().openapi({
      description: "The decision record of the flag.",
    }),
  })
  .openapi("UsageResult");

export const UsageAnswer = z.object({ object: z.literal("list"), data: z.array(UsageResult) });

export const Transfer = z
  .object({
    id: idOf("txn"),
    object: z.literal("transfer"),
    sequence: z.number().int(),
    kind: z.string(),
    debit_account: z.string(),
    credit_account: z.string(),
    amount: Credits,
    pool: idOf("pool"),
    grant: z.string().nullable(),
    hold: z.string().nullable(),
    rate_card_version: z.string().nullable(),
    at: Timestamp,
  })
  .openapi("Transfer");

export const Role = z.enum(roles);

export const Member = z
  .object({
    id: idOf("mem"),
    object: z.literal("member"),
    name: z.string(),
    kind: z.enum(memberKinds),
    role: Role,
    pool: idOf("pool").nullable(),
    email: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi("Member");

export const CreateMember = z
  .strictObject({
    name: Name,
    kind: z.enum(memberKinds).default("person"),
    role: Role.default("member"),
    pool: idOf("pool").nullable().default(null),
    email: z.string().email().pipe(Text(limits.nameLengthMax)).nullable().default(null),
  })
  .openapi("CreateMember");

export const ApiKey = z
  .object({
    id: idOf("key"),
    object: z.literal("key"),
    name: z.string(),
    prefix: z.string(),
    role: Role,
    pool: idOf("pool").nullable(),
    member: idOf("mem").nullable(),
    created_at: Timestamp,
    revoked_at: Timestamp.nullable(),
    secret: z
      .string()
      .optional()
      .openapi({ description: "The key itself: shown once, at creation." }),
  })
  .openapi("ApiKey");

export const CreateKey = z
  .strictObject({
    name: Name,
    role: Role,
    pool: idOf("pool").nullable().default(null),
    member: idOf("mem").nullable().default(null),
  })
  .openapi("CreateKey");

export const Organization = z
  .object({
    id: idOf("org"),
    object: z.literal("organization"),
    name: z.string(),
    root_pool: idOf("pool"),
    created_at: Timestamp,
  })
  .openapi("Organization");

export const CurrentOrganization = Organization.extend({
  key: z
    .object({
      id: idOf("key"),
      role: Role,
      pool: idOf("pool").nullable().openapi({
        description: "The root of the subtree the key reaches; null for the whole organization.",
      }),
      member: idOf("mem").nullable(),
    })
    .openapi({ description: "The key that asked: what it may do and how far it reaches." }),
}).openapi("CurrentOrganization");

export const CreateOrganization = z.strictObject({ name: Name }).openapi("CreateOrganization");

export const CreatedOrganization = z
  .object({ organization: Organization, owner_key: ApiKey })
  .openapi("CreatedOrganization");

export const ErrorBody = z
  .object({
    error: z.object({
      type: z.enum(errorTypes),
      code: z.string(),
      message: z.string(),
      param: z.string().optional(),
      request_id: z.string().openapi({
        description: "The answer's `Request-Id`: quote it when you report a problem.",
        example: "req_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
      }),
    }),
  })
  .openapi("Error");

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean() });
}

/** A page of a list; a parameter the route does not know is refused, naming it. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: Text(limits.idLengthMax).optional(),
});

export const IdParam = (prefix: string) => z.object({ id: idOf(prefix) });
