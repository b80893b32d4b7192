/**
 * Usage recorded after the fact is never refused: grants along the draw chain pay first, then the
 * carrier's overage allowance, and the rest becomes debt on the carrier.
 */
import type { Micros } from "./amount.ts";
import { planGrantDraws } from "./draw.ts";
import { type ApplyContext, post } from "./journal.ts";
import { accounts } from "./model.ts";
import { carrierOf, recordConsumption, recordOverageUse, unusedOverage } from "./state.ts";

export interface UsageDebit {
  readonly poolId: string;
  readonly amount: Micros;
  readonly holdId?: string | null;
  readonly rateCardVersion?: string | null;
}

export function debitUsage(context: ApplyContext, usage: UsageDebit): void {
  const { state } = context;
  const { poolId, amount } = usage;
  if (amount === 0n) return;
  const consumed = accounts.consumed(poolId);
  const shared = { poolId, holdId: usage.holdId ?? null, rateCardVersion: usage.rateCardVersion };
  const plan = planGrantDraws(state, poolId, amount);
  for (const { grant, amount: take } of plan.draws) {
    post(context, {
      ...shared,
      kind: "usage",
      from: accounts.grant(grant.id),
      to: consumed,
      amount: take,
      grantId: grant.id,
    });
    grant.remaining -= take;
    state.dirty.grants.add(grant);
  }
  let uncovered = plan.uncovered;
  const carrier = carrierOf(state, poolId);
  const fromOverage =
    uncovered < unusedOverage(carrier, state.now) ? uncovered : unusedOverage(carrier, state.now);
  if (fromOverage > 0n) {
    post(context, {
      ...shared,
      kind: "usage",
      from: accounts.overage,
      to: consumed,
      amount: fromOverage,
    });
    recordOverageUse(state, carrier, fromOverage);
    uncovered -= fromOverage;
  }
  if (uncovered > 0n) {
    post(context, {
      ...shared,
      kind: "debt",
      from: accounts.debt(carrier.id),
      to: consumed,
      amount: uncovered,
    });
    carrier.debt += uncovered;
  }
  state.dirty.pools.add(carrier);
  recordConsumption(state, poolId, amount);
}
