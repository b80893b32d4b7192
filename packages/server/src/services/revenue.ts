/**
 * Revenue recognition (`@creditpool/core` billing/revenue.ts) over a span of time, per pool and
 * per department (each child of the root pool with everything under it), in money at each
 * grant's cost basis, read from the ledger totals: a few rows a report, whatever the journal's
 * length.
 */
import { limits, type PoolRevenue, revenueByPool, sumRevenue } from "@creditpool/core";
import { within } from "../access/pool-tree.ts";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";
import { planOfRow } from "./subscription-periods.ts";

export type { Figure, PoolRevenue } from "@creditpool/core";

export interface RevenueReport {
  readonly from: number;
  readonly to: number;
  /** The currency of the organization's subscriptions, when they bill in one; else null. */
  readonly currency: string | null;
  /** The last journal sequence the report includes, and whether that was the journal's end. */
  readonly summedTo: number;
  readonly complete: boolean;
  readonly organization: PoolRevenue;
  /** Each child of the root pool, with its whole subtree: what each department is charged. */
  readonly departments: readonly PoolRevenue[];
  /** Every pool with a figure, by id, with its parent. */
  readonly pools: readonly (PoolRevenue & { readonly parentId: string | null })[];
}

export class RevenueService {
  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
  ) {}

  async report(principal: Principal, span: { from: number; to: number }): Promise<RevenueReport> {
    const organizationId = requirePermission(principal, "billing.read");
    if (span.to <= span.from) throw new Refusal("invalid_request", "Must be after from.", "to");
    const { store } = this.context;
    const organization = await store.readOrganization(organizationId);
    if (organization === null) throw new Refusal("organization_not_found");
    const start = Math.min(organization.createdAt, span.from);
    // Summed once, then both spans read the totals, and the journal, to that same sequence.
    const reached = await this.totals.catchUp(organizationId);
    const opening = await this.totals.between(organizationId, start, span.from, undefined, false);
    const spanned = await this.totals.between(organizationId, span.from, span.to, undefined, false);
    const pools = revenueByPool(opening.totals, spanned.totals);
    const parents = await store.readPoolParents(organizationId);
    const departments = [...parents]
      .filter(([, parent]) => parent === organization.rootPoolId)
      .map(([id]) => id);
    const departmentOf = (poolId: string) =>
      departments.find((department) => within(parents, department, poolId)) ?? null;
    const byDepartment = new Map<string, PoolRevenue[]>();
    for (const pool of pools) {
      const department = departmentOf(pool.poolId);
      if (department === null) continue;
      byDepartment.set(department, [...(byDepartment.get(department) ?? []), pool]);
    }
    return {
      from: span.from,
      to: span.to,
      currency: await currencyOf(this.context, organizationId),
      summedTo: reached.summedTo,
      complete: reached.complete && opening.complete && spanned.complete,
      organization: sumRevenue(organization.rootPoolId, pools),
      departments: [...byDepartment]
        .map(([id, members]) => sumRevenue(id, members))
        .sort((a, b) => (a.poolId < b.poolId ? -1 : 1)),
      pools: pools.map((pool) => ({ ...pool, parentId: parents.get(pool.poolId) ?? null })),
    };
  }
}

/**
 * The currency of the organization's subscriptions when they all bill in one; null when it has
 * none, or several (cost bases in different currencies do not add up to one figure).
 */
export async function currencyOf(
  context: ServiceContext,
  organizationId: string,
): Promise<string | null> {
  const rows = await context.store.listSubscriptions(organizationId, {
    limit: limits.subscriptionsPerOrganizationMax + 1,
  });
  const currencies = new Set<string>();
  for (const row of rows) currencies.add((await planOfRow(context, row)).terms.currency);
  return currencies.size === 1 ? ([...currencies][0] ?? null) : null;
}
