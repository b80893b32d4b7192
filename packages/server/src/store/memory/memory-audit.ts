/**
 * The audit trail in memory: each organization's records and chain head. Records are appended
 * only by the holder of the memory store's lock (a directory write claiming its answer) or by an
 * engine batch at its commit, so the chain is extended by one writer at a time, as the
 * databases' head lock makes it.
 */
import {
  type AuditEntry,
  type AuditHead,
  type AuditQuery,
  type AuditRecord,
  type AuditStore,
  auditMatches,
  chainAfter,
} from "../audit.ts";
import type { KeptAnswer } from "./kept.ts";

export class MemoryAudit implements AuditStore {
  private readonly chains = new Map<string, AuditRecord[]>();

  append(entries: readonly AuditEntry[]): void {
    const byOrganization = new Map<string, AuditEntry[]>();
    for (const entry of entries)
      byOrganization.set(entry.organizationId, [
        ...(byOrganization.get(entry.organizationId) ?? []),
        entry,
      ]);
    for (const [organizationId, group] of byOrganization) {
      const chain = this.chains.get(organizationId) ?? [];
      const last = chain[chain.length - 1];
      chain.push(...chainAfter(last === undefined ? null : last, group));
      this.chains.set(organizationId, chain);
    }
  }

  async listAuditRecords(organizationId: string, query: AuditQuery): Promise<AuditRecord[]> {
    const chain = this.chains.get(organizationId) ?? [];
    return chain.filter((record) => auditMatches(record, query)).slice(0, query.limit);
  }

  async readAuditHead(organizationId: string): Promise<AuditHead | null> {
    const chain = this.chains.get(organizationId) ?? [];
    const last = chain[chain.length - 1];
    return last === undefined ? null : { sequence: last.sequence, hash: last.hash };
  }

  async listAuditOrganizations(afterId: string, limit: number): Promise<string[]> {
    return [...this.chains.keys()]
      .filter((id) => id > afterId)
      .sort()
      .slice(0, limit);
  }
}

/**
 * An organization's (or the operator's) stored answers. Storing an answer is claiming its key,
 * so an answer that carries the audit records of its change appends them as it is stored, as the
 * databases' `claimAnswer` does; a replay finds the key and stores nothing.
 */
export class AnswerMap extends Map<string, KeptAnswer> {
  constructor(private readonly onAudit: (entries: readonly AuditEntry[]) => void) {
    super();
  }

  override set(key: string, value: KeptAnswer): this {
    const { audit, ...kept } = value;
    if (audit !== undefined && audit.length > 0) this.onAudit(audit);
    return super.set(key, kept);
  }
}
