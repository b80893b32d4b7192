/**
 * Alert rules and alerts in process memory, with the databases' contract (`../alerts.ts`): rows
 * copied in and out, changes conditional on the version, a dedupe key written once per
 * organization, and an alert's event and answer written in the same step, under the lock.
 */
import type { AlertFilter, AlertRow, AlertRuleRow, AlertStore } from "../alerts.ts";
import { checkAlert, checkAlertRule } from "../alerts.ts";
import type { AuditEntry } from "../audit.ts";
import type { Page, ScopedAnswer } from "../directory.ts";
import type { EventDraft } from "../events.ts";
import type { StoredAnswer } from "../port.ts";
import { compare, keptOf, pageOf, storedOf } from "./kept.ts";
import type { MemoryHost } from "./memory-billing.ts";

type ByOrganization<T> = Map<string, Map<string, T>>;

function within<T>(rows: ByOrganization<T>, organizationId: string): Map<string, T> {
  let found = rows.get(organizationId);
  if (found === undefined) {
    found = new Map();
    rows.set(organizationId, found);
  }
  return found;
}

export class MemoryAlerts implements AlertStore {
  private readonly rules: ByOrganization<AlertRuleRow> = new Map();
  private readonly alerts: ByOrganization<AlertRow> = new Map();

  constructor(private readonly host: MemoryHost) {}

  insertAlertRule(
    row: AlertRuleRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkAlertRule(row);
    return this.host.lock.run(async () => {
      const stored =
        answer === null ? undefined : this.host.answersIn(answer.scope).get(answer.key);
      if (stored !== undefined) return storedOf(stored);
      const rules = within(this.rules, row.organizationId);
      if (rules.has(row.id)) throw new Error(`alert rule ${row.id} exists`);
      rules.set(row.id, { ...row });
      this.keep(answer);
      return null;
    });
  }

  async readAlertRule(organizationId: string, id: string) {
    const row = this.rules.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async listAlertRules(organizationId: string, page: Page) {
    return pageOf([...(this.rules.get(organizationId)?.values() ?? [])], page).map((row) => ({
      ...row,
    }));
  }

  async countAlertRules(organizationId: string) {
    return this.rules.get(organizationId)?.size ?? 0;
  }

  updateAlertRule(
    next: AlertRuleRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ) {
    checkAlertRule(next, expectedVersion);
    return this.host.lock.run(async () => {
      const stored = this.rules.get(next.organizationId)?.get(next.id);
      if (stored?.version !== expectedVersion || this.taken(answer)) return false;
      within(this.rules, next.organizationId).set(next.id, { ...next });
      this.keep(answer);
      if (audit !== null) this.host.audit.append([audit]);
      return true;
    });
  }

  deleteAlertRule(
    organizationId: string,
    id: string,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ) {
    return this.host.lock.run(async () => {
      const stored = this.rules.get(organizationId)?.get(id);
      if (stored?.version !== expectedVersion || this.taken(answer)) return false;
      within(this.rules, organizationId).delete(id);
      this.keep(answer);
      if (audit !== null) this.host.audit.append([audit]);
      return true;
    });
  }

  async alertRuleOrganizations(after: string, limit: number) {
    return [...this.rules]
      .filter(([id, rules]) => id > after && [...rules.values()].some((rule) => rule.enabled))
      .map(([id]) => id)
      .sort(compare)
      .slice(0, limit);
  }

  raiseAlert(row: AlertRow, event: EventDraft): Promise<boolean> {
    checkAlert(row);
    return this.host.lock.run(async () => {
      const alerts = within(this.alerts, row.organizationId);
      if ([...alerts.values()].some((alert) => alert.dedupeKey === row.dedupeKey)) return false;
      if (alerts.has(row.id)) throw new Error(`alert ${row.id} exists`);
      alerts.set(row.id, { ...row });
      this.host.writeEvents([event]);
      return true;
    });
  }

  async readAlert(organizationId: string, id: string) {
    const row = this.alerts.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async listAlerts(organizationId: string, filter: AlertFilter, page: Page) {
    const before = page.startingAfter;
    return [...(this.alerts.get(organizationId)?.values() ?? [])]
      .filter(
        (alert) =>
          (before === undefined || alert.id < before) &&
          (filter.status === undefined || alert.status === filter.status) &&
          (filter.poolId === undefined || alert.poolId === filter.poolId) &&
          (filter.ruleId === undefined || alert.ruleId === filter.ruleId),
      )
      .sort((a, b) => compare(b.id, a.id))
      .slice(0, page.limit)
      .map((alert) => ({ ...alert }));
  }

  async unresolvedAlerts(organizationId: string, limit: number) {
    const open = [...(this.alerts.get(organizationId)?.values() ?? [])].filter(
      (alert) => alert.status !== "resolved",
    );
    return pageOf(open, { limit }).map((alert) => ({ ...alert }));
  }

  updateAlert(
    next: AlertRow,
    expectedVersion: number,
    event: EventDraft | null,
    answer: ScopedAnswer | null = null,
  ) {
    checkAlert(next, expectedVersion);
    return this.host.lock.run(async () => {
      const stored = this.alerts.get(next.organizationId)?.get(next.id);
      if (stored?.version !== expectedVersion || this.taken(answer)) return false;
      within(this.alerts, next.organizationId).set(next.id, { ...next });
      this.keep(answer);
      if (event !== null) this.host.writeEvents([event]);
      return true;
    });
  }

  pruneAlerts(organizationId: string, before: number, limit: number): Promise<number> {
    return this.host.lock.run(async () => {
      const alerts = this.alerts.get(organizationId);
      const old = [...(alerts?.values() ?? [])]
        .filter((alert) => alert.status === "resolved" && (alert.resolvedAt ?? before) < before)
        .sort((a, b) => (a.resolvedAt ?? 0) - (b.resolvedAt ?? 0) || compare(a.id, b.id))
        .slice(0, limit);
      for (const alert of old) alerts?.delete(alert.id);
      return old.length;
    });
  }

  /** Whether the answer's key is stored already; callers hold the lock. */
  private taken(answer: ScopedAnswer | null): boolean {
    return answer !== null && this.host.answersIn(answer.scope).has(answer.key);
  }

  private keep(answer: ScopedAnswer | null): void {
    if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
  }
}
