/**
 * Webhook endpoints and deliveries in process memory, with the databases' contract
 * (`../webhooks.ts`): rows copied in and out, updates conditional on a version or a lease, the
 * deliveries of a dispatch written with its checkpoint, answers claimed before anything is
 * written, all under the memory store's lock.
 */
import { invariant } from "@creditpool/core";
import type { AuditEntry } from "../audit.ts";
import type { Page, ScopedAnswer } from "../directory.ts";
import type { EventDraft, EventRow } from "../events.ts";
import type { Mutex } from "../mutex.ts";
import type { StoredAnswer } from "../records.ts";
import {
  type ClaimBounds,
  checkDelivery,
  type DeliveryPage,
  type DeliveryRow,
  type EventAnswer,
  type TestEventSent,
  type WebhookEndpointRow,
  type WebhookStore,
  withinBounds,
} from "../webhooks.ts";
import { compare, type KeptAnswer, keptOf, pageOf, storedOf } from "./kept.ts";
import type { MemoryEvents } from "./memory-events.ts";

/** What the webhooks use of the memory store. */
export interface WebhooksHost {
  readonly lock: Mutex;
  /** The answers of a scope, whose claims append their audit records; callers hold the lock. */
  answersIn(scope: string): Map<string, KeptAnswer>;
  readonly audit: { append(entries: readonly AuditEntry[]): void };
}

export class MemoryWebhooks implements WebhookStore {
  private readonly endpoints = new Map<string, WebhookEndpointRow>();
  private readonly deliveries = new Map<string, DeliveryRow>();

  constructor(
    private readonly host: WebhooksHost,
    private readonly events: MemoryEvents,
  ) {}

  insertWebhookEndpoint(
    row: WebhookEndpointRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    return this.host.lock.run(async () => {
      const stored = this.storedFor(answer);
      if (stored !== null) return stored;
      const key = `${row.organizationId}/${row.id}`;
      if (this.endpoints.has(key)) throw new Error(`endpoint ${row.id} exists`);
      this.endpoints.set(key, { ...row });
      this.claim(answer);
      return null;
    });
  }

  async readWebhookEndpoint(organizationId: string, id: string) {
    const row = this.endpoints.get(`${organizationId}/${id}`);
    return row === undefined ? null : { ...row };
  }

  async listWebhookEndpoints(organizationId: string, page: Page) {
    const rows = [...this.endpoints.values()].filter((r) => r.organizationId === organizationId);
    return pageOf(rows, page).map((row) => ({ ...row }));
  }

  async countWebhookEndpoints(organizationId: string): Promise<number> {
    return [...this.endpoints.values()].filter((r) => r.organizationId === organizationId).length;
  }

  updateWebhookEndpoint(
    next: WebhookEndpointRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ): Promise<boolean> {
    invariant(next.version === expectedVersion + 1, "an endpoint's next version follows");
    return this.host.lock.run(async () => {
      const key = `${next.organizationId}/${next.id}`;
      if (this.storedFor(answer) !== null) return false;
      if (this.endpoints.get(key)?.version !== expectedVersion) return false;
      this.endpoints.set(key, { ...next });
      if (answer !== null) this.claim(answer);
      else if (audit !== null) this.host.audit.append([audit]);
      return true;
    });
  }

  deleteWebhookEndpoint(
    organizationId: string,
    id: string,
    audit: ((deleted: WebhookEndpointRow) => AuditEntry) | null = null,
  ): Promise<WebhookEndpointRow | null> {
    return this.host.lock.run(async () => {
      const deleted = this.endpoints.get(`${organizationId}/${id}`);
      if (deleted === undefined) return null;
      for (const [key, row] of this.deliveries)
        if (row.organizationId === organizationId && row.endpointId === id)
          this.deliveries.delete(key);
      this.endpoints.delete(`${organizationId}/${id}`);
      if (audit !== null) this.host.audit.append([audit({ ...deleted })]);
      return { ...deleted };
    });
  }

  insertTestEvent(
    draft: EventDraft,
    delivery: (event: EventRow) => DeliveryRow,
    answer: EventAnswer | null,
  ): Promise<TestEventSent> {
    return this.host.lock.run(async () => {
      // The key is looked for first: under the lock nothing can take it before this writes.
      const kept = answer === null ? undefined : this.host.answersIn(answer.scope).get(answer.key);
      if (kept !== undefined) return { stored: storedOf(kept) };
      const [event] = this.events.write([draft]);
      invariant(event !== undefined && draft.dedupeKey == null, "a test event is written");
      const row = delivery(event);
      checkDelivery(row);
      this.add([row]);
      if (answer !== null) this.claim(answer.answer(event));
      return { event, delivery: { ...row } };
    });
  }

  dispatchEvents(
    organizationId: string,
    from: number,
    to: number,
    deliveries: readonly DeliveryRow[],
  ): Promise<boolean> {
    for (const delivery of deliveries) checkDelivery(delivery);
    return this.host.lock.run(async () => {
      if (!this.events.move(organizationId, "deliveries", from, to)) return false;
      this.add(deliveries);
      return true;
    });
  }

  insertDeliveries(
    deliveries: readonly DeliveryRow[],
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    for (const delivery of deliveries) checkDelivery(delivery);
    return this.host.lock.run(async () => {
      const stored = this.storedFor(answer);
      if (stored !== null) return stored;
      this.add(deliveries);
      this.claim(answer);
      return null;
    });
  }

  async readDelivery(organizationId: string, id: string) {
    const row = this.deliveries.get(`${organizationId}/${id}`);
    return row === undefined ? null : { ...row };
  }

  async listDeliveries(organizationId: string, page: DeliveryPage) {
    const before = page.startingAfter;
    return [...this.deliveries.values()]
      .filter(
        (row) =>
          row.organizationId === organizationId &&
          row.endpointId === page.endpointId &&
          (before === undefined || compare(row.id, before) < 0),
      )
      .sort((a, b) => compare(b.id, a.id))
      .slice(0, page.limit)
      .map((row) => ({ ...row }));
  }

  claimDeliveries(now: number, leaseUntil: number, bounds: ClaimBounds): Promise<DeliveryRow[]> {
    invariant(leaseUntil > now, "a lease ends after it is taken");
    return this.host.lock.run(async () => {
      const rows = [...this.deliveries.values()].filter((row) => row.status === "pending");
      const inFlight = rows.filter((row) => row.leaseUntil !== null && row.leaseUntil > now);
      const candidates = rows
        .filter(
          (row) =>
            (row.nextAttemptAt ?? Number.POSITIVE_INFINITY) <= now &&
            (row.leaseUntil === null || row.leaseUntil <= now),
        )
        .sort(
          (a, b) =>
            (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) ||
            compare(a.organizationId, b.organizationId) ||
            compare(a.id, b.id),
        );
      const chosen = withinBounds(candidates, inFlight, bounds).map((row) => ({
        ...row,
        leaseUntil,
      }));
      for (const row of chosen) this.deliveries.set(`${row.organizationId}/${row.id}`, row);
      return chosen.map((row) => ({ ...row }));
    });
  }

  finishDelivery(next: DeliveryRow, leaseUntil: number): Promise<boolean> {
    checkDelivery(next);
    invariant(next.leaseUntil === null, "an attempt's outcome ends its lease");
    return this.host.lock.run(async () => {
      const key = `${next.organizationId}/${next.id}`;
      const stored = this.deliveries.get(key);
      if (stored === undefined || stored.leaseUntil !== leaseUntil) return false;
      this.deliveries.set(key, { ...next });
      return true;
    });
  }

  /** The answer stored first under the answer's key, or null when the key is new. */
  private storedFor(answer: ScopedAnswer | null): StoredAnswer | null {
    if (answer === null) return null;
    const stored = this.host.answersIn(answer.scope).get(answer.key);
    return stored === undefined ? null : storedOf(stored);
  }

  /** Stores the answer, which appends the audit records it carries. */
  private claim(answer: ScopedAnswer | null): void {
    if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
  }

  private add(deliveries: readonly DeliveryRow[]): void {
    for (const delivery of deliveries) {
      const key = `${delivery.organizationId}/${delivery.id}`;
      if (this.deliveries.has(key)) throw new Error(`delivery ${delivery.id} exists`);
      this.deliveries.set(key, { ...delivery });
    }
  }
}
