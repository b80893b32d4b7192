/**
 * Upstream accounts and their windows' usage in process memory, with the databases' contract
 * (`../upstreams.ts`): rows copied in and out, administrators' changes conditional on a version,
 * a use added to every window at once, all under the memory store's lock.
 */
import type { AuditEntry } from "../audit.ts";
import type { Page, ScopedAnswer } from "../directory.ts";
import type { Mutex } from "../mutex.ts";
import type { StoredAnswer } from "../records.ts";
import {
  checkUpstreamAccount,
  checkUpstreamUse,
  type UpstreamAccountRow,
  type UpstreamStore,
  type UpstreamUsageRow,
  type UpstreamUse,
  windowCurrent,
} from "../upstreams.ts";
import { compare, type KeptAnswer, keptOf, pageOf, storedOf } from "./kept.ts";

/** What the upstream accounts use of the memory store. */
export interface UpstreamsHost {
  readonly lock: Mutex;
  /** The answers of a scope, whose claims append their audit records; callers hold the lock. */
  answersIn(scope: string): Map<string, KeptAnswer>;
  readonly audit: { append(entries: readonly AuditEntry[]): void };
}

const copy = (row: UpstreamAccountRow): UpstreamAccountRow => ({
  ...row,
  windows: row.windows.map((window) => ({ ...window })),
});

export class MemoryUpstreams implements UpstreamStore {
  private readonly accounts = new Map<string, UpstreamAccountRow>();
  /** By `organization/account/duration`. */
  private readonly usage = new Map<string, UpstreamUsageRow>();

  constructor(private readonly host: UpstreamsHost) {}

  insertUpstreamAccount(
    row: UpstreamAccountRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkUpstreamAccount(row);
    return this.host.lock.run(async () => {
      const kept = answer === null ? undefined : this.host.answersIn(answer.scope).get(answer.key);
      if (kept !== undefined) return storedOf(kept);
      const key = `${row.organizationId}/${row.id}`;
      if (this.accounts.has(key)) throw new Error(`upstream account ${row.id} exists`);
      this.accounts.set(key, copy(row));
      if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
      return null;
    });
  }

  async readUpstreamAccount(organizationId: string, id: string) {
    const row = this.accounts.get(`${organizationId}/${id}`);
    return row === undefined ? null : copy(row);
  }

  async listUpstreamAccounts(organizationId: string, page: Page) {
    return pageOf(this.of(organizationId), page).map(copy);
  }

  async countUpstreamAccounts(organizationId: string) {
    return this.of(organizationId).length;
  }

  updateUpstreamAccount(
    next: UpstreamAccountRow,
    expectedVersion: number,
    audit: AuditEntry | null,
  ): Promise<boolean> {
    checkUpstreamAccount(next, expectedVersion);
    return this.host.lock.run(async () => {
      const key = `${next.organizationId}/${next.id}`;
      const stored = this.accounts.get(key);
      if (stored?.version !== expectedVersion) return false;
      // What the gateway sets stays as stored: an administrator's change never writes it.
      const { coolingUntil, lastUsedAt } = stored;
      this.accounts.set(key, { ...copy(next), coolingUntil, lastUsedAt });
      const durations = new Set(next.windows.map((window) => window.durationSeconds));
      for (const [usageKey, row] of this.usageOf(next.organizationId, next.id))
        if (!durations.has(row.durationSeconds)) this.usage.delete(usageKey);
      if (audit !== null) this.host.audit.append([audit]);
      return true;
    });
  }

  deleteUpstreamAccount(
    organizationId: string,
    id: string,
    audit: ((deleted: UpstreamAccountRow) => AuditEntry) | null,
  ): Promise<UpstreamAccountRow | null> {
    return this.host.lock.run(async () => {
      const deleted = this.accounts.get(`${organizationId}/${id}`);
      if (deleted === undefined) return null;
      this.accounts.delete(`${organizationId}/${id}`);
      for (const [usageKey] of this.usageOf(organizationId, id)) this.usage.delete(usageKey);
      if (audit !== null) this.host.audit.append([audit(copy(deleted))]);
      return copy(deleted);
    });
  }

  async listUpstreamUsage(organizationId: string) {
    return [...this.usage.values()]
      .filter((row) => row.organizationId === organizationId)
      .sort((a, b) => compare(a.accountId, b.accountId) || a.durationSeconds - b.durationSeconds)
      .map((row) => ({ ...row }));
  }

  recordUpstreamUse(organizationId: string, id: string, use: UpstreamUse, now: number) {
    checkUpstreamUse(use);
    return this.host.lock.run(async () => {
      const key = `${organizationId}/${id}`;
      const account = this.accounts.get(key);
      if (account === undefined) return null;
      if (account.lastUsedAt === null || account.lastUsedAt < now)
        this.accounts.set(key, { ...account, lastUsedAt: now });
      return account.windows.map(({ durationSeconds }) => {
        const usageKey = `${key}/${durationSeconds}`;
        const before = this.usage.get(usageKey);
        const row =
          before !== undefined && windowCurrent(before, now)
            ? {
                ...before,
                requests: before.requests + use.requests,
                tokens: before.tokens + use.tokens,
              }
            : {
                organizationId,
                accountId: id,
                durationSeconds,
                startedAt: now,
                requests: use.requests,
                tokens: use.tokens,
              };
        this.usage.set(usageKey, row);
        return { ...row };
      });
    });
  }

  coolUpstreamAccount(organizationId: string, id: string, until: number): Promise<boolean> {
    return this.host.lock.run(async () => {
      const key = `${organizationId}/${id}`;
      const account = this.accounts.get(key);
      if (account === undefined) return false;
      if (account.coolingUntil === null || account.coolingUntil < until)
        this.accounts.set(key, { ...account, coolingUntil: until });
      return true;
    });
  }

  private of(organizationId: string): UpstreamAccountRow[] {
    return [...this.accounts.values()].filter((row) => row.organizationId === organizationId);
  }

  private usageOf(organizationId: string, id: string): [string, UpstreamUsageRow][] {
    return [...this.usage].filter(
      ([, row]) => row.organizationId === organizationId && row.accountId === id,
    );
  }
}
