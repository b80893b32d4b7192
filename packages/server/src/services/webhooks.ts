/**
 * Webhook endpoints of an organization and the deliveries of its events to them.
 *
 * An endpoint's secret (`whsec_` and 24 random bytes in base64) is answered once, when made or
 * rotated; a rotated secret keeps signing beside the new one for 24 hours. A URL is https or
 * http; one whose host is an IP literal that is not public is refused when made, and any that
 * resolves to one is refused at delivery (`webhook-client.ts`), unless private addresses are
 * allowed. Deliveries are made by the dispatcher (`dispatch`) and by replays and retries, and sent
 * by the sender (`webhook-sender.ts`).
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { DeliveryRow, EventRow, EventType, WebhookEndpointRow } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";
import { type PageRequest, storePage } from "./pages.ts";
import { ipLiteralOf, isPrivateAddress } from "./webhook-client.ts";

export type { DeliveryRow, WebhookEndpointRow } from "../store/port.ts";

/** Events fanned out in one step of the dispatcher, and organizations in one pass. */
const eventsPerStep = 200;
const organizationsPerPassMax = 100;

export interface EndpointInput {
  readonly url: string;
  /** Event types, or `["*"]` for every type. */
  readonly eventTypes: readonly string[];
  readonly description: string;
  readonly enabled: boolean;
}

/** An endpoint with its secret, answered once (made, or its secret rotated). */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpointRow;
  readonly secret: string;
}

export function eventTypesOf(endpoint: WebhookEndpointRow): string[] {
  return JSON.parse(endpoint.eventTypes) as string[];
}

export function endpointWants(endpoint: WebhookEndpointRow, type: EventType): boolean {
  const types = eventTypesOf(endpoint);
  return types.includes("*") || types.includes(type);
}

export class WebhookService {
  constructor(
    private readonly context: ServiceContext,
    /** `CREDITPOOL_WEBHOOKS_ALLOW_PRIVATE=1`: private addresses may be endpoints. */
    private readonly allowPrivate: boolean,
  ) {}

  async create(principal: Principal, input: EndpointInput): Promise<EndpointWithSecret> {
    const { store, ids, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    this.checkUrl(input.url);
    const count = await store.countWebhookEndpoints(organizationId);
    if (count >= limits.webhookEndpointsPerOrganizationMax)
      throw new Refusal("webhook_endpoint_count_exceeded");
    const now = clock();
    const secret = this.newSecret();
    const endpoint: WebhookEndpointRow = {
      organizationId,
      id: ids.next("we"),
      url: input.url,
      description: input.description,
      eventTypes: JSON.stringify(input.eventTypes),
      enabled: input.enabled,
      secret,
      previousSecret: null,
      previousSecretUntil: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await store.insertWebhookEndpoint(endpoint);
    return { endpoint, secret };
  }

  /** The organization's endpoints by id, one more than the page. */
  async list(principal: Principal, page: PageRequest): Promise<WebhookEndpointRow[]> {
    const organizationId = requirePermission(principal, "webhooks.read");
    const request = storePage(page.startingAfter, page.limit + 1);
    return this.context.store.listWebhookEndpoints(organizationId, request);
  }

  async read(principal: Principal, id: string): Promise<WebhookEndpointRow> {
    const organizationId = requirePermission(principal, "webhooks.read");
    return this.endpoint(organizationId, id);
  }

  async update(
    principal: Principal,
    id: string,
    changes: Partial<EndpointInput>,
  ): Promise<WebhookEndpointRow> {
    const organizationId = requirePermission(principal, "webhooks.write");
    if (changes.url !== undefined) this.checkUrl(changes.url);
    return this.change(organizationId, id, (row) => ({
      ...row,
      url: changes.url ?? row.url,
      description: changes.description ?? row.description,
      eventTypes:
        changes.eventTypes === undefined ? row.eventTypes : JSON.stringify(changes.eventTypes),
      enabled: changes.enabled ?? row.enabled,
    }));
  }

  async remove(principal: Principal, id: string): Promise<WebhookEndpointRow> {
    const organizationId = requirePermission(principal, "webhooks.write");
    const endpoint = await this.endpoint(organizationId, id);
    if (!(await this.context.store.deleteWebhookEndpoint(organizationId, id)))
      throw new Refusal("webhook_endpoint_not_found", undefined, "id");
    return endpoint;
  }

  /** A new secret; the one it replaces keeps signing for `webhookSecretOverlapMs`. */
  async rotateSecret(principal: Principal, id: string): Promise<EndpointWithSecret> {
    const organizationId = requirePermission(principal, "webhooks.write");
    const secret = this.newSecret();
    const now = this.context.clock();
    const endpoint = await this.change(organizationId, id, (row) => ({
      ...row,
      secret,
      previousSecret: row.secret,
      previousSecretUntil: now + limits.webhookSecretOverlapMs,
    }));
    return { endpoint, secret };
  }

  /** Writes a `webhook_endpoint.test` event and a delivery of it to this endpoint alone. */
  async sendTest(principal: Principal, id: string): Promise<EventRow> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const endpoint = await this.endpoint(organizationId, id);
    const now = clock();
    const data = { endpoint: endpoint.id, url: endpoint.url };
    const [event] = await store.appendEvents([
      { organizationId, type: "webhook_endpoint.test", data: JSON.stringify(data), createdAt: now },
    ]);
    if (event === undefined) throw new Error("a test event is always written");
    await store.insertDeliveries([this.delivery(organizationId, endpoint.id, event.id, now)]);
    return event;
  }

  /** An endpoint's deliveries, the newest first, one more than the page. */
  async deliveries(principal: Principal, id: string, page: PageRequest): Promise<DeliveryRow[]> {
    const organizationId = requirePermission(principal, "webhooks.read");
    await this.endpoint(organizationId, id);
    return this.context.store.listDeliveries(organizationId, {
      endpointId: id,
      ...storePage(page.startingAfter, page.limit + 1),
    });
  }

  /** A new delivery of an event to every endpoint that wants it, or to the one named. */
  async replay(
    principal: Principal,
    eventId: string,
    endpointId: string | undefined,
  ): Promise<DeliveryRow[]> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const event = await store.readEvent(organizationId, eventId);
    if (event === null) throw new Refusal("event_not_found", undefined, "id");
    const targets =
      endpointId === undefined
        ? (await this.allEndpoints(organizationId)).filter(
            (endpoint) => endpoint.enabled && endpointWants(endpoint, event.type),
          )
        : [await this.endpoint(organizationId, endpointId, "endpoint")];
    const now = clock();
    const rows = targets.map((endpoint) =>
      this.delivery(organizationId, endpoint.id, event.id, now),
    );
    await store.insertDeliveries(rows);
    return rows;
  }

  /** Another delivery of a delivery's event to its endpoint, due now. */
  async retry(principal: Principal, deliveryId: string): Promise<DeliveryRow> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const found = await store.readDelivery(organizationId, deliveryId);
    if (found === null) throw new Refusal("webhook_delivery_not_found", undefined, "id");
    const row = this.delivery(organizationId, found.endpointId, found.eventId, clock());
    await store.insertDeliveries([row]);
    return row;
  }

  /** Fans the organization's new events out to its enabled endpoints; answers deliveries made. */
  async dispatch(organizationId: string): Promise<number> {
    const { store, clock } = this.context;
    let made = 0;
    for (;;) {
      const from = await store.eventCheckpoint(organizationId, "deliveries");
      const events = await store.listEvents(organizationId, {
        afterSequence: from,
        limit: eventsPerStep,
      });
      const last = events.at(-1);
      if (last === undefined) return made;
      const endpoints = (await this.allEndpoints(organizationId)).filter((e) => e.enabled);
      const now = clock();
      const rows = events.flatMap((event) =>
        endpoints
          // A test event goes to its own endpoint only, with the delivery made with it.
          .filter((e) => event.type !== "webhook_endpoint.test" && endpointWants(e, event.type))
          .map((endpoint) => this.delivery(organizationId, endpoint.id, event.id, now)),
      );
      // Another node that dispatched first moved the checkpoint: this step wrote nothing.
      if (await store.dispatchEvents(organizationId, from, last.sequence, rows))
        made += rows.length;
      if (events.length < eventsPerStep) return made;
    }
  }

  private cursor = "";

  /** One pass of the dispatcher over the organizations with events not fanned out yet. */
  async dispatchAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    const behind = await this.context.store.eventsBehind(
      "deliveries",
      organizationsPerPassMax,
      this.cursor,
    );
    this.cursor =
      behind.length < organizationsPerPassMax ? "" : (behind.at(-1)?.organizationId ?? "");
    let made = 0;
    for (const { organizationId } of behind) {
      try {
        made += await this.dispatch(organizationId);
      } catch (error) {
        onError?.(error, organizationId);
      }
    }
    return made;
  }

  /** Refuses a URL whose host is a private IP literal; names are checked at delivery. */
  private checkUrl(url: string): void {
    const literal = ipLiteralOf(new URL(url));
    if (literal !== null && !this.allowPrivate && isPrivateAddress(literal))
      throw new Refusal(
        "invalid_request",
        `${literal} is not a public address; webhooks are delivered to public addresses only.`,
        "url",
      );
  }

  private newSecret(): string {
    const bytes = new Uint8Array(24);
    this.context.fillRandom(bytes);
    return `whsec_${Buffer.from(bytes).toString("base64")}`;
  }

  private delivery(organizationId: string, endpointId: string, eventId: string, now: number) {
    return {
      organizationId,
      id: this.context.ids.next("wdel"),
      endpointId,
      eventId,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastStatusCode: null,
      lastError: null,
      responseExcerpt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies DeliveryRow;
  }

  private async allEndpoints(organizationId: string): Promise<WebhookEndpointRow[]> {
    const page = { limit: limits.webhookEndpointsPerOrganizationMax };
    return this.context.store.listWebhookEndpoints(organizationId, page);
  }

  private async endpoint(organizationId: string, id: string, param = "id") {
    const endpoint = await this.context.store.readWebhookEndpoint(organizationId, id);
    if (endpoint === null) throw new Refusal("webhook_endpoint_not_found", undefined, param);
    return endpoint;
  }

  private async change(
    organizationId: string,
    id: string,
    edit: (row: WebhookEndpointRow) => WebhookEndpointRow,
  ): Promise<WebhookEndpointRow> {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const row = await this.endpoint(organizationId, id);
      const next = {
        ...edit(row),
        updatedAt: this.context.clock(),
        version: row.version + 1,
      };
      if (await this.context.store.updateWebhookEndpoint(next, row.version)) return next;
    }
    throw new Refusal("webhook_endpoint_not_found", "The endpoint kept changing.", "id");
  }
}
