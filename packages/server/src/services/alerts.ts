/**
 * Alert rules and alerts: what an organization watches on its pools, and what was raised. The
 * evaluator (`alert-evaluator.ts`) raises and resolves alerts; here keys make, change and remove
 * rules, and list, acknowledge and resolve alerts. A key bound to a pool sees and manages only
 * the rules and alerts of pools in its subtree; anything else answers 404, as if it did not exist.
 *
 * Acknowledging and resolving are idempotent by their key, like every POST, and change nothing
 * on an alert already past that step: acknowledging a resolved alert answers it as it is.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import { isSignal } from "../store/alerts.ts";
import type { AlertFilter, AlertMetric, AlertRow, AlertRuleRow } from "../store/port.ts";
import { alertEvent } from "./alert-evaluator.ts";
import { percentWhole } from "./alert-figures.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
import { organizationNow } from "./organization-time.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";

export { isSignal } from "../store/alerts.ts";
export type { AlertMetric, AlertRow, AlertRuleRow, AlertStatus } from "../store/port.ts";

/** A change that keeps meeting a newer version gives up after this. */
const writeAttemptsMax = 8;

export interface NewAlertRule {
  readonly pool: string;
  readonly metric: AlertMetric;
  /**
   * Micro-units: percentages for `limit`, `grants` and `burn_spike` (of its baseline), credits
   * for `balance`, counts for `key_spread` (members) and `outcome_split` (outcomes).
   */
  readonly thresholds: readonly bigint[];
  readonly windowHours: number | null;
  /** `outcome_split` only: the largest outcome that counts as small. */
  readonly smallAtMost: bigint | null;
  readonly enabled: boolean;
}

export interface AlertRuleChange {
  readonly thresholds?: readonly bigint[] | undefined;
  /** The field the thresholds came in (`thresholds`, `below`, …), for the error's `param`. */
  readonly thresholdsParam?: string;
  readonly windowHours?: number | undefined;
  readonly smallAtMost?: bigint | undefined;
  readonly enabled?: boolean | undefined;
}

/** Ascending and distinct, as a rule keeps them. */
function normalized(thresholds: readonly bigint[]): bigint[] {
  return [...new Set(thresholds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The field each metric takes its thresholds in: percentages, amounts, counts, or none. */
export function thresholdField(
  metric: AlertMetric,
): "thresholds" | "below" | "members" | "outcomes" | null {
  switch (metric) {
    case "balance":
      return "below";
    case "forecast":
      return null;
    case "key_spread":
      return "members";
    case "outcome_split":
      return "outcomes";
    default:
      return "thresholds";
  }
}

/** The trailing hours a metric measures over when the rule names none; null when it has none. */
function defaultWindowHours(metric: AlertMetric): number | null {
  if (metric === "forecast") return limits.alertForecastWindowHoursDefault;
  return isSignal(metric) ? limits.alertSignalWindowHoursDefault : null;
}

export class AlertService {
  constructor(private readonly context: ServiceContext) {}

  async createRule(
    principal: Principal,
    input: NewAlertRule,
    idempotencyKey: string,
    render: Render<AlertRuleRow>,
  ): Promise<Written<AlertRuleRow>> {
    const { store, ids, tree } = this.context;
    const organizationId = requirePermission(principal, "alerts.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "alert_rules.create", {
      input,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    await tree.require(principal, organizationId, input.pool);
    if ((await store.countAlertRules(organizationId)) >= limits.alertRulesPerOrganizationMax)
      throw new Refusal("alert_rule_count_exceeded");
    const now = await organizationNow(this.context, organizationId);
    const forecast = input.metric === "forecast";
    const row: AlertRuleRow = {
      organizationId,
      id: ids.next("arule"),
      poolId: input.pool,
      metric: input.metric,
      thresholds: forecast ? [] : normalized(input.thresholds),
      windowHours:
        defaultWindowHours(input.metric) === null
          ? null
          : (input.windowHours ?? defaultWindowHours(input.metric)),
      smallAtMost: input.metric === "outcome_split" ? input.smallAtMost : null,
      enabled: input.enabled,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const audit = this.audit(principal, "alert_rule.created", row.id, null, render(row), now);
    const stored = await store.insertAlertRule(row, answerOf(idempotency, render(row), now, audit));
    return stored === null ? { made: row } : replayOf(idempotency, stored);
  }

  /** The rules of pools the key reaches, by id, one more than the page. */
  async listRules(principal: Principal, page: PageRequest): Promise<AlertRuleRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "alerts.read");
    return visiblePage(
      (after, limit) => store.listAlertRules(organizationId, storePage(after, limit)),
      (row) => tree.reaches(principal, organizationId, row.poolId),
      page,
    );
  }

  async readRule(principal: Principal, id: string): Promise<AlertRuleRow> {
    const organizationId = requirePermission(principal, "alerts.read");
    return this.rule(principal, organizationId, id);
  }

  /** Changes thresholds, the window or whether it is enabled; pool and metric stay. */
  async updateRule(
    principal: Principal,
    id: string,
    change: AlertRuleChange,
    render: Render<AlertRuleRow>,
  ): Promise<AlertRuleRow> {
    const organizationId = requirePermission(principal, "alerts.write");
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const row = await this.rule(principal, organizationId, id);
      const now = await organizationNow(this.context, organizationId);
      const next = { ...changed(row, change), version: row.version + 1, updatedAt: now };
      const audit = this.audit(principal, "alert_rule.updated", id, render(row), render(next), now);
      if (await this.context.store.updateAlertRule(next, row.version, null, audit)) return next;
    }
    throw new Refusal("alert_rule_not_found", "The rule kept changing; try again.", "id");
  }

  /** Removes the rule; the alerts it raised stay, as they are. */
  async deleteRule(
    principal: Principal,
    id: string,
    render: Render<AlertRuleRow>,
  ): Promise<AlertRuleRow> {
    const organizationId = requirePermission(principal, "alerts.write");
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const row = await this.rule(principal, organizationId, id);
      const audit = this.audit(principal, "alert_rule.deleted", id, render(row), null);
      const { store } = this.context;
      if (await store.deleteAlertRule(organizationId, id, row.version, null, audit)) return row;
    }
    throw new Refusal("alert_rule_not_found", "The rule kept changing; try again.", "id");
  }

  /** Alerts of pools the key reaches, newest first, one more than the page. */
  async list(principal: Principal, filter: AlertFilter, page: PageRequest): Promise<AlertRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "alerts.read");
    if (filter.poolId !== undefined) await tree.require(principal, organizationId, filter.poolId);
    const kept: AlertRow[] = [];
    let before = page.startingAfter;
    // Newest first: each store page starts before the last id seen, and is filled past the
    // alerts of pools the key does not reach.
    for (;;) {
      const rows = await store.listAlerts(
        organizationId,
        filter,
        storePage(before, page.limit + 1),
      );
      for (const row of rows) {
        if (await tree.reaches(principal, organizationId, row.poolId)) kept.push(row);
        if (kept.length > page.limit) return kept;
      }
      const last = rows.at(-1);
      if (rows.length <= page.limit || last === undefined) return kept;
      before = last.id;
    }
  }

  async read(principal: Principal, id: string): Promise<AlertRow> {
    const organizationId = requirePermission(principal, "alerts.read");
    return this.alert(principal, organizationId, id);
  }

  acknowledge(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: Render<AlertRow>,
  ): Promise<Written<AlertRow>> {
    return this.settle(principal, id, idempotencyKey, render, "acknowledged");
  }

  resolve(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: Render<AlertRow>,
  ): Promise<Written<AlertRow>> {
    return this.settle(principal, id, idempotencyKey, render, "resolved");
  }

  private async settle(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: Render<AlertRow>,
    to: "acknowledged" | "resolved",
  ): Promise<Written<AlertRow>> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "alerts.write");
    const what = to === "resolved" ? "alerts.resolve" : "alerts.acknowledge";
    const idempotency = idempotencyOf(organizationId, idempotencyKey, what, { id });
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const replay = await storedReplay(store, idempotency);
      if (replay !== null) return replay;
      const row = await this.alert(principal, organizationId, id);
      // Resolved is final, and acknowledging twice is acknowledging once.
      if (row.status === "resolved" || row.status === to) return { made: row };
      const now = await organizationNow(this.context, organizationId);
      const next: AlertRow =
        to === "resolved"
          ? { ...row, status: to, resolvedBy: principal.keyId, resolvedAt: now }
          : { ...row, status: to, acknowledgedBy: principal.keyId, acknowledgedAt: now };
      const event = to === "resolved" ? alertEvent(next, "alert.resolved", now) : null;
      const written = { ...next, version: row.version + 1 };
      const audit = this.audit(principal, `alert.${to}`, id, render(row), render(written), now);
      const answer = answerOf(idempotency, render(written), now, audit);
      if (await store.updateAlert(written, row.version, event, answer)) return { made: written };
    }
    throw new Refusal("alert_not_found", "The alert kept changing; try again.", "id");
  }

  /** The audit record of a change to a rule or an alert, showing each as the API does. */
  private audit(
    principal: Principal,
    action: string,
    targetId: string,
    before: unknown,
    after: unknown,
    at?: number,
  ) {
    const organizationId = principal.organizationId ?? "";
    const targetType = action.startsWith("alert_rule.") ? "alert_rule" : "alert";
    return auditEntry(
      this.context,
      principal,
      organizationId,
      { action, targetType, targetId, before, after },
      at,
    );
  }

  private async rule(principal: Principal, organizationId: string, id: string) {
    const row = await this.context.store.readAlertRule(organizationId, id);
    if (row === null || !(await this.context.tree.reaches(principal, organizationId, row.poolId)))
      throw new Refusal("alert_rule_not_found", undefined, "id");
    return row;
  }

  private async alert(principal: Principal, organizationId: string, id: string) {
    const row = await this.context.store.readAlert(organizationId, id);
    if (row === null || !(await this.context.tree.reaches(principal, organizationId, row.poolId)))
      throw new Refusal("alert_not_found", undefined, "id");
    return row;
  }
}

/** The rule with the change applied; thresholds given to a metric that takes none are refused. */
function changed(row: AlertRuleRow, change: AlertRuleChange): AlertRuleRow {
  const field = thresholdField(row.metric);
  const given = change.thresholdsParam ?? "thresholds";
  if (change.thresholds !== undefined && field !== given)
    throw new Refusal(
      "invalid_request",
      field === null
        ? `A ${row.metric} rule has no thresholds.`
        : `A ${row.metric} rule takes its thresholds in \`${field}\`.`,
      given,
    );
  if (change.windowHours !== undefined && row.windowHours === null)
    throw new Refusal(
      "invalid_request",
      "Only a forecast or a signal rule has a window.",
      "window_hours",
    );
  const signalWindowMax = limits.alertSignalWindowHoursMax;
  if (
    isSignal(row.metric) &&
    change.windowHours !== undefined &&
    change.windowHours > signalWindowMax
  )
    throw new Refusal(
      "invalid_request",
      `A signal looks back at most ${limits.alertSignalWindowHoursMax} hours.`,
      "window_hours",
    );
  if (
    row.metric === "burn_spike" &&
    change.thresholds?.some((threshold) => threshold <= percentWhole) === true
  )
    throw new Refusal(
      "invalid_request",
      "A burn_spike rule's thresholds are each above 100 (percentages of its baseline).",
      "thresholds",
    );
  if (change.smallAtMost !== undefined && row.metric !== "outcome_split")
    throw new Refusal(
      "invalid_request",
      "Only an outcome_split rule has `small_at_most`.",
      "small_at_most",
    );
  return {
    ...row,
    thresholds: change.thresholds === undefined ? row.thresholds : normalized(change.thresholds),
    windowHours: change.windowHours ?? row.windowHours,
    smallAtMost: change.smallAtMost ?? row.smallAtMost,
    enabled: change.enabled ?? row.enabled,
  };
}
