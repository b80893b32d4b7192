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
 * loads a subscription applies what is still pending first (`SubscriptionBooks.settle`).
 */
import {
  type BillingAnchor,
  billingPeriodAt,
  limits,
  type Micros,
  missingTier,
  periodProblem,
  type TierSeats,
} from "@creditpool/core";
import { within } from "../access/pool-tree.ts";
import { type Principal, requirePermission } from "../access/principal.ts";
import { toBigintJson } from "../bigint-json.ts";
import { Refusal } from "../refusal.ts";
import type { SeatAccess, SubscriptionRow } from "../store/billing.ts";
import { auditEntry } from "./audit.ts";
import { type AutoTopUpRule, encodeAutoTopUp, newAutoTopUp } from "./auto-top-ups.ts";
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
import { type Plan, resolvePlan } from "./plans.ts";
import {
  type Subscription,
  type SubscriptionBooks,
  writeAttemptsMax,
} from "./subscription-books.ts";
import {
  openingState,
  periodOfRow,
  planChange,
  planOfRow,
  topUpState,
} from "./subscription-periods.ts";
import {
  decodeState,
  encodeTierSeats,
  type PeriodState,
  stateFields,
} from "./subscription-records.ts";
import { seatDecision } from "./subscription-seats.ts";

export type { SubscriptionRow } from "../store/billing.ts";
export type { Subscription } from "./subscription-books.ts";

export interface NewSubscription {
  readonly plan: string;
  readonly planVersion?: number | undefined;
  /** Seats of the plan's own kind. */
  readonly seats: number;
  /** Seats of the plan's tiers, by tier id; none by default. */
  readonly tierSeats?: TierSeats | undefined;
  /** Defaults to the organization's root pool. */
  readonly pool?: string | undefined;
  /** Defaults to now; never later than now. */
  readonly anchorAt?: number | undefined;
  readonly timeZone: string;
  /** Who may hold at its pools; "open" by default. */
  readonly seatAccess?: SeatAccess | undefined;
}

/** A top-up: a pack of the plan's by its id, or an amount of credits at its top-up price. */
export type TopUpPurchase =
  | { readonly pack: string; readonly credits?: undefined }
  | { readonly pack?: undefined; readonly credits: Micros };

export class SubscriptionService {
  constructor(
    private readonly context: ServiceContext,
    private readonly books: SubscriptionBooks,
  ) {}

  /**
   * Renews (or ends) every subscription whose period has ended; answers how many it moved. One
   * that fails is told to `onFailure` and the others go on: no subscription holds up another's.
   */
  renewDue(limit = 100, onFailure?: (error: unknown, subscriptionId: string) => void) {
    return this.books.renewDue(limit, onFailure);
  }

  /** Moves one subscription past every period that has ended; answers whether it moved. */
  renew(row: SubscriptionRow): Promise<boolean> {
    return this.books.renew(row);
  }

  async start(
    principal: Principal,
    input: NewSubscription,
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    const { store, ids, tree } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "subscriptions.start", {
      input,
    });
    const organization = await store.readOrganization(organizationId);
    if (organization === null) throw new Refusal("organization_not_found");
    const poolId = input.pool ?? organization.rootPoolId;
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) {
      // A retry is a look too: what the first call left pending (its grant, its draft invoice)
      // is applied before it answers, as for every other decision.
      const started = await store.listSubscriptions(organizationId, {
        limit: limits.subscriptionsPerOrganizationMax + 1,
      });
      const made = started.find((row) => row.status === "active" && row.poolId === poolId);
      if (made !== undefined) await this.books.settleStored(organizationId, made.id);
      return replay;
    }

    const plan = await resolvePlan(this.context, organizationId, input.plan, input.planVersion);
    await tree.require(principal, organizationId, poolId);
    // An archived pool takes no new grants: its seats could never be issued.
    const view = await this.context.engine.readView(organizationId);
    if ((view?.pools.get(poolId)?.archivedAt ?? null) !== null)
      throw new Refusal("pool_archived", undefined, "pool");
    const existing = await store.listSubscriptions(organizationId, {
      limit: limits.subscriptionsPerOrganizationMax + 1,
    });
    if (existing.length >= limits.subscriptionsPerOrganizationMax)
      throw new Refusal("subscription_count_exceeded");
    if (existing.some((row) => row.status === "active" && row.poolId === poolId))
      throw new Refusal("subscription_exists", undefined, "pool");
    // Usage is billed over a subscription's pool and every pool under it: two active
    // subscriptions on one branch of the tree would bill the same usage twice.
    const parents = await store.readPoolParents(organizationId);
    const nested = existing.find(
      (row) =>
        row.status === "active" &&
        (within(parents, row.poolId, poolId) || within(parents, poolId, row.poolId)),
    );
    if (nested !== undefined)
      throw new Refusal(
        "subscription_exists",
        `Subscription ${nested.id} is on a pool above or below this one; its usage would be billed twice.`,
        "pool",
      );

    const tierSeats = input.tierSeats ?? {};
    const missing = missingTier(plan.terms, tierSeats);
    if (missing !== null)
      throw new Refusal(
        "invalid_request",
        `Plan ${plan.id} has no seat tier ${missing}.`,
        `tier_seats.${missing}`,
      );
    // Past a bound with the plan's own seats alone, `seats` is at fault; else the tiers are.
    const problem = periodProblem(plan.terms, input.seats);
    if (problem !== null) throw new Refusal("amount_out_of_range", `${problem}.`, "seats");
    const tierProblem = periodProblem(plan.terms, input.seats, tierSeats);
    if (tierProblem !== null)
      throw new Refusal("amount_out_of_range", `${tierProblem}.`, "tier_seats");
    const now = await organizationNow(this.context, organizationId);
    const anchorAt = input.anchorAt ?? now;
    if (anchorAt > now) throw new Refusal("invalid_request", "Must not be after now.", "anchor_at");
    const anchor: BillingAnchor = {
      anchorAt,
      timeZone: input.timeZone,
      interval: plan.terms.interval,
    };
    const period = billingPeriodAt(anchor, now);
    const id = ids.next("sub");
    const state = openingState(plan.terms, input.seats, tierSeats, period, now, {
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
      tierSeats: encodeTierSeats(tierSeats),
      anchorAt,
      timeZone: input.timeZone,
      interval: plan.terms.interval,
      status: "active",
      cancelAtPeriodEnd: false,
      pending: null,
      periodIndex: period.index,
      periodStart: period.start,
      periodEnd: period.end,
      ...stateFields(state),
      autoTopUp: null,
      seatAccess: input.seatAccess ?? "open",
      seatsAssigned: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const made: Subscription = { row, plan, period: state };
    const audit = auditEntry(
      this.context,
      principal,
      organizationId,
      {
        action: "subscription.created",
        targetType: "subscription",
        targetId: id,
        before: null,
        after: this.books.view(made),
      },
      now,
    );
    const stored = await store
      .insertSubscription(row, answerOf(idempotency, render(made), now, audit))
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
    this.context.seatGates.forget(organizationId);
    await this.books.settle(row, plan);
    return { made };
  }

  /** A subscription as of now: renewed if its period has ended, its pending effects applied. */
  async read(principal: Principal, id: string): Promise<Subscription> {
    const organizationId = requirePermission(principal, "billing.read");
    let row = await this.books.load(organizationId, id);
    if (
      row.status === "active" &&
      row.periodEnd <= (await organizationNow(this.context, organizationId))
    ) {
      await this.books.renew(row);
      row = await this.books.load(organizationId, id);
    }
    const plan = await planOfRow(this.context, row);
    return this.books.settle(row, plan);
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

  /**
   * Sets the count of one kind of seat from now (the plan's own, or a tier's), prorated both
   * ways (`subscription-seats.ts`).
   */
  changeSeats(
    principal: Principal,
    id: string,
    seats: number,
    idempotencyKey: string,
    render: Render<Subscription>,
    tier: string | null = null,
  ): Promise<Written<Subscription>> {
    // A change of the plan's own seats is the same request it was before tiers.
    const request = tier === null ? { seats } : { seats, tier };
    return this.decide(principal, id, "subscriptions.seats", request, idempotencyKey, render, {
      action: "subscription.seats_changed",
      decide: async (row, plan, now) => seatDecision(this.context, row, plan, { seats, tier }, now),
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
      action: "top_up.created",
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
      action: "subscription.plan_changed",
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

  /**
   * Sets the subscription's auto top-up rule (`auto-top-ups.ts`), or removes it with null. The
   * purchase it names is checked against the plan now, as a top-up would be.
   */
  setAutoTopUp(
    principal: Principal,
    id: string,
    rule: AutoTopUpRule | null,
    idempotencyKey: string,
    render: Render<Subscription>,
  ): Promise<Written<Subscription>> {
    const request = { rule: rule === null ? null : toBigintJson(rule) };
    return this.decide(
      principal,
      id,
      "subscriptions.auto_top_up",
      request,
      idempotencyKey,
      render,
      {
        action: "subscription.auto_top_up_changed",
        decide: async (row, plan, now) => {
          if (rule !== null) {
            const purchase =
              rule.pack === null ? { credits: rule.credits ?? 0n } : { pack: rule.pack };
            try {
              topUpState(decodeState(row.state), plan.terms, periodOfRow(row), purchase, {
                now,
                grantId: "grant_unused",
              });
            } catch (error) {
              if (!(error instanceof Refusal) || error.code === "invoice_full") throw error;
              throw new Refusal(error.code, error.message, `auto_top_up.${error.param ?? "pack"}`);
            }
          }
          const state = rule === null ? null : newAutoTopUp(rule, row.periodIndex);
          return { row: { ...row, autoTopUp: encodeAutoTopUp(state) }, state: null };
        },
      },
    );
  }

  /** Ends the subscription at its period's end: no renewal, no further grant. */
  cancel(principal: Principal, id: string, idempotencyKey: string, render: Render<Subscription>) {
    return this.decide(principal, id, "subscriptions.cancel", {}, idempotencyKey, render, {
      action: "subscription.canceled",
      decide: async (row) => ({ row: { ...row, cancelAtPeriodEnd: true }, state: null }),
    });
  }

  /** Undoes a cancellation while the period still runs. */
  resume(principal: Principal, id: string, idempotencyKey: string, render: Render<Subscription>) {
    return this.decide(principal, id, "subscriptions.resume", {}, idempotencyKey, render, {
      action: "subscription.resumed",
      decide: async (row) => ({ row: { ...row, cancelAtPeriodEnd: false }, state: null }),
    });
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
      /** What the audit record of the decision names it. */
      readonly action: string;
    },
  ): Promise<Written<Subscription>> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, what, { id, ...request });
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const replay = await storedReplay(store, idempotency);
      if (replay !== null) {
        // A retry is a look too: what the first call left pending is applied before it answers.
        const found = await store.readSubscription(organizationId, id);
        if (found !== null) await this.books.settle(found, await planOfRow(this.context, found));
        return replay;
      }
      let row = await this.books.load(organizationId, id, rule.param);
      if (row.status !== "active")
        throw new Refusal("subscription_canceled", undefined, rule.param ?? "id");
      const plan = await planOfRow(this.context, row);
      row = (await this.books.settle(row, plan)).row;
      const now = await organizationNow(this.context, organizationId);
      if (row.periodEnd <= now) {
        await this.books.renew(row);
        continue;
      }
      const decided = await rule.decide(row, plan, now);
      const view = this.books.view;
      const made = await this.books.commit(
        row,
        plan,
        decided,
        now,
        (decision: Subscription) => answerOf(idempotency, render(decision), now),
        (before, after) =>
          auditEntry(
            this.context,
            principal,
            organizationId,
            {
              action: rule.action,
              targetType: "subscription",
              targetId: id,
              before: view(before),
              after: view(after),
            },
            now,
          ),
      );
      if (made !== null) return { made };
    }
    throw new Refusal("subscription_busy");
  }
}
