/**
 * The pool tree: create, list, read with balances, change names and limits from now on, archive
 * an empty pool. What a bound key sets stays within the parent's limits (`pool-bounds.ts`).
 */
import {
  limits,
  type Micros,
  type OverageLimit,
  type PoolLimit,
  type PoolPolicy,
} from "@creditpool/core";
import { type Principal, reaches, requirePermission, requireReach } from "../access/principal.ts";
import { requireUnbound } from "../access/roles.ts";
import { type EngineAnswer, type PoolFigures, poolFigures } from "../engine/results.ts";
import { Refusal } from "../refusal.ts";
import { auditIntent } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { type PageRequest, storePage } from "./pages.ts";
import { requireWithinParent } from "./pool-bounds.ts";

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
    if (principal.poolId !== null) {
      const state = await viewOf(this.context, organizationId);
      requireWithinParent(state, input.parent, input, null);
    }
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
    await requireBelow(this.context, principal, organizationId, poolId, "changes");
    if (change.overageLimit !== undefined)
      requireUnbound(principal, "grant an overage allowance", "overage_limit");
    if (principal.poolId !== null) {
      const state = await viewOf(this.context, organizationId);
      const pool = state.pools.get(poolId);
      if (pool?.parentId) requireWithinParent(state, pool.parentId, change, pool);
    }
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

  /**
   * Archives an empty pool below the key's own (the ledger refuses one that is not empty); it
   * keeps its history and takes nothing new.
   */
  async archive(
    principal: Principal,
    poolId: string,
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "pools.write");
    await tree.require(principal, organizationId, poolId, "id");
    await requireBelow(this.context, principal, organizationId, poolId, "archives");
    await requireNoSchedule(this.context, organizationId, poolId);
    return engine.submit(
      organizationId,
      { type: "archive_pool", poolId },
      { idempotencyKey, audit: auditIntent(principal, "pool.archived", "pool") },
    );
  }

  /**
   * Raises the pool's hard limit by `amount` until `until` (the ledger refuses more than 31 days
   * ahead); an amount of 0 ends the boost. A bound key boosts only pools below its own, and the
   * boosted limit stays within the hard limits above, as a limit it sets does.
   */
  async boost(
    principal: Principal,
    poolId: string,
    boost: { readonly amount: Micros; readonly until: number },
    idempotencyKey: string,
  ): Promise<EngineAnswer> {
    const { engine, tree } = this.context;
    const organizationId = requirePermission(principal, "pools.write");
    await tree.require(principal, organizationId, poolId, "id");
    await requireBelow(this.context, principal, organizationId, poolId, "boosts");
    if (principal.poolId !== null && boost.amount > 0n) {
      const state = await viewOf(this.context, organizationId);
      const pool = state.pools.get(poolId);
      if (pool?.parentId && pool.limit !== null) {
        const limit = { ...pool.limit, amount: pool.limit.amount + boost.amount };
        requireWithinParent(state, pool.parentId, { limit }, pool);
      }
    }
    const action = boost.amount === 0n ? "pool.boost_ended" : "pool.boosted";
    return engine.submit(
      organizationId,
      { type: "boost_pool", poolId, amount: boost.amount, until: boost.until },
      { idempotencyKey, audit: auditIntent(principal, action, "pool") },
    );
  }

  /**
   * The pools the key reaches, by id, one more than the page for `has_more`; archived pools only
   * when asked for.
   */
  async list(
    principal: Principal,
    page: PageRequest,
    includeArchived = false,
  ): Promise<PoolFigures[]> {
    const organizationId = requirePermission(principal, "pools.read");
    const state = await viewOf(this.context, organizationId);
    const after = page.startingAfter ?? "";
    const pools = [...state.pools.values()]
      .filter((pool) => includeArchived || pool.archivedAt === null)
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

/** A bound key manages only the pools strictly below its own: its own is set from above. */
async function requireBelow(
  context: ServiceContext,
  principal: Principal,
  organizationId: string,
  poolId: string,
  what: string,
): Promise<void> {
  if (await context.tree.below(principal, organizationId, poolId)) return;
  const message = `A key bound to a pool ${what} only the pools below it: its own is set from above.`;
  throw new Refusal("permission_denied", message, "id");
}

/**
 * A recurring grant that still issues to the pool would fail every period once it is archived:
 * it keeps the pool open until it is canceled or completed (and its periods are issued).
 */
async function requireNoSchedule(
  context: ServiceContext,
  organizationId: string,
  poolId: string,
): Promise<void> {
  let startingAfter: string | undefined;
  for (;;) {
    const page = await context.store.listRecurringGrants(
      organizationId,
      storePage(startingAfter, limits.pageSizeMax),
    );
    const issuing = page.find(
      (row) =>
        row.poolId === poolId && (row.status === "active" || row.issuedCount < row.nextIndex),
    );
    if (issuing !== undefined)
      throw new Refusal(
        "pool_not_empty",
        `The pool has recurring grant ${issuing.id} still issuing to it: cancel it first.`,
        "id",
      );
    if (page.length < limits.pageSizeMax) return;
    startingAfter = page.at(-1)?.id;
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
