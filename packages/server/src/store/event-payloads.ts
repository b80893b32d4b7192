/**
 * The events the directory and billing write with their own rows, in the same transaction: which
 * change is which event, and the data it carries. Every adapter derives them here from the row
 * before and the row after, so the three stores tell the same story.
 *
 * Data is snake_case JSON like the API's views, times as ISO 8601, money in minor units as a
 * decimal string beside its currency.
 */
import type { EventDraft, EventType } from "./events.ts";

// What the events read of a key, a subscription and an invoice (their rows have more): declared
// here so that the directory and billing, which write these events, are not imported back.
interface KeyRow {
  readonly id: string;
  readonly organizationId: string | null;
  readonly prefix: string;
  readonly role: string;
  readonly poolId: string | null;
  readonly memberId: string | null;
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

interface SubscriptionRow {
  readonly organizationId: string;
  readonly id: string;
  readonly planId: string;
  readonly planVersion: number;
  readonly poolId: string;
  readonly seats: number;
  /** JSON text: seats by tier id. */
  readonly tierSeats: string;
  readonly status: "active" | "canceled";
  readonly cancelAtPeriodEnd: boolean;
  readonly periodIndex: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly updatedAt: number;
}

interface InvoiceRow {
  readonly organizationId: string;
  readonly id: string;
  readonly subscriptionId: string;
  readonly status: "draft" | "finalized" | "paid" | "void";
  readonly number: string | null;
  readonly currency: string;
  readonly total: bigint;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly updatedAt: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function draft(
  organizationId: string,
  type: EventType,
  data: Record<string, unknown>,
  createdAt: number,
): EventDraft {
  return { organizationId, type, data: JSON.stringify(data), createdAt };
}

function keyData(key: KeyRow) {
  return {
    id: key.id,
    object: "key",
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    pool: key.poolId,
    member: key.memberId,
    created_at: iso(key.createdAt),
    revoked_at: iso(key.revokedAt),
  };
}

/** `key.created` for a key of an organization (the operator's keys belong to none). */
export function keyCreatedEvents(key: KeyRow): EventDraft[] {
  if (key.organizationId === null) return [];
  return [draft(key.organizationId, "key.created", keyData(key), key.createdAt)];
}

/** `key.revoked`, for a key this write revoked (not one revoked already). */
export function keyRevokedEvents(key: KeyRow): EventDraft[] {
  if (key.organizationId === null || key.revokedAt === null) return [];
  return [draft(key.organizationId, "key.revoked", keyData(key), key.revokedAt)];
}

function subscriptionData(row: SubscriptionRow) {
  return {
    id: row.id,
    object: "subscription",
    plan: row.planId,
    plan_version: row.planVersion,
    pool: row.poolId,
    seats: row.seats,
    tier_seats: JSON.parse(row.tierSeats) as Record<string, number>,
    status: row.status,
    cancel_at_period_end: row.cancelAtPeriodEnd,
    period_index: row.periodIndex,
    period_start: iso(row.periodStart),
    period_end: iso(row.periodEnd),
  };
}

/**
 * `subscription.created` for a new one; `subscription.renewed` when its period moves on while it
 * stays active; `subscription.canceled` when it stops being active.
 */
export function subscriptionEvents(
  before: SubscriptionRow | null,
  after: SubscriptionRow,
): EventDraft[] {
  const at = after.updatedAt;
  const data = subscriptionData(after);
  const id = after.organizationId;
  if (before === null) return [draft(id, "subscription.created", data, at)];
  const events: EventDraft[] = [];
  if (after.periodIndex > before.periodIndex && after.status === "active")
    events.push(draft(id, "subscription.renewed", data, at));
  if (before.status === "active" && after.status === "canceled")
    events.push(draft(id, "subscription.canceled", data, at));
  return events;
}

function invoiceData(row: InvoiceRow) {
  return {
    id: row.id,
    object: "invoice",
    subscription: row.subscriptionId,
    status: row.status,
    number: row.number,
    currency: row.currency,
    total: row.total.toString(),
    period_start: iso(row.periodStart),
    period_end: iso(row.periodEnd),
  };
}

const invoiceStatusEvents: Record<InvoiceRow["status"], EventType | null> = {
  draft: null,
  finalized: "invoice.finalized",
  paid: "invoice.paid",
  void: "invoice.voided",
};

/** `invoice.created` for a new invoice, then one event for each status it moves into. */
export function invoiceEvents(before: InvoiceRow | null, after: InvoiceRow): EventDraft[] {
  const at = after.updatedAt;
  const data = invoiceData(after);
  const id = after.organizationId;
  const events: EventDraft[] = [];
  if (before === null) events.push(draft(id, "invoice.created", data, at));
  const moved = before === null ? after.status !== "draft" : before.status !== after.status;
  const type = invoiceStatusEvents[after.status];
  if (moved && type !== null) events.push(draft(id, type, data, at));
  return events;
}
