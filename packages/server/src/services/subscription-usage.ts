/**
 * What a period's consumption adds to its invoice at the period's end: the overage (consumption
 * no grant covered: drawn from the carrier's overage allowance during the period, and debt still
 * owed when it ended) at the plan's overage price, less the commitment's discount; and, when the
 * plan has a commitment, the true-up that brings the period's usage spend up to its minimum.
 *
 * Debt billed is settled in the ledger: the next period opens with a grant of the debt's credits
 * at the price paid for each carrier that owed it, issued before its included credits, so it pays
 * the debt (a grant pays its carrier's debt first) and no credit is billed twice. Measured on the ledger totals of the
 * subscription's pool and everything under it, exactly over the period's span.
 */
import {
  type BillingPeriod,
  costBasis,
  formatDecimal,
  limits,
  type Micros,
  microsPerCredit,
  type PlanTerms,
  roundHalfUp,
  type Total,
} from "@creditpool/core";
import { within } from "../access/pool-tree.ts";
import { viewOf } from "../engine/outside-batches.ts";
import type { SubscriptionRow } from "../store/billing.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";
import type { GrantEffect, InvoiceLine, PeriodState } from "./subscription-records.ts";

/** What no grant covered, in credits, for one period of a subscription. */
export interface PeriodUsage {
  /** Drawn from the overage allowance during the period. */
  readonly overage: Micros;
  /** Owed at the period's end by each carrier of the subtree that owes (pool id, credits). */
  readonly debts: readonly (readonly [poolId: string, credits: Micros])[];
}

function debtOf(usage: PeriodUsage): Micros {
  return usage.debts.reduce((sum, [, credits]) => sum + credits, 0n);
}

/** The pool and every pool under it. */
function subtreeOf(parents: Map<string, string | null>, poolId: string): Set<string> {
  return new Set([...parents.keys()].filter((id) => within(parents, poolId, id)));
}

function sumOf(totals: readonly Total[], pools: Set<string>, measure: Total["measure"]): Micros {
  let sum = 0n;
  for (const total of totals) {
    if (total.measure === measure && pools.has(total.poolId)) sum += total.credits;
  }
  return sum;
}

/**
 * The period's usage, once nothing can still be written before its end: the engine first moves
 * the organization to the period's end (any later batch writes at a later time; a refusal, such
 * as a full queue, stops the renewal), then the totals are summed to the journal's end.
 * Overage is deterministic; debt is capped by what is still owed when the renewal runs, so a
 * grant that paid the debt between the period's end and the renewal (a recurring grant issued
 * first) leaves less to bill. Either way the renewal is one conditional write, and no debt is
 * billed twice: a renewal catching up several periods finds what the last settlement paid.
 *
 * Overage is what the subscription's pool and the pools under it drew from overage allowances
 * during the period. Debt is what the subscription's pool owes as a carrier (debt is owed where a
 * draw chain ends): owed when the period ended, and no more than it still owes now (a grant that
 * activated since may have paid some), so the settlement grant pays exactly what is billed.
 */
export async function periodUsage(
  context: ServiceContext,
  totals: LedgerTotals,
  row: SubscriptionRow,
): Promise<PeriodUsage> {
  const { store, engine, clock } = context;
  const { organizationId } = row;
  const fence = await engine.submit(organizationId, {
    type: "advance_time",
    to: row.periodEnd,
  });
  if (fence.code !== "ok")
    throw new Error(`renewal of ${row.id}: the ledger answered ${fence.code}`);
  const organization = await store.readOrganization(organizationId);
  if (organization === null) throw new Error(`organization ${organizationId} is missing`);
  const pools = subtreeOf(await store.readPoolParents(organizationId), row.poolId);
  const everything = Number.POSITIVE_INFINITY;
  const start = Math.min(organization.createdAt, row.periodStart);
  const before = await totals.between(organizationId, start, row.periodStart, everything);
  const within = await totals.between(organizationId, row.periodStart, row.periodEnd, everything);
  // Debt is owed, and paid, at a carrier: each pool of the subtree that ends a draw chain.
  const owedAtEnd = new Map<string, Micros>();
  const owe = (poolId: string, credits: Micros) =>
    owedAtEnd.set(poolId, (owedAtEnd.get(poolId) ?? 0n) + credits);
  for (const total of [...before.totals, ...within.totals]) {
    if (total.measure === "debt" && pools.has(total.grantPoolId))
      owe(total.grantPoolId, total.credits);
    if (total.measure === "debt_paid" && pools.has(total.poolId)) owe(total.poolId, -total.credits);
  }
  const view = await viewOf(engine, store, organizationId, clock);
  const debts: [string, Micros][] = [];
  for (const [poolId, owed] of [...owedAtEnd].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owedNow = view?.pools.get(poolId)?.debt ?? 0n;
    const debt = owed < owedNow ? owed : owedNow;
    if (debt > 0n) debts.push([poolId, debt]);
  }
  return { overage: sumOf(within.totals, pools, "overage"), debts };
}

/** `credits` at the plan's overage price less the commitment's discount, rounded half up once. */
export function overageCharge(terms: PlanTerms, credits: Micros): bigint {
  const kept = BigInt(100 - (terms.commitment?.discountPercent ?? 0));
  const charge = roundHalfUp({
    numerator: terms.overagePrice.numerator * credits * kept,
    denominator: terms.overagePrice.denominator * microsPerCredit * 100n,
  });
  // A line never passes the bound of money; consumption that would is billed up to it.
  return charge < limits.moneyMinorMax ? charge : limits.moneyMinorMax;
}

/**
 * What of the period's usage the plan bills: nothing when its overage price is zero. Debt is then
 * left to the ledger, which pays it from the next grants, as it does for a pool on no plan.
 */
function billed(terms: PlanTerms, usage: PeriodUsage): PeriodUsage {
  return terms.overagePrice.numerator === 0n ? { overage: 0n, debts: [] } : usage;
}

/** The lines the period's usage adds: its overage, and the commitment's true-up. */
export function usageLines(
  terms: PlanTerms,
  measured: PeriodUsage,
  span: { readonly from: number; readonly to: number },
): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  const usage = billed(terms, measured);
  const credits = usage.overage + debtOf(usage);
  const spent = overageCharge(terms, credits);
  if (credits > 0n) {
    const discount = terms.commitment?.discountPercent ?? 0;
    lines.push({
      id: "usage.overage",
      kind: "overage",
      description: `Overage: ${formatDecimal(credits)} credits${discount > 0 ? `, ${discount}% off` : ""}`,
      quantity: 1,
      amount: spent,
      ...span,
    });
  }
  const commitment = terms.commitment;
  if (commitment !== null && spent < commitment.minimum) {
    lines.push({
      id: "usage.true_up",
      kind: "commitment_true_up",
      description: `Commitment: ${commitment.minimum} minimum, ${spent} spent on usage`,
      quantity: 1,
      amount: commitment.minimum - spent,
      ...span,
    });
  }
  return lines;
}

/** The ended period with its usage lines, as its invoice is finalized. */
export function closingState(
  state: PeriodState,
  terms: PlanTerms,
  usage: PeriodUsage,
  period: BillingPeriod,
): PeriodState {
  const lines = usageLines(terms, usage, { from: period.start, to: period.end });
  return lines.length === 0 ? state : { ...state, lines: [...state.lines, ...lines] };
}

/**
 * The grants that settle the debt billed with the ended period, opening the next one (`period`):
 * one for each carrier that owes, of its credits at the price they were billed, never expiring.
 */
export function debtSettlements(
  terms: PlanTerms,
  measured: PeriodUsage,
  period: BillingPeriod,
  nextGrantId: () => string,
): GrantEffect[] {
  return billed(terms, measured).debts.map(([poolId, owed], index) => {
    // One grant holds at most the largest amount; debt past it (10^12 credits) stays owed.
    const amount = owed < limits.amountMicrosMax ? owed : limits.amountMicrosMax;
    const basis = costBasis(overageCharge(terms, amount), terms.currency, amount);
    return {
      id: `p${period.index}.debt${index}`,
      kind: "grant",
      source: "purchase",
      poolId,
      amount,
      costBasis: basis < limits.amountMicrosMax ? basis : limits.amountMicrosMax,
      effectiveAt: period.start,
      expiresAt: null,
      rollover: null,
      grantId: nextGrantId(),
      applied: false,
    };
  });
}
