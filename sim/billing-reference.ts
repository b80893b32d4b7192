/**
 * A deliberately naive reference for billing, written from the billing concepts page and not
 * from the services: it imports only types. For a subscription it keeps the period, the seats, the
 * plan (and the downgrade waiting), the grants each decision should make, the claw-backs, and the
 * invoice of every period with its lines in minor units. What happens to the credits in the
 * ledger (usage, holds, expiry, rollover) is the ledger's reference model's: this one only says
 * what goes in and what comes out, and reads what a grant has left from it.
 */
import type { Micros, PlanTerms } from "@creditpool/core";
import {
  type NaiveAnchor,
  type NaivePeriod,
  naivePeriod,
  naivePeriodAt,
} from "./billing-calendar.ts";

const dayMs = 86_400_000;
const microsPerCredit = 1_000_000n;

export interface RefPlan {
  readonly id: string;
  readonly version: number;
  readonly terms: PlanTerms;
}

/** A grant a decision should make, in order; its `grantId` is learnt from the ledger. */
export interface RefGrant {
  readonly source: "plan" | "seat" | "purchase";
  readonly amount: Micros;
  readonly costBasis: Micros;
  readonly effectiveAt: number;
  readonly expiresAt: number | null;
  readonly rollover: { readonly cap: Micros; readonly expiresAt: number } | null;
  grantId: string | null;
}

export interface RefLine {
  readonly kind: string;
  readonly quantity: number;
  readonly amount: bigint;
  readonly from: number;
  readonly to: number;
}

export interface RefInvoice {
  readonly periodIndex: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly lines: RefLine[];
  status: "draft" | "finalized";
}

export interface RefSubscription {
  id: string | null;
  plan: RefPlan;
  pending: RefPlan | null;
  seats: number;
  readonly anchor: NaiveAnchor;
  status: "active" | "canceled";
  cancelAtPeriodEnd: boolean;
  period: NaivePeriod;
  /** The credits the period began with: an amount cap is shared in proportion to them. */
  included: Micros;
  /** The current period's plan and seat grants, oldest first. */
  grants: RefGrant[];
  readonly invoices: RefInvoice[];
}

/** What a decision should do in the ledger: grants to make, then credits to void. */
export interface RefEffects {
  readonly grants: RefGrant[];
  readonly voids: { readonly grant: RefGrant; readonly amount: Micros }[];
}

const none = (): RefEffects => ({ grants: [], voids: [] });

/** Half up, once: the one rounding rule. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * The share of `amount` for [from, to) of the period: the difference of two cumulative roundings
 * from the period's start, so the shares of one amount split any way sum to it exactly.
 */
export function share(amount: bigint, period: NaivePeriod, from: number, to: number): bigint {
  const length = BigInt(period.end - period.start);
  const through = (at: number) => roundHalfUp(amount * BigInt(at - period.start), length);
  return through(to) - through(from);
}

/** Money per credit in micro-units of the currency: price over credits, half up. */
export function naiveCostBasis(price: bigint, currency: string, credits: Micros): Micros {
  if (credits === 0n || price === 0n) return 0n;
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits as number;
  return roundHalfUp(price * 10n ** BigInt(6 - digits) * microsPerCredit, credits);
}

const included = (terms: PlanTerms, seats: number) =>
  terms.creditsPerOrganization + BigInt(seats) * terms.creditsPerSeat;
const price = (terms: PlanTerms, seats: number) =>
  terms.basePrice + BigInt(seats) * terms.seatPrice;

/** The rollover terms of a grant of `amount` made in a period that began with `began`. */
function rolloverOf(terms: PlanTerms, amount: Micros, began: Micros, period: NaivePeriod) {
  const rule = terms.rollover;
  if (rule === null) return null;
  let cap: Micros;
  if (rule.cap.kind === "percent") cap = (amount * BigInt(rule.cap.percent)) / 100n;
  else {
    cap = began === 0n ? 0n : (rule.cap.amount * amount) / began;
    if (cap > amount) cap = amount;
  }
  return cap === 0n ? null : { cap, expiresAt: period.end + rule.lifetimeDays * dayMs };
}

export class BillingReference {
  subscription: RefSubscription | null = null;
  /** Every subscription ever made, the current one last. */
  readonly history: RefSubscription[] = [];

  /** `seatsAddedOneMore`: bills seats added one minor unit more, to prove a mismatch is seen. */
  constructor(private readonly seatsAddedOneMore = false) {}

  /** Opens the subscription at `now` in the period holding it, prorated from now. */
  start(plan: RefPlan, seats: number, anchor: NaiveAnchor, now: number): RefEffects {
    const period = naivePeriodAt(anchor, now);
    const subscription: RefSubscription = {
      id: null,
      plan,
      pending: null,
      seats,
      anchor,
      status: "active",
      cancelAtPeriodEnd: false,
      period,
      included: 0n,
      grants: [],
      invoices: [],
    };
    this.subscription = subscription;
    this.history.push(subscription);
    return this.open(subscription, period, now);
  }

  private open(subscription: RefSubscription, period: NaivePeriod, from: number): RefEffects {
    const { terms } = subscription.plan;
    const { seats } = subscription;
    const full = included(terms, seats);
    const credits = share(full, period, from, period.end);
    subscription.period = period;
    subscription.included = credits;
    subscription.grants = [];
    const lines: RefLine[] = [];
    if (terms.basePrice > 0n) {
      const amount = share(terms.basePrice, period, from, period.end);
      lines.push({ kind: "base", quantity: 1, amount, from, to: period.end });
    }
    if (seats > 0 && terms.seatPrice > 0n) {
      const amount = share(BigInt(seats) * terms.seatPrice, period, from, period.end);
      lines.push({ kind: "seats", quantity: seats, amount, from, to: period.end });
    }
    subscription.invoices.push({
      periodIndex: period.index,
      periodStart: period.start,
      periodEnd: period.end,
      lines,
      status: "draft",
    });
    if (credits === 0n) return none();
    const basis = naiveCostBasis(price(terms, seats), terms.currency, full);
    return { grants: [this.made(subscription, "plan", credits, basis, from, terms)], voids: [] };
  }

  private made(
    subscription: RefSubscription,
    source: "plan" | "seat",
    amount: Micros,
    costBasis: Micros,
    from: number,
    terms: PlanTerms,
  ): RefGrant {
    const { period } = subscription;
    const grant: RefGrant = {
      source,
      amount,
      costBasis,
      effectiveAt: from,
      expiresAt: period.end,
      rollover: rolloverOf(terms, amount, subscription.included, period),
      grantId: null,
    };
    subscription.grants.push(grant);
    return grant;
  }

  /**
   * Every period that ended by `now` is finalized, and the next opens (on a downgrade waiting,
   * if any) with its whole included credits, or the subscription ends if it was canceled.
   */
  renewThrough(now: number): RefEffects {
    const effects = none();
    const subscription = this.subscription;
    while (subscription?.status === "active" && subscription.period.end <= now) {
      const invoice = subscription.invoices[subscription.invoices.length - 1];
      if (invoice !== undefined) invoice.status = "finalized";
      if (subscription.cancelAtPeriodEnd) {
        subscription.status = "canceled";
        break;
      }
      if (subscription.pending !== null) subscription.plan = subscription.pending;
      subscription.pending = null;
      const next = naivePeriod(subscription.anchor, subscription.period.index + 1);
      const opened = this.open(subscription, next, next.start);
      effects.grants.push(...opened.grants);
    }
    return effects;
  }

  /** The subscription a change is made to, or why it is refused. */
  private active(): RefSubscription | string {
    const subscription = this.subscription;
    if (subscription === null) return "subscription_not_found";
    return subscription.status === "active" ? subscription : "subscription_canceled";
  }

  private invoiceOf(subscription: RefSubscription): RefInvoice {
    const invoice = subscription.invoices[subscription.invoices.length - 1];
    if (invoice === undefined) throw new Error("billing reference: a period without an invoice");
    return invoice;
  }

  /**
   * Seats from now: added ones bring their prorated credits and price; removed ones under
   * `claw_back` give back their prorated credits from the period's plan and seat grants, the
   * latest first, never more than each has left (`remainingOf`), and their prorated price.
   */
  changeSeats(seats: number, now: number, remainingOf: (grantId: string) => Micros) {
    const subscription = this.active();
    if (typeof subscription === "string") return subscription;
    const { terms } = subscription.plan;
    const { period } = subscription;
    const delta = seats - subscription.seats;
    const count = Math.abs(delta);
    subscription.seats = seats;
    if (delta === 0) return none();
    const credits = share(BigInt(count) * terms.creditsPerSeat, period, now, period.end);
    const amount = share(BigInt(count) * terms.seatPrice, period, now, period.end);
    const lines = this.invoiceOf(subscription).lines;
    if (delta > 0) {
      const billed = this.seatsAddedOneMore ? amount + 1n : amount;
      lines.push({
        kind: "seats_added",
        quantity: count,
        amount: billed,
        from: now,
        to: period.end,
      });
      if (credits === 0n) return none();
      const basis = naiveCostBasis(terms.seatPrice, terms.currency, terms.creditsPerSeat);
      return { grants: [this.made(subscription, "seat", credits, basis, now, terms)], voids: [] };
    }
    if (terms.seatRemoval === "keep") return none();
    lines.push({
      kind: "seats_removed",
      quantity: count,
      amount: -amount,
      from: now,
      to: period.end,
    });
    const voids: RefEffects["voids"] = [];
    let left = credits;
    for (const grant of [...subscription.grants].reverse()) {
      if (left === 0n || grant.grantId === null) continue;
      const available = remainingOf(grant.grantId);
      const taken = available < left ? available : left;
      if (taken <= 0n) continue;
      voids.push({ grant, amount: taken });
      left -= taken;
    }
    return { grants: [], voids };
  }

  /** A pack, or credits at the plan's price per credit: a grant now that never expires. */
  topUp(purchase: { pack: string } | { credits: Micros }, now: number) {
    const subscription = this.active();
    if (typeof subscription === "string") return subscription;
    const { terms } = subscription.plan;
    let credits: Micros;
    let cost: bigint;
    if ("pack" in purchase) {
      const pack = terms.topUps.find((each) => each.id === purchase.pack);
      if (pack === undefined) return "invalid_request";
      credits = pack.credits;
      cost = pack.price;
    } else {
      if (terms.topUpPrice === null) return "invalid_request";
      credits = purchase.credits;
      const { numerator, denominator } = terms.topUpPrice;
      cost = roundHalfUp(numerator * credits, denominator * microsPerCredit);
      if (cost === 0n) return "invalid_request";
    }
    this.invoiceOf(subscription).lines.push({
      kind: "top_up",
      quantity: 1,
      amount: cost,
      from: now,
      to: subscription.period.end,
    });
    const grant: RefGrant = {
      source: "purchase",
      amount: credits,
      costBasis: naiveCostBasis(cost, terms.currency, credits),
      effectiveAt: now,
      expiresAt: null,
      rollover: null,
      grantId: null,
    };
    return { grants: [grant], voids: [] };
  }

  /**
   * To another plan: the same one cancels a downgrade waiting; one that costs less at the current
   * seats waits for the period's end; otherwise an upgrade now, with the old plan's unused time
   * credited, the rest of the period charged on the new one, and its extra credits granted.
   */
  changePlan(target: RefPlan, now: number) {
    const subscription = this.active();
    if (typeof subscription === "string") return subscription;
    const { plan, seats, period } = subscription;
    if (target.id === plan.id && target.version === plan.version) {
      subscription.pending = null;
      return none();
    }
    const oldPrice = price(plan.terms, seats);
    const newPrice = price(target.terms, seats);
    if (newPrice < oldPrice) {
      subscription.pending = target;
      return none();
    }
    const lines = this.invoiceOf(subscription).lines;
    const credited = share(oldPrice, period, now, period.end);
    lines.push({
      kind: "plan_credit",
      quantity: seats,
      amount: -credited,
      from: now,
      to: period.end,
    });
    const charged = share(newPrice, period, now, period.end);
    lines.push({
      kind: "plan_charge",
      quantity: seats,
      amount: charged,
      from: now,
      to: period.end,
    });
    subscription.plan = target;
    subscription.pending = null;
    const extra =
      share(included(target.terms, seats), period, now, period.end) -
      share(included(plan.terms, seats), period, now, period.end);
    if (extra <= 0n) return none();
    const basis = naiveCostBasis(newPrice, target.terms.currency, included(target.terms, seats));
    return {
      grants: [this.made(subscription, "plan", extra, basis, now, target.terms)],
      voids: [],
    };
  }

  cancel(canceled: boolean) {
    const subscription = this.active();
    if (typeof subscription === "string") return subscription;
    subscription.cancelAtPeriodEnd = canceled;
    return none();
  }
}

/** An invoice's total: the sum of its lines. */
export function refTotal(invoice: RefInvoice): bigint {
  return invoice.lines.reduce((sum, line) => sum + line.amount, 0n);
}
