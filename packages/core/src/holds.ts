/**
 * Holds are two-phase transfers: credits move from grants (or the carrier's overage allowance)
 * into the hold's account when it is made, and leave it once: captured into consumption, or
 * returned on release or expiry.
 */
import { type Micros, roundHalfUp } from "./amount.ts";
import {
  attributionOf,
  costOfPart,
  type Meters,
  shareCost,
  shareMeters,
  type Tags,
} from "./attribution.ts";
import { type DrawPlan, planGrantDraws } from "./draw.ts";
import {
  approvalGate,
  type Bucket,
  type CapRefusal,
  capRefusal,
  holdBuckets,
  modelRefusal,
  noteParentDraw,
  type RateRefusal,
  rateRefusal,
  recordSubjectUse,
  subjectsOfRequest,
  takeFromBuckets,
  throttledSize,
} from "./governance.ts";
import { returnToGrant } from "./grants.ts";
import { invariant } from "./invariant.ts";
import { type ApplyContext, post } from "./journal.ts";
import type { Attribution, Hold, LedgerState, ProviderCost, Reservation } from "./model.ts";
import { accounts } from "./model.ts";
import { type HoldRefusal, holdRefusalPrecedence } from "./result-codes.ts";
import {
  addHeldOnPath,
  addHold,
  addSubjectHeld,
  carrierOf,
  consumedThisPeriod,
  hardLimitAmount,
  pathOf,
  recordConsumption,
  recordOverageUse,
  roomUnderTotalMax,
  unusedOverage,
} from "./state.ts";
import { debitUsage } from "./usage.ts";

export interface HoldRequest {
  readonly holdId: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly ttlSeconds: number;
  readonly rateCardVersion?: string | null;
  readonly memberId?: string | null;
  readonly keyId?: string | null;
  readonly model?: string | null;
  readonly approved?: boolean;
  readonly tags?: Tags;
  readonly meters?: Meters;
  readonly cost?: ProviderCost | undefined;
}

/** Why a hold was refused: the code, the pool where it failed, and what decided it there. */
export interface HoldRefusalAt {
  readonly code: HoldRefusal;
  readonly poolId: string;
  /** For `rate_limited`: the bucket that is short, and when it will hold enough. */
  readonly rate?: RateRefusal;
  /** For `member_cap_exceeded`: the member's or key's cap and what it used and holds. */
  readonly cap?: CapRefusal;
  /** The pool is past its soft limit, and its throttle refused the hold's size or model. */
  readonly throttled?: boolean;
}

export type HoldAdmission =
  | { readonly allowed: true; readonly hold: Hold }
  | ({ readonly allowed: false } & HoldRefusalAt);

/**
 * The refusal checks of a hold, one per code of `holdRefusalPrecedence`: each answers where and
 * why the hold fails, or null. `placeHold` runs them in the order of that list, so the list that
 * documents the precedence is the order the code follows. `plan` is the draw the hold would make,
 * planned once for the checks and the reservation alike.
 */
const refusalChecks: Record<
  HoldRefusal,
  (state: LedgerState, request: HoldRequest, prepared: Prepared) => HoldRefusalAt | null
> = {
  rate_limited: (state, _request, { buckets }) => {
    const rate = rateRefusal(state, buckets);
    return rate === null ? null : { code: "rate_limited", poolId: rate.poolId, rate };
  },
  model_not_allowed: (state, { poolId, model, amount }) => {
    const at = modelRefusal(state, poolId, model ?? null, amount);
    if (at === null) return null;
    return { code: "model_not_allowed", poolId: at.poolId, ...throttledIf(at.throttled) };
  },
  member_cap_exceeded: (state, request) => {
    const cap = capRefusal(state, request.poolId, request.amount, subjectsOfRequest(request));
    return cap === null ? null : { code: "member_cap_exceeded", poolId: cap.poolId, cap };
  },
  pool_in_debt: (state, { poolId }) => {
    const carrier = carrierOf(state, poolId);
    return carrier.debt > 0n ? { code: "pool_in_debt", poolId: carrier.id } : null;
  },
  pool_limit_exceeded: (state, { poolId, amount }) => {
    const at = nearestPoolOverHardLimit(state, poolId, amount);
    if (at !== null) return { code: "pool_limit_exceeded", poolId: at };
    const throttled = throttledSize(state, poolId, amount);
    return throttled === null
      ? null
      : { code: "pool_limit_exceeded", poolId: throttled, throttled: true };
  },
  insufficient_credits: (state, { poolId }, { plan }) => {
    const carrier = carrierOf(state, poolId);
    return plan.uncovered > unusedOverage(carrier, state.now)
      ? { code: "insufficient_credits", poolId: carrier.id }
      : null;
  },
  approval_required: (state, { poolId, amount, approved }) => {
    const at = approvalGate(state, poolId, amount, approved === true);
    return at === null ? null : { code: "approval_required", poolId: at };
  },
};

function throttledIf(throttled: boolean): { throttled?: true } {
  return throttled ? { throttled: true } : {};
}

/** What a hold's checks and its reservation share: its draw plan and its rate-limit buckets. */
interface Prepared {
  readonly plan: DrawPlan;
  readonly buckets: readonly Bucket[];
}

function prepare(state: LedgerState, request: HoldRequest): Prepared {
  const { poolId, amount } = request;
  return {
    plan: planGrantDraws(state, poolId, amount),
    buckets: holdBuckets(state, poolId, amount, subjectsOfRequest(request)),
  };
}

/** The first refusal of `holdRefusalPrecedence` that applies to the hold, or null. */
export function holdRefusal(
  state: LedgerState,
  request: HoldRequest,
  prepared: Prepared = prepare(state, request),
): HoldRefusalAt | null {
  for (const code of holdRefusalPrecedence) {
    const refusal = refusalChecks[code](state, request, prepared);
    if (refusal !== null) return refusal;
  }
  return null;
}

/** Judges a hold against every refusal, in precedence order, then reserves its credits. */
export function placeHold(context: ApplyContext, request: HoldRequest): HoldAdmission {
  const { state } = context;
  const { poolId, amount } = request;
  const prepared = prepare(state, request);
  const refusal = holdRefusal(state, request, prepared);
  if (refusal !== null) return { allowed: false, ...refusal };
  const { plan } = prepared;
  const subjects = subjectsOfRequest(request);
  takeFromBuckets(state, prepared.buckets);
  const carrier = carrierOf(state, poolId);
  const fromOverage = plan.uncovered;

  const holdAccount = accounts.hold(request.holdId);
  const shared = { poolId, holdId: request.holdId, rateCardVersion: request.rateCardVersion };
  const reservations: Reservation[] = [];
  for (const { grant, amount: take } of plan.draws) {
    post(context, {
      ...shared,
      kind: "hold",
      from: accounts.grant(grant.id),
      to: holdAccount,
      amount: take,
      grantId: grant.id,
    });
    grant.remaining -= take;
    grant.held += take;
    state.dirty.grants.add(grant);
    noteParentDraw(state, poolId, grant.poolId, take, "held");
    reservations.push({ grantId: grant.id, amount: take });
  }
  if (fromOverage > 0n) {
    post(context, {
      ...shared,
      kind: "hold",
      from: accounts.overage,
      to: holdAccount,
      amount: fromOverage,
    });
    carrier.overageHeld += fromOverage;
    state.dirty.pools.add(carrier);
    reservations.push({ grantId: null, amount: fromOverage });
  }
  addHeldOnPath(state, poolId, amount);
  const hold: Hold = {
    id: request.holdId,
    poolId,
    amount,
    reservations,
    rateCardVersion: request.rateCardVersion ?? null,
    memberId: subjects.memberId,
    keyId: subjects.keyId,
    model: request.model ?? null,
    tags: request.tags ?? {},
    meters: request.meters ?? {},
    ...(request.cost === undefined ? {} : { cost: request.cost }),
    createdAt: state.now,
    expiresAt: state.now + request.ttlSeconds * 1000,
    status: "held",
    capturedAmount: 0n,
    closedAt: null,
  };
  addHold(state, hold);
  state.dirty.holds.add(hold);
  return { allowed: true, hold };
}

/**
 * The nearest pool on the path whose hard limit the hold would pass. Every pool also has an
 * implicit hard limit, the bound on its running totals (`limits.totalMicrosMax`), so no hold can
 * carry a total out of the range storage keeps.
 */
function nearestPoolOverHardLimit(state: LedgerState, poolId: string, amount: Micros) {
  for (const pool of pathOf(state, poolId)) {
    if (amount > roomUnderTotalMax(pool, state.now)) return pool.id;
    const limit = hardLimitAmount(pool, state.now);
    if (limit === null) continue;
    if (consumedThisPeriod(pool, state.now) + pool.held + amount > limit) return pool.id;
  }
  return null;
}

/** What a capture brings of its own: its priced split by meter and provider cost, if any. */
export interface CapturePricing {
  readonly meters?: Meters | undefined;
  readonly cost?: ProviderCost | undefined;
}

/**
 * What a capture of `amount` is attributed to: the hold's member, key, model and tags; the
 * capture's own split by meter and cost when it was priced from usage, else the hold's split and
 * the hold's cost scaled by amount ÷ held, rounded half up once (its split shared out likewise).
 */
export function captureAttribution(hold: Hold, amount: Micros, own: CapturePricing = {}) {
  const priced = own.meters !== undefined && Object.keys(own.meters).length > 0;
  if (priced) return attributionOf({ ...hold, meters: own.meters, cost: own.cost });
  return attributionOf({ ...hold, cost: scaledCost(hold, amount) });
}

function scaledCost(hold: Hold, amount: Micros): ProviderCost | undefined {
  const cost = hold.cost;
  if (cost === undefined) return undefined;
  invariant(hold.amount > 0n, `hold ${hold.id} holds a positive amount`);
  const scaled = roundHalfUp({
    numerator: cost.amount * amount,
    denominator: hold.amount,
  });
  return { ...cost, amount: scaled, meters: shareMeters(scaled, cost.meters) };
}

/**
 * Captures `amount`: up to the held amount from the reservations in the order they were made,
 * the rest of the reservations returned, and any excess recorded as usage at capture time. The
 * capture's cost is shared out over the captured part and the excess by their amounts.
 */
export function captureHold(
  context: ApplyContext,
  hold: Hold,
  amount: Micros,
  own?: CapturePricing,
): void {
  const captured = amount < hold.amount ? amount : hold.amount;
  const attribution = captureAttribution(hold, amount, own);
  const [capturedCost = 0n, excessCost = 0n] =
    attribution.cost === undefined
      ? []
      : shareCost(attribution.cost.amount, [captured, amount - captured]);
  settleHold(context, hold, captured, "release", {
    ...attribution,
    ...costPart(attribution.cost, capturedCost),
  });
  hold.status = "captured";
  hold.capturedAmount = amount;
  if (amount > captured) {
    debitUsage(context, {
      poolId: hold.poolId,
      amount: amount - captured,
      holdId: hold.id,
      rateCardVersion: hold.rateCardVersion,
      ...attribution,
      cost: costOfPart(attribution.cost, excessCost),
    });
  }
}

function costPart(cost: ProviderCost | undefined, amount: Micros) {
  return cost === undefined ? {} : { cost: { ...cost, amount } };
}

/**
 * A capture that comes after the hold expired: the work happened, so its amount is recorded as
 * usage (the expiry already returned the reservations). The hold stays `expired`; it keeps what
 * was reported, so one hold's work is recorded once: a later capture records nothing more.
 */
export function captureExpiredHold(
  context: ApplyContext,
  hold: Hold,
  amount: Micros,
  own?: CapturePricing,
): void {
  invariant(hold.status === "expired", `hold ${hold.id} is expired`);
  if (hold.capturedAmount > 0n) return;
  debitUsage(context, {
    poolId: hold.poolId,
    amount,
    holdId: hold.id,
    rateCardVersion: hold.rateCardVersion,
    ...captureAttribution(hold, amount, own),
  });
  hold.capturedAmount = amount;
  context.state.dirty.holds.add(hold);
}

export function releaseHold(context: ApplyContext, hold: Hold): void {
  settleHold(context, hold, 0n, "release");
  hold.status = "released";
}

export function expireHold(context: ApplyContext, hold: Hold): void {
  settleHold(context, hold, 0n, "expire");
  hold.status = "expired";
}

function settleHold(
  context: ApplyContext,
  hold: Hold,
  captured: Micros,
  returnKind: "release" | "expire",
  attribution?: Attribution,
) {
  const { state } = context;
  invariant(hold.status === "held", `hold ${hold.id} is settled once`);
  invariant(captured >= 0n && captured <= hold.amount, "a capture takes at most the held amount");
  invariant(captured === 0n || attribution !== undefined, "a capture is attributed");
  const carrier = carrierOf(state, hold.poolId);
  const holdAccount = accounts.hold(hold.id);
  const shared = { poolId: hold.poolId, holdId: hold.id, rateCardVersion: hold.rateCardVersion };
  const takes = takesOf(hold, captured);
  const cost = attribution?.cost;
  const costs = cost === undefined ? [] : shareCost(cost.amount, takes);
  for (const [at, reservation] of hold.reservations.entries()) {
    const take = takes[at] ?? 0n;
    const rest = reservation.amount - take;
    const grantId = reservation.grantId;
    if (take > 0n && attribution !== undefined) {
      post(context, {
        ...shared,
        kind: "capture",
        from: holdAccount,
        to: accounts.consumed(hold.poolId),
        amount: take,
        grantId,
        attribution: { ...attribution, ...costPart(cost, costs[at] ?? 0n) },
      });
    }
    if (grantId === null) {
      carrier.overageHeld -= reservation.amount;
      invariant(carrier.overageHeld >= 0n, "overage held stays non-negative");
      if (take > 0n) recordOverageUse(state, carrier, take);
      if (rest > 0n)
        post(context, {
          ...shared,
          kind: returnKind,
          from: holdAccount,
          to: accounts.overage,
          amount: rest,
        });
      state.dirty.pools.add(carrier);
      continue;
    }
    const grant = state.grants.get(grantId);
    invariant(grant !== undefined, `grant ${grantId} reserved by hold ${hold.id} is loaded`);
    grant.held -= reservation.amount;
    invariant(grant.held >= 0n, `held of grant ${grant.id} stays non-negative`);
    state.dirty.grants.add(grant);
    noteParentDraw(state, hold.poolId, grant.poolId, -reservation.amount, "held");
    noteParentDraw(state, hold.poolId, grant.poolId, take, "drawn");
    returnToGrant(context, grant, rest, returnKind, hold.id, hold.poolId, hold.rateCardVersion);
  }
  addHeldOnPath(state, hold.poolId, -hold.amount);
  addSubjectHeld(state, hold, -hold.amount);
  if (captured > 0n) {
    recordConsumption(state, hold.poolId, captured);
    recordSubjectUse(state, hold.poolId, captured, hold);
  }
  hold.closedAt = state.now;
  state.dirty.holds.add(hold);
}

/** What each reservation gives to a capture of `captured`, in the order they were made. */
function takesOf(hold: Hold, captured: Micros): Micros[] {
  let toCapture = captured;
  return hold.reservations.map((reservation) => {
    const take = reservation.amount < toCapture ? reservation.amount : toCapture;
    toCapture -= take;
    return take;
  });
}
