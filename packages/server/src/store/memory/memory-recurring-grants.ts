/**
 * Recurring grants in process memory, with the databases' contract: rows are copied in and out,
 * an update is conditional on the version, and an answer given with a write claims its key in
 * the same step, on the memory store's lock and answers.
 */
import type { Page, ScopedAnswer } from "../directory.ts";
import type { StoredAnswer } from "../port.ts";
import {
  checkRecurringGrant,
  type RecurringGrantKey,
  type RecurringGrantRow,
  type RecurringGrantStore,
} from "../recurring-grants.ts";
import { compare, keptOf, pageOf, storedOf } from "./kept.ts";
import type { MemoryHost } from "./memory-billing.ts";

export class MemoryRecurringGrants implements RecurringGrantStore {
  /** By organization, then by id. */
  private readonly rows = new Map<string, Map<string, RecurringGrantRow>>();

  constructor(private readonly host: MemoryHost) {}

  insertRecurringGrant(
    row: RecurringGrantRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkRecurringGrant(row);
    return this.host.lock.run(async () => {
      const answers = answer === null ? null : this.host.answersIn(answer.scope);
      const stored = answer === null ? undefined : answers?.get(answer.key);
      if (stored !== undefined) return storedOf(stored);
      const rows = this.organization(row.organizationId);
      if (rows.has(row.id)) throw new Error(`recurring grant ${row.id} exists`);
      rows.set(row.id, { ...row });
      if (answer !== null) answers?.set(answer.key, keptOf(answer));
      return null;
    });
  }

  async readRecurringGrant(organizationId: string, id: string) {
    const row = this.rows.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async listRecurringGrants(organizationId: string, page: Page) {
    const rows = [...(this.rows.get(organizationId)?.values() ?? [])];
    return pageOf(rows, page).map((row) => ({ ...row }));
  }

  async countRecurringGrants(organizationId: string): Promise<number> {
    return this.rows.get(organizationId)?.size ?? 0;
  }

  updateRecurringGrant(
    next: RecurringGrantRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean> {
    checkRecurringGrant(next, expectedVersion);
    return this.host.lock.run(async () => {
      const stored = this.rows.get(next.organizationId)?.get(next.id);
      if (stored === undefined || stored.version !== expectedVersion) return false;
      if (answer !== null && this.host.answersIn(answer.scope).has(answer.key)) return false;
      this.organization(next.organizationId).set(next.id, { ...next });
      if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
      return true;
    });
  }

  async dueRecurringGrants(now: number, limit: number): Promise<RecurringGrantKey[]> {
    const due: RecurringGrantRow[] = [];
    for (const rows of this.rows.values())
      for (const row of rows.values()) if (row.dueAt !== null && row.dueAt <= now) due.push(row);
    return due
      .sort(
        (a, b) =>
          (a.dueAt ?? 0) - (b.dueAt ?? 0) ||
          compare(a.organizationId, b.organizationId) ||
          compare(a.id, b.id),
      )
      .slice(0, limit)
      .map(({ organizationId, id }) => ({ organizationId, id }));
  }

  /** An organization's rows, made on first use. */
  private organization(organizationId: string): Map<string, RecurringGrantRow> {
    let found = this.rows.get(organizationId);
    if (found === undefined) {
      found = new Map();
      this.rows.set(organizationId, found);
    }
    return found;
  }
}
