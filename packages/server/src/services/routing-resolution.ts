/**
 * Which model runs a gateway request: the rule of `RoutingService.resolve`, apart from the store.
 *
 * The policy in force at a pool is its own, else its nearest ancestor's. A request naming `auto`
 * (or any request, when the policy routes everything) is classified into a tier (the hint wins,
 * the policy's default tier is the floor); while the pool's `available` is below the policy's
 * low-balance threshold, the tier steps down once, before the gateway would have to refuse. The
 * candidates are the tier's preference list, then each cheaper tier's, without the models an
 * allow-list on the pool's path leaves out: routing never picks a model the pool does not allow.
 * A request naming a model where no policy routes it passes through unchanged; its hold still
 * meets the allow-lists.
 */
import {
  type ComplexityInput,
  type ComplexityReason,
  type ComplexityTier,
  classifyComplexity,
  formatDecimal,
  type LedgerState,
  type Micros,
  modelRefusal,
  type Pool,
  pathOf,
  tierBelow,
  tiersFrom,
} from "@creditpool/core";
import type { RoutingPolicyRow } from "../store/port.ts";

/** The model a request names to ask for routing. */
export const autoModel = "auto";

export interface RoutingRequest {
  /** The model the request names: `auto`, or a concrete one. */
  readonly model: string;
  readonly classifierInput: ComplexityInput;
  /** The `x-creditpool-tier` hint, already checked to be a tier; null when none was sent. */
  readonly hint: ComplexityTier | null;
}

/** Why routing chose what it chose: the classifier's reasons, then routing's own. */
export type RoutingReason =
  | ComplexityReason
  | { readonly rule: "no_policy"; readonly model: string }
  | { readonly rule: "model_named"; readonly model: string }
  | {
      readonly rule: "low_balance";
      readonly available: string;
      readonly below: string;
      readonly from: ComplexityTier;
      readonly to: ComplexityTier;
    }
  | { readonly rule: "model_not_allowed"; readonly model: string; readonly pool: string };

export interface RoutingDecision {
  readonly model: string;
  readonly tier: ComplexityTier;
  /** The models to try in order: the tier's preference list, then the cheaper tiers'. */
  readonly candidates: readonly string[];
  readonly reasons: readonly RoutingReason[];
  /** The policy in force, or null when none is. */
  readonly policyId: string | null;
  /**
   * What a stream whose output would pass its hold does: grow the hold (`extend`), or end there
   * (`end_stream`). The policy in force says; without one, the hold grows while the pool allows.
   */
  readonly onLimit: "extend" | "end_stream";
}

/** The policy in force at the pool: the pool's own, else the nearest ancestor's. */
export function policyInForce(
  path: readonly Pool[],
  policies: readonly RoutingPolicyRow[],
): RoutingPolicyRow | null {
  for (const pool of path) {
    const own = policies.find((policy) => policy.poolId === pool.id);
    if (own !== undefined) return own;
  }
  return null;
}

/** The low-balance threshold in micro-credits; null when the rule cannot apply. */
function thresholdOf(policy: RoutingPolicyRow, path: readonly Pool[]): Micros | null {
  const rule = policy.lowBalance;
  if (rule === null || !rule.stepDown) return null;
  if (rule.below !== null) return rule.below;
  const limit = path.find((pool) => pool.id === policy.poolId)?.limit ?? null;
  if (limit === null || rule.belowPercent === null) return null;
  return (limit.amount * BigInt(rule.belowPercent)) / 100n;
}

/** Whether the policy in force routes this request (`auto`, or a policy routing everything). */
export function routesRequest(policy: RoutingPolicyRow | null, request: RoutingRequest): boolean {
  return policy !== null && (request.model === autoModel || policy.routeAll);
}

/**
 * The decision for a request no policy routes: the model named runs (`auto` is refused), with the
 * classifier's tier and reasons. Needs no view of the ledger.
 */
export function unroutedDecision(
  policy: RoutingPolicyRow | null,
  request: RoutingRequest,
): RoutingDecision | { readonly refused: "no_policy" } {
  if (request.model === autoModel) return { refused: "no_policy" };
  const complexity = classifyComplexity(
    request.classifierInput,
    request.hint,
    policy?.defaultTier ?? "light",
  );
  const rule = policy === null ? "no_policy" : "model_named";
  return {
    model: request.model,
    tier: complexity.tier,
    candidates: [request.model],
    reasons: [...complexity.reasons, { rule, model: request.model }],
    policyId: policy?.id ?? null,
    onLimit: policy?.onLimit ?? "extend",
  };
}

/**
 * Decides the model. `available` is what a hold at the pool could take now; `state` is the
 * organization's ledger view, whose allow-lists filter the candidates. Answers null when the
 * request must be refused: `auto` with no policy, or no candidate allowed.
 */
export function decideRoute(
  state: LedgerState,
  poolId: string,
  available: Micros,
  policies: readonly RoutingPolicyRow[],
  request: RoutingRequest,
): RoutingDecision | { readonly refused: "no_policy" | "none_allowed" } {
  const path = pathOf(state, poolId);
  const policy = policyInForce(path, policies);
  const auto = request.model === autoModel;
  const routes = policy !== null && (auto || policy.routeAll);
  const complexity = classifyComplexity(
    request.classifierInput,
    request.hint,
    policy?.defaultTier ?? "light",
  );
  if (!routes) return unroutedDecision(policy, request);
  const reasons: RoutingReason[] = [...complexity.reasons];
  let tier = complexity.tier;
  const below = thresholdOf(policy, path);
  if (below !== null && available < below && tier !== "light") {
    const to = tierBelow(tier);
    reasons.push({
      rule: "low_balance",
      available: formatDecimal(available),
      below: formatDecimal(below),
      from: tier,
      to,
    });
    tier = to;
  }
  const candidates: string[] = [];
  for (const model of tiersFrom(tier).flatMap((each) => policy.tiers[each])) {
    if (candidates.includes(model)) continue;
    const refusal = modelRefusal(state, poolId, model);
    if (refusal === null) candidates.push(model);
    else if (
      !reasons.some((reason) => reason.rule === "model_not_allowed" && reason.model === model)
    )
      reasons.push({ rule: "model_not_allowed", model, pool: refusal.poolId });
  }
  const [model] = candidates;
  if (model === undefined) return { refused: "none_allowed" };
  return { model, tier, candidates, reasons, policyId: policy.id, onLimit: policy.onLimit };
}
