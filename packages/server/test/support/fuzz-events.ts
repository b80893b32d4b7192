/**
 * Request generators for events and webhooks, keyed as `/openapi.json` names the operations:
 * events listed by type and replayed to one endpoint or all; endpoints made and changed with URLs
 * of every scheme, with credentials, at and past their length, event types known and not, lists
 * at and past their bound; secrets rotated, tests sent, delivery logs read and deliveries retried.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import { eventTypes } from "../../src/services/events.ts";
import { enumOf, field, id, objectOf, optional, text, urlId, wrongType } from "./fuzz-fields.ts";
import { bodyOf, type FuzzRequest, page, pageFields, queryOf, request } from "./fuzz-request.ts";

const eventType = enumOf(eventTypes, ["grant.*", "Grant.issued", "", "grant.issued\u0000"]);

const url = field(
  fc.constantFrom(
    "https://example.com/hooks",
    "http://127.0.0.1:9/hook",
    `https://example.com/${"p".repeat(limits.webhookUrlLengthMax - 20)}`,
    "https://example.com/hook?a=1#frag",
  ),
  fc.constantFrom(
    "ftp://example.com/hook",
    "https://user:pass@example.com/hook",
    "javascript:alert(1)",
    "example.com/hook",
    "",
    `https://example.com/${"p".repeat(limits.webhookUrlLengthMax)}`,
    "https://example.com/\u0000",
  ),
);

const types = field(
  fc.oneof(
    fc.constant(["*"]),
    fc.uniqueArray(fc.constantFrom(...eventTypes), { minLength: 1, maxLength: 4 }),
  ),
  fc.oneof(
    fc.constant([]),
    fc.constant(["grant.issued", "nope"]),
    fc.constant(Array.from({ length: limits.webhookEventTypesMax + 1 }, () => "grant.issued")),
    wrongType,
  ),
);

const description = text(fc.constantFrom("", "billing", "d".repeat(500)));
const enabled = field(fc.boolean(), fc.constantFrom("true", 1, null));

const noBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

export const eventRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "GET /v1/events": request("GET /v1/events", {
    query: queryOf({ ...pageFields, type: eventType }),
  }),
  "GET /v1/events/{id}": request("GET /v1/events/{id}", { id: urlId("event") }),
  "POST /v1/events/{id}/replay": request("POST /v1/events/{id}/replay", {
    id: urlId("event"),
    query: queryOf({ endpoint: id("webhookEndpoint") }),
    body: noBody,
  }),
  "POST /v1/webhook-endpoints": request("POST /v1/webhook-endpoints", {
    body: bodyOf(
      objectOf({
        url,
        event_types: optional(types),
        description: optional(description),
        enabled: optional(enabled),
      }),
    ),
  }),
  "GET /v1/webhook-endpoints": request("GET /v1/webhook-endpoints", { query: page }),
  "GET /v1/webhook-endpoints/{id}": request("GET /v1/webhook-endpoints/{id}", {
    id: urlId("webhookEndpoint"),
  }),
  "PATCH /v1/webhook-endpoints/{id}": request("PATCH /v1/webhook-endpoints/{id}", {
    id: urlId("webhookEndpoint"),
    body: bodyOf(
      objectOf({
        url: optional(url),
        event_types: optional(types),
        description: optional(description),
        enabled: optional(enabled),
      }),
    ),
  }),
  "DELETE /v1/webhook-endpoints/{id}": request("DELETE /v1/webhook-endpoints/{id}", {
    id: urlId("webhookEndpoint"),
  }),
  "POST /v1/webhook-endpoints/{id}/rotate-secret": request(
    "POST /v1/webhook-endpoints/{id}/rotate-secret",
    { id: urlId("webhookEndpoint"), body: noBody },
  ),
  "POST /v1/webhook-endpoints/{id}/test": request("POST /v1/webhook-endpoints/{id}/test", {
    id: urlId("webhookEndpoint"),
    body: noBody,
  }),
  "GET /v1/webhook-endpoints/{id}/deliveries": request(
    "GET /v1/webhook-endpoints/{id}/deliveries",
    { id: urlId("webhookEndpoint"), query: page },
  ),
  "POST /v1/webhook-deliveries/{id}/retry": request("POST /v1/webhook-deliveries/{id}/retry", {
    id: urlId("delivery"),
    body: noBody,
  }),
};
