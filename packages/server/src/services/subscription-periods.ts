/**
 * The parts of a subscription's period that follow from its terms alone: the effects a period
 * opens with and how each goes through the engine, the invoice row its lines make, and where a
 * row's period and plan are.
 */
import {
  type BillingAnchor,
  type BillingPeriod,
  costBasis,
  formatDecimal,
  includedCredits,
  limits,
  type Micros,
  missingTier,
  type PlanTerms,
  periodPrice,
  periodProblem,
  prorateSpan,
  rolloverCapOf,
  seatsDescription,
  seatsTotal,
  type TierSeats,
  topUpPriceOf,
} from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { InvoiceRow, SubscriptionRow } from "../store/billing.ts";
import type { ServiceContext } from "./context.ts";
import { type Plan, planOf } from "./plans.ts";
import {
  decodeState,
  decodeTierSeats,
  type Effect,
  encodeLines,
  type GrantEffect,
  type InvoiceLine,
  invoiceTotal,
  type PeriodState,
} from "./subscription-records.ts";

const dayMs = 86_400_000;

/** The effect through the engine; answers it applied. */
export async function applyEffect(
  engine: ServiceContext["engine"],
  row: SubscriptionRow,
  effect: Effect,
): Promise<Effect> {
  const idempotencyKey = `billing:${row.id}:${effect.id}`;
  if (effect.kind === "void") {
    const answer = await engine.submit(
      row.organizationId,
      { type: "void_grant", grantId: effect.grantId, amount: effect.amount },
      { idempotencyKey },
    );
    if (answer.code !== "ok" && answer.code !== "grant_not_found")
      throw new Error(`subscription ${row.id}: ${effect.id} answered ${answer.code}`);
    return { ...effect, done: true };
  }
  const answer = await engine.submit(
    row.organizationId,
    {
      type: "create_grant",
      grantId: effect.grantId,
      poolId: effect.poolId ?? row.poolId,
      amount: effect.amount,
      source: effect.source,
      priority: limits.grantPriorityDefault,
      effectiveAt: effect.effectiveAt,
      expiresAt: effect.expiresAt,
      costBasis: effect.costBasis,
      rollover: effect.rollover,
    },
    { idempotencyKey },
  );
  // The grant's id was chosen with the decision: in use means this effect made it already.
  if (answer.code === "id_in_use") return { ...effect, applied: true };
  if (answer.code !== "ok" || answer.result.kind !== "grant")
    throw new Error(`subscription ${row.id}: ${effect.id} answered ${answer.code}`);
  return { ...effect, applied: true };
}

/**
 * A period's opening: the included grant (prorated when the period opens at `from`, after its
 * start) and the lines of its price.
 */
export function openingState(
  terms: PlanTerms,
  seats: number,
  tierSeats: TierSeats,
  period: BillingPeriod,
  from: number,
  ids: { readonly invoice: string; readonly grant: string },
): PeriodState {
  const full = includedCredits(terms, seats, tierSeats);
  const credits = prorateSpan(full, period, from, period.end);
  const basis = costBasis(periodPrice(terms, seats, tierSeats), terms.currency, full);
  const effects: Effect[] =
    credits === 0n
      ? []
      : [
          grantEffect(
            {
              id: `p${period.index}`,
              grantId: ids.grant,
              source: "plan",
              amount: credits,
              basis,
              from,
              included: credits,
            },
            terms,
            period,
          ),
        ];
  const lines: InvoiceLine[] = [];
  if (terms.basePrice > 0n) {
    lines.push({
      id: "base",
      kind: "base",
      description: terms.name,
      quantity: 1,
      amount: prorateSpan(terms.basePrice, period, from, period.end),
      from,
      to: period.end,
    });
  }
  if (seats > 0 && terms.seatPrice > 0n) {
    lines.push({
      id: "seats",
      kind: "seats",
      description: seatsDescription(terms, null, seats),
      quantity: seats,
      amount: prorateSpan(BigInt(seats) * terms.seatPrice, period, from, period.end),
      from,
      to: period.end,
    });
  }
  // A line per tier with seats, in the plan's order, each its seats' price rounded once.
  for (const tier of terms.seatTiers) {
    const count = tierSeats[tier.id] ?? 0;
    if (count === 0 || tier.seatPrice === 0n) continue;
    lines.push({
      id: `seats.${tier.id}`,
      kind: "seats",
      description: seatsDescription(terms, tier.id, count),
      quantity: count,
      tier: tier.id,
      amount: prorateSpan(BigInt(count) * tier.seatPrice, period, from, period.end),
      from,
      to: period.end,
    });
  }
  return { included: credits, invoiceId: ids.invoice, effects, lines };
}

/** A grant a period calls for, with its share of the plan's rollover cap. */
export function grantEffect(
  made: {
    readonly id: string;
    readonly grantId: string;
    readonly source: "plan" | "seat";
    readonly amount: Micros;
    readonly basis: Micros;
    readonly from: number;
    readonly included: Micros;
  },
  terms: PlanTerms,
  period: BillingPeriod,
): GrantEffect {
  const { id, grantId, source, amount, basis, from, included } = made;
  const rule = terms.rollover;
  const cap = rule === null ? 0n : rolloverCapOf(rule, amount, included);
  return {
    id,
    kind: "grant",
    source,
    amount,
    costBasis: basis,
    effectiveAt: from,
    expiresAt: period.end,
    rollover:
      rule === null || cap === 0n
        ? null
        : { cap, expiresAt: period.end + rule.lifetimeDays * dayMs },
    grantId,
    applied: false,
  };
}

export function invoiceRowOf(
  row: SubscriptionRow,
  plan: Plan,
  state: PeriodState,
  stored: InvoiceRow | null,
  now: number,
): InvoiceRow {
  return {
    organizationId: row.organizationId,
    id: stored?.id ?? state.invoiceId,
    subscriptionId: row.id,
    periodIndex: row.periodIndex,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    currency: plan.terms.currency,
    status: stored?.status ?? "draft",
    number: stored?.number ?? null,
    lines: encodeLines(state.lines),
    total: invoiceTotal(state.lines),
    createdAt: stored?.createdAt ?? now,
    updatedAt: now,
    finalizedAt: stored?.finalizedAt ?? null,
    version: (stored?.version ?? 0) + 1,
    planScope: plan.scope,
    planId: plan.id,
    planVersion: plan.version,
    timeZone: row.timeZone,
  };
}

/** Unique in the organization: the subscription's id and the period's number. */
export function invoiceNumber(row: SubscriptionRow): string {
  return `${row.id.replace(/^sub_/, "")}-${String(row.periodIndex + 1).padStart(4, "0")}`;
}

export function anchorOf(row: SubscriptionRow): BillingAnchor {
  return { anchorAt: row.anchorAt, timeZone: row.timeZone, interval: row.interval };
}

export function periodOfRow(row: SubscriptionRow): BillingPeriod {
  return { index: row.periodIndex, start: row.periodStart, end: row.periodEnd };
}

/** The plan version a subscription is on (versions are never deleted). */
export async function planOfRow(context: ServiceContext, row: SubscriptionRow): Promise<Plan> {
  const stored = await context.store.readPlan(row.planScope, row.planId, row.planVersion);
  if (stored === null) throw new Error(`plan ${row.planId} v${row.planVersion} is missing`);
  return planOf(stored);
}

/** The period with a top-up added: its grant (never expiring) and its invoice line. */
export function topUpState(
  state: PeriodState,
  terms: PlanTerms,
  period: BillingPeriod,
  purchase: { readonly pack?: string | undefined; readonly credits?: Micros | undefined },
  made: { readonly now: number; readonly grantId: string },
): PeriodState {
  const { now, grantId } = made;
  const bought = purchaseOf(terms, purchase);
  if (
    state.lines.length + 1 > limits.invoiceLinesMax ||
    state.effects.length >= limits.periodEffectsMax
  )
    throw new Refusal("invoice_full", undefined, bought.param);
  const change = `${state.effects.length + state.lines.length}`;
  const basis = costBasis(bought.price, terms.currency, bought.credits);
  if (basis > limits.amountMicrosMax)
    throw new Refusal(
      "amount_out_of_range",
      "A credit would cost more than the largest cost basis.",
      bought.param,
    );
  const effect: GrantEffect = {
    id: `p${period.index}.c${change}`,
    kind: "grant",
    source: "purchase",
    amount: bought.credits,
    costBasis: basis,
    effectiveAt: now,
    expiresAt: null,
    rollover: null,
    grantId,
    applied: false,
  };
  const line: InvoiceLine = {
    id: `c${change}`,
    kind: "top_up",
    description: bought.description,
    quantity: 1,
    amount: bought.price,
    from: now,
    to: period.end,
  };
  return { ...state, effects: [...state.effects, effect], lines: [...state.lines, line] };
}

function purchaseOf(
  terms: PlanTerms,
  purchase: { readonly pack?: string | undefined; readonly credits?: Micros | undefined },
): { credits: Micros; price: bigint; description: string; param: string } {
  if (purchase.pack !== undefined) {
    const pack = terms.topUps.find((each) => each.id === purchase.pack);
    if (pack === undefined)
      throw new Refusal("invalid_request", `The plan sells no pack ${purchase.pack}.`, "pack");
    const description = `Top-up pack ${pack.id}: ${formatDecimal(pack.credits)} credits`;
    return { credits: pack.credits, price: pack.price, description, param: "pack" };
  }
  const credits = purchase.credits ?? 0n;
  if (terms.topUpPrice === null)
    throw new Refusal("invalid_request", "The plan sells top-ups in packs only.", "credits");
  const price = topUpPriceOf(terms.topUpPrice, credits);
  if (price === 0n)
    throw new Refusal("invalid_request", "Costs less than one minor unit: buy more.", "credits");
  if (price > limits.moneyMinorMax)
    throw new Refusal("invalid_request", "Costs more than one invoice line may.", "credits");
  const description = `Top-up: ${formatDecimal(credits)} credits`;
  return { credits, price, description, param: "credits" };
}

/** The columns that name a subscription's plan version. */
export function planFields(plan: Plan) {
  return { planScope: plan.scope, planId: plan.id, planVersion: plan.version };
}

/** The plan version a downgrade waits to take over with (the subscription's `pending`). */
export async function pendingPlanOf(context: ServiceContext, row: SubscriptionRow) {
  const pending = JSON.parse(row.pending ?? "null") as ReturnType<typeof planFields> | null;
  if (pending === null) return planOfRow(context, row);
  const stored = await context.store.readPlan(
    pending.planScope,
    pending.planId,
    pending.planVersion,
  );
  if (stored === null) throw new Error(`plan ${pending.planId} v${pending.planVersion} is missing`);
  return planOf(stored);
}

/**
 * The decision of a plan change at `now` (see `SubscriptionService.changePlan`): an upgrade's
 * lines and extra credits now, or a downgrade recorded for the period's end.
 */
export function planChange(
  row: SubscriptionRow,
  current: Plan,
  target: Plan,
  now: number,
  grantId: string,
): { row: SubscriptionRow; state: PeriodState | null } {
  const from = current.terms;
  const to = target.terms;
  if (to.currency !== from.currency || to.interval !== from.interval)
    throw new Refusal(
      "invalid_request",
      `Must bill in ${from.currency} every ${from.interval}, as the current plan does.`,
      "plan",
    );
  const tierSeats = decodeTierSeats(row.tierSeats);
  const missing = missingTier(to, tierSeats);
  if (missing !== null)
    throw new Refusal(
      "seat_tier_missing",
      `Plan ${target.id} has no seat tier ${missing}; set the subscription's ${missing} seats to 0 first.`,
      "plan",
    );
  const problem = periodProblem(to, row.seats, tierSeats);
  if (problem !== null) throw new Refusal("amount_out_of_range", `${problem}.`, "plan");
  const same = planFields(target);
  if (
    same.planScope === row.planScope &&
    same.planId === row.planId &&
    same.planVersion === row.planVersion
  )
    return { row: { ...row, pending: null }, state: null };
  const oldPrice = periodPrice(from, row.seats, tierSeats);
  const newPrice = periodPrice(to, row.seats, tierSeats);
  const seats = seatsTotal(row.seats, tierSeats);
  if (newPrice < oldPrice) return { row: { ...row, pending: JSON.stringify(same) }, state: null };

  const period: BillingPeriod = {
    index: row.periodIndex,
    start: row.periodStart,
    end: row.periodEnd,
  };
  const state = decodeState(row.state);
  if (
    state.lines.length + 2 > limits.invoiceLinesMax ||
    state.effects.length >= limits.periodEffectsMax
  )
    throw new Refusal("invoice_full", undefined, "plan");
  const change = `${state.effects.length + state.lines.length}`;
  const lines: InvoiceLine[] = [
    {
      id: `c${change}.from`,
      kind: "plan_credit",
      description: `Unused time on ${from.name}`,
      quantity: seats,
      amount: -prorateSpan(oldPrice, period, now, period.end),
      from: now,
      to: period.end,
    },
    {
      id: `c${change}.to`,
      kind: "plan_charge",
      description: `Remaining time on ${to.name}`,
      quantity: seats,
      amount: prorateSpan(newPrice, period, now, period.end),
      from: now,
      to: period.end,
    },
  ];
  const newIncluded = includedCredits(to, row.seats, tierSeats);
  const oldIncluded = includedCredits(from, row.seats, tierSeats);
  const oldCredits = prorateSpan(oldIncluded, period, now, period.end);
  const newCredits = prorateSpan(newIncluded, period, now, period.end);
  const extra = newCredits - oldCredits;
  const effects: Effect[] =
    extra <= 0n
      ? []
      : [
          grantEffect(
            {
              id: `p${period.index}.c${change}`,
              grantId,
              source: "plan",
              amount: extra,
              basis: costBasis(newPrice, to.currency, newIncluded),
              from: now,
              included: state.included,
            },
            to,
            period,
          ),
        ];
  return {
    row: { ...row, ...same, pending: null },
    state: { ...state, effects: [...state.effects, ...effects], lines: [...state.lines, ...lines] },
  };
}
