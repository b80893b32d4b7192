/**
 * The shapes of upstream accounts: the view (the credential never in it, only its last four
 * characters), and the requests that make and change an account.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Text, Timestamp } from "./schemas.ts";

const Provider = z.enum(["openai", "anthropic"]);

const Quota = z.number().int().min(1).max(limits.upstreamWindowQuotaMax);

const WindowInput = z.strictObject({
  duration_seconds: z
    .number()
    .int()
    .min(limits.upstreamWindowSecondsMin)
    .max(limits.upstreamWindowSecondsMax)
    .openapi({ example: 18_000, description: "How long the window lasts from its first use." }),
  max_requests: Quota.optional(),
  max_tokens: Quota.optional(),
});

const Windows = z
  .array(WindowInput)
  .max(limits.upstreamWindowsPerAccountMax)
  .refine(
    (windows) => new Set(windows.map((w) => w.duration_seconds)).size === windows.length,
    "must name each duration_seconds once",
  )
  .openapi({
    description:
      "Quota windows, each rolling from its first use and reset once its duration has passed.",
  });

const ApiKeyInput = z
  .string()
  .min(limits.upstreamApiKeyLengthMin)
  .max(limits.upstreamApiKeyLengthMax)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
  .openapi({
    description: "The provider credential; sealed when stored and never shown again.",
    example: "sk-proj-…",
  });

const BaseUrl = z.string().max(limits.upstreamBaseUrlLengthMax).openapi({
  description:
    "https to a public host; http or private hosts only with CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1.",
  example: "https://api.openai.com/v1",
});

const Name = Text(limits.upstreamNameLengthMax);

export const CreateUpstream = z
  .strictObject({
    provider: Provider,
    name: Name,
    base_url: BaseUrl.optional().openapi({
      description:
        "The provider's API when absent: https://api.openai.com/v1 or https://api.anthropic.com.",
    }),
    api_key: ApiKeyInput,
    windows: Windows.default([]),
    enabled: z.boolean().default(true),
  })
  .openapi("CreateUpstream");

export const UpdateUpstream = z
  .strictObject({
    name: Name.optional(),
    base_url: BaseUrl.optional(),
    api_key: ApiKeyInput.optional().openapi({ description: "A new credential (a rotation)." }),
    windows: Windows.optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("UpdateUpstream");

export const UpstreamWindowView = z.object({
  duration_seconds: z.number().int(),
  max_requests: z.number().int().nullable(),
  max_tokens: z.number().int().nullable(),
  used: z.object({ requests: z.number().int(), tokens: z.number().int() }),
  started_at: Timestamp.nullable().openapi({ description: "Null while no window is running." }),
  resets_at: Timestamp.nullable().openapi({ description: "Null while no window is running." }),
});

export const Upstream = z
  .object({
    id: z.string(),
    object: z.literal("upstream"),
    provider: Provider,
    name: z.string(),
    base_url: z.string(),
    api_key_last4: z.string().openapi({ description: "The credential's last four characters." }),
    windows: z.array(UpstreamWindowView),
    enabled: z.boolean(),
    cooling_until: Timestamp.nullable().openapi({
      description: "Not chosen by the gateway before this (its provider asked it to slow down).",
    }),
    last_used_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("Upstream");
