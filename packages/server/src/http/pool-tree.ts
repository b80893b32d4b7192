/**
 * Which pools a key reaches, without loading the ledger: a pool's parent never changes and pools
 * are never deleted, so the tree of each organization is cached for good and only reloaded when
 * a request names a pool it has not seen yet.
 */
import type { Engine } from "../engine/engine.ts";
import type { Principal } from "./auth.ts";
import { ApiError } from "./problem.ts";

export class PoolTree {
  private readonly parents = new Map<string, Map<string, string | null>>();

  constructor(private readonly engine: Engine) {}

  /** Whether `poolId` is in the organization and, for a bound key, in its subtree. */
  async reaches(principal: Principal, organizationId: string, poolId: string): Promise<boolean> {
    let parents = this.parents.get(organizationId);
    if (parents === undefined || !parents.has(poolId)) parents = await this.reload(organizationId);
    if (!parents.has(poolId)) return false;
    if (principal.poolId === null) return true;
    let current: string | null | undefined = poolId;
    while (current !== null && current !== undefined) {
      if (current === principal.poolId) return true;
      current = parents.get(current);
    }
    return false;
  }

  /** A pool outside the key's reach is answered as if it did not exist. */
  async require(principal: Principal, organizationId: string, poolId: string, param = "pool") {
    if (!(await this.reaches(principal, organizationId, poolId))) {
      throw new ApiError("pool_not_found", undefined, param);
    }
  }

  private async reload(organizationId: string): Promise<Map<string, string | null>> {
    const state = await this.engine.readState(organizationId);
    const parents = new Map<string, string | null>();
    for (const pool of state?.pools.values() ?? []) parents.set(pool.id, pool.parentId);
    this.parents.set(organizationId, parents);
    return parents;
  }
}
