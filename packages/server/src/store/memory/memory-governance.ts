/**
 * Governance tallies and decision records in process memory, with the databases' contract
 * (`../governance.ts`): tallies by organization and key, decisions newest first.
 */
import type { PeriodCounter } from "@creditpool/core";
import type { AuditEntry } from "../audit.ts";
import type { Page } from "../directory.ts";
import {
  type ApprovalRow,
  type DecisionFilter,
  type DecisionRow,
  type DecisionStore,
  decisionMatches,
} from "../governance.ts";
import type { Mutex } from "../mutex.ts";

export class MemoryGovernance implements DecisionStore {
  private readonly tallies = new Map<string, Map<string, PeriodCounter>>();
  private readonly decisions = new Map<string, Map<string, DecisionRow>>();
  private readonly approvals = new Map<string, ApprovalRow>();

  constructor(
    private readonly lock: Mutex,
    private readonly audit: { append(entries: readonly AuditEntry[]): void },
  ) {}

  /** The stored tallies among `keys`, copied. */
  loadTallies(organizationId: string, keys: readonly string[]): Map<string, PeriodCounter> {
    const stored = this.tallies.get(organizationId);
    const found = new Map<string, PeriodCounter>();
    for (const key of keys) {
      const counter = stored?.get(key);
      if (counter !== undefined) found.set(key, { ...counter });
    }
    return found;
  }

  /** Applies a committed batch's tallies and decisions; the caller holds the lock. */
  write(
    organizationId: string,
    tallies: readonly (readonly [string, PeriodCounter])[],
    decisions: readonly DecisionRow[],
  ): void {
    if (tallies.length > 0) {
      const stored = this.tallies.get(organizationId) ?? new Map<string, PeriodCounter>();
      for (const [key, counter] of tallies) stored.set(key, { ...counter });
      this.tallies.set(organizationId, stored);
    }
    if (decisions.length > 0) {
      const stored = this.decisions.get(organizationId) ?? new Map<string, DecisionRow>();
      for (const decision of decisions) {
        if (stored.has(decision.id)) throw new Error(`decision ${decision.id} stored twice`);
        stored.set(decision.id, { ...decision });
      }
      this.decisions.set(organizationId, stored);
    }
  }

  async listDecisions(
    organizationId: string,
    filter: DecisionFilter,
    page: Page,
  ): Promise<DecisionRow[]> {
    const rows = [...(this.decisions.get(organizationId)?.values() ?? [])]
      .filter((row) => page.startingAfter === undefined || row.id < page.startingAfter)
      .filter((row) => decisionMatches(row, filter))
      .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return rows.slice(0, page.limit).map((row) => ({ ...row }));
  }

  decideApproval(
    organizationId: string,
    approval: ApprovalRow,
    audit: AuditEntry | null = null,
  ): Promise<ApprovalRow> {
    return this.lock.run(async () => {
      const key = `${organizationId}|${approval.decisionId}`;
      const first = this.approvals.get(key);
      const stored = first ?? approval;
      this.approvals.set(key, stored);
      if (first === undefined && audit !== null) this.audit.append([audit]);
      return { ...stored };
    });
  }

  async readApprovals(organizationId: string, decisionIds: readonly string[]) {
    return decisionIds.flatMap((id) => {
      const row = this.approvals.get(`${organizationId}|${id}`);
      return row === undefined ? [] : [{ ...row }];
    });
  }

  async readDecision(organizationId: string, id: string): Promise<DecisionRow | null> {
    const row = this.decisions.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async pruneDecisions(before: number, limit: number): Promise<number> {
    return this.lock.run(async () => {
      const old: [Map<string, DecisionRow>, DecisionRow][] = [];
      for (const rows of this.decisions.values()) {
        for (const row of rows.values()) if (row.at < before) old.push([rows, row]);
      }
      old.sort((a, b) => a[1].at - b[1].at);
      const pruned = old.slice(0, limit);
      for (const [rows, row] of pruned) rows.delete(row.id);
      return pruned.length;
    });
  }
}
