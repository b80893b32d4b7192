/**
 * The evaluator: reads each organization's enabled rules against a view of its ledger as of now,
 * raises an alert for every threshold crossed, and resolves (`resolved_by: system`) the alerts
 * whose figure fell back or whose period ended. Resolved alerts are forgotten after
 * `alertRetentionMs`, a bounded number an organization each time.
 *
 * Exactly once without coordination: an alert is written under a dedupe key of its rule, its
 * threshold and its period's start, unique per organization, so two nodes evaluating the same
 * organization at once raise it once, and a crossing that falls back and comes again within the
 * period raises nothing more; the next period raises again. A resolution is a compare-and-set on
 * the alert's version, so it too is written, and told of, once.
 */
import { formatDecimal, type LedgerState, limits, type Micros } from "@creditpool/core";
import { isSignal } from "../store/alerts.ts";
import type { AlertMetric, AlertRow, AlertRuleRow, EventDraft } from "../store/port.ts";
import {
  alertDedupeKey,
  type Figure,
  figureOf,
  forecastWindow,
  isCrossed,
  subtreeIds,
  thresholdsOf,
} from "./alert-figures.ts";
import { AlertSignals, consumedBetween, type SignalReadCache } from "./alert-signals.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";

/** An organization's open alerts are at most one per rule, threshold and period: bounded. */
const unresolvedReadMax = limits.alertRulesPerOrganizationMax * limits.alertThresholdsPerRuleMax;

/** What one evaluation did. */
export interface Evaluated {
  readonly raised: number;
  readonly resolved: number;
  /** Resolved alerts past their retention, forgotten. */
  readonly forgotten: number;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

/** What an alert's figures count: a percentage, credits, members (of a key) or outcomes. */
export function alertUnit(metric: AlertMetric): "percent" | "credits" | "members" | "outcomes" {
  switch (metric) {
    case "limit":
    case "grants":
    case "burn_spike":
      return "percent";
    case "key_spread":
      return "members";
    case "outcome_split":
      return "outcomes";
    default:
      return "credits";
  }
}

/** The data of an `alert.raised` or `alert.resolved` event: the alert as the API shows it. */
export function alertEvent(
  alert: AlertRow,
  type: "alert.raised" | "alert.resolved",
  at: number,
): EventDraft {
  const data = {
    alert: alert.id,
    rule: alert.ruleId,
    pool: alert.poolId,
    metric: alert.metric,
    unit: alertUnit(alert.metric),
    subject: alert.subject,
    threshold: alert.threshold === null ? null : formatDecimal(alert.threshold),
    observed: formatDecimal(alert.observed),
    observed_at: iso(alert.observedAt),
    period: { start: iso(alert.periodStart), end: iso(alert.periodEnd) },
    forecast:
      alert.metric === "forecast"
        ? {
            runs_out_at: iso(alert.forecastAt),
            burn_per_day: formatDecimal(alert.burnPerDay ?? 0n),
            window_hours: alert.windowHours,
          }
        : null,
    evidence: alert.evidence === null ? null : JSON.parse(alert.evidence),
    status: alert.status,
    resolved_by: alert.resolvedBy,
  };
  return {
    organizationId: alert.organizationId,
    type,
    data: JSON.stringify(data),
    createdAt: at,
  };
}

export class AlertEvaluator {
  private readonly signals: AlertSignals;

  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
  ) {
    this.signals = new AlertSignals(context, totals);
  }

  /** Evaluates every enabled rule of the organization once, as of its ledger's now. */
  async evaluate(organizationId: string): Promise<Evaluated> {
    const { store, engine } = this.context;
    const rules = await this.enabledRules(organizationId);
    const state = await engine.readView(organizationId);
    if (state === null) return { raised: 0, resolved: 0, forgotten: 0 };
    const now = state.now;
    const unresolved = await store.unresolvedAlerts(organizationId, unresolvedReadMax);
    let raised = 0;
    let resolved = 0;
    const standing = new Set<string>();
    const open = new Set(unresolved.map((alert) => alert.dedupeKey));
    const reads = this.signals.reads(organizationId);
    for (const rule of rules) {
      for (const figure of await this.figures(rule, state, reads)) {
        for (const threshold of thresholdsOf(rule)) {
          const key = alertDedupeKey(rule, threshold, figure.periodStart, figure.subject);
          if (!isCrossed(rule, figure, threshold)) continue;
          standing.add(key);
          if (open.has(key)) continue;
          const alert = this.alertOf(rule, threshold, key, figure, now);
          if (await store.raiseAlert(alert, alertEvent(alert, "alert.raised", now))) raised += 1;
        }
      }
    }
    // What is open and no longer stands (fallen back, or its period over) resolves by itself,
    // but only for rules evaluated now: a disabled or deleted rule's alerts stay as they are.
    const evaluated = new Set(rules.map((rule) => rule.id));
    for (const alert of unresolved) {
      if (!evaluated.has(alert.ruleId) || standing.has(alert.dedupeKey)) continue;
      const next: AlertRow = {
        ...alert,
        status: "resolved",
        resolvedBy: "system",
        resolvedAt: now,
        version: alert.version + 1,
      };
      const event = alertEvent(next, "alert.resolved", now);
      if (await store.updateAlert(next, alert.version, event)) resolved += 1;
    }
    // Kept past any period's end, so a crossing forgotten here is never raised again.
    const before = now - limits.alertRetentionMs;
    const forgotten = await store.pruneAlerts(
      organizationId,
      before,
      limits.alertsPrunedPerPassMax,
    );
    return { raised, resolved, forgotten };
  }

  private cursor = "";

  /**
   * One pass of the job: the next organizations with enabled rules (at most
   * `alertOrganizationsPerPassMax`, after the last pass's) are evaluated; a failure is told to
   * `onError` and the others go on.
   */
  async evaluateAll(
    onError?: (error: unknown, organizationId: string) => void,
  ): Promise<Evaluated> {
    const perPass = limits.alertOrganizationsPerPassMax;
    const organizations = await this.context.store.alertRuleOrganizations(this.cursor, perPass);
    this.cursor = organizations.length < perPass ? "" : (organizations.at(-1) ?? "");
    const sum = { raised: 0, resolved: 0, forgotten: 0 };
    for (const organizationId of organizations) {
      try {
        const done = await this.evaluate(organizationId);
        sum.raised += done.raised;
        sum.resolved += done.resolved;
        sum.forgotten += done.forgotten;
      } catch (error) {
        onError?.(error, organizationId);
      }
    }
    return sum;
  }

  private async enabledRules(organizationId: string): Promise<AlertRuleRow[]> {
    const rules = await this.context.store.listAlertRules(organizationId, {
      limit: limits.alertRulesPerOrganizationMax,
    });
    return rules.filter((rule) => rule.enabled);
  }

  /** The rule's figures as of the view's now: none, one, or (a signal's) one per subject. */
  private async figures(
    rule: AlertRuleRow,
    state: LedgerState,
    reads: SignalReadCache,
  ): Promise<Figure[]> {
    if (isSignal(rule.metric)) return this.signals.figures(rule, state, reads);
    const figure = figureOf(rule, state, await this.consumed(rule, state));
    return figure === null ? [] : [figure];
  }

  /**
   * A forecast rule's consumption over its window, at its pool and every pool under it, from the
   * ledger totals (exact to the millisecond); 0 for other rules, which need none.
   */
  private async consumed(rule: AlertRuleRow, state: LedgerState): Promise<Micros> {
    if (rule.metric !== "forecast" || !state.pools.has(rule.poolId)) return 0n;
    const pools = subtreeIds(state, rule.poolId);
    const { from, to } = forecastWindow(rule, state.now);
    return consumedBetween(this.totals, rule.organizationId, pools, from, to);
  }

  private alertOf(
    rule: AlertRuleRow,
    threshold: bigint | null,
    dedupeKey: string,
    figure: Figure,
    now: number,
  ): AlertRow {
    return {
      organizationId: rule.organizationId,
      id: this.context.ids.next("alert"),
      ruleId: rule.id,
      poolId: rule.poolId,
      metric: rule.metric,
      threshold,
      dedupeKey,
      periodStart: figure.periodStart,
      periodEnd: figure.periodEnd,
      observed: figure.observed,
      observedAt: now,
      forecastAt: figure.forecast?.runsOutAt ?? null,
      burnPerDay: figure.forecast?.burnPerDay ?? null,
      windowHours: figure.forecast?.windowHours ?? rule.windowHours,
      subject: figure.subject,
      evidence: figure.evidence === null ? null : JSON.stringify(figure.evidence),
      status: "open",
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedBy: null,
      resolvedAt: null,
      version: 1,
    };
  }
}
