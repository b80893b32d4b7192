/**
 * Routing policies: how the gateway picks a model for a pool's requests (`routing-resolution.ts`
 * has the rule). Keys with `routing.write` make, change and remove them; a key bound to a pool
 * manages only the policies of pools strictly below its own (its own is set from above, like the
 * rest of a pool's governance) and sees only those of its subtree. Every change leaves an audit
 * record written with it. `resolve` is the gateway's: it reads the pool's `available` from the
 * engine's view and the policies of the pool's path.
 */
import { type ComplexityTier, isComplexityTier, tiersFrom } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { poolFigures } from "../engine/results.ts";
import { catalogModel } from "../model-catalog.ts";
import { Refusal } from "../refusal.ts";
import type { LowBalanceRule, OnLimit, RoutingPolicyRow, RoutingTiers } from "../store/port.ts";
import { auditEntry } from "./audit.ts";
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
import { type PageRequest, storePage, visiblePage } from "./pages.ts";
import { viewOf } from "./pools.ts";
import {
  decideRoute,
  type RoutingDecision,
  type RoutingRequest,
  routesRequest,
  unroutedDecision,
} from "./routing-resolution.ts";

export type { LowBalanceRule, OnLimit, RoutingPolicyRow, RoutingTiers } from "../store/port.ts";
export type { RoutingDecision, RoutingReason, RoutingRequest } from "./routing-resolution.ts";
export { autoModel } from "./routing-resolution.ts";

/** A change that keeps meeting a newer version gives up after this. */
const writeAttemptsMax = 8;

export interface NewRoutingPolicy {
  readonly pool: string;
  readonly tiers: RoutingTiers;
  readonly defaultTier: ComplexityTier;
  readonly routeAll: boolean;
  readonly lowBalance: LowBalanceRule | null;
  readonly onLimit: OnLimit;
}

export type RoutingPolicyChange = Partial<Omit<NewRoutingPolicy, "pool">>;

export class RoutingService {
  constructor(private readonly context: ServiceContext) {}

  async create(
    principal: Principal,
    input: NewRoutingPolicy,
    idempotencyKey: string,
    render: Render<RoutingPolicyRow>,
  ): Promise<Written<RoutingPolicyRow>> {
    const { store, ids } = this.context;
    const organizationId = requirePermission(principal, "routing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "routing.create", { input });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    await this.requireManaged(principal, organizationId, input.pool, "pool");
    await this.requireValid(organizationId, input);
    const now = await organizationNow(this.context, organizationId);
    const row: RoutingPolicyRow = {
      organizationId,
      id: ids.next("rpol"),
      poolId: input.pool,
      tiers: input.tiers,
      defaultTier: input.defaultTier,
      routeAll: input.routeAll,
      lowBalance: input.lowBalance,
      onLimit: input.onLimit,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const view = render(row);
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "routing_policy.created",
      targetType: "routing_policy",
      targetId: row.id,
      before: null,
      after: view,
    });
    const stored = await store.insertRoutingPolicy(row, answerOf(idempotency, view, now, audit));
    if (stored === "pool_has_policy") throw new Refusal("routing_policy_exists", undefined, "pool");
    return stored === null ? { made: row } : replayOf(idempotency, stored);
  }

  /** The policies of pools the key reaches, by id, one more than the page. */
  async list(principal: Principal, page: PageRequest): Promise<RoutingPolicyRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "routing.read");
    return visiblePage(
      (after, limit) => store.listRoutingPolicies(organizationId, storePage(after, limit)),
      (row) => tree.reaches(principal, organizationId, row.poolId),
      page,
    );
  }

  async read(principal: Principal, id: string): Promise<RoutingPolicyRow> {
    const organizationId = requirePermission(principal, "routing.read");
    return this.policy(principal, organizationId, id);
  }

  /** Changes any field but the pool; the audit record keeps the policy before and after. */
  async update(
    principal: Principal,
    id: string,
    change: RoutingPolicyChange,
    render: Render<RoutingPolicyRow>,
  ): Promise<RoutingPolicyRow> {
    const organizationId = requirePermission(principal, "routing.write");
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const row = await this.policy(principal, organizationId, id);
      await this.requireManaged(principal, organizationId, row.poolId, "id");
      const changed = { ...row, ...definedOf(change) };
      await this.requireValid(organizationId, { ...changed, pool: row.poolId });
      const now = await organizationNow(this.context, organizationId);
      const next = { ...changed, updatedAt: now, version: row.version + 1 };
      const audit = auditEntry(this.context, principal, organizationId, {
        action: "routing_policy.updated",
        targetType: "routing_policy",
        targetId: id,
        before: render(row),
        after: render(next),
      });
      if (await this.context.store.updateRoutingPolicy(next, row.version, audit)) return next;
    }
    throw new Refusal("routing_policy_not_found", "The policy kept changing; try again.", "id");
  }

  async delete(
    principal: Principal,
    id: string,
    render: Render<RoutingPolicyRow>,
  ): Promise<RoutingPolicyRow> {
    const organizationId = requirePermission(principal, "routing.write");
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const row = await this.policy(principal, organizationId, id);
      await this.requireManaged(principal, organizationId, row.poolId, "id");
      const audit = auditEntry(this.context, principal, organizationId, {
        action: "routing_policy.deleted",
        targetType: "routing_policy",
        targetId: id,
        before: render(row),
        after: null,
      });
      const { store } = this.context;
      if (await store.deleteRoutingPolicy(organizationId, id, row.version, audit)) return row;
    }
    throw new Refusal("routing_policy_not_found", "The policy kept changing; try again.", "id");
  }

  /**
   * The model a gateway request at `poolId` runs on. The gateway has authenticated the key and
   * checked that it may hold at the pool; `resolveFor` does both for a principal.
   */
  async resolve(
    organizationId: string,
    poolId: string,
    requested: RoutingRequest,
  ): Promise<RoutingDecision> {
    const path = await this.context.tree.pathOf(organizationId, poolId);
    if (path === null) throw new Refusal("pool_not_found", undefined, "pool");
    const policies = await this.context.store.routingPoliciesOfPools(organizationId, path);
    // The nearest policy decides; only a request it routes needs the ledger's view (balances,
    // allow-lists), read once here.
    const nearest = path
      .map((id) => policies.find((policy) => policy.poolId === id))
      .find((policy) => policy !== undefined);
    let decided: ReturnType<typeof decideRoute>;
    if (!routesRequest(nearest ?? null, requested)) {
      decided = unroutedDecision(nearest ?? null, requested);
    } else {
      const state = await viewOf(this.context, organizationId);
      const pool = state.pools.get(poolId);
      if (pool === undefined) throw new Refusal("pool_not_found", undefined, "pool");
      const { available } = poolFigures(state, pool);
      decided = decideRoute(state, poolId, available, policies, requested);
    }
    if ("refused" in decided)
      throw new Refusal(
        "model_not_routable",
        decided.refused === "no_policy"
          ? "The model `auto` needs a routing policy on the pool or above it."
          : "No model of the routing policy is allowed at the pool.",
        "model",
      );
    return decided;
  }

  /** `resolve` for a key: it must hold at the pool, within its reach. */
  async resolveFor(
    principal: Principal,
    poolId: string,
    requested: Omit<RoutingRequest, "hint"> & { readonly hint: string | null },
  ): Promise<RoutingDecision> {
    const organizationId = requirePermission(principal, "holds.write");
    await this.context.tree.require(principal, organizationId, poolId);
    const { hint } = requested;
    if (hint !== null && !isComplexityTier(hint))
      throw new Refusal(
        "invalid_request",
        "x-creditpool-tier is light, standard or heavy.",
        "x-creditpool-tier",
      );
    return this.resolve(organizationId, poolId, { ...requested, hint });
  }

  private async policy(principal: Principal, organizationId: string, id: string) {
    const row = await this.context.store.readRoutingPolicy(organizationId, id);
    if (row === null || !(await this.context.tree.reaches(principal, organizationId, row.poolId)))
      throw new Refusal("routing_policy_not_found", undefined, "id");
    return row;
  }

  /** A bound key manages the policies of the pools strictly below its own. */
  private async requireManaged(
    principal: Principal,
    organizationId: string,
    poolId: string,
    param: string,
  ) {
    const { tree } = this.context;
    await tree.require(principal, organizationId, poolId, param);
    if (!(await tree.below(principal, organizationId, poolId)))
      throw new Refusal(
        "permission_denied",
        "A key bound to a pool sets routing only for the pools below it: its own is set from above.",
        param,
      );
  }

  /** Every model known to the catalog or the rate cards; a percent rule needs a pool limit. */
  private async requireValid(organizationId: string, policy: NewRoutingPolicy): Promise<void> {
    const priced = await this.pricedModels(organizationId);
    for (const tier of tiersFrom("heavy"))
      for (const [index, model] of policy.tiers[tier].entries())
        if (catalogModel(model) === null && !priced.has(model))
          throw new Refusal(
            "invalid_request",
            `tiers.${tier}[${index}]: ${model} is in neither the model catalog nor a rate card.`,
            `tiers.${tier}[${index}]`,
          );
    if (policy.lowBalance?.belowPercent != null) {
      const state = await viewOf(this.context, organizationId);
      if ((state.pools.get(policy.pool)?.limit ?? null) === null)
        throw new Refusal(
          "invalid_request",
          "low_balance.below_percent: the pool has no limit to take a percentage of.",
          "low_balance.below_percent",
        );
    }
  }

  private async pricedModels(organizationId: string): Promise<Set<string>> {
    const cards = await this.context.rateCards.versionsFor(organizationId);
    const models = new Set<string>();
    for (const card of cards)
      for (const price of card.prices) {
        const model = price.dimensions.model;
        if (model !== undefined) models.add(model);
      }
    return models;
  }
}

/** The fields a change sets: an absent one keeps the policy's. */
function definedOf(change: RoutingPolicyChange): RoutingPolicyChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
