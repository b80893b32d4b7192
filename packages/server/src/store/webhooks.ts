/**
 * Webhook endpoints and their deliveries. An endpoint is where an organization wants its events;
 * a delivery is one event owed to one endpoint, with its attempts so far and when the next is due.
 *
 * Deliveries are made two ways: the dispatcher fans each new event out to the endpoints that
 * match it, writing the deliveries and moving the `deliveries` checkpoint in one transaction (so
 * an event gets its deliveries exactly once, whichever node dispatches), and a replay or retry
 * asks for one more. A sender claims due deliveries with a lease: on PostgreSQL with `FOR UPDATE
 * SKIP LOCKED`, so two nodes never claim the same attempt; SQLite has one writer. The lease's end
 * is the claim's token: an outcome is recorded only while the lease it was claimed with stands.
 *
 * An endpoint's secret is kept as issued: the sender needs it to sign. The previous secret of a
 * rotation is kept, and signs too, until `previousSecretUntil`.
 *
 * Writes made for a request carry its idempotent answer as the directory's do: the answer's claim
 * decides whether anything is written, and appends the audit record the answer carries. A change
 * with no answer (an update, a delete) takes its audit record itself and appends it only when the
 * change took.
 */
import { invariant } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import {
  type Columns,
  cellsOf,
  insertSql,
  isUniqueViolation,
  rowOf,
  updateCells,
  updateSql,
} from "./columns.ts";
import { type ClaimBounds, withinBounds } from "./delivery-bounds.ts";
import {
  claimAnswer,
  type Page,
  type ScopedAnswer,
  type SqlRunner,
  writeOnce,
} from "./directory.ts";
import { atCheckpoint, type EventDraft, type EventRow, writeEvents } from "./events.ts";
import type { StoredAnswer } from "./records.ts";
import { bool, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export interface WebhookEndpointRow {
  readonly organizationId: string;
  readonly id: string;
  readonly url: string;
  readonly description: string;
  /** JSON text: the event types it wants, or `["*"]` for all. */
  readonly eventTypes: string;
  readonly enabled: boolean;
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretUntil: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
}

export type DeliveryStatus = "pending" | "succeeded" | "failed";

export interface DeliveryRow {
  readonly organizationId: string;
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due; null once it succeeded or failed. */
  readonly nextAttemptAt: number | null;
  /** While claimed: when the claim lapses (and the claim's token). */
  readonly leaseUntil: number | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  /** The start of the last response's body, at most `limits.webhookResponseExcerptBytesMax`. */
  readonly responseExcerpt: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type { ClaimBounds } from "./delivery-bounds.ts";
export { withinBounds } from "./delivery-bounds.ts";

export type DeliveryPage = Page & { readonly endpointId: string };

/** The answer of a write that shows an event, made once the event has its number. */
export interface EventAnswer {
  readonly scope: string;
  readonly key: string;
  answer(event: EventRow): ScopedAnswer;
}

/** A test event and its delivery, written; or the answer stored first, and nothing written. */
export type TestEventSent =
  | { readonly event: EventRow; readonly delivery: DeliveryRow }
  | { readonly stored: StoredAnswer };

/**
 * The webhooks' part of the store port. A write given an answer is idempotent as in the
 * directory: it resolves to null (or true) when it took effect, else to the answer stored first
 * under its key (or false), having written nothing.
 */
export interface WebhookStore {
  insertWebhookEndpoint(
    row: WebhookEndpointRow,
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  readWebhookEndpoint(organizationId: string, id: string): Promise<WebhookEndpointRow | null>;
  listWebhookEndpoints(organizationId: string, page: Page): Promise<WebhookEndpointRow[]>;
  countWebhookEndpoints(organizationId: string): Promise<number>;
  /**
   * Writes `next` only if the stored row is at `expectedVersion`, with `answer` if given (a key
   * already stored is a failed check) or else `audit`; answers whether it wrote.
   */
  updateWebhookEndpoint(
    next: WebhookEndpointRow,
    expectedVersion: number,
    answer?: ScopedAnswer | null,
    audit?: AuditEntry | null,
  ): Promise<boolean>;
  /**
   * Deletes the endpoint and its deliveries; answers the row deleted, or null when it was not
   * there. `audit`, made from the row deleted, is recorded only when one was.
   */
  deleteWebhookEndpoint(
    organizationId: string,
    id: string,
    audit?: ((deleted: WebhookEndpointRow) => AuditEntry) | null,
  ): Promise<WebhookEndpointRow | null>;
  /**
   * Writes a test event and its one delivery (made from the event) in one transaction, with the
   * answer rendered from the event when given. The dispatcher never fans a test event out, so
   * an event committed without its delivery would never be sent.
   */
  insertTestEvent(
    draft: EventDraft,
    delivery: (event: EventRow) => DeliveryRow,
    answer: EventAnswer | null,
  ): Promise<TestEventSent>;
  /**
   * Writes the deliveries of the events after `from` up to `to` and moves the `deliveries`
   * checkpoint in one transaction; false, and nothing written, when the checkpoint moved.
   */
  dispatchEvents(
    organizationId: string,
    from: number,
    to: number,
    deliveries: readonly DeliveryRow[],
  ): Promise<boolean>;
  insertDeliveries(
    deliveries: readonly DeliveryRow[],
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  readDelivery(organizationId: string, id: string): Promise<DeliveryRow | null>;
  /** An endpoint's deliveries, the newest first (by id, descending, before `startingAfter`). */
  listDeliveries(organizationId: string, page: DeliveryPage): Promise<DeliveryRow[]>;
  /**
   * Claims pending deliveries due by `now` whose lease is free, the earliest due first, within
   * `bounds` counting those already claimed: each gets `leaseUntil`.
   */
  claimDeliveries(now: number, leaseUntil: number, bounds: ClaimBounds): Promise<DeliveryRow[]>;
  /**
   * Records an attempt's outcome (`next`, with its lease cleared) only while the row still holds
   * the lease `leaseUntil` it was claimed with; answers whether it did.
   */
  finishDelivery(next: DeliveryRow, leaseUntil: number): Promise<boolean>;
}

export function checkDelivery(row: DeliveryRow): void {
  invariant(
    (row.status === "pending") === (row.nextAttemptAt !== null),
    "a delivery has a next attempt exactly while pending",
  );
  invariant(row.attempts >= 0, "attempts are a count");
}

const endpointColumns: Columns<WebhookEndpointRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  url: ["url", text],
  description: ["description", text],
  eventTypes: ["event_types", text],
  enabled: ["enabled", bool],
  secret: ["secret", text],
  previousSecret: ["previous_secret", textOrNull],
  previousSecretUntil: ["previous_secret_until", intOrNull],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  version: ["version", int],
};

const deliveryColumns: Columns<DeliveryRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  endpointId: ["endpoint_id", text],
  eventId: ["event_id", text],
  status: ["status", (cell) => text(cell) as DeliveryStatus],
  attempts: ["attempts", int],
  nextAttemptAt: ["next_attempt_at", intOrNull],
  leaseUntil: ["lease_until", intOrNull],
  lastStatusCode: ["last_status_code", intOrNull],
  lastError: ["last_error", textOrNull],
  responseExcerpt: ["response_excerpt", textOrNull],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
};

const insertEndpointSql = insertSql("webhook_endpoints", endpointColumns);
const updateEndpointSql = updateSql("webhook_endpoints", endpointColumns);
const insertDeliverySql = insertSql("webhook_deliveries", deliveryColumns);
const rowToEndpoint = (row: Row) => rowOf(endpointColumns, row);
const rowToDelivery = (row: Row) => rowOf(deliveryColumns, row);

/** The fields an outcome sets, the key and the lease it must still hold. */
const finishSql = `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,
  lease_until = NULL, last_status_code = ?, last_error = ?, response_excerpt = ?, updated_at = ?
  WHERE organization_id = ? AND id = ? AND lease_until = ? RETURNING id`;

/** Rolls a transaction back: a version moved, or the answer's key was stored already. */
class Refused extends Error {
  constructor(readonly stored: StoredAnswer | null = null) {
    super("refused");
  }
}

export class SqlWebhooks implements WebhookStore {
  constructor(
    private readonly sql: SqlRunner,
    /** PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite's one writer needs no lock. */
    private readonly skipLocked: boolean,
    private readonly eventDataBytesMax: number,
  ) {}

  insertWebhookEndpoint(
    row: WebhookEndpointRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    const cells = cellsOf(endpointColumns, row);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () => run(insertEndpointSql, cells)),
    );
  }

  async readWebhookEndpoint(organizationId: string, id: string) {
    const sql = "SELECT * FROM webhook_endpoints WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToEndpoint(row);
  }

  async listWebhookEndpoints(organizationId: string, page: Page) {
    const sql = `SELECT * FROM webhook_endpoints WHERE organization_id = ? AND id > ?
      ORDER BY id LIMIT ?`;
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToEndpoint);
  }

  async countWebhookEndpoints(organizationId: string): Promise<number> {
    const sql = "SELECT count(*) AS n FROM webhook_endpoints WHERE organization_id = ?";
    const [row] = await this.sql.all(sql, [organizationId]);
    return int(row?.n ?? 0);
  }

  async updateWebhookEndpoint(
    next: WebhookEndpointRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ): Promise<boolean> {
    invariant(next.version === expectedVersion + 1, "an endpoint's next version follows");
    const cells = updateCells(cellsOf(endpointColumns, next), expectedVersion);
    try {
      await this.sql.inTransaction(async (run) => {
        if (answer !== null && (await claimAnswer(run, answer)) !== null) throw new Refused();
        if ((await run(updateEndpointSql, cells)).length === 0) throw new Refused();
        if (answer === null && audit !== null) await appendAudit(run, [audit]);
      });
      return true;
    } catch (error) {
      if (error instanceof Refused) return false;
      throw error;
    }
  }

  async deleteWebhookEndpoint(
    organizationId: string,
    id: string,
    audit: ((deleted: WebhookEndpointRow) => AuditEntry) | null = null,
  ): Promise<WebhookEndpointRow | null> {
    return this.sql.inTransaction(async (run) => {
      const key = [organizationId, id];
      await run(
        "DELETE FROM webhook_deliveries WHERE organization_id = ? AND endpoint_id = ?",
        key,
      );
      const [deleted] = await run(
        "DELETE FROM webhook_endpoints WHERE organization_id = ? AND id = ? RETURNING *",
        key,
      );
      if (deleted === undefined) return null;
      const row = rowToEndpoint(deleted);
      if (audit !== null) await appendAudit(run, [audit(row)]);
      return row;
    });
  }

  async insertTestEvent(
    draft: EventDraft,
    delivery: (event: EventRow) => DeliveryRow,
    answer: EventAnswer | null,
  ): Promise<TestEventSent> {
    try {
      return await this.sql.inTransaction(async (run) => {
        const [event] = await writeEvents(run, [draft], this.eventDataBytesMax);
        invariant(event !== undefined && draft.dedupeKey == null, "a test event is written");
        const row = delivery(event);
        checkDelivery(row);
        // The answer shows the event's number, taken above: so the key is claimed last, and a
        // key already stored rolls the event and its delivery back.
        const stored = answer === null ? null : await claimAnswer(run, answer.answer(event));
        if (stored !== null) throw new Refused(stored);
        await run(insertDeliverySql, cellsOf(deliveryColumns, row));
        return { event, delivery: row };
      });
    } catch (error) {
      if (error instanceof Refused && error.stored !== null) return { stored: error.stored };
      throw error;
    }
  }

  dispatchEvents(
    organizationId: string,
    from: number,
    to: number,
    deliveries: readonly DeliveryRow[],
  ): Promise<boolean> {
    for (const delivery of deliveries) checkDelivery(delivery);
    return atCheckpoint(this.sql, organizationId, "deliveries", from, to, async (run) => {
      for (const delivery of deliveries)
        await run(insertDeliverySql, cellsOf(deliveryColumns, delivery));
    });
  }

  insertDeliveries(
    deliveries: readonly DeliveryRow[],
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    for (const delivery of deliveries) checkDelivery(delivery);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, async () => {
        for (const delivery of deliveries)
          await run(insertDeliverySql, cellsOf(deliveryColumns, delivery));
      }),
    );
  }

  async readDelivery(organizationId: string, id: string) {
    const sql = "SELECT * FROM webhook_deliveries WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToDelivery(row);
  }

  async listDeliveries(organizationId: string, page: DeliveryPage) {
    const before = page.startingAfter === undefined ? "" : " AND id < ?";
    const rows = await this.sql.all(
      `SELECT * FROM webhook_deliveries WHERE organization_id = ? AND endpoint_id = ?${before}
        ORDER BY id DESC LIMIT ?`,
      [
        organizationId,
        page.endpointId,
        ...(page.startingAfter === undefined ? [] : [page.startingAfter]),
        page.limit,
      ],
    );
    return rows.map(rowToDelivery);
  }

  async claimDeliveries(now: number, leaseUntil: number, bounds: ClaimBounds) {
    invariant(leaseUntil > now, "a lease ends after it is taken");
    const lock = this.skipLocked ? " FOR UPDATE SKIP LOCKED" : "";
    return this.sql.inTransaction(async (run) => {
      const inFlight = (
        await run(
          `SELECT organization_id, endpoint_id FROM webhook_deliveries
            WHERE status = 'pending' AND lease_until > ?`,
          [now],
        )
      ).map((row) => ({
        organizationId: text(row.organization_id),
        endpointId: text(row.endpoint_id),
      }));
      if (inFlight.length >= bounds.total) return [];
      // A few times the room left, so that endpoints at their bound do not crowd out the rest.
      const candidates = (
        await run(
          `SELECT * FROM webhook_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ?
              AND (lease_until IS NULL OR lease_until <= ?)
            ORDER BY next_attempt_at, organization_id, id LIMIT ?${lock}`,
          [now, now, (bounds.total - inFlight.length) * 4],
        )
      ).map(rowToDelivery);
      const chosen = withinBounds(candidates, inFlight, bounds);
      for (const row of chosen)
        await run(
          "UPDATE webhook_deliveries SET lease_until = ? WHERE organization_id = ? AND id = ?",
          [leaseUntil, row.organizationId, row.id],
        );
      return chosen.map((row) => ({ ...row, leaseUntil }));
    });
  }

  async finishDelivery(next: DeliveryRow, leaseUntil: number): Promise<boolean> {
    checkDelivery(next);
    invariant(next.leaseUntil === null, "an attempt's outcome ends its lease");
    try {
      const updated = await this.sql.inTransaction((run) =>
        run(finishSql, [
          next.status,
          next.attempts,
          next.nextAttemptAt,
          next.lastStatusCode,
          next.lastError,
          next.responseExcerpt,
          next.updatedAt,
          next.organizationId,
          next.id,
          leaseUntil,
        ]),
      );
      return updated.length > 0;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

export const webhookTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE webhook_endpoints (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  url ${t.text} NOT NULL,
  description ${t.text} NOT NULL,
  event_types ${t.text} NOT NULL,
  enabled ${t.big} NOT NULL CHECK (enabled IN (0, 1)),
  secret ${t.text} NOT NULL,
  previous_secret ${t.text},
  previous_secret_until ${t.big},
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};

CREATE TABLE webhook_deliveries (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  endpoint_id ${t.text} NOT NULL,
  event_id ${t.text} NOT NULL,
  status ${t.text} NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts ${t.big} NOT NULL CHECK (attempts >= 0),
  next_attempt_at ${t.big},
  lease_until ${t.big},
  last_status_code ${t.big},
  last_error ${t.text},
  response_excerpt ${t.text},
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (organization_id, endpoint_id, id);
`;
