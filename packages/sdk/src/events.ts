/**
 * Events and webhooks: what happened in the organization, the endpoints its events are delivered
 * to (signed as Standard Webhooks specifies), and their delivery log. One method per route, as
 * in `resources.ts`; every POST is idempotent, and retried with the same key.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  CreateWebhookEndpoint,
  Event,
  EventList,
  EventQuery,
  EventReplay,
  PageQuery,
  ReplayQuery,
  UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
  WriteOptions,
} from "./types.ts";

export function eventsResource(t: Transport) {
  return {
    /** The organization's events in the order they happened (by `sequence`). */
    list: (query: EventQuery = {}) =>
      t.request<EventList>({ method: "GET", path: "/v1/events", query }),
    get: (id: string) => t.request<Event>({ method: "GET", path: at("/v1/events", id) }),
    /** Delivers the event again, to every endpoint that wants it or to `endpoint` alone. */
    replay: (id: string, query: ReplayQuery = {}, options: WriteOptions = {}) =>
      t.request<EventReplay>({
        method: "POST",
        path: `${at("/v1/events", id)}/replay`,
        query,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function webhookEndpointsResource(t: Transport) {
  const path = "/v1/webhook-endpoints";
  return {
    /** Answers the endpoint with its `secret`; a retry with the same key answers the same. */
    create: (body: CreateWebhookEndpoint, options: WriteOptions = {}) =>
      t.request<WebhookEndpoint>({
        method: "POST",
        path,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) => t.request<WebhookEndpointList>({ method: "GET", path, query }),
    get: (id: string) => t.request<WebhookEndpoint>({ method: "GET", path: at(path, id) }),
    update: (id: string, body: UpdateWebhookEndpoint) =>
      t.request<WebhookEndpoint>({ method: "PATCH", path: at(path, id), body }),
    /** Removes the endpoint and its delivery log; answers the endpoint as it was. */
    delete: (id: string) => t.request<WebhookEndpoint>({ method: "DELETE", path: at(path, id) }),
    /** A new `secret`, answered once; the previous one keeps signing for 24 hours. */
    rotateSecret: (id: string, options: WriteOptions = {}) =>
      t.request<WebhookEndpoint>({
        method: "POST",
        path: `${at(path, id)}/rotate-secret`,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Sends a `webhook_endpoint.test` event to this endpoint alone; answers the event. */
    test: (id: string, options: WriteOptions = {}) =>
      t.request<Event>({
        method: "POST",
        path: `${at(path, id)}/test`,
        idempotencyKey: options.idempotencyKey,
      }),
    /** The endpoint's delivery log, the newest first. */
    deliveries: (id: string, query: PageQuery = {}) =>
      t.request<WebhookDeliveryList>({ method: "GET", path: `${at(path, id)}/deliveries`, query }),
  };
}

export function webhookDeliveriesResource(t: Transport) {
  return {
    /** A new delivery of the delivery's event to its endpoint, due at once. */
    retry: (id: string, options: WriteOptions = {}) =>
      t.request<WebhookDelivery>({
        method: "POST",
        path: `${at("/v1/webhook-deliveries", id)}/retry`,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export type Events = ReturnType<typeof eventsResource>;
export type WebhookEndpoints = ReturnType<typeof webhookEndpointsResource>;
export type WebhookDeliveries = ReturnType<typeof webhookDeliveriesResource>;
