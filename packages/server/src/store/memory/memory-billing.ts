/**
 * Plans, subscriptions and invoices in process memory, with the databases' contract: rows are
 * copied in and out, writes are conditional on versions and on unique keys as the databases' are,
 * and an answer given with a write claims its key in the same step. It shares the memory store's
 * lock and answers, so one idempotency key means one request whichever part it reached.
 */

import type { AuditEntry } from "../audit.ts";
import type {
  BillingStore,
  InvoicePage,
  InvoiceRow,
  InvoiceWrite,
  PlanRow,
  SubscriptionKey,
  SubscriptionRow,
} from "../billing.ts";
import {
  checkInvoiceVersion,
  checkSubscription,
  checkSubscriptionUpdate,
  seatsOf,
} from "../billing-checks.ts";
import type { Page, ScopedAnswer } from "../directory.ts";
import { invoiceEvents, subscriptionEvents } from "../event-payloads.ts";
import type { EventDraft } from "../events.ts";
import type { Mutex } from "../mutex.ts";
import type { StoredAnswer } from "../port.ts";
import type {
  SeatAssignmentRow,
  SeatAssignmentStore,
  SeatGate,
  SeatTaken,
} from "../seat-assignments.ts";
import { compare, type KeptAnswer, keptOf, pageOf, storedOf } from "./kept.ts";

/** What the billing part uses of the memory store. */
export interface MemoryHost {
  readonly lock: Mutex;
  /** The answers of a scope; callers hold the lock. */
  answersIn(scope: string): Map<string, KeptAnswer>;
  /** Writes events with the write that makes them; callers hold the lock. */
  writeEvents(drafts: readonly EventDraft[]): unknown;
  /** The audit trail, appended to with the write that makes the change; callers hold the lock. */
  readonly audit: { append(entries: readonly AuditEntry[]): void };
}

export class MemoryBilling implements BillingStore, SeatAssignmentStore {
  private readonly plans = new Map<string, PlanRow[]>();
  /** Subscriptions and invoices by organization, then by id. */
  private readonly subscriptions = new Map<string, Map<string, SubscriptionRow>>();
  private readonly invoices = new Map<string, Map<string, InvoiceRow>>();
  /** Seat assignments by organization, then by subscription, then by member. */
  private readonly seats = new Map<string, Map<string, Map<string, SeatAssignmentRow>>>();

  constructor(private readonly host: MemoryHost) {}

  insertPlan(plan: PlanRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    return this.host.lock.run(async () =>
      this.writeOnce(answer, () => {
        const plans = this.plans.get(plan.scope) ?? [];
        if (plans.some((p) => p.id === plan.id && p.version === plan.version))
          throw new Error(`plan ${plan.id} version ${plan.version} exists`);
        this.plans.set(plan.scope, [...plans, { ...plan }]);
      }),
    );
  }

  async listPlans(scope: string): Promise<PlanRow[]> {
    return (this.plans.get(scope) ?? [])
      .map((plan) => ({ ...plan }))
      .sort((a, b) => compare(a.id, b.id) || a.version - b.version);
  }

  async readPlan(scope: string, id: string, version: number): Promise<PlanRow | null> {
    return copyOf(this.plans.get(scope)?.find((p) => p.id === id && p.version === version));
  }

  async insertSubscription(
    row: SubscriptionRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkSubscription(row);
    return this.host.lock.run(async () =>
      this.writeOnce(answer, () => {
        const rows = within(this.subscriptions, row.organizationId);
        if (rows.has(row.id)) throw new Error(`subscription ${row.id} exists`);
        const active = (other: SubscriptionRow) =>
          other.status === "active" && other.poolId === row.poolId;
        if (row.status === "active" && [...rows.values()].some(active))
          throw new Error(`pool ${row.poolId} has an active subscription`);
        rows.set(row.id, { ...row });
        this.host.writeEvents(subscriptionEvents(null, row));
      }),
    );
  }

  async readSubscription(organizationId: string, id: string): Promise<SubscriptionRow | null> {
    const row = this.subscriptions.get(organizationId)?.get(id);
    return row === undefined ? null : this.counted(row);
  }

  async listSubscriptions(organizationId: string, page: Page): Promise<SubscriptionRow[]> {
    const rows = [...(this.subscriptions.get(organizationId)?.values() ?? [])];
    return pageOf(rows, page).map((row) => this.counted(row));
  }

  assignSeat(row: SeatAssignmentRow, answer: ScopedAnswer | null): Promise<SeatTaken> {
    return this.host.lock.run(async () => {
      const subscription = this.subscriptions.get(row.organizationId)?.get(row.subscriptionId);
      if (subscription?.status !== "active") return { kind: "inactive" };
      const held = this.seatsOf(row.organizationId, row.subscriptionId);
      const existing = held.get(row.memberId);
      if (existing !== undefined) return { kind: "exists", assignment: { ...existing } };
      if (held.size >= seatsOf(subscription)) return { kind: "exhausted" };
      const stored = this.writeOnce(answer, () => held.set(row.memberId, { ...row }));
      return stored === null ? { kind: "assigned" } : { kind: "replay", stored };
    });
  }

  unassignSeat(key: Omit<SeatAssignmentRow, "assignedAt">, answer: ScopedAnswer | null) {
    return this.host.lock.run(async () => {
      const held = this.seatsOf(key.organizationId, key.subscriptionId);
      const existing = held.get(key.memberId);
      if (existing === undefined) return null;
      const stored = this.writeOnce(answer, () => held.delete(key.memberId));
      return stored === null ? { ...existing } : { stored };
    });
  }

  async readSeatAssignment(organizationId: string, subscriptionId: string, memberId: string) {
    return copyOf(this.seats.get(organizationId)?.get(subscriptionId)?.get(memberId));
  }

  async listSeatAssignments(organizationId: string, subscriptionId: string, page: Page) {
    const held = [...(this.seats.get(organizationId)?.get(subscriptionId)?.values() ?? [])];
    const rows = pageOf(
      held.map((row) => ({ ...row, id: row.memberId })),
      page,
    );
    return rows.map(({ id: _, ...row }) => row);
  }

  async seatGates(organizationId: string): Promise<SeatGate[]> {
    return [...(this.subscriptions.get(organizationId)?.values() ?? [])]
      .filter((row) => row.status === "active" && row.seatAccess === "assigned")
      .sort((a, b) => compare(a.id, b.id))
      .map((row) => ({ subscriptionId: row.id, poolId: row.poolId }));
  }

  /** A subscription's assignments, made on first use; callers hold the lock to write. */
  private seatsOf(organizationId: string, subscriptionId: string) {
    const bySubscription = within(this.seats, organizationId);
    let held = bySubscription.get(subscriptionId);
    if (held === undefined) {
      held = new Map();
      bySubscription.set(subscriptionId, held);
    }
    return held;
  }

  /** A copy of a subscription with its assignments counted, as the databases read it. */
  private counted(row: SubscriptionRow): SubscriptionRow {
    const held = this.seats.get(row.organizationId)?.get(row.id)?.size ?? 0;
    return { ...row, seatsAssigned: held };
  }

  /** Checks every write against the stored rows, staged invoices and answers, then writes all. */
  async updateSubscription(
    next: SubscriptionRow,
    expectedVersion: number,
    invoices: readonly InvoiceWrite[] = [],
    answer: ScopedAnswer | null = null,
    audit: readonly AuditEntry[] = [],
  ): Promise<boolean> {
    checkSubscriptionUpdate(next, expectedVersion, invoices);
    return this.host.lock.run(async () => {
      const stored = this.subscriptions.get(next.organizationId)?.get(next.id);
      if (stored === undefined || stored.version !== expectedVersion) return false;
      const held = this.seats.get(next.organizationId)?.get(next.id)?.size ?? 0;
      if (seatsOf(next) < seatsOf(stored) && held > seatsOf(next)) return false;
      const staged = new Map<string, InvoiceRow>(this.invoices.get(next.organizationId));
      if (!invoices.every((invoice) => stageInvoice(staged, invoice))) return false;
      if (answer !== null && this.host.answersIn(answer.scope).has(answer.key)) return false;
      const before = this.invoices.get(next.organizationId);
      within(this.subscriptions, next.organizationId).set(next.id, { ...next });
      this.invoices.set(next.organizationId, staged);
      this.host.writeEvents([
        ...subscriptionEvents(stored, next),
        ...invoices.flatMap(({ row }) => invoiceEvents(before?.get(row.id) ?? null, row)),
      ]);
      if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
      if (audit.length > 0) this.host.audit.append(audit);
      return true;
    });
  }

  async pendingSubscriptions(limit: number): Promise<SubscriptionKey[]> {
    return [...this.subscriptions.values()]
      .flatMap((rows) => [...rows.values()])
      .filter((row) => row.effectsPending)
      .sort((a, b) => compare(a.organizationId, b.organizationId) || compare(a.id, b.id))
      .slice(0, limit)
      .map(({ organizationId, id }) => ({ organizationId, id }));
  }

  async autoTopUpSubscriptions(limit: number, after?: SubscriptionKey): Promise<SubscriptionKey[]> {
    const past = (row: SubscriptionRow) =>
      after === undefined ||
      compare(row.organizationId, after.organizationId) > 0 ||
      (row.organizationId === after.organizationId && compare(row.id, after.id) > 0);
    return [...this.subscriptions.values()]
      .flatMap((rows) => [...rows.values()])
      .filter((row) => row.status === "active" && row.autoTopUp !== null && past(row))
      .sort((a, b) => compare(a.organizationId, b.organizationId) || compare(a.id, b.id))
      .slice(0, limit)
      .map(({ organizationId, id }) => ({ organizationId, id }));
  }

  async dueSubscriptions(now: number, limit: number): Promise<SubscriptionKey[]> {
    return [...this.subscriptions.values()]
      .flatMap((rows) => [...rows.values()])
      .filter((row) => row.status === "active" && row.periodEnd <= now)
      .sort(
        (a, b) =>
          a.periodEnd - b.periodEnd ||
          compare(a.organizationId, b.organizationId) ||
          compare(a.id, b.id),
      )
      .slice(0, limit)
      .map(({ organizationId, id }) => ({ organizationId, id }));
  }

  async readInvoice(organizationId: string, id: string): Promise<InvoiceRow | null> {
    return copyOf(this.invoices.get(organizationId)?.get(id));
  }

  async readInvoiceForPeriod(
    organizationId: string,
    subscriptionId: string,
    periodIndex: number,
  ): Promise<InvoiceRow | null> {
    const rows = [...(this.invoices.get(organizationId)?.values() ?? [])];
    return copyOf(
      rows.find((row) => row.subscriptionId === subscriptionId && row.periodIndex === periodIndex),
    );
  }

  async listInvoices(organizationId: string, page: InvoicePage): Promise<InvoiceRow[]> {
    const rows = [...(this.invoices.get(organizationId)?.values() ?? [])].filter(
      (row) => page.subscriptionId === undefined || row.subscriptionId === page.subscriptionId,
    );
    return pageOf(rows, page).map((row) => ({ ...row }));
  }

  async saveInvoice(
    row: InvoiceRow,
    expectedVersion: number | null,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean | StoredAnswer> {
    checkInvoiceVersion(row, expectedVersion);
    return this.host.lock.run(async () => {
      const stored =
        answer === null ? undefined : this.host.answersIn(answer.scope).get(answer.key);
      if (stored !== undefined) return storedOf(stored);
      const write = { row, expectedVersion };
      const before = copyOf(this.invoices.get(row.organizationId)?.get(row.id));
      if (!stageInvoice(within(this.invoices, row.organizationId), write)) return false;
      this.host.writeEvents(invoiceEvents(before, row));
      if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
      return true;
    });
  }

  /** As the databases do: `write` only when the answer's key is new in its scope. */
  private writeOnce(answer: ScopedAnswer | null, write: () => void): StoredAnswer | null {
    if (answer === null) {
      write();
      return null;
    }
    const answers = this.host.answersIn(answer.scope);
    const stored = answers.get(answer.key);
    if (stored !== undefined) return storedOf(stored);
    write();
    answers.set(answer.key, keptOf(answer));
    return null;
  }
}

/** An organization's rows, made on first use; callers hold the lock. */
function within<T>(rows: Map<string, Map<string, T>>, organizationId: string): Map<string, T> {
  let found = rows.get(organizationId);
  if (found === undefined) {
    found = new Map();
    rows.set(organizationId, found);
  }
  return found;
}

/** A copy of a stored row (its fields are all primitives), so callers cannot change it. */
function copyOf<T extends object>(row: T | undefined): T | null {
  return row === undefined ? null : { ...row };
}

/**
 * Writes an invoice into an organization's invoices only where the databases would: an insert of
 * a new id, an update at the expected version, and never onto a (subscription, period) or a
 * number another invoice holds. Answers whether it wrote.
 */
function stageInvoice(invoices: Map<string, InvoiceRow>, write: InvoiceWrite): boolean {
  const { row, expectedVersion } = write;
  const stored = invoices.get(row.id);
  if (expectedVersion === null ? stored !== undefined : stored?.version !== expectedVersion)
    return false;
  for (const other of invoices.values()) {
    if (other.id === row.id) continue;
    if (other.subscriptionId === row.subscriptionId && other.periodIndex === row.periodIndex)
      return false;
    if (row.number !== null && other.number === row.number) return false;
  }
  invoices.set(row.id, { ...row });
  return true;
}
