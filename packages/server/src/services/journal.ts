/** The journal: every transfer of the organization, filtered, paged by sequence. */
import type { Transfer } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import type { ServiceContext } from "./context.ts";

export interface JournalQuery {
  readonly afterSequence: number;
  readonly limit: number;
  readonly pool?: string | undefined;
  readonly grant?: string | undefined;
  readonly hold?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

export class JournalService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * Transfers after `afterSequence`, one more than `limit` for `has_more`. A key bound to a pool
   * reads its own pool's journal unless it names a pool in its subtree.
   */
  async list(principal: Principal, query: JournalQuery): Promise<Transfer[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "transfers.read");
    const poolId = query.pool ?? principal.poolId ?? undefined;
    if (poolId !== undefined) await tree.require(principal, organizationId, poolId);
    return store.listTransfers(organizationId, {
      afterSequence: query.afterSequence,
      limit: query.limit + 1,
      ...(poolId === undefined ? {} : { poolId }),
      ...(query.grant === undefined ? {} : { grantId: query.grant }),
      ...(query.hold === undefined ? {} : { holdId: query.hold }),
      ...(query.from === undefined ? {} : { fromAt: query.from }),
      ...(query.to === undefined ? {} : { toAt: query.to }),
    });
  }
}
