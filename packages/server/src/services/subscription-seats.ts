/**
 * A change of a subscription's seats from now, decided: seats added bring their prorated credits
 * (a grant of source `seat`) and a prorated line; seats removed under `claw_back` give back the
 * unused share of their credits from the period's plan and seat grants (never a top-up, never more
 * than is left) with a prorated credit line; under `keep` nothing moves until the next period.
 */
import {
  costBasis,
  limits,
  type Micros,
  missingTier,
  type PlanTerms,
  periodProblem,
  prorateSpan,
  seatsDescription,
  seatsTotal,
  type TierSeats,
} from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { SubscriptionRow } from "../store/billing.ts";
import type { ServiceContext } from "./context.ts";
import type { Plan } from "./plans.ts";
import { viewOf } from "./pools.ts";
import { grantEffect, pendingPlanOf, periodOfRow } from "./subscription-periods.ts";
import {
  decodeState,
  decodeTierSeats,
  type Effect,
  encodeTierSeats,
  type GrantEffect,
  type InvoiceLine,
  type PeriodState,
  type VoidEffect,
} from "./subscription-records.ts";

/** One kind of seat: the plan's own (`tier` null) or a tier's, with its price and credits. */
interface SeatKind {
  readonly tier: string | null;
  readonly seatPrice: bigint;
  readonly creditsPerSeat: Micros;
}

function seatKindOf(terms: PlanTerms, tier: string | null): SeatKind {
  if (tier === null)
    return { tier, seatPrice: terms.seatPrice, creditsPerSeat: terms.creditsPerSeat };
  const found = terms.seatTiers.find((each) => each.id === tier);
  if (found === undefined)
    throw new Refusal("invalid_request", `The plan has no seat tier ${tier}.`, "tier");
  return { tier, seatPrice: found.seatPrice, creditsPerSeat: found.creditsPerSeat };
}

/**
 * Sets the seats of one kind (the plan's own when `tier` is null) to `seats` from now. Every
 * kind is prorated alike, each change's credits and money rounded once.
 */
export async function seatDecision(
  context: ServiceContext,
  row: SubscriptionRow,
  plan: Plan,
  asked: { readonly seats: number; readonly tier: string | null },
  now: number,
): Promise<{ row: SubscriptionRow; state: PeriodState | null }> {
  const { seats } = asked;
  const kind = seatKindOf(plan.terms, asked.tier);
  const before = decodeTierSeats(row.tierSeats);
  const current = kind.tier === null ? row.seats : (before[kind.tier] ?? 0);
  const delta = seats - current;
  const state = decodeState(row.state);
  if (delta === 0) return { row, state: null };
  const own = kind.tier === null ? seats : row.seats;
  const counts = kind.tier === null ? before : { ...before, [kind.tier]: seats };
  // A tier set to none is no longer the subscription's: a waiting plan need not have it.
  const tierSeats: TierSeats = Object.fromEntries(
    Object.entries(counts).filter(([, count]) => count > 0),
  );
  const total = seatsTotal(own, tierSeats);
  if (total < row.seatsAssigned)
    throw new Refusal(
      "seats_assigned",
      `${row.seatsAssigned} members hold seats of subscription ${row.id}; unassign members before lowering seats to ${total} in all.`,
      "seats",
    );
  // The seats must fit the plan now, and the plan a downgrade waits to take over with.
  const pending = row.pending === null ? plan : await pendingPlanOf(context, row);
  const missing = missingTier(pending.terms, tierSeats);
  if (missing !== null)
    throw new Refusal(
      "seat_tier_missing",
      `Plan ${pending.id}, which a downgrade waits to take over with, has no seat tier ${missing}.`,
      "tier",
    );
  const problem =
    periodProblem(plan.terms, own, tierSeats) ?? periodProblem(pending.terms, own, tierSeats);
  if (problem !== null) throw new Refusal("amount_out_of_range", `${problem}.`, "seats");
  const next: SubscriptionRow = { ...row, seats: own, tierSeats: encodeTierSeats(tierSeats) };
  const terms = plan.terms;
  const period = periodOfRow(row);
  const count = Math.abs(delta);
  const change = `${state.effects.length + state.lines.length}`;
  if (
    state.lines.length + 1 > limits.invoiceLinesMax ||
    state.effects.length >= limits.periodEffectsMax
  )
    throw new Refusal("invoice_full", undefined, "seats");
  if (delta > 0) {
    const credits = prorateSpan(BigInt(count) * kind.creditsPerSeat, period, now, period.end);
    const price = prorateSpan(BigInt(count) * kind.seatPrice, period, now, period.end);
    const effects: Effect[] =
      credits === 0n
        ? []
        : [
            grantEffect(
              {
                id: `p${period.index}.c${change}`,
                grantId: context.ids.next("grant"),
                source: "seat",
                amount: credits,
                basis: costBasis(kind.seatPrice, terms.currency, kind.creditsPerSeat),
                from: now,
                included: state.included,
              },
              terms,
              period,
            ),
          ];
    const line: InvoiceLine = {
      id: `c${change}`,
      kind: "seats_added",
      description: `${seatsDescription(terms, kind.tier, count)} added`,
      quantity: count,
      ...tierField(kind),
      amount: price,
      from: now,
      to: period.end,
    };
    return {
      row: next,
      state: { ...state, effects: [...state.effects, ...effects], lines: [...state.lines, line] },
    };
  }
  if (terms.seatRemoval === "keep") return { row: next, state: null };
  const credits = prorateSpan(BigInt(count) * kind.creditsPerSeat, period, now, period.end);
  const price = prorateSpan(BigInt(count) * kind.seatPrice, period, now, period.end);
  const voids = await clawBack(context, row, state, credits, `p${period.index}.c${change}`);
  if (state.effects.length + voids.length > limits.periodEffectsMax)
    throw new Refusal("invoice_full", undefined, "seats");
  const line: InvoiceLine = {
    id: `c${change}`,
    kind: "seats_removed",
    description: `${seatsDescription(terms, kind.tier, count)} removed`,
    quantity: count,
    ...tierField(kind),
    amount: -price,
    from: now,
    to: period.end,
  };
  return {
    row: next,
    state: { ...state, effects: [...state.effects, ...voids], lines: [...state.lines, line] },
  };
}

/** A line of a tier's seats names the tier; the plan's own seat's lines stay as they were. */
function tierField(kind: SeatKind): { tier?: string } {
  return kind.tier === null ? {} : { tier: kind.tier };
}

/**
 * Voids to take `credits` back from the period's grants, the latest first, each at most what
 * that grant has left now (held credits stay with their holds): never more than is left.
 */
async function clawBack(
  context: ServiceContext,
  row: SubscriptionRow,
  state: PeriodState,
  credits: Micros,
  id: string,
): Promise<VoidEffect[]> {
  const view = await viewOf(context, row.organizationId);
  const voids: VoidEffect[] = [];
  let left = credits;
  const grants = state.effects.filter(
    // The period's plan and seat credits only: top-ups were bought, they are not seats'.
    (effect): effect is GrantEffect =>
      effect.kind === "grant" && effect.applied && effect.source !== "purchase",
  );
  for (const effect of grants.reverse()) {
    if (left === 0n) break;
    const grant = view.grants.get(effect.grantId);
    const voided = state.effects
      .filter((each): each is VoidEffect => each.kind === "void" && each.grantId === effect.grantId)
      .reduce((sum, each) => sum + (each.done ? 0n : each.amount), 0n);
    const available = (grant?.closed === null ? grant.remaining : 0n) - voided;
    const amount = available < left ? available : left;
    if (amount <= 0n) continue;
    voids.push({
      id: `${id}.v${voids.length}`,
      kind: "void",
      grantId: effect.grantId,
      amount,
      done: false,
    });
    left -= amount;
  }
  return voids;
}
