/**
 * A subscription's books: what every path that touches a subscription shares. `settle` applies
 * the ledger effects its decisions left pending, each through the engine under a key derived from
 * the subscription and the effect, and makes the period's invoice if it is missing; `renew` moves
 * a subscription past every period that has ended, finalizing each invoice with its usage lines;
 * `commit` writes a decision (the subscription at the version it read, with its invoice) and then
 * settles it. Decisions are made by `SubscriptionService` (a principal's requests) and
 * `AutoTopUpService` (the pool's own rules).
 */
import { billingPeriod, missingTier, periodProblem } from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { InvoiceRow, InvoiceWrite, SubscriptionRow } from "../store/billing.ts";
import type { ScopedAnswer } from "../store/directory.ts";
import type { AuditEntry } from "../store/port.ts";
import { systemAuditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";
import { organizationNow } from "./organization-time.ts";
import type { Plan } from "./plans.ts";
import {
  anchorOf,
  applyEffect,
  invoiceNumber,
  invoiceRowOf,
  openingState,
  pendingPlanOf,
  periodOfRow,
  planFields,
  planOfRow,
} from "./subscription-periods.ts";
import {
  decodeState,
  decodeTierSeats,
  type Effect,
  isApplied,
  type PeriodState,
  stateFields,
} from "./subscription-records.ts";
import { closingState, debtSettlements, periodUsage } from "./subscription-usage.ts";

/** A decision that keeps meeting a newer version of its subscription gives up after this. */
export const writeAttemptsMax = 8;
/** Periods one renewal pass catches up for a subscription left behind (a node down for long). */
const periodsPerRenewalMax = 24;

/** A subscription as its readers see it, with its plan version's terms. */
export interface Subscription {
  readonly row: SubscriptionRow;
  readonly plan: Plan;
  readonly period: PeriodState;
}

/**
 * How an audit record shows a subscription: the API's view, given by the composition (as the
 * engine is given its `AuditView`), since no transport renders what a job changes.
 */
export type SubscriptionView = (subscription: Subscription) => unknown;

/** Without a composition (tests of services, the demo): the subscription's own figures. */
export const subscriptionFigures: SubscriptionView = ({ row, plan }) => ({
  id: row.id,
  object: "subscription",
  plan: plan.id,
  plan_version: plan.version,
  pool: row.poolId,
  seats: row.seats,
  tier_seats: decodeTierSeats(row.tierSeats),
  status: row.status,
  cancel_at_period_end: row.cancelAtPeriodEnd,
  period_index: row.periodIndex,
});

export class SubscriptionBooks {
  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
    /** How the audit records of subscriptions show them. */
    readonly view: SubscriptionView = subscriptionFigures,
  ) {}

  /**
   * Renews (or ends) every subscription whose period has ended, and applies the effects a crash
   * left pending (a renewal written whose grant was not made); answers how many it renewed. One
   * that fails is told to `onFailure` and the others go on: no subscription holds up another's.
   */
  async renewDue(
    limit = 100,
    onFailure: (error: unknown, subscriptionId: string) => void = () => {},
  ): Promise<number> {
    const { store, clock } = this.context;
    let renewed = 0;
    for (const key of await store.dueSubscriptions(clock(), limit)) {
      try {
        const row = await store.readSubscription(key.organizationId, key.id);
        if (row !== null && (await this.renew(row))) renewed += 1;
      } catch (error) {
        onFailure(error, key.id);
      }
    }
    for (const key of await store.pendingSubscriptions(limit)) {
      try {
        await this.settleStored(key.organizationId, key.id);
      } catch (error) {
        onFailure(error, key.id);
      }
    }
    return renewed;
  }

  /** Applies what a stored subscription left pending, if it still exists. */
  async settleStored(organizationId: string, id: string): Promise<Subscription | null> {
    const row = await this.context.store.readSubscription(organizationId, id);
    if (row === null) return null;
    return this.settle(row, await planOfRow(this.context, row));
  }

  /**
   * Moves one subscription past every period that has ended, one conditional write per period:
   * the ended period's invoice is finalized, and the next period opens with its included grant
   * and its draft invoice, or the subscription ends if it was canceled. Answers whether it moved.
   */
  async renew(start: SubscriptionRow): Promise<boolean> {
    const { store, ids } = this.context;
    let row = start;
    let moved = false;
    for (let step = 0; step < periodsPerRenewalMax * 2; step += 1) {
      const now = await organizationNow(this.context, row.organizationId);
      if (row.status !== "active" || row.periodEnd > now) return moved;
      const plan = await planOfRow(this.context, row);
      row = (await this.settle(row, plan)).row;
      const usage = await periodUsage(this.context, this.totals, row);
      const ended = closingState(decodeState(row.state), plan.terms, usage, periodOfRow(row));
      const invoice = await this.invoiceOf(row, plan, ended);
      const finalized: InvoiceWrite = {
        row: {
          ...(invoice.row.status === "draft"
            ? invoiceRowOf(row, plan, ended, invoice.row, now)
            : invoice.row),
          status: invoice.row.status === "draft" ? "finalized" : invoice.row.status,
          number: invoice.row.number ?? invoiceNumber(row),
          finalizedAt: invoice.row.finalizedAt ?? now,
          updatedAt: now,
          version: (invoice.expectedVersion ?? 0) + 1,
        },
        expectedVersion: invoice.expectedVersion,
      };
      let next: SubscriptionRow;
      let nextPlan = plan;
      const writes: InvoiceWrite[] = [finalized];
      if (row.cancelAtPeriodEnd) {
        next = { ...row, status: "canceled", updatedAt: now, version: row.version + 1 };
        // Its seats stop gating holds on this node at once, on the others within moments.
        this.context.seatGates.forget(row.organizationId);
      } else {
        // A downgrade waiting takes over, unless the seats no longer fit it (then the plan stays).
        // The seats of every tier carry over to the next period.
        const tierSeats = decodeTierSeats(row.tierSeats);
        const pending = row.pending === null ? plan : await pendingPlanOf(this.context, row);
        if (
          missingTier(pending.terms, tierSeats) === null &&
          periodProblem(pending.terms, row.seats, tierSeats) === null
        )
          nextPlan = pending;
        const period = billingPeriod(anchorOf(row), row.periodIndex + 1);
        const opening = openingState(nextPlan.terms, row.seats, tierSeats, period, period.start, {
          invoice: ids.next("inv"),
          grant: ids.next("grant"),
        });
        // Debt billed with the ended period is bought: a grant for each carrier that owed it
        // pays it before the period's own credits could.
        const settlements = debtSettlements(plan.terms, usage, period, () => ids.next("grant"));
        const state = { ...opening, effects: [...settlements, ...opening.effects] };
        next = {
          ...row,
          ...planFields(nextPlan),
          pending: null,
          periodIndex: period.index,
          periodStart: period.start,
          periodEnd: period.end,
          ...stateFields(state),
          updatedAt: now,
          version: row.version + 1,
        };
        writes.push({
          row: invoiceRowOf(next, nextPlan, state, null, now),
          expectedVersion: null,
        });
      }
      // The renewal is the system's own change: recorded with it, once, by the node that wrote it.
      const view = this.view;
      const audit = systemAuditEntry(
        this.context,
        row.organizationId,
        {
          action: next.status === "active" ? "subscription.renewed" : "subscription.ended",
          targetType: "subscription",
          targetId: row.id,
          before: view({ row, plan, period: decodeState(row.state) }),
          after: view({ row: next, plan: nextPlan, period: decodeState(next.state) }),
        },
        now,
      );
      if (await store.updateSubscription(next, row.version, writes, null, [audit])) {
        moved = true;
        const settled = next.status === "active" ? await this.settle(next, nextPlan) : null;
        row = settled?.row ?? next;
      } else {
        const fresh = await store.readSubscription(row.organizationId, row.id);
        if (fresh === null) return moved;
        row = fresh;
      }
    }
    return moved;
  }

  async load(organizationId: string, id: string, param = "id"): Promise<SubscriptionRow> {
    const row = await this.context.store.readSubscription(organizationId, id);
    if (row === null) throw new Refusal("subscription_not_found", undefined, param);
    return row;
  }

  /**
   * Applies the effects still pending, in order, each through the engine under its derived key,
   * and makes the period's invoice if it is missing. Answers the subscription as it now is.
   */
  async settle(start: SubscriptionRow, plan: Plan): Promise<Subscription> {
    const { store, engine, clock } = this.context;
    let row = start;
    // Every pending effect through the engine, in order (each a replay if it was applied), then
    // one write that records them applied; a newer version met meanwhile is settled in turn.
    for (let attempt = 0; ; attempt += 1) {
      const state = decodeState(row.state);
      // Done, unless the row still says effects wait (a crash between, or the migration that
      // marked every subscription once): then the write below clears it.
      if (state.effects.every(isApplied) && !row.effectsPending) break;
      if (attempt >= writeAttemptsMax) throw new Refusal("subscription_busy");
      const effects: Effect[] = [];
      for (const effect of state.effects)
        effects.push(isApplied(effect) ? effect : await applyEffect(engine, row, effect));
      const next: SubscriptionRow = {
        ...row,
        ...stateFields({ ...state, effects }),
        updatedAt: clock(),
        version: row.version + 1,
      };
      if (await store.updateSubscription(next, row.version)) row = next;
      else row = await this.load(row.organizationId, row.id);
    }
    const state = decodeState(row.state);
    const found = await store.readInvoiceForPeriod(row.organizationId, row.id, row.periodIndex);
    if (found === null) {
      await store.saveInvoice(invoiceRowOf(row, plan, state, null, clock()), null);
    }
    return { row, plan, period: state };
  }

  /** The period's invoice as stored (made now from the lines if it is missing). */
  async invoiceOf(
    row: SubscriptionRow,
    plan: Plan,
    state: PeriodState,
  ): Promise<{ row: InvoiceRow; expectedVersion: number | null }> {
    const { store, clock } = this.context;
    const found = await store.readInvoiceForPeriod(row.organizationId, row.id, row.periodIndex);
    if (found !== null) return { row: found, expectedVersion: found.version };
    return { row: invoiceRowOf(row, plan, state, null, clock()), expectedVersion: null };
  }

  /**
   * Writes a decision made at `now` on `row` (read at its version): the subscription with the
   * period's new state, and the period's invoice when the state changed; with an answer, stored in
   * the same write, and with `auditOf` the decision's audit record. Then settles it. Answers the
   * subscription as decided, or null when another write got there first (nothing written).
   */
  async commit(
    row: SubscriptionRow,
    plan: Plan,
    decided: { row: SubscriptionRow; state: PeriodState | null },
    now: number,
    answerOf?: (made: Subscription) => ScopedAnswer,
    auditOf?: (before: Subscription, after: Subscription) => AuditEntry,
  ): Promise<Subscription | null> {
    const state = decided.state ?? decodeState(row.state);
    const next: SubscriptionRow = {
      ...decided.row,
      ...stateFields(state),
      updatedAt: now,
      version: row.version + 1,
    };
    // A plan change names another version: the answer and the invoice show that one.
    const samePlan =
      next.planId === row.planId &&
      next.planVersion === row.planVersion &&
      next.planScope === row.planScope;
    const nextPlan = samePlan ? plan : await planOfRow(this.context, next);
    const writes: InvoiceWrite[] = [];
    if (decided.state !== null) {
      const invoice = await this.invoiceOf(row, plan, decodeState(row.state));
      writes.push({
        row: invoiceRowOf(next, nextPlan, state, invoice.row, now),
        expectedVersion: invoice.expectedVersion,
      });
    }
    const made: Subscription = { row: next, plan: nextPlan, period: state };
    const answer = answerOf?.(made) ?? null;
    const before = { row, plan, period: decodeState(row.state) };
    const audit = auditOf === undefined ? [] : [auditOf(before, made)];
    if (!(await this.context.store.updateSubscription(next, row.version, writes, answer, audit)))
      return null;
    // Answered as decided, as a replay will answer it; its grants are made before it returns.
    await this.settle(next, nextPlan);
    return made;
  }
}
