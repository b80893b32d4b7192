/**
 * The audit trail: who changed what, recorded with the change itself. Services make the entries
 * (`auditEntry` for their own writes, `auditIntent` for the engine's commands) and the store
 * chains them; this service reads them back, a page or an export at a time.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import type { AuditIntent } from "../engine/engine.ts";
import { Refusal } from "../refusal.ts";
import type { AuditActor, AuditEntry, AuditQuery, AuditRecord } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";

export type { AuditView } from "../engine/engine.ts";
export type { AuditRecord } from "../store/port.ts";
export { auditExported, auditHash, canonicalJson } from "../store/port.ts";

/** A job acting on its own: renewals, recurring grant issues, auto top-ups. */
export const systemActor: AuditActor = { type: "system" };

export function auditActor(principal: Principal): AuditActor {
  if (principal.role === "operator") return { type: "operator", id: principal.keyId };
  return { type: "key", id: principal.keyId, role: principal.role };
}

/** What the engine records of an administrative command it applies. */
export function auditIntent(
  principal: Principal,
  action: string,
  targetType: AuditIntent["targetType"],
  target?: AuditIntent["target"],
): AuditIntent {
  return {
    actor: auditActor(principal),
    requestId: principal.requestId ?? null,
    action,
    targetType,
    ...(target === undefined ? {} : { target }),
  };
}

export interface AuditChange {
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** An entry for a change a service writes itself, in its own transaction. */
export function auditEntry(
  context: ServiceContext,
  principal: Principal,
  organizationId: string,
  change: AuditChange,
  at = context.clock(),
): AuditEntry {
  return {
    id: context.ids.next("aud"),
    organizationId,
    at,
    actor: auditActor(principal),
    requestId: principal.requestId ?? null,
    ...change,
  };
}

/** An entry for a change a job makes on its own (actor `system`, no request). */
export function systemAuditEntry(
  context: ServiceContext,
  organizationId: string,
  change: AuditChange,
  at = context.clock(),
): AuditEntry {
  const id = context.ids.next("aud");
  return { id, organizationId, at, actor: systemActor, requestId: null, ...change };
}

export interface AuditFilter {
  readonly action?: string | undefined;
  readonly target?: string | undefined;
  readonly actor?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

function queryOf(filter: AuditFilter, afterSequence: number, limit: number): AuditQuery {
  const optional = {
    action: filter.action,
    targetId: filter.target,
    actor: filter.actor,
    fromAt: filter.from,
    toAt: filter.to,
  };
  const set = Object.entries(optional).filter(([, value]) => value !== undefined);
  return { afterSequence, limit, ...Object.fromEntries(set) };
}

export class AuditService {
  constructor(private readonly context: ServiceContext) {}

  /** A page of the organization's records in sequence order: one more than asked, for `has_more`. */
  async list(
    principal: Principal,
    filter: AuditFilter,
    afterSequence: number,
    limit: number,
  ): Promise<AuditRecord[]> {
    const organizationId = requirePermission(principal, "audit.read");
    return this.context.store.listAuditRecords(
      organizationId,
      queryOf(filter, afterSequence, limit + 1),
    );
  }

  /** How many records the organization's chain holds: its head's sequence. */
  async count(principal: Principal): Promise<number> {
    const organizationId = requirePermission(principal, "audit.read");
    return (await this.context.store.readAuditHead(organizationId))?.sequence ?? 0;
  }

  /**
   * The records of a span of time, in sequence order, read a page at a time so an export holds
   * one page in memory. The span is checked before the first record is read.
   */
  exportRecords(principal: Principal, from: number, to: number): AsyncGenerator<AuditRecord> {
    const organizationId = requirePermission(principal, "audit.read");
    if (to <= from) throw new Refusal("invalid_request", "to must be after from.", "to");
    if (to - from > limits.auditExportSpanMsMax) {
      const days = limits.auditExportSpanMsMax / 86_400_000;
      throw new Refusal("invalid_request", `An export spans at most ${days} days.`, "to");
    }
    return this.pages(organizationId, { from, to });
  }

  private async *pages(organizationId: string, filter: AuditFilter): AsyncGenerator<AuditRecord> {
    let after = 0;
    let sent = 0;
    while (sent < limits.auditExportRecordsMax) {
      const size = Math.min(limits.auditExportPageSize, limits.auditExportRecordsMax - sent);
      const records = await this.context.store.listAuditRecords(
        organizationId,
        queryOf(filter, after, size),
      );
      for (const record of records) yield record;
      sent += records.length;
      const last = records[records.length - 1];
      if (last === undefined || records.length < size) return;
      after = last.sequence;
    }
  }
}
