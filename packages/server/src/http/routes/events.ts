/** Events of the organization and the webhook endpoints they are delivered to. */
import { createRoute, type z } from "@hono/zod-openapi";
import type { EventRow } from "../../services/events.ts";
import {
  type DeliveryRow,
  eventTypesOf,
  type WebhookEndpointRow,
} from "../../services/webhooks.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { NoBody } from "../billing-schemas.ts";
import {
  CreateWebhookEndpoint,
  Event,
  EventQuery,
  ReplayQuery,
  UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
} from "../event-schemas.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const tags = ["Events"];
const endpointId = IdParam("we");

const routes = {
  listEvents: createRoute({
    method: "get",
    path: "/v1/events",
    operationId: "listEvents",
    tags,
    summary: "List events, in the order they happened",
    security: bearerAuth,
    request: { query: EventQuery },
    responses: answers(listOf(Event), 200, "A page of events, by sequence"),
  }),
  getEvent: createRoute({
    method: "get",
    path: "/v1/events/{id}",
    operationId: "getEvent",
    tags,
    summary: "An event",
    security: bearerAuth,
    request: { params: IdParam("evt") },
    responses: answers(Event, 200, "The event"),
  }),
  replayEvent: createRoute({
    method: "post",
    path: "/v1/events/{id}/replay",
    operationId: "replayEvent",
    tags,
    summary: "Deliver an event again, to every endpoint that wants it or to one",
    security: bearerAuth,
    request: {
      params: IdParam("evt"),
      query: ReplayQuery,
      headers: IdempotencyHeader,
      ...jsonBody(NoBody, false),
    },
    responses: answers(listOf(WebhookDelivery), 200, "The new deliveries"),
  }),
  createEndpoint: createRoute({
    method: "post",
    path: "/v1/webhook-endpoints",
    operationId: "createWebhookEndpoint",
    tags,
    summary: "Add a webhook endpoint; its secret is answered once",
    description:
      "A replay with the same Idempotency-Key answers the first answer, the secret included.",
    security: bearerAuth,
    request: { headers: IdempotencyHeader, ...jsonBody(CreateWebhookEndpoint) },
    responses: answers(WebhookEndpoint, 201, "The endpoint, with its secret"),
  }),
  listEndpoints: createRoute({
    method: "get",
    path: "/v1/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    tags,
    summary: "List webhook endpoints",
    security: bearerAuth,
    request: { query: PageQuery },
    responses: answers(listOf(WebhookEndpoint), 200, "A page of endpoints, by id"),
  }),
  getEndpoint: createRoute({
    method: "get",
    path: "/v1/webhook-endpoints/{id}",
    operationId: "getWebhookEndpoint",
    tags,
    summary: "A webhook endpoint",
    security: bearerAuth,
    request: { params: endpointId },
    responses: answers(WebhookEndpoint, 200, "The endpoint"),
  }),
  updateEndpoint: createRoute({
    method: "patch",
    path: "/v1/webhook-endpoints/{id}",
    operationId: "updateWebhookEndpoint",
    tags,
    summary: "Change a webhook endpoint's URL, event types, description or whether it is enabled",
    security: bearerAuth,
    request: { params: endpointId, ...jsonBody(UpdateWebhookEndpoint) },
    responses: answers(WebhookEndpoint, 200, "The endpoint"),
  }),
  deleteEndpoint: createRoute({
    method: "delete",
    path: "/v1/webhook-endpoints/{id}",
    operationId: "deleteWebhookEndpoint",
    tags,
    summary: "Remove a webhook endpoint and its deliveries",
    security: bearerAuth,
    request: { params: endpointId },
    responses: answers(WebhookEndpoint, 200, "The endpoint removed"),
  }),
  rotateSecret: createRoute({
    method: "post",
    path: "/v1/webhook-endpoints/{id}/rotate-secret",
    operationId: "rotateWebhookSecret",
    tags,
    summary: "A new secret, answered once; the previous one signs too for 24 hours",
    description:
      "A replay with the same Idempotency-Key answers the first answer, the secret included.",
    security: bearerAuth,
    request: { params: endpointId, headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(WebhookEndpoint, 200, "The endpoint, with its new secret"),
  }),
  testEndpoint: createRoute({
    method: "post",
    path: "/v1/webhook-endpoints/{id}/test",
    operationId: "testWebhookEndpoint",
    tags,
    summary: "Send a webhook_endpoint.test event to this endpoint",
    security: bearerAuth,
    request: { params: endpointId, headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(Event, 200, "The test event"),
  }),
  listDeliveries: createRoute({
    method: "get",
    path: "/v1/webhook-endpoints/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tags,
    summary: "An endpoint's delivery log, the newest first",
    security: bearerAuth,
    request: { params: endpointId, query: PageQuery },
    responses: answers(listOf(WebhookDelivery), 200, "A page of deliveries"),
  }),
  retryDelivery: createRoute({
    method: "post",
    path: "/v1/webhook-deliveries/{id}/retry",
    operationId: "retryWebhookDelivery",
    tags,
    summary: "Deliver a delivery's event to its endpoint again, now",
    security: bearerAuth,
    request: { params: IdParam("wdel"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(WebhookDelivery, 200, "The new delivery"),
  }),
};

export function eventView(row: EventRow): z.infer<typeof Event> {
  return {
    id: row.id,
    object: "event",
    type: row.type,
    sequence: row.sequence,
    created_at: iso(row.createdAt) ?? "",
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export function endpointView(row: WebhookEndpointRow, secret?: string) {
  return {
    id: row.id,
    object: "webhook_endpoint" as const,
    url: row.url,
    event_types: eventTypesOf(row),
    description: row.description,
    enabled: row.enabled,
    ...(secret === undefined ? {} : { secret }),
    previous_secret_expires_at: iso(row.previousSecretUntil),
    created_at: iso(row.createdAt) ?? "",
    updated_at: iso(row.updatedAt) ?? "",
  };
}

export function deliveryView(row: DeliveryRow): z.infer<typeof WebhookDelivery> {
  return {
    id: row.id,
    object: "webhook_delivery",
    endpoint: row.endpointId,
    event: row.eventId,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: iso(row.nextAttemptAt),
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    response_excerpt: row.responseExcerpt,
    created_at: iso(row.createdAt) ?? "",
    updated_at: iso(row.updatedAt) ?? "",
  };
}

/** Deliveries made at once (a replay's), as one list: they are few, at most one per endpoint. */
function deliveryList(rows: readonly DeliveryRow[]) {
  return { object: "list" as const, data: rows.map(deliveryView), has_more: false };
}

export function eventRoutes(app: Api, deps: RouteDependencies): void {
  // Read when a request comes, not when routes are declared: an app may be declared without them.
  const events = () => deps.services.events;
  const webhooks = () => deps.services.webhooks;

  route(app, routes.listEvents, async (c) => {
    const query = c.req.valid("query");
    const rows = await events().list(c.get("principal"), {
      type: query.type,
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(eventView), query.limit), 200);
  });

  route(app, routes.getEvent, async (c) => {
    const row = await events().read(c.get("principal"), c.req.valid("param").id);
    return c.json(eventView(row), 200);
  });

  route(app, routes.replayEvent, async (c) => {
    const { id } = c.req.valid("param");
    const { endpoint } = c.req.valid("query");
    const written = await webhooks().replay(
      c.get("principal"),
      id,
      endpoint,
      idempotencyKey(c, deps),
      deliveryList,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(deliveryList(written.made), 200);
  });

  route(app, routes.createEndpoint, async (c) => {
    const body = c.req.valid("json");
    const written = await webhooks().create(
      c.get("principal"),
      {
        url: body.url,
        eventTypes: body.event_types,
        description: body.description,
        enabled: body.enabled,
      },
      idempotencyKey(c, deps),
      endpointView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(endpointView(written.made.endpoint, written.made.secret), 201);
  });

  route(app, routes.listEndpoints, async (c) => {
    const query = c.req.valid("query");
    const rows = await webhooks().list(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(
      page(
        rows.map((row) => endpointView(row)),
        query.limit,
      ),
      200,
    );
  });

  route(app, routes.getEndpoint, async (c) => {
    const row = await webhooks().read(c.get("principal"), c.req.valid("param").id);
    return c.json(endpointView(row), 200);
  });

  route(app, routes.updateEndpoint, async (c) => {
    const body = c.req.valid("json");
    const changes = {
      ...(body.url === undefined ? {} : { url: body.url }),
      ...(body.event_types === undefined ? {} : { eventTypes: body.event_types }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
    };
    const id = c.req.valid("param").id;
    const row = await webhooks().update(c.get("principal"), id, changes, endpointView);
    return c.json(endpointView(row), 200);
  });

  route(app, routes.deleteEndpoint, async (c) => {
    const id = c.req.valid("param").id;
    const row = await webhooks().remove(c.get("principal"), id, endpointView);
    return c.json(endpointView(row), 200);
  });

  route(app, routes.rotateSecret, async (c) => {
    const written = await webhooks().rotateSecret(
      c.get("principal"),
      c.req.valid("param").id,
      idempotencyKey(c, deps),
      endpointView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(endpointView(written.made.endpoint, written.made.secret), 200);
  });

  route(app, routes.testEndpoint, async (c) => {
    const written = await webhooks().sendTest(
      c.get("principal"),
      c.req.valid("param").id,
      idempotencyKey(c, deps),
      eventView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(eventView(written.made), 200);
  });

  route(app, routes.listDeliveries, async (c) => {
    const query = c.req.valid("query");
    const rows = await webhooks().deliveries(c.get("principal"), c.req.valid("param").id, {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(deliveryView), query.limit), 200);
  });

  route(app, routes.retryDelivery, async (c) => {
    const written = await webhooks().retry(
      c.get("principal"),
      c.req.valid("param").id,
      idempotencyKey(c, deps),
      deliveryView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(deliveryView(written.made), 200);
  });
}
