/**
 * Usage recorded after the fact is never refused: grants along the draw chain pay first, then the
 * carrier's overage allowance, and the rest becomes debt on the carrier.
 */
import type { Micros } from "./amount.ts";
import { attributionOf, costOfPart, type Meters, shareCost, type Tags } from "./attribution.ts";
import { planGrantDraws } from "./draw.ts";
import { noteParentDraw, recordSubjectUse, subjectsOfRequest } from "./governance.ts";
import { invariant } from "./invariant.ts";
import { type ApplyContext, post } from "./journal.ts";
import { limits } from "./limits.ts";
import { accounts, type LedgerState, type ProviderCost } from "./model.ts";
import {
  carrierOf,
  pathOf,
  recordConsumption,
  recordOverageUse,
  roomUnderTotalMax,
  unusedOverage,
} from "./state.ts";

export interface UsageDebit {
  readonly poolId: string;
  readonly amount: Micros;
  readonly holdId?: string | null;
  readonly rateCardVersion?: string | null;
  readonly memberId?: string | null;
  readonly keyId?: string | null;
  readonly model?: string | null;
  readonly tags?: Tags;
  readonly meters?: Meters;
  /** The event's provider cost, shared out over the transfers that record it. */
  readonly cost?: ProviderCost | undefined;
}

/**
 * Whether usage of `amount` at `poolId` fits every running total it would add to: consumption
 * (with held) on the whole path, and the carrier's debt. Usage is never refused for want of
 * credits; it is refused (`amount_out_of_range`) only when recording it would carry a total past
 * `limits.totalMicrosMax`, which no real organization reaches and storage could not keep.
 */
export function usageFits(state: LedgerState, poolId: string, amount: Micros): boolean {
  for (const pool of pathOf(state, poolId)) {
    if (amount > roomUnderTotalMax(pool, state.now)) return false;
  }
  const carrier = carrierOf(state, poolId);
  // Only when all of it becoming debt could pass the bound is it worth planning the draws.
  if (carrier.debt + amount <= limits.totalMicrosMax) return true;
  const uncovered = planGrantDraws(state, poolId, amount, true).uncovered;
  const overage = unusedOverage(carrier, state.now);
  const toDebt = uncovered > overage ? uncovered - overage : 0n;
  return carrier.debt + toDebt <= limits.totalMicrosMax;
}

export function debitUsage(context: ApplyContext, usage: UsageDebit): void {
  const { state } = context;
  const { poolId, amount } = usage;
  if (amount === 0n) return;
  const consumed = accounts.consumed(poolId);
  const plan = planGrantDraws(state, poolId, amount, true);
  const carrier = carrierOf(state, poolId);
  const unused = unusedOverage(carrier, state.now);
  const fromOverage = plan.uncovered < unused ? plan.uncovered : unused;
  const uncovered = plan.uncovered - fromOverage;
  // One share of the event's cost per transfer, in the order they are posted.
  const parts = [...plan.draws.map((draw) => draw.amount), fromOverage, uncovered];
  const costs = usage.cost === undefined ? [] : shareCost(usage.cost.amount, parts);
  let part = 0;
  const shared = () => ({
    poolId,
    holdId: usage.holdId ?? null,
    rateCardVersion: usage.rateCardVersion,
    attribution: attributionOf({ ...usage, cost: costOfPart(usage.cost, costs[part++] ?? 0n) }),
  });
  for (const { grant, amount: take } of plan.draws) {
    post(context, {
      ...shared(),
      kind: "usage",
      from: accounts.grant(grant.id),
      to: consumed,
      amount: take,
      grantId: grant.id,
    });
    grant.remaining -= take;
    state.dirty.grants.add(grant);
    noteParentDraw(state, poolId, grant.poolId, take, "drawn");
  }
  const overageShare = shared();
  if (fromOverage > 0n) {
    post(context, {
      ...overageShare,
      kind: "usage",
      from: accounts.overage,
      to: consumed,
      amount: fromOverage,
    });
    recordOverageUse(state, carrier, fromOverage);
  }
  const debtShare = shared();
  if (uncovered > 0n) {
    post(context, {
      ...debtShare,
      kind: "debt",
      from: accounts.debt(carrier.id),
      to: consumed,
      amount: uncovered,
    });
    carrier.debt += uncovered;
    invariant(carrier.debt <= limits.totalMicrosMax, `debt of pool ${carrier.id} stays in bounds`);
  }
  state.dirty.pools.add(carrier);
  recordConsumption(state, poolId, amount);
  recordSubjectUse(state, poolId, amount, subjectsOfRequest(usage));
}
