/**
 * The shapes of events and webhooks: an event, an endpoint (its secret only when made or
 * rotated), a delivery, and the requests that make and change endpoints.
 */
import { limits } from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { eventTypes } from "../services/events.ts";
import { idOf, PageQuery, Text, Timestamp } from "./schemas.ts";

export const EventType = z.enum(eventTypes);

export const Event = z
  .object({
    id: z.string(),
    object: z.literal("event"),
    type: EventType,
    sequence: z.number().int().openapi({
      description: "The event's number in its organization: 1, 2, 3 … with no gap, in order.",
    }),
    created_at: Timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("Event");

export const EventQuery = PageQuery.extend({ type: EventType.optional() });

const WebhookUrl = z
  .string()
  .max(limits.webhookUrlLengthMax)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.username === "";
    } catch {
      return false;
    }
  }, "must be an https or http URL without credentials")
  .openapi({ example: "https://example.com/creditpool/webhooks" });

const EventTypes = z
  .array(z.union([EventType, z.literal("*")]))
  .min(1)
  .max(limits.webhookEventTypesMax)
  .openapi({ description: 'The event types sent to the endpoint, or `["*"]` for all.' });

export const CreateWebhookEndpoint = z
  .strictObject({
    url: WebhookUrl,
    event_types: EventTypes.default(["*"]),
    description: Text(limits.webhookDescriptionLengthMax).default(""),
    enabled: z.boolean().default(true),
  })
  .openapi("CreateWebhookEndpoint");

export const UpdateWebhookEndpoint = z
  .strictObject({
    url: WebhookUrl.optional(),
    event_types: EventTypes.optional(),
    description: Text(limits.webhookDescriptionLengthMax).optional(),
    enabled: z.boolean().optional(),
  })
  .openapi("UpdateWebhookEndpoint");

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    object: z.literal("webhook_endpoint"),
    url: z.string(),
    event_types: z.array(z.string()),
    description: z.string(),
    enabled: z.boolean(),
    secret: z.string().optional().openapi({
      description: "`whsec_…`: answered once, when the endpoint is made or its secret rotated.",
    }),
    previous_secret_expires_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("WebhookEndpoint");

export const WebhookDelivery = z
  .object({
    id: z.string(),
    object: z.literal("webhook_delivery"),
    endpoint: z.string(),
    event: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    next_attempt_at: Timestamp.nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    response_excerpt: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi("WebhookDelivery");

export const ReplayQuery = z.strictObject({ endpoint: idOf("we").optional() });
