/** The pool tree: create, list, read with balances, change names and limits from now on. */
import type { OverageLimit, PoolLimit, PoolPolicy } from "@creditpool/core";
import { type Principal, reaches, requirePermission, requireReach } from "../access/principal.ts";
import { requireUnbound } from "../access/roles.ts";
import { type EngineAnswer, type PoolFigures, poolFigures } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import { auditIntent } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { PageRequest } from "./pages.ts";

export interface NewPool {
  readonly parent: string;
  readonly name: string;
  readonly drawsFromParent: boolean;
  readonly limit: PoolLimit | null;
  readonly overageLimit: OverageLimit | null;
  readonly policy?: Partial<PoolPolicy>;
}

export interface PoolChange {
  readonly name?: string | undefined;
  readonly limit?: PoolLimit | null | undefined;
  readonly overageLimit?: OverageLimit | null | undefined;
  /** Governance to change: reservation, caps, rate limits, allowed models. */
  readonly policy?: Partial<PoolPolicy>;
}

export class PoolService {
  constructor(private readonly context: ServiceContext) {}

  async create(
    principal: Principal,
    input: NewPool,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "pools.write");
    await tree.require(principal, organizationId, input.parent, "parent");
    if (input.overageLimit !== null)
      requireUnbound(principal, "grant an overage allowance", "overage_limit");
    return engine.submit(
      organizationId,
      {
        type: "create_pool",
        parentId: input.parent,
        name: input.name,
        drawsFromParent: input.drawsFromParent,
        limit: input.limit,
        overageLimit: input.overageLimit,
        ...(hasFields(input.policy) ? { policy: input.policy } : {}),
      },
      { idempotencyKey, audit: auditIntent(principal, "pool.created", "pool") },
    );
  }

  /** A bound key changes only pools below its own: its own is set from above. */
  async update(
    principal: Principal,
    poolId: string,
    change: PoolChange,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "pools.write");
    await tree.require(principal, organizationId, poolId, "id");
    if (!(await tree.below(principal, organizationId, poolId))) {
      const message =
        "A key bound to a pool changes only the pools below it: its own is set from above.";
      throw new Refusal("permission_denied", message, "id");
    }
    if (change.overageLimit !== undefined)
      requireUnbound(principal, "grant an overage allowance", "overage_limit");
    return engine.submit(
      organizationId,
      {
        type: "update_pool",
        poolId,
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.limit === undefined ? {} : { limit: change.limit }),
        ...(change.overageLimit === undefined ? {} : { overageLimit: change.overageLimit }),
        ...(hasFields(change.policy) ? { policy: change.policy } : {}),
      },
      { idempotencyKey, audit: auditIntent(principal, "pool.updated", "pool") },
    );
  }

  /** The pools the key reaches, by id, one more than the page for `has_more`. */
  async list(principal: Principal, page: PageRequest): Promise<PoolFigures[]> {
    const organizationId = requirePermission(principal, "pools.read");
    const state = await viewOf(this.context, organizationId);
    const after = page.startingAfter ?? "";
    const pools = [...state.pools.values()]
      .filter((pool) => pool.id > after && reaches(principal, state, pool.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, page.limit + 1);
    return pools.map((pool) => poolFigures(state, pool));
  }

  async read(principal: Principal, poolId: string): Promise<PoolFigures> {
    const organizationId = requirePermission(principal, "pools.read");
    const state = await viewOf(this.context, organizationId);
    requireReach(principal, state, poolId, "id");
    const pool = state.pools.get(poolId);
    if (pool === undefined) throw new Refusal("pool_not_found", undefined, "id");
    return poolFigures(state, pool);
  }
}

function hasFields(policy: Partial<PoolPolicy> | undefined): policy is Partial<PoolPolicy> {
  return policy !== undefined && Object.keys(policy).length > 0;
}

/** The organization's ledger as of now, as reads see it (never every open hold). */
export async function viewOf(context: ServiceContext, organizationId: string) {
  const state = await context.engine.readView(organizationId);
  if (state === null) throw new Refusal("organization_not_found");
  return state;
}
