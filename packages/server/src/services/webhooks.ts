/**
 * Webhook endpoints of an organization and the deliveries of its events to them.
 *
 * An endpoint's secret (`whsec_` and 24 random bytes in base64) is answered once, when made or
 * rotated; a rotated secret keeps signing beside the new one for 24 hours. A URL is https or
 * http; one whose host is an IP literal that is not public is refused when made, and any that
 * resolves to one is refused at delivery (`webhook-client.ts`), unless private addresses are
 * allowed. Deliveries are made by the dispatcher (`dispatch`) and by replays and retries, and sent
 * by the sender (`webhook-sender.ts`).
 *
 * Every POST is idempotent as the directory's writes are: a replay answers the first answer, and
 * the answer is stored in the write's own transaction. The stored answer of a create or a
 * rotation keeps the secret it showed, so that a retry of a request whose answer was lost still
 * learns the secret: the endpoint's row keeps it in the same database anyway, for signing.
 * Endpoint changes are audited (`webhook_endpoint.*`); an audit record shows the endpoint as its
 * view without the secret, so no secret is ever recorded there.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type {
  AuditEntry,
  DeliveryRow,
  EventRow,
  EventType,
  WebhookEndpointRow,
} from "../store/port.ts";
import { type AuditChange, auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  type Idempotency,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
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

/**
 * How a transport shows an endpoint, with its secret when one is given: the service stores that
 * answer, and records the view without the secret in the audit trail.
 */
export type EndpointRender = (endpoint: WebhookEndpointRow, secret?: string) => unknown;

/** Tries of a conditional endpoint write before the endpoint counts as busy. */
const changeAttemptsMax = 8;

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

  async create(
    principal: Principal,
    input: EndpointInput,
    idempotencyKey: string,
    render: EndpointRender,
  ): Promise<Written<EndpointWithSecret>> {
    const { store, ids, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "webhooks.create", input);
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
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
    const audit = this.audit(principal, "created", null, endpoint, render, now);
    const answer = answerOf(idempotency, render(endpoint, secret), now, audit);
    const stored = await store.insertWebhookEndpoint(endpoint, answer);
    return stored === null ? { made: { endpoint, secret } } : replayOf(idempotency, stored);
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

  /** Changes what is given; the change and its audit record are written together. */
  async update(
    principal: Principal,
    id: string,
    changes: Partial<EndpointInput>,
    render: EndpointRender,
  ): Promise<WebhookEndpointRow> {
    const organizationId = requirePermission(principal, "webhooks.write");
    if (changes.url !== undefined) this.checkUrl(changes.url);
    for (let attempt = 0; attempt < changeAttemptsMax; attempt += 1) {
      const row = await this.endpoint(organizationId, id);
      const next = this.next(row, {
        url: changes.url ?? row.url,
        description: changes.description ?? row.description,
        eventTypes:
          changes.eventTypes === undefined ? row.eventTypes : JSON.stringify(changes.eventTypes),
        enabled: changes.enabled ?? row.enabled,
      });
      const audit = this.audit(principal, "updated", row, next, render, next.updatedAt);
      if (await this.context.store.updateWebhookEndpoint(next, row.version, null, audit))
        return next;
    }
    throw new Refusal("webhook_endpoint_not_found", "The endpoint kept changing.", "id");
  }

  /** Removes the endpoint and its deliveries; answers the endpoint as it was. */
  async remove(
    principal: Principal,
    id: string,
    render: EndpointRender,
  ): Promise<WebhookEndpointRow> {
    const organizationId = requirePermission(principal, "webhooks.write");
    const at = this.context.clock();
    const deleted = await this.context.store.deleteWebhookEndpoint(organizationId, id, (row) =>
      this.audit(principal, "deleted", row, null, render, at),
    );
    if (deleted === null) throw new Refusal("webhook_endpoint_not_found", undefined, "id");
    return deleted;
  }

  /** A new secret; the one it replaces keeps signing for `webhookSecretOverlapMs`. */
  async rotateSecret(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: EndpointRender,
  ): Promise<Written<EndpointWithSecret>> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "webhooks.rotate_secret", {
      id,
    });
    for (let attempt = 0; attempt < changeAttemptsMax; attempt += 1) {
      // Again after a failed write: it failed because the key was taken, or the row moved.
      const replay = await storedReplay(store, idempotency);
      if (replay !== null) return replay;
      const row = await this.endpoint(organizationId, id);
      const secret = this.newSecret();
      const now = this.context.clock();
      const next = this.next(row, {
        secret,
        previousSecret: row.secret,
        previousSecretUntil: now + limits.webhookSecretOverlapMs,
      });
      const audit = this.audit(principal, "secret_rotated", row, next, render, now);
      const answer = answerOf(idempotency, render(next, secret), now, audit);
      if (await store.updateWebhookEndpoint(next, row.version, answer))
        return { made: { endpoint: next, secret } };
    }
    throw new Refusal("webhook_endpoint_not_found", "The endpoint kept changing.", "id");
  }

  /**
   * Writes a `webhook_endpoint.test` event and a delivery of it to this endpoint alone, in one
   * transaction with the answer.
   */
  async sendTest(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: Render<EventRow>,
  ): Promise<Written<EventRow>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "webhooks.test", { id });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const endpoint = await this.endpoint(organizationId, id);
    const now = clock();
    const data = { endpoint: endpoint.id, url: endpoint.url };
    const sent = await store.insertTestEvent(
      { organizationId, type: "webhook_endpoint.test", data: JSON.stringify(data), createdAt: now },
      (event) => this.delivery(organizationId, endpoint.id, event.id, now),
      {
        scope: idempotency.scope,
        key: idempotency.key,
        answer: (event) => answerOf(idempotency, render(event), now),
      },
    );
    return "stored" in sent ? replayOf(idempotency, sent.stored) : { made: sent.event };
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
    idempotencyKey: string,
    render: Render<DeliveryRow[]>,
  ): Promise<Written<DeliveryRow[]>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const request = { id: eventId, endpoint: endpointId ?? null };
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "events.replay", request);
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
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
    return this.insertDeliveries(idempotency, rows, render, now);
  }

  /** Another delivery of a delivery's event to its endpoint, due now. */
  async retry(
    principal: Principal,
    deliveryId: string,
    idempotencyKey: string,
    render: Render<DeliveryRow>,
  ): Promise<Written<DeliveryRow>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "webhooks.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "webhook_deliveries.retry", {
      id: deliveryId,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const found = await store.readDelivery(organizationId, deliveryId);
    if (found === null) throw new Refusal("webhook_delivery_not_found", undefined, "id");
    const now = clock();
    const row = this.delivery(organizationId, found.endpointId, found.eventId, now);
    const stored = await store.insertDeliveries([row], answerOf(idempotency, render(row), now));
    return stored === null ? { made: row } : replayOf(idempotency, stored);
  }

  private async insertDeliveries(
    idempotency: Idempotency,
    rows: DeliveryRow[],
    render: Render<DeliveryRow[]>,
    now: number,
  ): Promise<Written<DeliveryRow[]>> {
    const answer = answerOf(idempotency, render(rows), now);
    const stored = await this.context.store.insertDeliveries(rows, answer);
    return stored === null ? { made: rows } : replayOf(idempotency, stored);
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

  /** The row's next version with `changes`, stamped now. */
  private next(row: WebhookEndpointRow, changes: Partial<WebhookEndpointRow>) {
    return { ...row, ...changes, updatedAt: this.context.clock(), version: row.version + 1 };
  }

  /** The audit record of an endpoint's change, showing it as its view without the secret. */
  private audit(
    principal: Principal,
    what: "created" | "updated" | "deleted" | "secret_rotated",
    before: WebhookEndpointRow | null,
    after: WebhookEndpointRow | null,
    render: EndpointRender,
    at: number,
  ): AuditEntry {
    const target = after ?? before;
    if (target === null) throw new Error("an audited change has an endpoint");
    const change: AuditChange = {
      action: `webhook_endpoint.${what}`,
      targetType: "webhook_endpoint",
      targetId: target.id,
      before: before === null ? null : render(before),
      after: after === null ? null : render(after),
    };
    return auditEntry(this.context, principal, target.organizationId, change, at);
  }
}
