/**
 * A change of a subscription's seats from now, decided: seats added bring their prorated credits
 * (a grant of source `seat`) and a prorated line; seats removed under `claw_back` give back the
 * unused share of their credits from the period's plan and seat grants (never a top-up, never more
 * than is left) with a prorated credit line; under `keep` nothing moves until the next period.
 */
import { costBasis, limits, type Micros, periodProblem, prorateSpan } from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { SubscriptionRow } from "../store/billing.ts";
import type { ServiceContext } from "./context.ts";
import type { Plan } from "./plans.ts";
import { viewOf } from "./pools.ts";
import { grantEffect, pendingPlanOf, periodOfRow } from "./subscription-periods.ts";
import {
  decodeState,
  type Effect,
  type GrantEffect,
  type InvoiceLine,
  type PeriodState,
  type VoidEffect,
} from "./subscription-records.ts";

export async function seatDecision(
  context: ServiceContext,
  row: SubscriptionRow,
  plan: Plan,
  seats: number,
  now: number,
): Promise<{ row: SubscriptionRow; state: PeriodState | null }> {
  const delta = seats - row.seats;
  const state = decodeState(row.state);
  if (delta === 0) return { row, state: null };
  if (seats < row.seatsAssigned)
    throw new Refusal(
      "seats_assigned",
      `${row.seatsAssigned} members hold seats of subscription ${row.id}; unassign members before lowering seats to ${seats}.`,
      "seats",
    );
  // The seats must fit the plan now, and the plan a downgrade waits to take over with.
  const pending = row.pending === null ? plan : await pendingPlanOf(context, row);
  const problem = periodProblem(plan.terms, seats) ?? periodProblem(pending.terms, seats);
  if (problem !== null) throw new Refusal("amount_out_of_range", `${problem}.`, "seats");
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
    const credits = prorateSpan(BigInt(count) * terms.creditsPerSeat, period, now, period.end);
    const price = prorateSpan(BigInt(count) * terms.seatPrice, period, now, period.end);
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
                basis: costBasis(terms.seatPrice, terms.currency, terms.creditsPerSeat),
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
      description: `${count} ${count === 1 ? "seat" : "seats"} added`,
      quantity: count,
      amount: price,
      from: now,
      to: period.end,
    };
    return {
      row: { ...row, seats },
      state: { ...state, effects: [...state.effects, ...effects], lines: [...state.lines, line] },
    };
  }
  if (terms.seatRemoval === "keep") return { row: { ...row, seats }, state: null };
  const credits = prorateSpan(BigInt(count) * terms.creditsPerSeat, period, now, period.end);
  const price = prorateSpan(BigInt(count) * terms.seatPrice, period, now, period.end);
  const voids = await clawBack(context, row, state, credits, `p${period.index}.c${change}`);
  if (state.effects.length + voids.length > limits.periodEffectsMax)
    throw new Refusal("invoice_full", undefined, "seats");
  const line: InvoiceLine = {
    id: `c${change}`,
    kind: "seats_removed",
    description: `${count} ${count === 1 ? "seat" : "seats"} removed`,
    quantity: count,
    amount: -price,
    from: now,
    to: period.end,
  };
  return {
    row: { ...row, seats },
    state: { ...state, effects: [...state.effects, ...voids], lines: [...state.lines, line] },
  };
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
