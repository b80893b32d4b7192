/**
 * Subscriptions: an organization's pool on a plan version, with seats, billed by periods anchored
 * in a time zone. Seats fill the pool: each period's included credits are a grant of source
 * `plan` that expires at the period's end and rolls over up to the plan's cap; seats added
 * mid-period bring their prorated credits at once, seats removed take theirs back under the
 * plan's `claw_back` policy. Every change adds its prorated lines to the period's invoice.
 *
 * Exactly once, across restarts and nodes: a decision is one conditional write of the
 * subscription (its version) that records the ledger effects it calls for and the invoice lines;
 * each effect then goes through the engine under a key derived from the subscription and the
 * effect (`billing:<subscription>:<effect>`), so applying it again is a replay. Any path that
 * loads a subscription applies what is still pending first (`settle`).
 */
import {
  type BillingAnchor,
  billingPeriod,
  billingPeriodAt,
  limits,
  type Micros,
  periodProblem,
} from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { InvoiceRow, InvoiceWrite, SubscriptionRow } from "../store/billing.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
import type { LedgerTotals } from "./ledger-totals.ts";
import { type Plan, resolvePlan } from "./plans.ts";
import {
  anchorOf,
  applyEffect,
  invoiceNumber,
  invoiceRowOf,
  openingState,
  pendingPlanOf,
  periodOfRow,
  planChange,
  planFields,
  planOfRow,
  topUpState,
} from "./subscription-periods.ts";
import {
  decodeState,
  type Effect,
  encodeState,
  isApplied,
  type PeriodState,
} from "./subscription-records.ts";
import { seatDecision } from "./subscription-seats.ts";
import { closingState, debtSettlement, periodUsage } from "./subscription-usage.ts";

/** A decision that keeps meeting a newer version of its subscription gives up after this. */
const writeAttemptsMax = 8;
/** Periods one renewal pass catches up for a subscription left behind (a node down for long). */
const periodsPerRenewalMax = 24;

export interface NewSubscription {
  readonly plan: string;
  readonly planVersion?: number | undefined;
  readonly seats: number;
  /** Defaults to the organization's root pool. */
  readonly pool?: string | undefined;
  /** Defaults to now; never later than now. */
  readonly anchorAt?: number | undefined;
  readonly timeZone: string;
}

/** A top-up: a pack of the plan's by its id, or an amount of credits at its top-up price. */
export type TopUpPurchase =
  | { readonly pack: string; readonly credits?: undefined }
  | { readonly pack?: undefined; readonly credits: Micros };

/** A subscription as its readers see it, with its plan version's terms. */
export interface Subscription {
  readonly row: SubscriptionRow;
  readonly plan: Plan;
  readonly period: PeriodState;
}

export class SubscriptionService {
  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
  ) {}

  async start(
    principal: Principal,
    input: NewSubscription,
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    const { store, clock, ids, tree } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "subscriptions.start", {
      input,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;

    const plan = await resolvePlan(this.context, organizationId, input.plan, input.planVersion);
    const organization = await store.readOrganization(organizationId);
    if (organization === null) throw new Refusal("organization_not_found");
    const poolId = input.pool ?? organization.rootPoolId;
    await tree.require(principal, organizationId, poolId);
    const existing = await store.listSubscriptions(organizationId, {
      limit: limits.subscriptionsPerOrganizationMax + 1,
    });
    if (existing.length >= limits.subscriptionsPerOrganizationMax)
      throw new Refusal("subscription_count_exceeded");
    if (existing.some((row) => row.status === "active" && row.poolId === poolId))
      throw new Refusal("subscription_exists", undefined, "pool");

    const problem = periodProblem(plan.terms, input.seats);
    if (problem !== null) throw new Refusal("amount_out_of_range", `${problem}.`, "seats");
    const now = clock();
    const anchorAt = input.anchorAt ?? now;
    if (anchorAt > now) throw new Refusal("invalid_request", "Must not be after now.", "anchor_at");
    const anchor: BillingAnchor = {
      anchorAt,
      timeZone: input.timeZone,
      interval: plan.terms.interval,
    };
    const period = billingPeriodAt(anchor, now);
    const id = ids.next("sub");
    const state = openingState(plan.terms, input.seats, period, now, {
      invoice: ids.next("inv"),
      grant: ids.next("grant"),
    });
    const row: SubscriptionRow = {
      organizationId,
      id,
      planScope: plan.scope,
      planId: plan.id,
      planVersion: plan.version,
      poolId,
      seats: input.seats,
      anchorAt,
      timeZone: input.timeZone,
      interval: plan.terms.interval,
      status: "active",
      cancelAtPeriodEnd: false,
      pending: null,
      periodIndex: period.index,
      periodStart: period.start,
      periodEnd: period.end,
      state: encodeState(state),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const made: Subscription = { row, plan, period: state };
    const stored = await store
      .insertSubscription(row, answerOf(idempotency, render(made), now))
      .catch(async (error) => {
        // A pool has one active subscription: one that started meanwhile took it.
        const rows = await store.listSubscriptions(organizationId, {
          limit: limits.subscriptionsPerOrganizationMax + 1,
        });
        if (rows.some((other) => other.status === "active" && other.poolId === poolId))
          throw new Refusal("subscription_exists", undefined, "pool");
        throw error;
      });
    if (stored !== null) return replayOf(idempotency, stored);
    await this.settle(row, plan);
    return { made };
  }

  /** A subscription as of now: renewed if its period has ended, its pending effects applied. */
  async read(principal: Principal, id: string): Promise<Subscription> {
    const organizationId = requirePermission(principal, "billing.read");
    let row = await this.load(organizationId, id);
    if (row.status === "active" && row.periodEnd <= this.context.clock()) {
      await this.renew(row);
      row = await this.load(organizationId, id);
    }
    const plan = await planOfRow(this.context, row);
    return this.settle(row, plan);
  }

  /** The organization's subscriptions by id, one more than the page for `has_more`. */
  async list(
    principal: Principal,
    page: { startingAfter?: string | undefined; limit: number },
  ): Promise<Subscription[]> {
    const organizationId = requirePermission(principal, "billing.read");
    const rows = await this.context.store.listSubscriptions(organizationId, {
      limit: page.limit + 1,
      ...(page.startingAfter === undefined ? {} : { startingAfter: page.startingAfter }),
    });
    const plans = new Map<string, Plan>();
    const listed: Subscription[] = [];
    for (const row of rows) {
      const key = `${row.planScope}/${row.planId}/${row.planVersion}`;
      const plan = plans.get(key) ?? (await planOfRow(this.context, row));
      plans.set(key, plan);
      listed.push({ row, plan, period: decodeState(row.state) });
    }
    return listed;
  }

  /** Sets the seat count from now, prorated both ways (`subscription-seats.ts`). */
  changeSeats(
    principal: Principal,
    id: string,
    seats: number,
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    return this.decide(principal, id, "subscriptions.seats", { seats }, idempotencyKey, render, {
      decide: async (row, plan, now) => seatDecision(this.context, row, plan, seats, now),
    });
  }

  /**
   * Buys credits now: one of the plan's packs, or an amount at its top-up price. They are granted
   * to the subscription's pool at once, never expire, and are a line of the period's invoice.
   */
  topUp(
    principal: Principal,
    id: string,
    purchase: TopUpPurchase,
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    const request = { pack: purchase.pack ?? null, credits: purchase.credits?.toString() ?? null };
    return this.decide(principal, id, "subscriptions.top_up", request, idempotencyKey, render, {
      param: "subscription",
      decide: async (row, plan, now) => ({
        row,
        state: topUpState(decodeState(row.state), plan.terms, periodOfRow(row), purchase, {
          now,
          grantId: this.context.ids.next("grant"),
        }),
      }),
    });
  }

  /**
   * Moves the subscription to another plan (or version). One whose period costs as much or more
   * at the current seats is an upgrade, now: the unused time of the old plan is credited, the
   * rest of the period on the new one charged, and the new plan's extra included credits for the
   * rest of the period granted. One that costs less is a downgrade, at the period's end. The new
   * plan bills in the same currency and interval. Changing back to the current plan cancels a
   * downgrade waiting.
   */
  changePlan(
    principal: Principal,
    id: string,
    change: { readonly plan: string; readonly planVersion?: number | undefined },
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    return this.decide(principal, id, "subscriptions.plan", { change }, idempotencyKey, render, {
      decide: async (row, plan, now) => {
        const target = await resolvePlan(
          this.context,
          row.organizationId,
          change.plan,
          change.planVersion,
        );
        return planChange(row, plan, target, now, this.context.ids.next("grant"));
      },
    });
  }

  /** Ends the subscription at its period's end: no renewal, no further grant. */
  cancel(principal: Principal, id: string, idempotencyKey: string, render: Render<Subscription>) {
    return this.decide(principal, id, "subscriptions.cancel", {}, idempotencyKey, render, {
      decide: async (row) => ({ row: { ...row, cancelAtPeriodEnd: true }, state: null }),
    });
  }

  /** Undoes a cancellation while the period still runs. */
  resume(principal: Principal, id: string, idempotencyKey: string, render: Render<Subscription>) {
    return this.decide(principal, id, "subscriptions.resume", {}, idempotencyKey, render, {
      decide: async (row) => ({ row: { ...row, cancelAtPeriodEnd: false }, state: null }),
    });
  }

  /**
   * Renews (or ends) every subscription whose period has ended; answers how many it moved. One
   * that fails is told to `onFailure` and the others go on: no subscription holds up another's.
   */
  async renewDue(
    limit = 100,
    onFailure: (error: unknown, subscriptionId: string) => void = () => {},
  ): Promise<number> {
    const { store, clock } = this.context;
    const due = await store.dueSubscriptions(clock(), limit);
    let renewed = 0;
    for (const key of due) {
      try {
        const row = await store.readSubscription(key.organizationId, key.id);
        if (row !== null && (await this.renew(row))) renewed += 1;
      } catch (error) {
        onFailure(error, key.id);
      }
    }
    return renewed;
  }

  /**
   * Moves one subscription past every period that has ended, one conditional write per period:
   * the ended period's invoice is finalized, and the next period opens with its included grant
   * and its draft invoice, or the subscription ends if it was canceled. Answers whether it moved.
   */
  async renew(start: SubscriptionRow): Promise<boolean> {
    const { store, clock, ids } = this.context;
    let row = start;
    let moved = false;
    for (let step = 0; step < periodsPerRenewalMax * 2; step += 1) {
      const now = clock();
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
      } else {
        // A downgrade waiting for the period's end takes over now.
        // A downgrade waiting takes over, unless the seats no longer fit it (then the plan stays).
        const pending = row.pending === null ? plan : await pendingPlanOf(this.context, row);
        if (periodProblem(pending.terms, row.seats) === null) nextPlan = pending;
        const period = billingPeriod(anchorOf(row), row.periodIndex + 1);
        const opening = openingState(nextPlan.terms, row.seats, period, period.start, {
          invoice: ids.next("inv"),
          grant: ids.next("grant"),
        });
        // Debt billed with the ended period is bought: its grant pays the debt before the
        // period's own credits could.
        const settlement = debtSettlement(plan.terms, usage, period, ids.next("grant"));
        const state =
          settlement === null ? opening : { ...opening, effects: [settlement, ...opening.effects] };
        next = {
          ...row,
          ...planFields(nextPlan),
          pending: null,
          periodIndex: period.index,
          periodStart: period.start,
          periodEnd: period.end,
          state: encodeState(state),
          updatedAt: now,
          version: row.version + 1,
        };
        writes.push({
          row: invoiceRowOf(next, nextPlan, state, null, now),
          expectedVersion: null,
        });
      }
      if (await store.updateSubscription(next, row.version, writes)) {
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

  private async load(organizationId: string, id: string, param = "id"): Promise<SubscriptionRow> {
    const row = await this.context.store.readSubscription(organizationId, id);
    if (row === null) throw new Refusal("subscription_not_found", undefined, param);
    return row;
  }

  /**
   * One decision about a subscription, as a conditional write that also stores the request's
   * answer: a newer version met on the way means the decision is made again on it.
   */
  private async decide(
    principal: Principal,
    id: string,
    what: string,
    request: object,
    idempotencyKey: string,
    render: Render<Subscription>,
    rule: {
      decide(
        row: SubscriptionRow,
        plan: Plan,
        now: number,
      ): Promise<{ row: SubscriptionRow; state: PeriodState | null }>;
      /** The request's field that names the subscription, for a refusal; `id` by default. */
      readonly param?: string;
    },
  ): Promise<Written<Subscription>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, what, { id, ...request });
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const replay = await storedReplay(store, idempotency);
      if (replay !== null) {
        // A retry is a look too: what the first call left pending is applied before it answers.
        const found = await store.readSubscription(organizationId, id);
        if (found !== null) await this.settle(found, await planOfRow(this.context, found));
        return replay;
      }
      let row = await this.load(organizationId, id, rule.param);
      if (row.status !== "active")
        throw new Refusal("subscription_canceled", undefined, rule.param ?? "id");
      const plan = await planOfRow(this.context, row);
      row = (await this.settle(row, plan)).row;
      const now = clock();
      if (row.periodEnd <= now) {
        await this.renew(row);
        continue;
      }
      const decided = await rule.decide(row, plan, now);
      const state = decided.state ?? decodeState(row.state);
      const next: SubscriptionRow = {
        ...decided.row,
        state: encodeState(state),
        updatedAt: now,
        version: row.version + 1,
      };
      // A plan change names another version: the answer and the invoice show that one.
      const samePlan = next.planId === row.planId && next.planVersion === row.planVersion;
      const nextPlan =
        samePlan && next.planScope === row.planScope ? plan : await planOfRow(this.context, next);
      const writes: InvoiceWrite[] = [];
      if (decided.state !== null) {
        const invoice = await this.invoiceOf(row, plan, decodeState(row.state));
        writes.push({
          row: invoiceRowOf(next, nextPlan, state, invoice.row, now),
          expectedVersion: invoice.expectedVersion,
        });
      }
      const made: Subscription = { row: next, plan: nextPlan, period: state };
      const answer = answerOf(idempotency, render(made), now);
      if (await store.updateSubscription(next, row.version, writes, answer)) {
        // Answered as decided, as a replay will answer it; its grants are made before it returns.
        await this.settle(next, nextPlan);
        return { made };
      }
    }
    throw new Refusal("subscription_busy");
  }

  /**
   * Applies the effects still pending, in order, each through the engine under its derived key,
   * and makes the period's invoice if it is missing. Answers the subscription as it now is.
   */
  private async settle(start: SubscriptionRow, plan: Plan): Promise<Subscription> {
    const { store, engine, clock } = this.context;
    let row = start;
    // Every pending effect through the engine, in order (each a replay if it was applied), then
    // one write that records them applied; a newer version met meanwhile is settled in turn.
    for (let attempt = 0; ; attempt += 1) {
      const state = decodeState(row.state);
      if (state.effects.every(isApplied)) break;
      if (attempt >= writeAttemptsMax) throw new Refusal("subscription_busy");
      const effects: Effect[] = [];
      for (const effect of state.effects)
        effects.push(isApplied(effect) ? effect : await applyEffect(engine, row, effect));
      const next: SubscriptionRow = {
        ...row,
        state: encodeState({ ...state, effects }),
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
  private async invoiceOf(
    row: SubscriptionRow,
    plan: Plan,
    state: PeriodState,
  ): Promise<{ row: InvoiceRow; expectedVersion: number | null }> {
    const { store, clock } = this.context;
    const found = await store.readInvoiceForPeriod(row.organizationId, row.id, row.periodIndex);
    if (found !== null) return { row: found, expectedVersion: found.version };
    return { row: invoiceRowOf(row, plan, state, null, clock()), expectedVersion: null };
  }
}
